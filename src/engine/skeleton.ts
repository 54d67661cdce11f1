/**
 * Confusable skeletons for host labels (Unicode TR39 §4 "skeleton", specialised to lowercase host names).
 *
 * skeleton(label) maps every character to the ASCII characters it looks like, so that `pаypal` (Cyrillic а),
 * `paypa1` and `pаураӏ` all become `paypal`. On top of the generated TR39 table it folds the look-alikes that
 * matter in ASCII host names: 0→o, 1→l, rn→m, vv→w. Two labels that share a skeleton look alike to a reader.
 */
import { CONFUSABLE_FROM, CONFUSABLE_TO } from './generated/confusables.js';

let confusableMap: Map<number, string> | undefined;

/** Built on first use, not at import: the engine module loads without work. */
function confusables(): Map<number, string> {
  if (confusableMap === undefined) {
    confusableMap = new Map();
    for (let i = 0; i < CONFUSABLE_FROM.length; i++) {
      const from = CONFUSABLE_FROM[i];
      const to = CONFUSABLE_TO[i];
      if (from !== undefined && to !== undefined) confusableMap.set(from, to);
    }
  }
  return confusableMap;
}

/**
 * Whether skeleton() could change this ASCII-or-not label; false lets callers skip it (most hosts). One pass over
 * char codes, reading only inside the string (an out-of-range charCodeAt is NaN and slows the loop down).
 */
export function mayHaveSkeleton(label: string): boolean {
  const n = label.length;
  let prev = 0; // char code before i; 0 (no letter) at the start
  for (let i = 0; i < n; i++) {
    const c = label.charCodeAt(i);
    if (c > 127) return true;
    const next = i + 1 < n ? label.charCodeAt(i + 1) : 0;
    // A 0 or 1 passes for a letter only next to letters (`paypa1`, `g00gle`), not in numbers (`ec2-10-1`).
    if ((c === 48 /* '0' */ || c === 49 /* '1' */) && (isLetterCode(prev) || isLetterCode(next))) return true;
    if (c === 114 /* 'r' */ && next === 110 /* 'n' */) return true;
    if (c === 118 /* 'v' */ && next === 118 /* 'v' */) return true;
    prev = c;
  }
  return false;
}

function isLetterCode(c: number): boolean {
  return c >= 97 /* 'a' */ && c <= 122 /* 'z' */;
}

/** The lowercase ASCII skeleton of a lowercase (Unicode) label; characters without one are kept as they are. */
export function skeleton(label: string): string {
  if (!mayHaveSkeleton(label)) return label;
  return foldPairs(mapConfusables(label));
}

/** Each code point to the ASCII it reads as: 0 → o, 1 → l, non-ASCII through the TR39 table; the rest as is. */
function mapConfusables(label: string): string {
  const map = confusables();
  const n = label.length;
  let out = '';
  let from = 0; // label[from, i) is copied unchanged
  for (let i = 0; i < n; i++) {
    const c = label.charCodeAt(i);
    if (c < 128 && c !== 48 /* '0' */ && c !== 49 /* '1' */) continue;
    let cp = c;
    let units = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const low = label.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        units = 2;
      }
    }
    const to = cp === 48 ? 'o' : cp === 49 ? 'l' : map.get(cp);
    if (to !== undefined) {
      out += label.slice(from, i) + to;
      from = i + units;
    }
    i += units - 1;
  }
  return from === 0 ? label : out + label.slice(from);
}

/**
 * `rn` → m and `vv` → w, left to right without overlap. The two pairs share no letter, so one pass gives what
 * replaceAll('rn', 'm') then replaceAll('vv', 'w') gives. Returns `s` itself when it has neither pair.
 */
function foldPairs(s: string): string {
  const n = s.length;
  let out = '';
  let from = 0;
  for (let i = 0; i + 1 < n; i++) {
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    let to = '';
    if (c === 114 /* 'r' */ && next === 110 /* 'n' */) to = 'm';
    else if (c === 118 /* 'v' */ && next === 118 /* 'v' */) to = 'w';
    else continue;
    out += s.slice(from, i) + to;
    from = i + 2;
    i++;
  }
  return from === 0 ? s : out + s.slice(from);
}

/**
 * The key two labels share when they read alike at a glance: the skeleton, with the ASCII pairs that fonts
 * blur folded too (i/l, cl/d). Coarser than skeleton(): used only to compare whole labels with brand names,
 * never to scan hosts. One pass; returns the skeleton itself (no allocation) when it has no `i` and no `cl`.
 */
export function lookalikeKey(label: string): string {
  const base = skeleton(label);
  // i → l first, so that `icloud` and `icioud` both become `ldoud`: in one pass, `c` before `l` or `i` is a d.
  const n = base.length;
  let out = '';
  let from = 0;
  for (let i = 0; i < n; i++) {
    const c = base.charCodeAt(i);
    if (c === 99 /* 'c' */ && i + 1 < n) {
      const next = base.charCodeAt(i + 1);
      if (next === 108 /* 'l' */ || next === 105 /* 'i' */) {
        out += base.slice(from, i) + 'd';
        from = i + 2;
        i++;
      }
    } else if (c === 105 /* 'i' */) {
      out += base.slice(from, i) + 'l';
      from = i + 1;
    }
  }
  return from === 0 ? base : out + base.slice(from);
}

/** Unicode scripts a label's letters come from (Common and Inherited ignored), for mixed-script detection. */
const SCRIPT_TESTS: readonly (readonly [string, RegExp])[] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
];

/** The scripts of a label's characters, in first-seen order (one character at a time: no regex over the label). */
export function scriptsOf(label: string): string[] {
  const scripts: string[] = [];
  for (const ch of label) {
    if (ch.charCodeAt(0) < 128) {
      const c = ch.charCodeAt(0);
      if (((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) && !scripts.includes('Latin')) scripts.push('Latin');
      continue;
    }
    for (const [name, test] of SCRIPT_TESTS) {
      if (test.test(ch)) {
        if (!scripts.includes(name)) scripts.push(name);
        break;
      }
    }
  }
  return scripts;
}

/**
 * Mixed scripts that UTS #39's "highly restrictive" level allows in one label (Latin with the CJK scripts);
 * any other mix, e.g. Latin + Cyrillic, is how homograph labels are made.
 */
export function isRestrictedMix(scripts: readonly string[]): boolean {
  if (scripts.length < 2) return false;
  const cjk = new Set(['Latin', 'Han', 'Hiragana', 'Katakana', 'Hangul']);
  return !scripts.every((s) => cjk.has(s));
}
