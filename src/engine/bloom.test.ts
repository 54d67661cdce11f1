import { describe, test } from 'node:test';
import assert from '../test-assert.js';
import fc from 'fast-check';
import { StringBloom } from './bloom.js';

describe('StringBloom', () => {
  test('never says no to an entry, asked whole, over a range or joined', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.string({ maxLength: 12 }), { maxLength: 200 }), fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), (entries, before, after) => {
      const bloom = new StringBloom(entries);
      for (const e of entries) {
        assert.equal(bloom.mayHave(e), true);
        assert.equal(bloom.mayHave(before + e + after, before.length, before.length + e.length), true);
        const cut = Math.floor(e.length / 2);
        assert.equal(bloom.mayHaveJoined(e.slice(0, cut), e.slice(cut)), true);
      }
    }));
  });

  test('entries given as a word table by length are the same entries', () => {
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 50 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 5 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 20 }), (words, entries, probes) => {
      const byLength: string[] = [];
      for (const w of words) byLength[w.length] = (byLength[w.length] ?? '') + w;
      const fromTable = new StringBloom(entries, Array.from({ length: byLength.length }, (_, n) => byLength[n] ?? ''));
      const whole = new StringBloom([...entries, ...words]);
      for (const w of [...words, ...entries]) assert.equal(fromTable.mayHave(w), true);
      for (const p of probes) if (fromTable.mayHave(p) !== whole.mayHave(p)) assert.equal(fromTable.mayHave(p), true);
    }));
  });

  test('a range and a join hash like the substring and the concatenation', () => {
    const bloom = new StringBloom(['paypal', 'amazon', 'login', 'x']);
    fc.assert(fc.property(fc.string({ maxLength: 16 }), fc.nat(16), fc.nat(16), (s, i, j) => {
      const from = Math.min(i, j, s.length);
      const to = Math.min(Math.max(i, j), s.length);
      assert.equal(bloom.mayHave(s, from, to), bloom.mayHave(s.slice(from, to)));
      assert.equal(bloom.mayHaveJoined(s.slice(0, from), s.slice(from)), bloom.mayHave(s));
    }));
  });

  test('a dotted reading hashes like the string with those hyphens written as dots', () => {
    const bloom = new StringBloom(['olx.pl', 'smbc-card.com', 'amazon.co.jp']);
    assert.equal(bloom.mayHaveDotted('x.olx-pl.example', 2, 8, 5), true);
    assert.equal(bloom.mayHaveDotted('smbc-card-com', 0, 13, 9), true);
    assert.equal(bloom.mayHaveDotted('amazon-co-jp', 0, 12, 6), true);
    fc.assert(fc.property(fc.stringMatching(/^[a-z.-]{0,16}$/), fc.nat(16), fc.nat(16), fc.nat(16), (s, i, j, k) => {
      const from = Math.min(i, j, s.length);
      const to = Math.min(Math.max(i, j), s.length);
      const dotsFrom = Math.min(from + k, to);
      const read = s.slice(from, dotsFrom) + s.slice(dotsFrom, to).replaceAll('-', '.');
      assert.equal(bloom.mayHaveDotted(s, from, to, dotsFrom), bloom.mayHave(read));
      assert.equal(bloom.mayHaveDotted(s, from, to, to), bloom.mayHave(s, from, to));
    }));
  });

  test('an unhyphenated reading hashes like the range with its hyphens removed', () => {
    const bloom = new StringBloom(['amazoncojp', 'paypalcom']);
    assert.equal(bloom.mayHaveUnhyphenated('x.amazon-co-jp.example', 2, 14), true);
    assert.equal(bloom.mayHaveUnhyphenated('pay-pal-com', 0, 11), true);
    fc.assert(fc.property(fc.stringMatching(/^[a-z.-]{0,16}$/), fc.nat(16), fc.nat(16), (s, i, j) => {
      const from = Math.min(i, j, s.length);
      const to = Math.min(Math.max(i, j), s.length);
      assert.equal(bloom.mayHaveUnhyphenated(s, from, to), bloom.mayHave(s.slice(from, to).replaceAll('-', '')));
    }));
  });

  test('rules out most absent strings (16 bits per entry, two probes)', () => {
    const entries = Array.from({ length: 5000 }, (_, i) => `entry${i}.example`);
    const bloom = new StringBloom(entries);
    let maybe = 0;
    for (let i = 0; i < 20_000; i++) if (bloom.mayHave(`absent${i}.example`)) maybe++;
    assert.ok(maybe < 20_000 * 0.03, `${maybe} false positives in 20,000`);
  });
});
