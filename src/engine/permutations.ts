/**
 * Lookalike candidates for one domain, for defensive registration and monitoring (dnstwist's fuzzers plus
 * ASCII and IDN homoglyphs, combosquats and brand-in-subdomain hosts).
 *
 * Design:
 * - The input is split with tldts into the label to permute and its public suffix (`hmrc` + `gov.uk`). An IDN is
 *   permuted in its Unicode form, so `münchen.de` loses `ü`, not a punycode digit.
 * - Each technique is a generator of Unicode host names; `generatePermutations` encodes each one to its IDNA
 *   A-label form, drops invalid hosts, the input itself and duplicates (the first technique to produce a host
 *   keeps it), and stops at MAX_PERMUTATIONS. Output order is therefore technique order, then generation order.
 * - Pure: tables come from ./generated and ./lexicon; punycode does the IDNA encoding. Host validity is the LDH
 *   rule plus a punycode round trip; the UTS #46 character rules are applied where the tables are generated.
 */
import punycode from 'punycode/punycode.js';
import { parse } from 'tldts';
import { CONFUSABLE_FROM, CONFUSABLE_TO, HOMOGLYPHS } from './generated/confusables.js';
import { KEYBOARD_ADJACENT } from './generated/keyboard.js';
import { LURE_WORDS } from './lexicon.js';
import type { Permutation, PermutationTechnique } from './types.js';

/**
 * The most candidates returned for one domain. Real domains yield a few hundred and the longest labels about
 * 2,500, so this is a safety bound that never cuts a technique short for valid input.
 */
export const MAX_PERMUTATIONS = 20_000;

/** Suffixes tried by `tld-swap`: the largest gTLDs, ccTLDs brands are often squatted under, and cheap abused ones. */
const SWAP_SUFFIXES: readonly string[] = [
  'com', 'net', 'org', 'co', 'io', 'info', 'biz', 'app', 'online', 'site', 'xyz', 'top', 'shop', 'live', 'us',
  'uk', 'co.uk', 'de', 'fr', 'es', 'it', 'nl', 'ru', 'cn', 'jp', 'in', 'br', 'me', 'cc', 'vip', 'support',
];

/** ASCII look-alike rewrites for `homoglyph`, applied one occurrence at a time and to all occurrences at once. */
const ASCII_HOMOGLYPHS: readonly (readonly [from: string, to: string])[] = [
  ['o', '0'], ['0', 'o'], ['l', '1'], ['1', 'l'], ['i', '1'], ['1', 'i'], ['l', 'i'], ['i', 'l'],
  ['m', 'rn'], ['rn', 'm'], ['w', 'vv'], ['vv', 'w'], ['d', 'cl'],
];

/** Neutral registrable domains that `brand-in-subdomain` hangs `label.suffix` under. */
const SUBDOMAIN_HOSTS: readonly string[] = ['secure-login.net', 'account-verify.com', 'auth-session.info'];
/** Parent for the dashed form `paypal-com.secure-login.net`. */
const DASHED_PARENT = 'secure-login.net';
/** Hyphenated tails for `brand-in-subdomain`: `paypal.com` + `-verify.info` reads as paypal.com at a glance. */
const HYPHEN_TAILS: readonly string[] = ['-verify.info', '-login.net', '-secure.online', '-support.com'];

const VOWELS = 'aeiou';
const APPENDED = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Per position, at most this many Cyrillic/Greek/Armenian look-alikes, then this many Latin ones. */
const MAX_SCRIPT_LOOKALIKES = 3;
const MAX_LATIN_LOOKALIKES = 2;

/**
 * Look-alikes missing from HOMOGLYPHS: TR39 10.0 maps Cyrillic palochka U+04CF to `i`, yet common fonts draw it
 * as `l` and it is the `l` of the well-known аррӏе.com homograph.
 */
const EXTRA_LOOKALIKES: Readonly<Record<string, string>> = { l: '\u04cf' };

/**
 * The Cyrillic letter that passes for each Latin one in a whole-label substitution (the classic IDN homograph
 * set). Only near-identical glyphs: a label of weaker matches (ѣ for b) does not read as the brand.
 */
const CYRILLIC_LOOKALIKE: Readonly<Record<string, string>> = {
  a: '\u0430', c: '\u0441', d: '\u0501', e: '\u0435', h: '\u04bb', i: '\u0456', j: '\u0458', l: '\u04cf',
  o: '\u043e', p: '\u0440', q: '\u051b', s: '\u0455', w: '\u051d', x: '\u0445', y: '\u0443',
};

const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ASCII_LETTER = /^[a-z]$/;
const MAX_HOST_LENGTH = 253;

