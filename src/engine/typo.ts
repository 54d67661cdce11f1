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

/** Fibonacci hashing multiplier (2^32 / φ): spreads the polynomial hash, whose low bits mix poorly, over slots. */
const SLOT_MIX = 0x9e3779b1 | 0;
/** Another odd multiplier, for the filter's bit (independent of the slot a hash probes first). */
const FILTER_MIX = 0x85ebca6b | 0;

/**
 * Design note: the hash → entries index is an open-addressing table in typed arrays, built once. Slot s holds a
 * hash in slotHash[s] and its entries in entries[slotStart[s], slotStart[s] + slotCount[s]); slotCount 0 marks an
 * empty slot (hash 0 is a valid hash). Linear probing from the top bits of hash·SLOT_MIX; the table is at most half
 * full, so a miss (the common case: most labels are no typo) costs one or two reads. Each hash's entries keep the
 * order they were added in (token id, then deleted position), so findFirst() reports the same first typo as the
 * Map of arrays it replaces.
 */
export class TypoIndex {
  private readonly slotHash: Int32Array;
  private readonly slotStart: Int32Array;
  private readonly slotCount: Int32Array;
  /** Packed entries (token << 8 | deleted position + 1; 0 = the whole token), grouped by hash. */
  private readonly entries: Int32Array;
  /** 32 − log2(slot count): the shift that keeps the top bits of the mixed hash. */
  private readonly slotShift: number;
  private readonly slotMask: number;
  private readonly distinctHashes: number;
  private readonly tokens: readonly string[];

  /**
   * One bit per hash value's top bits (FILTER_BITS of them, set for every indexed hash): most deletion hashes of a
   * query are in no slot, and a clear bit says so from a small array that stays in cache, before slotOf() reads
   * the larger slot arrays. A set bit proves nothing; slotOf() decides.
   */
  private readonly filter: Int32Array;
  private readonly filterShift: number;

  /** lengths[n] = 1 when a query of length n can be one edit from some token (token length n-1, n or n+1). */
  private readonly lengths = new Uint8Array(MAX_QUERY + 2);

  /**
   * Built in typed arrays in two passes (no Map of arrays keyed by 32-bit hashes, which V8 boxes): the build runs at
   * every catalog load, mostly before V8 has compiled it.
   */
  constructor(tokens: readonly string[]) {
    this.tokens = tokens;
    // Every (hash, entry) in the order entries are kept: token id, then deleted position (0 = the whole token).
    let total = 0;
    for (const token of tokens) total += token.length + 1;
    const hashes = new Int32Array(total);
    const packedEntries = new Int32Array(total);
    let e = 0;
    tokens.forEach((token, id) => {
      for (let n = token.length - 1; n <= token.length + 1; n++) if (n >= 0 && n <= MAX_QUERY) this.lengths[n] = 1;
      for (let j = -1; j < token.length; j++) {
        hashes[e] = hashSkipping(token, j);
        packedEntries[e++] = (id << 8) | (j + 1);
      }
    });
    // Pass 1: claim a slot per distinct hash and count its entries. Sized for every entry a distinct hash, so the
    // table is at most half full whatever the collisions.
    let bits = 4;
    while (1 << bits < total * 2) bits++;
    const slots = 1 << bits;
    this.slotShift = 32 - bits;
    this.slotMask = slots - 1;
    this.slotHash = new Int32Array(slots);
    this.slotStart = new Int32Array(slots);
    this.slotCount = new Int32Array(slots);
    const slotOfEntry = new Int32Array(total);
    let distinct = 0;
    for (let k = 0; k < total; k++) {
      const hash = hashes[k] ?? 0;
      let slot = Math.imul(hash, SLOT_MIX) >>> this.slotShift;
      for (;;) {
        const count = this.slotCount[slot] ?? 0;
        if (count === 0) {
          this.slotHash[slot] = hash;
          distinct++;
          break;
        }
        if (this.slotHash[slot] === hash) break;
        slot = (slot + 1) & this.slotMask;
      }
      this.slotCount[slot] = (this.slotCount[slot] ?? 0) + 1;
      slotOfEntry[k] = slot;
    }
    // Pass 2: each slot's range of `entries`, filled in entry order.
    let start = 0;
    for (let slot = 0; slot < slots; slot++) {
      this.slotStart[slot] = start;
      start += this.slotCount[slot] ?? 0;
    }
    const filled = new Int32Array(slots);
    this.entries = new Int32Array(total);
    for (let k = 0; k < total; k++) {
      const slot = slotOfEntry[k] ?? 0;
      this.entries[(this.slotStart[slot] ?? 0) + (filled[slot] ?? 0)] = packedEntries[k] ?? 0;
      filled[slot] = (filled[slot] ?? 0) + 1;
    }
    this.distinctHashes = distinct;
    // 16 bits per distinct hash: about 6 % of absent hashes get past the filter.
    let filterBits = 10;
    while (1 << filterBits < distinct * 16) filterBits++;
    this.filterShift = 32 - filterBits;
    this.filter = new Int32Array(1 << (filterBits - 5));
    for (let slot = 0; slot < slots; slot++) {
      if ((this.slotCount[slot] ?? 0) === 0) continue;
      const bit = Math.imul(this.slotHash[slot] ?? 0, FILTER_MIX) >>> this.filterShift;
      this.filter[bit >>> 5] = (this.filter[bit >>> 5] ?? 0) | (1 << (bit & 31));
    }
  }

