/**
 * Edit-distance-1 lookalikes (Damerau: omission, insertion, substitution, transposition) by symmetric deletion.
 *
 * Design note: every indexed token t is stored under the hash of t and of each t-minus-one-char; a query q is
 * looked up under the hash of q and of each q-minus-one-char. Hashes are computed over char codes with the
 * deleted position skipped, so a lookup allocates no substrings; candidates are then verified char by char, so a
 * hash collision can cost time but never a wrong answer. Cost: O(|q|²) char reads for |q| ≤ 63.
 */
import { KEYBOARD_ADJACENT } from './generated/keyboard.js';

export type TypoKind =
  | 'omission'
  | 'insertion'
  | 'repetition'
  | 'keyboard insertion'
  | 'substitution'
  | 'keyboard substitution'
  | 'bitsquat'
  | 'vowel swap'
  | 'transposition';

export interface Typo {
  readonly token: number;
  readonly kind: TypoKind;
  /** Position in the query of the edit. */
  readonly at: number;
  /** For substitutions and insertions: the query's character; for omissions: the token's missing character. */
  readonly char: string;
}

/**
 * Polynomial hash over char codes, 32-bit: h(s) = Σ s[i]·B^(n-1-i). It decomposes, so the hash of s without
 * its k-th char is prefix(k)·B^(n-1-k) + (h(s) − prefix(k+1)·B^(n-1-k)), and all n deletions cost O(n).
 */
const B = 0x01000193;
const MAX_QUERY = 64;
const POW = new Int32Array(MAX_QUERY + 1);
POW[0] = 1;
for (let i = 1; i <= MAX_QUERY; i++) POW[i] = Math.imul(POW[i - 1] ?? 0, B);

function hashSkipping(s: string, skip: number): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) {
    if (i === skip) continue;
    h = (Math.imul(h, B) + s.charCodeAt(i)) | 0;
  }
  return h;
}

/** Scratch prefix hashes for find(): safe because lookups are synchronous and never nested. */
const PREFIX = new Int32Array(MAX_QUERY + 1);

function equalSkipping(a: string, skipA: number, b: string, skipB: number): boolean {
  const la = skipA < 0 ? a.length : a.length - 1;
  const lb = skipB < 0 ? b.length : b.length - 1;
  if (la !== lb) return false;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (i === skipA) { i++; continue; }
    if (j === skipB) { j++; continue; }
    if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
    i++;
    j++;
  }
  return true;
}

const VOWELS = 'aeiouy';

function isAdjacentKey(a: string, b: string): boolean {
  return (KEYBOARD_ADJACENT[a] ?? '').includes(b);
}

function isBitFlip(a: number, b: number): boolean {
  const x = a ^ b;
  return x !== 0 && (x & (x - 1)) === 0;
}

export class TypoIndex {
  /** hash → packed entries (token << 8 | deleted position + 1; 0 = the whole token). */
  private readonly entries = new Map<number, number[]>();
  private readonly tokens: readonly string[];

  /** lengths[n] = 1 when a query of length n can be one edit from some token (token length n-1, n or n+1). */
  private readonly lengths = new Uint8Array(MAX_QUERY + 2);

  constructor(tokens: readonly string[]) {
    this.tokens = tokens;
    tokens.forEach((token, id) => {
      for (const n of [token.length - 1, token.length, token.length + 1]) if (n >= 0 && n <= MAX_QUERY) this.lengths[n] = 1;
      this.add(hashSkipping(token, -1), id << 8);
      for (let j = 0; j < token.length; j++) this.add(hashSkipping(token, j), (id << 8) | (j + 1));
    });
  }

  private add(hash: number, packed: number): void {
    const list = this.entries.get(hash);
    if (list === undefined) this.entries.set(hash, [packed]);
    else if (!list.includes(packed)) list.push(packed);
  }

