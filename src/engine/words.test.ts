/**
 * The common-word look-up (a binary search over the generated table) against a plain Set of the same words.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { WORDS_BY_LENGTH } from './generated/words.js';
import { LURE_WORDS } from './lexicon.js';
import { isCommonWord, isCommonWordAt } from './words.js';

const table: string[] = [];
WORDS_BY_LENGTH.forEach((group, n) => {
  for (let at = 0; n > 0 && at < group.length; at += n) table.push(group.slice(at, at + n));
});
const set = new Set(table);
/**
 * isCommonWord() also answers true for lure words, their plurals, domain parts (`co`, `jp`) and document words
 * (words.ts): probes that may be one of those are left out of the comparisons with the table.
 */
const LURE_STEMS = [...LURE_WORDS.map((w) => w.replaceAll('-', '')), 'share', 'docs', 'file', 'download', 'view', 'review', 'esign', 'fax', 'voicemail', 'scan', 'document'];
function mayBeLure(s: string): boolean {
  return s.length <= 3 || LURE_STEMS.some((stem) => s.startsWith(stem));
}

describe('common words', () => {
  test('the table holds 24,501 sorted words of 3 to 20 letters', () => {
    assert.equal(table.length, 24_501);
    WORDS_BY_LENGTH.forEach((group, n) => {
      if (n < 3) assert.equal(group, '');
      else assert.equal(group.length % n, 0);
    });
    for (const n of [3, 7, 20]) {
      const words = table.filter((w) => w.length === n);
      assert.deepEqual(words, [...words].sort());
    }
  });

  test('every listed word is found, alone and inside other text', () => {
    for (const w of table) {
      assert.ok(isCommonWord(w), w);
      assert.ok(isCommonWordAt(`x-${w}.com`, 2, 2 + w.length), w);
    }
  });

  test('a word one letter off a listed one is found exactly when it is listed (or is a lure word)', () => {
    for (const w of table.filter((_, i) => i % 5 === 0)) {
      for (const c of ['a', 'm', 'z']) {
        for (const variant of [w.slice(0, -1) + c, c + w.slice(1), w + c, c + w, w.slice(1), w.slice(0, -1)]) {
          if (!mayBeLure(variant)) assert.equal(isCommonWord(variant), set.has(variant), variant);
        }
      }
    }
  });

  test('random letters are a common word exactly when the table lists them (or they are a lure word)', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z]{1,22}$/), fc.stringMatching(/^[a-z0-9.-]{0,5}$/), (s, around) => {
      const found = isCommonWordAt(`${around}${s}${around}`, around.length, around.length + s.length);
      assert.equal(found, isCommonWord(s), s);
      if (!mayBeLure(s)) assert.equal(found, set.has(s), s);
    }), { numRuns: 20_000 });
  });
});
