/**
 * A Bloom filter over strings: "certainly not in the set" in one hash pass and two bit reads, before a Set or Map
 * look-up that would answer the same.
 *
 * Why: the engine's big sets (4,989 well-known domains, 24,501 common words) are hash tables spread over the heap,
 * and most look-ups miss. A miss still reads a bucket and usually a key string at random addresses, so on a busy
 * machine each costs a cache miss (measured: `wellKnown.has(domain)` alone was 5 % of check(), `isCommonWord`
 * 3.5 %). The filter's bits are 2 bytes per entry (a few KiB to 64 KiB) and stay in cache; it is read over a
 * range of a string, so callers need no substring to ask. A false positive only costs the exact look-up: a filter
 * can never change an answer, provided every caller still asks the exact set when the filter says "maybe".
 */

/** Bits per entry: with two probes, about 1.4 % false positives. */
const BITS_PER_ENTRY = 16;

export class StringBloom {
  private readonly bits: Int32Array;
  private readonly mask: number;

  /**
   * `entries`, plus the records of `byLength` (a generated word table: byLength[n] holds words of n characters,
   * concatenated), read in place without a string per word: at the first catalog load that loop is the cost
   * (24,501 words: 6 ms as one add() call per word, before the code is optimised; ~1 ms in one loop).
   */
  constructor(entries: Iterable<string>, byLength: readonly string[] = []) {
    const list = [...entries];
    let recordCount = 0;
    for (let n = 1; n < byLength.length; n++) recordCount += (byLength[n] ?? '').length / n;
    let size = 1 << 10;
    while (size < (list.length + recordCount + 1) * BITS_PER_ENTRY) size <<= 1;
    this.bits = new Int32Array(size >>> 5);
    this.mask = size - 1;
    for (const entry of list) this.add(hashRange(entry, 0, entry.length));
    for (let n = 1; n < byLength.length; n++) {
      const group = byLength[n] ?? '';
      for (let at = 0; at < group.length; at += n) this.add(hashRange(group, at, at + n));
    }
  }

  private add(h: number): void {
    const a = h & this.mask;
    const b = secondHash(h) & this.mask;
    this.bits[a >>> 5] = (this.bits[a >>> 5] ?? 0) | (1 << (a & 31));
    this.bits[b >>> 5] = (this.bits[b >>> 5] ?? 0) | (1 << (b & 31));
  }

  /** False when s[from, to) is certainly not an entry; true when it may be (ask the exact set then). */
  mayHave(s: string, from = 0, to = s.length): boolean {
    return this.test(hashRange(s, from, to));
  }

  /**
   * mayHave(s[from, to) with each '-' at or after `dotsFrom` read as '.'): whether a copy of a domain written with
   * hyphens for its dots (`smbc-card-com` for smbc-card.com, dotsFrom at the second hyphen) may be an entry, without
   * building the dotted string.
   */
  mayHaveDotted(s: string, from: number, to: number, dotsFrom: number): boolean {
    let h = FNV_OFFSET;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      h = Math.imul(h ^ (c === 45 /* '-' */ && i >= dotsFrom ? 46 /* '.' */ : c), 0x01000193);
    }
    return this.test(h);
  }

  /** mayHave(s[from, to) without its hyphens): `amazon-co-jp` asks for `amazoncojp`, without building it. */
  mayHaveUnhyphenated(s: string, from: number, to: number): boolean {
    let h = FNV_OFFSET;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c !== 45 /* '-' */) h = Math.imul(h ^ c, 0x01000193);
    }
    return this.test(h);
  }

  /** mayHave(a + b), without the concatenation. */
  mayHaveJoined(a: string, b: string): boolean {
    return this.test(hashRange(b, 0, b.length, hashRange(a, 0, a.length)));
  }

  private test(h: number): boolean {
    const a = h & this.mask;
    if (((this.bits[a >>> 5] ?? 0) & (1 << (a & 31))) === 0) return false;
    const b = secondHash(h) & this.mask;
    return ((this.bits[b >>> 5] ?? 0) & (1 << (b & 31))) !== 0;
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0;

/** FNV-1a over UTF-16 code units of s[from, to), continuing from `seed` (the hash of what comes before). */
function hashRange(s: string, from: number, to: number, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** A second, independent-enough index from the same hash (murmur3's finaliser). */
function secondHash(h: number): number {
  let x = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return x ^ (x >>> 16);
}
