import { test } from 'node:test';
import assert from '../test-assert.js';
import fc from 'fast-check';
import punycode from 'punycode/punycode.js';
import { MAX_PERMUTATIONS, generatePermutations } from './permutations.js';
import type { Permutation, PermutationTechnique } from './types.js';

const TECHNIQUE_ORDER: readonly PermutationTechnique[] = [
  'addition', 'omission', 'repetition', 'replacement', 'transposition', 'bitsquatting', 'vowel-swap', 'hyphenation',
  'dot-insertion', 'missing-dot', 'homoglyph', 'idn-homoglyph', 'tld-swap', 'combosquat', 'plural', 'brand-in-subdomain',
];

const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function isValidHost(host: string): boolean {
  return host.length <= 253 && host.split('.').every(
    (label) => LDH_LABEL.test(label) && (label.slice(2, 4) !== '--' || label.startsWith('xn--')),
  );
}

/** The invariants every result must keep, whatever the input. */
function assertWellFormed(input: string, perms: readonly Permutation[]): void {
  assert.ok(perms.length <= MAX_PERMUTATIONS);
  const domains = perms.map((p) => p.domain);
  assert.equal(new Set(domains).size, domains.length, 'duplicate candidates');
  for (const p of perms) {
    assert.ok(isValidHost(p.domain), `invalid host ${p.domain} (${p.technique})`);
    assert.equal(p.domain, p.domain.toLowerCase());
    assert.notEqual(p.domain, input);
    assert.equal(punycode.toUnicode(p.domain), p.unicode, `unicode form of ${p.domain}`);
  }
}

function byDomain(perms: readonly Permutation[]): Map<string, Permutation> {
  return new Map(perms.map((p) => [p.domain, p]));
}

function techniqueOf(perms: readonly Permutation[], domain: string): PermutationTechnique | undefined {
  return byDomain(perms).get(domain)?.technique;
}

test('paypal.com: every technique, the expected classics, never itself', () => {
  const perms = generatePermutations('paypal.com');
  assertWellFormed('paypal.com', perms);
  assert.ok(perms.length > 100, `only ${perms.length} candidates`);
  assert.equal(techniqueOf(perms, 'paypal.com'), undefined);
  assert.equal(techniqueOf(perms, 'paypa1.com'), 'homoglyph');
  assert.ok(['repetition', 'addition'].includes(techniqueOf(perms, 'paypall.com') ?? ''));
  assert.equal(techniqueOf(perms, 'papyal.com'), 'transposition');
  assert.equal(techniqueOf(perms, 'paypal.co'), 'tld-swap');
  assert.equal(techniqueOf(perms, 'paypal-login.com'), 'combosquat');
  assert.equal(techniqueOf(perms, 'pay.pal.com'), 'dot-insertion');
  assert.equal(techniqueOf(perms, 'wwwpaypal.com'), 'missing-dot');
  assert.equal(techniqueOf(perms, 'www-paypal.com'), 'missing-dot');
  assert.equal(techniqueOf(perms, 'paypalcom.com'), 'missing-dot');
  assert.equal(techniqueOf(perms, 'wwwpaypalcom.com'), 'missing-dot');
  assert.equal(techniqueOf(perms, 'paypal.com-verify.info'), 'brand-in-subdomain');
  assert.equal(techniqueOf(perms, 'paypal.com.secure-login.net'), 'brand-in-subdomain');
  const cyrillic = perms.find((p) => p.domain.startsWith('xn--') && p.unicode.includes('\u0430'));
  assert.equal(cyrillic?.technique, 'idn-homoglyph');
  assert.deepEqual(new Set(perms.map((p) => p.technique)), new Set(TECHNIQUE_ORDER));
});

test('output is grouped by technique in the documented order and deterministic', () => {
  const perms = generatePermutations('paypal.com');
  const ranks = perms.map((p) => TECHNIQUE_ORDER.indexOf(p.technique));
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
  assert.deepEqual(generatePermutations('paypal.com'), perms);
});

test('idn-homoglyph stays bounded and includes the whole-label Cyrillic form', () => {
  const idn = generatePermutations('apple.com').filter((p) => p.technique === 'idn-homoglyph');
  assert.ok(idn.length <= 'apple'.length * 6 + 1, `${idn.length} idn candidates`);
  assert.ok(idn.every((p) => p.domain.startsWith('xn--')));
  const whole = idn.find((p) => /^\p{Script=Cyrillic}+\.com$/u.test(p.unicode));
  assert.equal(whole?.domain, 'xn--80ak6aa92e.com');
  assert.equal(whole.unicode, '\u0430\u0440\u0440\u04cf\u0435.com');
});

