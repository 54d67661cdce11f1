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

/** Whether skeleton() could change this ASCII-or-not label; false lets callers skip it (most hosts). */
export function mayHaveSkeleton(label: string): boolean {
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    if (c > 127) return true;
    // A 0 or 1 passes for a letter only next to letters (`paypa1`, `g00gle`), not in numbers (`ec2-10-1`).
    if ((c === 48 /* '0' */ || c === 49 /* '1' */) && (isLetterCode(label.charCodeAt(i - 1)) || isLetterCode(label.charCodeAt(i + 1)))) return true;
    const next = label.charCodeAt(i + 1);
    if (c === 114 /* 'r' */ && next === 110 /* 'n' */) return true;
    if (c === 118 /* 'v' */ && next === 118 /* 'v' */) return true;
  }
  return false;
}

function isLetterCode(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** The lowercase ASCII skeleton of a lowercase (Unicode) label; characters without one are kept as they are. */
export function skeleton(label: string): string {
  if (!mayHaveSkeleton(label)) return label;
  const map = confusables();
  let out = '';
  for (const ch of label) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 48 /* '0' */) out += 'o';
    else if (cp === 49 /* '1' */) out += 'l';
    else if (cp < 128) out += ch;
    else out += map.get(cp) ?? ch;
  }
  return out.replaceAll('rn', 'm').replaceAll('vv', 'w');
}

/**
 * The key two labels share when they read alike at a glance: the skeleton, with the ASCII pairs that fonts
 * blur folded too (i/l, cl/d). Coarser than skeleton(): used only to compare whole labels with brand names,
 * never to scan hosts.
 */
export function lookalikeKey(label: string): string {
  const base = skeleton(label);
  // i → l first, so that `icloud` and `icioud` both become `ldoud`.
  const folded = base.includes('i') ? base.replaceAll('i', 'l') : base;
  return folded.includes('cl') ? folded.replaceAll('cl', 'd') : folded;
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
