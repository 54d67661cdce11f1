/**
 * withinOneEdit() against the textbook definition: the optimal-string-alignment distance (Damerau's edits, each
 * character edited at most once) computed by dynamic programming, on random short strings over a small alphabet so
 * that near misses are common.
 */
import { describe, test } from 'node:test';
import assert from '../test-assert.js';
import fc from 'fast-check';
import { withinOneEdit } from './typo.js';
import { swapDistance } from './test-distance.js';

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-'), maxLength: 7 });

describe('withinOneEdit', () => {
  test('agrees with the edit distance on random pairs', () => {
    fc.assert(fc.property(word, word, (a, b) => withinOneEdit(a, b) === (swapDistance(a, b) <= 1)), { numRuns: 5000 });
  });

  test('holds every single insertion, omission and replacement of a word', () => {
    const edits = fc.tuple(word, fc.nat(8), fc.constantFrom('a', 'b', 'x', '-')).map(([w, at, c]) => {
      const i = Math.min(at, w.length);
      return [w, `${w.slice(0, i)}${c}${w.slice(i)}`, `${w.slice(0, i)}${w.slice(i + 1)}`, `${w.slice(0, i)}${c}${w.slice(i + 1)}`] as const;
    });
    fc.assert(fc.property(edits, ([w, inserted, left, replaced]) => {
      for (const other of [inserted, left, replaced]) assert.ok(withinOneEdit(w, other) && withinOneEdit(other, w), `${w} / ${other}`);
    }), { numRuns: 2000 });
  });

  test('reads the examples an analyst would', () => {
    assert.ok(withinOneEdit('smbc-crad', 'smbc-card'));
    assert.ok(withinOneEdit('rakuten-carde', 'rakuten-card'));
    assert.ok(!withinOneEdit('wallart', 'wal-mart'));
    assert.ok(!withinOneEdit('city-bank', 'citibank'));
  });
});
