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

/** ASCII chars that can start a fold: 0, 1 (next to a letter), r (before n), v (before v). */
const FOLD_START = Uint8Array.from({ length: 128 }, (_, c) => (c === 48 /* '0' */ || c === 49 /* '1' */ || c === 114 /* 'r' */ || c === 118 /* 'v' */ ? 1 : 0));

/**
 * Whether skeleton() could change this ASCII-or-not label; false lets callers skip it (most hosts). One pass over
 * char codes with one table read per char, reading only inside the string (an out-of-range charCodeAt is NaN and
 * slows the loop down).
 */
export function mayHaveSkeleton(label: string): boolean {
  const n = label.length;
  for (let i = 0; i < n; i++) {
    const c = label.charCodeAt(i);
    if (c > 127) return true;
    if (FOLD_START[c] === 0) continue;
    const next = i + 1 < n ? label.charCodeAt(i + 1) : 0;
    if (c === 114 /* 'r' */) { if (next === 110 /* 'n' */) return true; continue; }
    if (c === 118 /* 'v' */) { if (next === 118 /* 'v' */) return true; continue; }
    // A 0 or 1 passes for a letter only next to letters (`paypa1`, `g00gle`), not in numbers (`ec2-10-1`).
    if (isLetterCode(next) || (i > 0 && isLetterCode(label.charCodeAt(i - 1)))) return true;
  }
  return false;
}

function isLetterCode(c: number): boolean {
  return c >= 97 /* 'a' */ && c <= 122 /* 'z' */;
}

/** The lowercase ASCII skeleton of a lowercase (Unicode) label; characters without one are kept as they are. */
export function skeleton(label: string): string {
  if (!mayHaveSkeleton(label)) return label;
  return foldPairs(glyphReading(label));
}

/**
 * Each code point to the ASCII it reads as: 0 → o, 1 → l, non-ASCII through the TR39 table; the rest as is, ASCII
 * letter pairs (`rn`, `vv`) included: skeleton() folds those after. A name found in this reading but not in the label
 * is written in disguise, on purpose (engine 1.48): no owner or fan site writes `amaz0n`, while `rn` for `m` also
 * comes by chance (`modern`).
 */
export function glyphReading(label: string): string {
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

/** Multiplier of the hash LookalikeIndex computes over folded chars. */
const FOLD_HASH = 0x01000193;
/**
 * Hashes are cut to 30 bits before they key the Map: V8 keeps integers of 31 bits as small integers (Smis, with
 * pointer compression); a full 32-bit hash is a heap number, which a Map look-up has to box and hash again
 * (measured: LookalikeIndex.find() 3× faster with Smi keys).
 */
const SMI_HASH_MASK = 0x3fffffff;

/**
 * Label → ids of the labels sharing its lookalikeKey(), looked up from a skeleton without building the key.
 *
 * Design note: lookalikeKey() allocates a new string for about half of all labels (every `i` folds to `l`), and a
 * Map look-up of a new string hashes it again. find() instead streams the i/l and cl/d folds of a skeleton into a
 * 32-bit hash, probes a Map with integer keys and verifies candidates by streaming the folds again against the
 * stored key, so a look-up allocates nothing; a hash collision costs a comparison, never a wrong answer.
 */
export class LookalikeIndex {
  private readonly byHash = new Map<number, { readonly key: string; readonly ids: number[] }[]>();

  /** labels[id] is indexed under lookalikeKey(labels[id]); ids sharing a key keep their order. */
  constructor(labels: readonly string[]) {
    labels.forEach((label, id) => {
      const key = lookalikeKey(label);
      const h = foldedHash(key, false);
      let bucket = this.byHash.get(h);
      if (bucket === undefined) {
        bucket = [];
        this.byHash.set(h, bucket);
      }
      const entry = bucket.find((e) => e.key === key);
      if (entry === undefined) bucket.push({ key, ids: [id] });
      else entry.ids.push(id);
    });
  }

  /**
   * The ids whose key is the lookalike fold of `skel` (a skeleton() result), else, when `skel` has a hyphen,
   * those whose key is that fold with its hyphens dropped. Equals, without allocating:
   * `index.get(k) ?? (k.includes('-') ? index.get(k.replaceAll('-', '')) : undefined)` with k = fold of skel.
   */
  find(skel: string): readonly number[] | undefined {
    return this.lookup(skel, false) ?? (skel.includes('-') ? this.lookup(skel, true) : undefined);
  }

  private lookup(skel: string, dropHyphens: boolean): readonly number[] | undefined {
    const bucket = this.byHash.get(foldedHash(skel, dropHyphens));
    if (bucket === undefined) return undefined;
    for (const entry of bucket) if (foldedEquals(skel, dropHyphens, entry.key)) return entry.ids;
    return undefined;
  }
}

/**
 * The k-th char of lookalikeKey()'s fold over a skeleton, streamed: `c` before `l` or `i` reads as `d` (two chars
 * consumed), `i` as `l`. foldedHash() and foldedEquals() walk it the same way; keep the three in sync with
 * lookalikeKey().
 */
function foldedHash(s: string, dropHyphens: boolean): number {
  const n = s.length;
  let h = 0;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c === 99 /* 'c' */ && i + 1 < n) {
      const next = s.charCodeAt(i + 1);
      if (next === 108 /* 'l' */ || next === 105 /* 'i' */) { c = 100 /* 'd' */; i++; }
    } else if (c === 105 /* 'i' */) c = 108 /* 'l' */;
    else if (c === 45 /* '-' */ && dropHyphens) continue;
    h = (Math.imul(h, FOLD_HASH) + c) | 0;
  }
  return h & SMI_HASH_MASK;
}

/** Whether the fold of `s` (hyphens dropped or not) is `key`, char by char. */
function foldedEquals(s: string, dropHyphens: boolean, key: string): boolean {
  const n = s.length;
  let k = 0;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c === 99 /* 'c' */ && i + 1 < n) {
      const next = s.charCodeAt(i + 1);
      if (next === 108 /* 'l' */ || next === 105 /* 'i' */) { c = 100 /* 'd' */; i++; }
    } else if (c === 105 /* 'i' */) c = 108 /* 'l' */;
    else if (c === 45 /* '-' */ && dropHyphens) continue;
    if (k >= key.length || key.charCodeAt(k) !== c) return false;
    k++;
  }
  return k === key.length;
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
