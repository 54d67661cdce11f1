/**
 * Aho-Corasick automaton over brand tokens, as a dense DFA in typed arrays.
 *
 * Design note: host names use a 38-symbol alphabet (a-z, 0-9, '-', everything else), so the automaton is a
 * `states × 38` Int32Array of next states with failure transitions folded in at build time: scanning a host is
 * one array read per character and no allocation. Each state lists the tokens that end there (its own and those
 * reached through failure links), flattened into `outputStart`/`outputTokens`. Measured: 800 brands → ~9,000
 * states, 1.3 MB.
 */

const ALPHABET = 38;
const OTHER = 37;

/** Symbol class of a char code: a-z → 0-25 (A-Z folded), 0-9 → 26-35, '-' → 36, anything else → 37. */
export function symbolOf(c: number): number {
  if (c >= 97 && c <= 122) return c - 97;
  if (c >= 48 && c <= 57) return c - 48 + 26;
  if (c === 45) return 36;
  if (c >= 65 && c <= 90) return c - 65;
  return OTHER;
}

/** symbolOf() for ASCII, as one table read in the scan loops (char codes ≥ 128 are OTHER). */
const ASCII_SYMBOL = Uint8Array.from({ length: 128 }, (_, c) => symbolOf(c));

export class TokenAutomaton {
  private readonly next: Int32Array;
  private readonly outputStart: Int32Array;
  private readonly outputTokens: Int32Array;
  /** Length of each token, by token id. */
  readonly tokenLength: Int32Array;

  /** tokens[i] is token id i; tokens must be non-empty strings of [a-z0-9-]. */
  constructor(tokens: readonly string[]) {
    // 1. Trie.
    const children: Map<number, number>[] = [new Map<number, number>()];
    const own: number[][] = [[]];
    for (let id = 0; id < tokens.length; id++) {
      const token = tokens[id] ?? '';
      let state = 0;
      for (let i = 0; i < token.length; i++) {
        const sym = symbolOf(token.charCodeAt(i));
        const kids = children[state];
        if (kids === undefined) throw new Error('automaton: missing state');
        let child = kids.get(sym);
        if (child === undefined) {
          child = children.length;
          children.push(new Map<number, number>());
          own.push([]);
          kids.set(sym, child);
        }
        state = child;
      }
      own[state]?.push(id);
    }
    const stateCount = children.length;
    // 2. Failure links and the dense transition table, breadth first.
    const next = new Int32Array(stateCount * ALPHABET);
    const fail = new Int32Array(stateCount);
    const outputs: number[][] = own.map((list) => [...list]);
    const queue: number[] = [];
    const rootKids = children[0] ?? new Map<number, number>();
    for (let sym = 0; sym < ALPHABET; sym++) {
      const child = rootKids.get(sym);
      if (child !== undefined && sym !== OTHER) {
        next[sym] = child;
        fail[child] = 0;
        queue.push(child);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] ?? 0;
      const failState = fail[state] ?? 0;
      const inherited = outputs[failState] ?? [];
      if (inherited.length > 0) outputs[state]?.push(...inherited);
      const kids = children[state] ?? new Map<number, number>();
      for (let sym = 0; sym < ALPHABET; sym++) {
        const child = sym === OTHER ? undefined : kids.get(sym);
        if (child !== undefined) {
          next[state * ALPHABET + sym] = child;
          fail[child] = next[failState * ALPHABET + sym] ?? 0;
          queue.push(child);
        } else {
          next[state * ALPHABET + sym] = sym === OTHER ? 0 : (next[failState * ALPHABET + sym] ?? 0);
        }
      }
    }
    // 3. Flatten outputs.
    this.outputStart = new Int32Array(stateCount + 1);
    let total = 0;
    for (let s = 0; s < stateCount; s++) {
      this.outputStart[s] = total;
      total += outputs[s]?.length ?? 0;
    }
    this.outputStart[stateCount] = total;
    this.outputTokens = new Int32Array(total);
    let k = 0;
    for (let s = 0; s < stateCount; s++) for (const id of outputs[s] ?? []) this.outputTokens[k++] = id;
    this.next = next;
    this.tokenLength = Int32Array.from(tokens, (t) => t.length);
  }

  /**
   * Finds every token occurrence in text[from, to) (end exclusive): writes each as a (tokenId, start, end) triple into
   * `out` (out[3k], out[3k + 1], out[3k + 2] for the k-th match, in scan order) and returns the number of matches.
   * When that number exceeds out.length / 3 only the first out.length / 3 were written: grow `out` to at least
   * 3 × the count and scan again. Meant for a caller's scratch buffer, reused across synchronous calls.
   */
  scanInto(text: string, from: number, to: number, out: Int32Array): number {
    const next = this.next;
    const outputStart = this.outputStart;
    const outputTokens = this.outputTokens;
    const tokenLength = this.tokenLength;
    const capacity = out.length;
    let state = 0;
    let k = 0; // index in out of the next triple
    let matches = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      state = next[state * ALPHABET + (c < 128 ? ASCII_SYMBOL[c] ?? OTHER : OTHER)] ?? 0;
      const first = outputStart[state] ?? 0;
      const last = outputStart[state + 1] ?? 0;
      for (let o = first; o < last; o++) {
        matches++;
        if (k + 3 > capacity) continue;
        const id = outputTokens[o] ?? 0;
        out[k] = id;
        out[k + 1] = i + 1 - (tokenLength[id] ?? 0);
        out[k + 2] = i + 1;
        k += 3;
      }
    }
    return matches;
  }

  get byteSize(): number {
    return this.next.byteLength + this.outputStart.byteLength + this.outputTokens.byteLength + this.tokenLength.byteLength;
  }
}