test('brand-in-subdomain stays a handful', () => {
  const count = generatePermutations('paypal.com').filter((p) => p.technique === 'brand-in-subdomain').length;
  assert.ok(count > 0 && count <= 10);
});

test('multi-label public suffixes are kept', () => {
  for (const [input, suffix, omitted, replaced] of [
    ['amazon.co.uk', '.co.uk', 'amazn.co.uk', 'amazpn.co.uk'],
    ['hmrc.gov.uk', '.gov.uk', 'hrc.gov.uk', 'hnrc.gov.uk'],
  ] as const) {
    const perms = generatePermutations(input);
    assertWellFormed(input, perms);
    assert.equal(techniqueOf(perms, omitted), 'omission');
    assert.equal(techniqueOf(perms, replaced), 'replacement');
    for (const p of perms.filter((q) => q.technique === 'omission' || q.technique === 'replacement')) {
      assert.ok(p.domain.endsWith(suffix) && p.domain.split('.').length === 3, p.domain);
    }
  }
  const hmrc = generatePermutations('hmrc.gov.uk');
  assert.equal(techniqueOf(hmrc, 'hmrc.com'), 'tld-swap');
  assert.equal(techniqueOf(hmrc, 'hmrc-login.gov.uk'), 'combosquat');
  assert.equal(techniqueOf(hmrc, 'hmrc-login.com'), 'combosquat');
});

test('IDN input: Unicode and punycode forms agree, and the ASCII reading is a candidate', () => {
  const fromUnicode = generatePermutations('\u0430\u0440\u0440\u04cf\u0435.com');
  assert.deepEqual(generatePermutations('xn--80ak6aa92e.com'), fromUnicode);
  assertWellFormed('xn--80ak6aa92e.com', fromUnicode);
  assert.equal(techniqueOf(fromUnicode, 'apple.com'), 'homoglyph');
  const munich = generatePermutations('M\u00fcnchen.de');
  assertWellFormed('xn--mnchen-3ya.de', munich);
  assert.equal(techniqueOf(munich, 'munchen.de'), 'homoglyph');
  assert.equal(techniqueOf(munich, 'xn--mnhen-kva.de'), 'omission');
});

test('input is normalised: case, surrounding space and a trailing dot', () => {
  assert.deepEqual(generatePermutations(' PayPal.COM. '), generatePermutations('paypal.com'));
});

test('a 63-character label never yields an over-long label', () => {
  const input = `${'a'.repeat(62)}b.com`;
  const perms = generatePermutations(input);
  assertWellFormed(input, perms);
  assert.ok(perms.length > 0);
});

test('invalid input throws RangeError', () => {
  for (const input of [
    '', 'com', '%%%', 'a..b', 'co.uk', '1.2.3.4', 'www.paypal.com', 'example.notatld', '-paypal.com', 'xn--zz-.com',
    'ab--cd.com', 'pay pal.com', 'pay_pal.com',
  ]) {
    assert.throws(() => generatePermutations(input), RangeError, JSON.stringify(input));
  }
});

test('property: random .com labels give valid, unique, bounded candidates', () => {
  const unit = fc.constantFrom(...Array.from('abcdefghijklmnopqrstuvwxyz0123456789'));
  const label = fc.string({ unit, minLength: 3, maxLength: 15 });
  fc.assert(fc.property(label, (l) => {
    const input = `${l}.com`;
    assertWellFormed(input, generatePermutations(input));
  }));
});

test('property: hyphenated labels under multi-label suffixes stay valid', () => {
  const label = fc.string({ unit: fc.constantFrom(...Array.from('abcxyz019-')), minLength: 1, maxLength: 20 })
    .filter((l) => LDH_LABEL.test(l) && l.slice(2, 4) !== '--');
  const suffix = fc.constantFrom('com', 'co.uk', 'gov.uk', 'de');
  fc.assert(fc.property(label, suffix, (l, s) => {
    const input = `${l}.${s}`;
    assertWellFormed(input, generatePermutations(input));
  }));
});
