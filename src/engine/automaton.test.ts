/**
 * TokenAutomaton: scanInto() finds every occurrence of every token (checked against a naive search), in the same
 * order and count whether or not the caller's buffer has room for all of them.
 */
import { test } from 'node:test';
import assert from '../test-assert.js';
import fc from 'fast-check';
import { TokenAutomaton } from './automaton.js';

const TOKENS = ['paypal', 'pal', 'pay', 'apple', 'app', 'login', 'log', 'in', 'sign-in', 'signin', 'a', 'smbc-card', 'card'];

/** Every (token, start, end) by plain substring search, in the order the automaton reports them. */
function naive(tokens: readonly string[], text: string): number[][] {
  const found: number[][] = [];
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  tokens.forEach((token, id) => {
    for (let at = lower.indexOf(token); at >= 0; at = lower.indexOf(token, at + 1)) found.push([id, at, at + token.length]);
  });
  return found.sort((x, y) => (x[2] ?? 0) - (y[2] ?? 0) || (x[1] ?? 0) - (y[1] ?? 0) || (x[0] ?? 0) - (y[0] ?? 0));
}

/** All triples, with a buffer large enough for any text of the test's length. */
function viaScan(automaton: TokenAutomaton, text: string): number[][] {
  const out = new Int32Array(3 * 64 * TOKENS.length);
  const count = automaton.scanInto(text, 0, text.length, out);
  return Array.from({ length: count }, (_, k) => [...out.subarray(3 * k, 3 * k + 3)]);
}

const text = fc.string({ unit: fc.constantFrom(...'paylogincardsmb-.APé1'.split('')), maxLength: 60 });

test('scanInto() reports every occurrence of every token', () => {
  const automaton = new TokenAutomaton(TOKENS);
  fc.assert(fc.property(text, (t) => {
    const sortKey = (h: number[]): string => h.join(',');
    assert.deepEqual(viaScan(automaton, t).map(sortKey).sort(), naive(TOKENS, t).map(sortKey).sort());
  }), { numRuns: 500 });
});

test('with too little room, scanInto() writes the first triples in order and still counts them all', () => {
  const automaton = new TokenAutomaton(TOKENS);
  fc.assert(fc.property(text, fc.nat(12), (t, room) => {
    const expected = viaScan(automaton, t);
    const out = new Int32Array(3 * room);
    const count = automaton.scanInto(t, 0, t.length, out);
    assert.equal(count, expected.length);
    const written = Math.min(count, room);
    for (let k = 0; k < written; k++) assert.deepEqual([...out.subarray(3 * k, 3 * k + 3)], expected[k]);
  }), { numRuns: 500 });
});

test('scanInto() honours the [from, to) window', () => {
  const automaton = new TokenAutomaton(TOKENS);
  const out = new Int32Array(30);
  const count = automaton.scanInto('xx.paypal.login', 3, 9, out);
  assert.deepEqual([...out.subarray(0, 3 * count)], [10, 4, 5, 2, 3, 6, 10, 7, 8, 0, 3, 9, 1, 6, 9]);
});

test('tokens spelt alike are all reported, in id order; a NUL placeholder token is never reported', () => {
  // The engine gives tokens it does not scan for a NUL placeholder, and two brands may share a token.
  const automaton = new TokenAutomaton(['pay', '\u0000', 'pay', 'paypal', '\u0000', 'al']);
  const out = new Int32Array(30);
  const count = automaton.scanInto('x\u0000paypal', 0, 8, out);
  assert.deepEqual([...out.subarray(0, 3 * count)], [0, 2, 5, 2, 2, 5, 3, 2, 8, 5, 6, 8]);
});