  /** The first indexed token at Damerau distance exactly 1 from query that `accept` takes, or null. */
  findFirst(query: string, accept: (typo: Typo) => boolean): Typo | null {
    const n = query.length;
    if (n > MAX_QUERY || this.lengths[n] !== 1) return null;
    PREFIX[0] = 0;
    for (let i = 0; i < n; i++) PREFIX[i + 1] = (Math.imul(PREFIX[i] ?? 0, B) + query.charCodeAt(i)) | 0;
    const whole = PREFIX[n] ?? 0;
    for (let i = -1; i < n; i++) {
      let hash = whole;
      if (i >= 0) {
        const scale = POW[n - 1 - i] ?? 0;
        hash = (Math.imul(PREFIX[i] ?? 0, scale) + (whole - Math.imul(PREFIX[i + 1] ?? 0, scale))) | 0;
      }
      const list = this.entries.get(hash);
      if (list === undefined) continue;
      for (const packed of list) {
        const id = packed >>> 8;
        const j = (packed & 0xff) - 1;
        const token = this.tokens[id] ?? '';
        if (!equalSkipping(query, i, token, j)) continue;
        const typo = this.classify(query, i, token, j, id);
        if (typo !== null && accept(typo)) return typo;
      }
    }
    return null;
  }

  private classify(query: string, i: number, token: string, j: number, id: number): Typo | null {
    if (i < 0 && j < 0) return null; // identical
    if (i < 0) return { token: id, kind: 'omission', at: j, char: token.charAt(j) };
    if (j < 0) {
      const inserted = query.charAt(i);
      const repeated = query.charAt(i - 1) === inserted || query.charAt(i + 1) === inserted;
      if (repeated) return { token: id, kind: 'repetition', at: i, char: inserted };
      const keyboard = isAdjacentKey(query.charAt(i - 1), inserted) || isAdjacentKey(query.charAt(i + 1), inserted);
      return { token: id, kind: keyboard ? 'keyboard insertion' : 'insertion', at: i, char: inserted };
    }
    if (i === j) {
      const got = query.charAt(i);
      const want = token.charAt(i);
      if (got === want) return null; // identical
      let kind: TypoKind = 'substitution';
      if (isAdjacentKey(want, got)) kind = 'keyboard substitution';
      else if (VOWELS.includes(want) && VOWELS.includes(got)) kind = 'vowel swap';
      else if (isBitFlip(want.charCodeAt(0), got.charCodeAt(0))) kind = 'bitsquat';
      return { token: id, kind, at: i, char: got };
    }
    // Same length, deletions at neighbouring positions: a transposition when the two chars are swapped.
    if (Math.abs(i - j) === 1) {
      const a = Math.min(i, j);
      if (query.charAt(a) === token.charAt(a + 1) && query.charAt(a + 1) === token.charAt(a)) {
        return { token: id, kind: 'transposition', at: a, char: query.charAt(a) };
      }
    }
    return null; // distance 2
  }

  get size(): number {
    return this.entries.size;
  }
}

/** How an analyst reads a typo, e.g. "paypa1 ~ paypal (1 substitution: 'l' → '1')". */
export function describeTypo(query: string, token: string, typo: Typo): string {
  switch (typo.kind) {
    case 'omission': return `${query} ~ ${token} (omission: '${typo.char}' left out)`;
    case 'insertion': return `${query} ~ ${token} (insertion: '${typo.char}' added)`;
    case 'keyboard insertion': return `${query} ~ ${token} (insertion of neighbouring key '${typo.char}')`;
    case 'repetition': return `${query} ~ ${token} (repetition: '${typo.char}' doubled)`;
    case 'transposition': return `${query} ~ ${token} (transposition: '${token.charAt(typo.at)}${token.charAt(typo.at + 1)}' swapped)`;
    default: return `${query} ~ ${token} (${typo.kind}: '${token.charAt(typo.at)}' → '${typo.char}')`;
  }
}
