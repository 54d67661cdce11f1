/**
 * The common-word look-up (isListedWord: a binary search over the generated table) against a plain Set of the same
 * words; isCommonWord() answers the same for them (it also answers true for lure words, which the table need not hold).
 */
import assert from '../test-assert.js';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { WORDS_BY_LENGTH } from './generated/words.js';
import { isCommonWord, isCommonWordAt, isListedWord, isLureAmongWords, isNameWordCode, isShortCode } from './words.js';

const table: string[] = [];
WORDS_BY_LENGTH.forEach((group, n) => {
  for (let at = 0; n > 0 && at < group.length; at += n) table.push(group.slice(at, at + n));
});
const set = new Set(table);

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
      assert.ok(isListedWord(`x-${w}.com`, 2, 2 + w.length), w);
      assert.ok(isCommonWord(w), w);
      assert.ok(isCommonWordAt(`x-${w}.com`, 2, 2 + w.length), w);
    }
  });

  test('a word one letter off a listed one is found exactly when it is listed', () => {
    for (const w of table.filter((_, i) => i % 5 === 0)) {
      for (const c of ['a', 'm', 'z']) {
        for (const variant of [w.slice(0, -1) + c, c + w.slice(1), w + c, c + w, w.slice(1), w.slice(0, -1)]) {
          assert.equal(isListedWord(variant, 0, variant.length), set.has(variant), variant);
        }
      }
    }
  });

  test('random letters are listed exactly when the table holds them, wherever they stand in a string', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z]{1,22}$/), fc.stringMatching(/^[a-z0-9.-]{0,5}$/), (s, around) => {
      const text = `${around}${s}${around}`;
      assert.equal(isListedWord(text, around.length, around.length + s.length), set.has(s), s);
      assert.equal(isCommonWordAt(text, around.length, around.length + s.length), isCommonWord(s), s);
    }), { numRuns: 20_000 });
  });
});

describe('lure words among other words', () => {
  /** Fewest known words `s` reads as, by trying every first word (exponential; an independent oracle for short s). */
  const fewest = (s: string): number => {
    if (s === '') return 0;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 2; i <= s.length; i++) {
      const piece = s.slice(0, i);
      const known = i === 2 ? isNameWordCode(piece) : isCommonWord(piece);
      if (known) best = Math.min(best, 1 + fewest(s.slice(i)));
    }
    return best;
  };
  const pieces = ['violation', 'wallet', 'reward', 'update', 'guideline', 'digital', 'trend', 'now', 'hub', 'id', 'ant', 'accounts', 'photo', 'qxz', 'kv', 'legal', 'notice', 'ad', 'inspire'];

  test('examples', () => {
    const at = (text: string, word: string): boolean => isLureAmongWords(text, text.indexOf(word), text.indexOf(word) + word.length);
    assert.ok(at('guidelineviolationdigitaltrend.vercel.app', 'violation'));
    assert.ok(at('claimrewardnow', 'reward'));
    assert.ok(!at('qxzviolationtrend', 'violation'));
    assert.ok(!at('charteredaccountants', 'account'));
    // `ad` is a word here, as policy kits glue it (engine 1.39), though no code elsewhere (`tnstradlng` stays random).
    assert.ok(at('contentviolationadinspire', 'violation'));
    assert.ok(isNameWordCode('ad') && !isShortCode('ad'));
  });

  test('agrees with a brute-force reading of the fewest words', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 3 }), fc.constantFrom('violation', 'wallet', 'reward', 'update'), fc.array(fc.constantFrom(...pieces), { maxLength: 3 }), (left, lure, right) => {
      const before = left.join('');
      const after = right.join('');
      const text = `x-${before}${lure}${after}.com`;
      const start = 2 + before.length;
      // Runs longer than the engine segments (40 letters) are never read as words.
      const readable = before.length + lure.length + after.length <= 40 && Number.isFinite(fewest(before) + fewest(after));
      const expected = readable && fewest(before) + 1 + fewest(after) === fewest(`${before}${lure}${after}`);
      assert.equal(isLureAmongWords(text, start, start + lure.length), expected, text);
    }), { numRuns: 2_000 });
  });
});