/** The input split into the label to permute and its public suffix, both in Unicode (U-label) form. */
interface Target {
  readonly ascii: string;
  readonly label: string;
  readonly chars: readonly string[];
  readonly suffix: string;
}

/** One technique: the Unicode candidate hosts for a target, possibly invalid or duplicated. */
type Technique = (target: Target) => Iterable<string>;

const TECHNIQUES: readonly (readonly [PermutationTechnique, Technique])[] = [
  ['addition', addition],
  ['omission', omission],
  ['repetition', repetition],
  ['replacement', replacement],
  ['transposition', transposition],
  ['bitsquatting', bitsquatting],
  ['vowel-swap', vowelSwap],
  ['hyphenation', hyphenation],
  ['dot-insertion', dotInsertion],
  ['missing-dot', missingDot],
  ['homoglyph', asciiHomoglyph],
  ['idn-homoglyph', idnHomoglyph],
  ['tld-swap', tldSwap],
  ['combosquat', combosquat],
  ['plural', plural],
  ['brand-in-subdomain', brandInSubdomain],
];

/** Every technique, in the order candidates come in. */
export const PERMUTATION_TECHNIQUES: readonly PermutationTechnique[] = TECHNIQUES.map(([name]) => name);

/**
 * Lookalike candidates for a registrable domain (`paypal.com`, `amazon.co.uk`, `hmrc.gov.uk`, or an IDN in
 * Unicode or punycode form). Throws a RangeError when the input is not such a domain.
 */
export function generatePermutations(domain: string): Permutation[] {
  const target = parseTarget(domain);
  const seen = new Set<string>([target.ascii]);
  const out: Permutation[] = [];
  for (const [technique, generate] of TECHNIQUES) {
    for (const candidate of generate(target)) {
      const ascii = toAsciiHost(candidate);
      if (ascii === null || seen.has(ascii)) continue;
      seen.add(ascii);
      out.push({ domain: ascii, unicode: punycode.toUnicode(ascii), technique });
      if (out.length >= MAX_PERMUTATIONS) return out;
    }
  }
  return out;
}

function parseTarget(input: string): Target {
  const shown = JSON.stringify(input);
  let ascii: string;
  try {
    ascii = punycode.toASCII(input.trim().normalize('NFC').toLowerCase().replace(/\.$/, ''));
  } catch {
    throw new RangeError(`${shown} is not a valid domain name (bad punycode)`);
  }
  if (!isValidHost(ascii)) throw new RangeError(`${shown} is not a valid domain name`);
  const parsed = parse(ascii);
  const { publicSuffix, domainWithoutSuffix } = parsed;
  if (parsed.isIp === true) throw new RangeError(`${shown} is an IP address, not a domain name`);
  if (publicSuffix === null || parsed.isIcann !== true) {
    throw new RangeError(`${shown} does not end in a known public suffix`);
  }
  if (domainWithoutSuffix === null || domainWithoutSuffix === '') {
    throw new RangeError(`${shown} is a public suffix, not a registrable domain`);
  }
  if (parsed.subdomain !== null && parsed.subdomain !== '') {
    throw new RangeError(`${shown} is not a registrable domain: permute ${JSON.stringify(parsed.domain)} instead`);
  }
  const label = punycode.toUnicode(domainWithoutSuffix);
  return { ascii, label, chars: Array.from(label), suffix: punycode.toUnicode(publicSuffix) };
}

/** IDNA A-label form of a generated Unicode host, or null when it is not a valid host name. */
function toAsciiHost(unicodeHost: string): string | null {
  const ascii = punycode.toASCII(unicodeHost);
  return isValidHost(ascii) ? ascii : null;
}

function isValidHost(ascii: string): boolean {
  return ascii.length <= MAX_HOST_LENGTH && ascii.split('.').every(isValidLabel);
}

/**
 * LDH label of 1-63 chars; `--` at positions 3-4 only in an A-label that decodes to a U-label which re-encodes to
 * it and itself obeys the hyphen rules (RFC 5891 4.2.3.1).
 */
function isValidLabel(label: string): boolean {
  if (!LDH_LABEL.test(label)) return false;
  if (label.slice(2, 4) !== '--') return true;
  if (!label.startsWith('xn--')) return false;
  let unicode: string;
  try {
    unicode = punycode.toUnicode(label);
  } catch {
    return false;
  }
  return punycode.toASCII(unicode) === label
    && unicode === unicode.normalize('NFC').toLowerCase()
    && !unicode.startsWith('-') && !unicode.endsWith('-')
    && unicode.slice(2, 4) !== '--';
}

const host = (t: Target, label: string): string => `${label}.${t.suffix}`;

