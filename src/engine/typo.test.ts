/**
 * withinOneEdit() against the textbook definition: the optimal-string-alignment distance (Damerau's edits, each
 * character edited at most once) computed by dynamic programming, on random short strings over a small alphabet so
 * that near misses are common.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { withinOneEdit } from './typo.js';

function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] ?? [];
      const up = d[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] ?? 0, (d[i - 2]?.[j - 2] ?? 0) + 1);
    }
  }
  return d[a.length]?.[b.length] ?? 0;
}

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-'), maxLength: 7 });

describe('withinOneEdit', () => {
  test('agrees with the edit distance on random pairs', () => {
    fc.assert(fc.property(word, word, (a, b) => withinOneEdit(a, b) === (editDistance(a, b) <= 1)), { numRuns: 5000 });
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
