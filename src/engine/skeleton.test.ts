/**
 * Skeletons: the char-code implementations against plain-string references (replaceAll, for...of), and
 * LookalikeIndex.find() against a Map keyed by lookalikeKey().
 */
import { test } from 'node:test';
import assert from '../test-assert.js';
import fc from 'fast-check';
import { LookalikeIndex, lookalikeKey, mayHaveSkeleton, skeleton } from './skeleton.js';

/** Whether an ASCII label has something to fold: a 0 or 1 next to a letter, `rn` or `vv`. */
function referenceMayFold(label: string): boolean {
  const letter = (i: number): boolean => label.charAt(i) >= 'a' && label.charAt(i) <= 'z';
  let digitNextToLetter = false;
  for (let i = 0; i < label.length; i++) {
    if ((label.charAt(i) === '0' || label.charAt(i) === '1') && (letter(i - 1) || letter(i + 1))) digitNextToLetter = true;
  }
  return digitNextToLetter || label.includes('rn') || label.includes('vv');
}

/** The ASCII folds written the obvious way (non-ASCII labels are covered by the engine's homoglyph tests). */
function referenceSkeleton(label: string): string {
  if (!referenceMayFold(label)) return label;
  return label.replaceAll('0', 'o').replaceAll('1', 'l').replaceAll('rn', 'm').replaceAll('vv', 'w');
}

function referenceKey(label: string): string {
  return referenceSkeleton(label).replaceAll('i', 'l').replaceAll('cl', 'd');
}

const asciiLabel = fc.string({ unit: fc.constantFrom(...'01rnvvcliid-aeyz9'.split('')), maxLength: 16 });

test('skeleton() and lookalikeKey() fold ASCII look-alikes as replaceAll would', () => {
  fc.assert(fc.property(asciiLabel, (label) => {
    assert.equal(mayHaveSkeleton(label), referenceMayFold(label));
    assert.equal(skeleton(label), referenceSkeleton(label));
    assert.equal(lookalikeKey(label), referenceKey(label));
  }), { numRuns: 2000 });
});

test('skeleton() returns its input itself when nothing folds', () => {
  for (const label of ['paypal', 'ec2-10-1', 'example', 'abc-123']) assert.equal(skeleton(label), label);
  assert.equal(skeleton('paypa1'), 'paypal');
  assert.equal(skeleton('g00gle'), 'google');
  assert.equal(skeleton('rnicrosoft'), 'microsoft');
  assert.equal(skeleton('p\u0430yp\u0430l'), 'paypal');
});

test('LookalikeIndex.find(skeleton) equals a Map look-up of lookalikeKey, hyphens dropped as a fallback', () => {
  const labels = ['paypal', 'icloud', 'docusign', 'cl', 'd', 'c-l', 'a-b', 'ab', 'apple', 'wells-fargo'];
  const index = new LookalikeIndex(labels);
  const map = new Map<string, number[]>();
  labels.forEach((label, id) => {
    const key = lookalikeKey(label);
    map.set(key, [...(map.get(key) ?? []), id]);
  });
  const reference = (label: string): readonly number[] | undefined => {
    const key = lookalikeKey(label);
    return map.get(key) ?? (key.includes('-') ? map.get(key.replaceAll('-', '')) : undefined);
  };
  const label = fc.oneof(asciiLabel, fc.constantFrom(...labels), fc.constantFrom(...labels).map((l) => l.replaceAll('l', 'i')), fc.constantFrom(...labels).map((l) => `${l.slice(0, 2)}-${l.slice(2)}`));
  fc.assert(fc.property(label, (l) => {
    assert.deepEqual(index.find(skeleton(l)), reference(l), l);
  }), { numRuns: 3000 });
  assert.deepEqual(index.find(skeleton('icioud')), [1]);
  assert.deepEqual(index.find('c-l'), [5]);
  assert.deepEqual(index.find('a--b'), [7]);
});