/** The label with chars[at, at + length) replaced by `insert`. */
function splice(chars: readonly string[], at: number, length: number, insert: string): string {
  return chars.slice(0, at).join('') + insert + chars.slice(at + length).join('');
}

function adjacentKeys(char: string): string {
  return KEYBOARD_ADJACENT[char] ?? '';
}

function* addition(t: Target): Iterable<string> {
  for (const c of APPENDED) yield host(t, t.label + c);
  // dnstwist's "insertion": a neighbouring key struck together with the intended one.
  for (const [i, char] of t.chars.entries()) {
    for (const key of adjacentKeys(char)) {
      yield host(t, splice(t.chars, i, 0, key));
      yield host(t, splice(t.chars, i + 1, 0, key));
    }
  }
}

function* omission(t: Target): Iterable<string> {
  for (let i = 0; i < t.chars.length; i++) yield host(t, splice(t.chars, i, 1, ''));
}

function* repetition(t: Target): Iterable<string> {
  for (const [i, char] of t.chars.entries()) yield host(t, splice(t.chars, i, 0, char));
}

function* replacement(t: Target): Iterable<string> {
  for (const [i, char] of t.chars.entries()) {
    for (const key of adjacentKeys(char)) yield host(t, splice(t.chars, i, 1, key));
  }
}

function* transposition(t: Target): Iterable<string> {
  for (let i = 0; i + 1 < t.chars.length; i++) {
    const a = t.chars[i] ?? '';
    const b = t.chars[i + 1] ?? '';
    if (a !== b) yield host(t, splice(t.chars, i, 2, b + a));
  }
}

function isLdhCode(code: number): boolean {
  return (code >= 0x61 /* 'a' */ && code <= 0x7a /* 'z' */)
    || (code >= 0x30 /* '0' */ && code <= 0x39 /* '9' */)
    || code === 0x2d /* '-' */;
}

function* bitsquatting(t: Target): Iterable<string> {
  for (const [i, char] of t.chars.entries()) {
    const code = char.charCodeAt(0);
    if (code >= 0x80) continue;
    for (let bit = 0; bit < 8; bit++) {
      const flipped = code ^ (1 << bit);
      if (isLdhCode(flipped)) yield host(t, splice(t.chars, i, 1, String.fromCharCode(flipped)));
    }
  }
}

function* vowelSwap(t: Target): Iterable<string> {
  for (const [i, char] of t.chars.entries()) {
    if (!VOWELS.includes(char)) continue;
    for (const vowel of VOWELS) if (vowel !== char) yield host(t, splice(t.chars, i, 1, vowel));
  }
}

function* hyphenation(t: Target): Iterable<string> {
  for (let i = 1; i < t.chars.length; i++) yield host(t, splice(t.chars, i, 0, '-'));
}

function* dotInsertion(t: Target): Iterable<string> {
  for (let i = 1; i < t.chars.length; i++) yield host(t, splice(t.chars, i, 0, '.'));
}

/**
 * The host name with a dot left out or written as a hyphen: `wwwpaypal.com`, `www-paypal.com`, and the whole
 * domain glued into a label under .com (`paypalcom.com`, `amazoncojp.com`, `amazon-co-jp.com`, `wwwamazoncojp.com`).
 */
function* missingDot(t: Target): Iterable<string> {
  yield host(t, `www${t.label}`);
  yield host(t, `www-${t.label}`);
  const glued = `${t.label}${t.suffix.replaceAll('.', '')}`;
  yield `${glued}.com`;
  yield `${t.label}-${t.suffix.replaceAll('.', '-')}.com`;
  yield `www${glued}.com`;
}

/** Start indexes (overlapping) of `needle` in `haystack`. */
function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) found.push(i);
  return found;
}

function* asciiHomoglyph(t: Target): Iterable<string> {
  for (const [from, to] of ASCII_HOMOGLYPHS) {
    // String indexes: the rules are ASCII, and a non-ASCII label is matched on its UTF-16 form.
    const at = occurrences(t.label, from);
    for (const i of at) yield host(t, t.label.slice(0, i) + to + t.label.slice(i + from.length));
    if (at.length > 1) yield host(t, t.label.replaceAll(from, to));
  }
  // An IDN's own look-alikes in ASCII (münchen → munchen, аррӏе → apple).
  const readable = t.chars.map((c) => ASCII_SKELETON.get(c));
  for (const [i, ascii] of readable.entries()) if (ascii !== undefined) yield host(t, splice(t.chars, i, 1, ascii));
  if (readable.filter((ascii) => ascii !== undefined).length > 1) {
    yield host(t, t.chars.map((c, i) => readable[i] ?? c).join(''));
  }
}