  /** The slot holding `hash`, or -1. */
  private slotOf(hash: number): number {
    const slotHash = this.slotHash;
    const slotCount = this.slotCount;
    let slot = Math.imul(hash, SLOT_MIX) >>> this.slotShift;
    for (;;) {
      if ((slotCount[slot] ?? 0) === 0) return -1;
      if (slotHash[slot] === hash) return slot;
      slot = (slot + 1) & this.slotMask;
    }
  }

  /** The first indexed token at Damerau distance exactly 1 from query that `accept` takes, or null. */
  findFirst(query: string, accept: (typo: Typo) => boolean): Typo | null {
    const n = query.length;
    if (n > MAX_QUERY || this.lengths[n] !== 1) return null;
    PREFIX[0] = 0;
    for (let i = 0; i < n; i++) PREFIX[i + 1] = (Math.imul(PREFIX[i] ?? 0, B) + query.charCodeAt(i)) | 0;
    const whole = PREFIX[n] ?? 0;
    const entries = this.entries;
    const filter = this.filter;
    const filterShift = this.filterShift;
    for (let i = -1; i < n; i++) {
      let hash = whole;
      if (i >= 0) {
        const scale = POW[n - 1 - i] ?? 0;
        hash = (Math.imul(PREFIX[i] ?? 0, scale) + (whole - Math.imul(PREFIX[i + 1] ?? 0, scale))) | 0;
      }
      const bit = Math.imul(hash, FILTER_MIX) >>> filterShift;
      if (((filter[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) continue;
      const slot = this.slotOf(hash);
      if (slot < 0) continue;
      const first = this.slotStart[slot] ?? 0;
      const last = first + (this.slotCount[slot] ?? 0);
      for (let e = first; e < last; e++) {
        const packed = entries[e] ?? 0;
        const id = packed >>> 8;
        const j = (packed & 0xff) - 1;
        const token = this.tokens[id] ?? '';
        // Verification: a hash match is only a candidate.
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
      // Swapping two equal letters (`ss` in aliexpress) changes nothing: that is the token itself, not a typo.
      if (query.charAt(a) === token.charAt(a + 1) && query.charAt(a + 1) === token.charAt(a) && query.charAt(a) !== query.charAt(a + 1)) {
        return { token: id, kind: 'transposition', at: a, char: query.charAt(a) };
      }
    }
    return null; // distance 2
  }

  /** Number of distinct hashes indexed. */
  get size(): number {
    return this.distinctHashes;
  }
}

/**
 * How an analyst reads a typo, e.g. "paypa1 ~ paypal (1 substitution: 'l' → '1')". `shown`: the name as written
 * when the typo was found on it without its hyphens (`smbc-crad ~ smbc-card`; `typo` indexes `token`).
 */
export function describeTypo(query: string, token: string, typo: Typo, shown = token): string {
  switch (typo.kind) {
    case 'omission': return `${query} ~ ${shown} (omission: '${typo.char}' left out)`;
    case 'insertion': return `${query} ~ ${shown} (insertion: '${typo.char}' added)`;
    case 'keyboard insertion': return `${query} ~ ${shown} (insertion of neighbouring key '${typo.char}')`;
    case 'repetition': return `${query} ~ ${shown} (repetition: '${typo.char}' doubled)`;
    case 'transposition': return `${query} ~ ${shown} (transposition: '${token.charAt(typo.at)}${token.charAt(typo.at + 1)}' swapped)`;
    default: return `${query} ~ ${shown} (${typo.kind}: '${token.charAt(typo.at)}' → '${typo.char}')`;
  }
}

/**
 * Whether a and b are at most one edit apart (Damerau: one character left out, added, replaced, or two neighbours
 * swapped). For checking one pair; TypoIndex finds the one-edit names of a query among many. From the first
 * difference on, the same comparison as TypoIndex's verification (equalSkipping), without building substrings.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (a.length !== b.length) return a.length > b.length ? equalSkipping(a, i, b, -1) : equalSkipping(a, -1, b, i);
  // Replaced at i, or a[i] and a[i + 1] swapped (a without a[i] is then b without b[i + 1], and a[i] is b[i + 1]).
  return equalSkipping(a, i, b, i) || (a.charCodeAt(i) === b.charCodeAt(i + 1) && equalSkipping(a, i, b, i + 1));
}
