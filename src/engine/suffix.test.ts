/** splitSuffix() must give tldts's answer on every host the hot path hands it (see suffix.ts). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'tldts';
import { splitSuffix, type SuffixSplit } from './suffix.js';
import { ICANN_SUFFIXES, PRIVATE_SUFFIXES, SUFFIX_EXCEPTIONS } from './generated/public-suffixes.js';

const TLDTS_OPTIONS = { allowPrivateDomains: true, extractHostname: false, validateHostname: false } as const;

function agrees(host: string): void {
  const ours = splitSuffix(host, { suffixStart: 0, privateRule: false } satisfies SuffixSplit);
  const theirs = parse(host, TLDTS_OPTIONS);
  assert.equal(host.slice(ours.suffixStart), theirs.publicSuffix, `suffix of ${host}`);
  assert.equal(ours.privateRule, theirs.isPrivate === true, `private rule of ${host}`);
}

const rules = [ICANN_SUFFIXES, PRIVATE_SUFFIXES, SUFFIX_EXCEPTIONS].flatMap((list) => list.split('\n').filter((r) => r.length > 0));
const asciiRules = rules.filter((r) => /^[a-z0-9.*-]+$/.test(r));

/** A label of the hot path's alphabet, short enough to make collisions with real rules likely. */
const label = fc.stringMatching(/^[a-z0-9_-]{1,8}$/);
/** A rule, its wildcard filled in, or one of its tails. */
const ruleTail = fc.constantFrom(...asciiRules).chain((rule) => {
  const labels = rule.split('.');
  return fc.integer({ min: 0, max: labels.length - 1 }).chain((cut) =>
    fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('a', 'b', 'c', 'w', 'x', 'y', 'z', '0', '1', '9', '-') }).map((fill) => labels.slice(cut).map((l) => (l === '*' ? fill : l)).join('.')));
});

describe('splitSuffix', () => {
  test('agrees with tldts on every rule, with zero to two labels in front', () => {
    for (const rule of asciiRules) {
      const host = rule.replaceAll('*', 'wild');
      agrees(host);
      agrees(`x.${host}`);
      agrees(`a-b.x.${host}`);
    }
  });

  test('agrees with tldts on exceptions and their neighbours', () => {
    for (const rule of SUFFIX_EXCEPTIONS.split('\n').filter((r) => r.length > 0)) {
      const parent = rule.slice(rule.indexOf('.') + 1);
      for (const host of [rule, `a.${rule}`, `b.a.${rule}`, parent, `other.${parent}`, `a.other.${parent}`]) agrees(host);
    }
  });

  test('agrees with tldts on random hosts built from rules', () => {
    fc.assert(fc.property(fc.array(label, { maxLength: 3 }), ruleTail, (front, tail) => { agrees([...front, tail].join('.')); }), { numRuns: 20_000 });
  });

  test('agrees with tldts on random hosts', () => {
    fc.assert(fc.property(fc.array(label, { minLength: 1, maxLength: 5 }), (labels) => { agrees(labels.join('.')); }), { numRuns: 20_000 });
  });
});