/** Preference of a look-alike's Unicode block; undefined for blocks registries rarely allow. */
function blockRank(char: string): { script: boolean; rank: number } | undefined {
  const cp = char.codePointAt(0) ?? 0;
  if (cp >= 0x0400 && cp <= 0x052f) return { script: true, rank: 0 }; // Cyrillic, Cyrillic Supplement
  if (cp >= 0x0370 && cp <= 0x03ff) return { script: true, rank: 1 }; // Greek (not polytonic Greek Extended)
  if (cp >= 0x0530 && cp <= 0x058f) return { script: true, rank: 2 }; // Armenian
  if (cp >= 0x00c0 && cp <= 0x017f) return { script: false, rank: 3 }; // Latin-1 Supplement, Latin Extended-A
  if (cp >= 0x0180 && cp <= 0x02af) return { script: false, rank: 4 }; // Latin Extended-B, IPA Extensions
  if (cp >= 0x1e00 && cp <= 0x1eff) return { script: false, rank: 5 }; // Latin Extended Additional
  return undefined;
}

/**
 * The look-alikes tried for one ASCII char: the best few from other scripts (undecomposed letters first, then
 * Cyrillic before Greek before Armenian), then a few Latin letters with diacritics or hooks.
 */
function pickLookalikes(char: string): string[] {
  const ranked = Array.from((EXTRA_LOOKALIKES[char] ?? '') + (HOMOGLYPHS[char] ?? '')).flatMap((glyph) => {
    const block = blockRank(glyph);
    const plain = glyph.normalize('NFD').length === glyph.length ? 0 : 1;
    return block === undefined ? [] : [{ glyph, ...block, plain }];
  });
  const script = ranked.filter((g) => g.script).sort((a, b) => a.plain - b.plain || a.rank - b.rank);
  const latin = ranked.filter((g) => !g.script).sort((a, b) => a.rank - b.rank);
  return [...script.slice(0, MAX_SCRIPT_LOOKALIKES), ...latin.slice(0, MAX_LATIN_LOOKALIKES)].map((g) => g.glyph);
}

const LOOKALIKES: ReadonlyMap<string, readonly string[]> = new Map(
  [...Object.keys(HOMOGLYPHS), ...Object.keys(EXTRA_LOOKALIKES)].map((char) => [char, pickLookalikes(char)]),
);

/** ASCII reading of non-ASCII chars: the whole-label Cyrillic table first (ӏ is l there), then TR39 skeletons. */
const ASCII_SKELETON: ReadonlyMap<string, string> = new Map([
  ...CONFUSABLE_FROM.flatMap((cp, i) => {
    const ascii = CONFUSABLE_TO[i];
    return ascii === undefined ? [] : [[String.fromCodePoint(cp), ascii] as const];
  }),
  ...Object.entries(CYRILLIC_LOOKALIKE).map(([latin, cyrillic]) => [cyrillic, latin] as const),
]);

function* idnHomoglyph(t: Target): Iterable<string> {
  for (const [i, char] of t.chars.entries()) {
    for (const glyph of LOOKALIKES.get(char) ?? []) yield host(t, splice(t.chars, i, 1, glyph));
  }
  const letters = t.chars.filter((c) => ASCII_LETTER.test(c));
  if (letters.length > 0 && letters.every((c) => CYRILLIC_LOOKALIKE[c] !== undefined)) {
    yield host(t, t.chars.map((c) => CYRILLIC_LOOKALIKE[c] ?? c).join(''));
  }
}

function* tldSwap(t: Target): Iterable<string> {
  for (const suffix of SWAP_SUFFIXES) if (suffix !== t.suffix) yield `${t.label}.${suffix}`;
}

function* combosquat(t: Target): Iterable<string> {
  const suffixes = t.suffix === 'com' ? ['com'] : [t.suffix, 'com'];
  for (const suffix of suffixes) {
    for (const word of LURE_WORDS) {
      yield `${t.label}-${word}.${suffix}`;
      yield `${word}-${t.label}.${suffix}`;
      if (word.includes('-')) continue;
      yield `${t.label}${word}.${suffix}`;
      yield `${word}${t.label}.${suffix}`;
    }
  }
}

function* plural(t: Target): Iterable<string> {
  yield host(t, `${t.label}s`);
  yield host(t, `${t.label}es`);
}

function* brandInSubdomain(t: Target): Iterable<string> {
  const brand = host(t, t.label);
  for (const parent of SUBDOMAIN_HOSTS) yield `${brand}.${parent}`;
  for (const tail of HYPHEN_TAILS) yield brand + tail;
  yield `${brand.replaceAll('.', '-')}.${DASHED_PARENT}`;
}
