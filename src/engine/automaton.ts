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
/** Trie states allocated at first; the trie's arrays double when full. */
const INITIAL_STATES = 1024;

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

/** A copy of `array` with room for `length` entries. */
function grow<T extends Int32Array | Uint8Array>(array: T, length: number): T {
  const grown = new (array.constructor as new (n: number) => T)(length);
  grown.set(array);
  return grown;
}

export class TokenAutomaton {
  private readonly next: Int32Array;
  private readonly outputStart: Int32Array;
  private readonly outputTokens: Int32Array;
  /** Length of each token, by token id. */
  readonly tokenLength: Int32Array;

  /**
   * tokens[i] is token id i; tokens must be non-empty strings of [a-z0-9-]. Built without a Map or an array per
   * state, and without a loop over every cell of the table: the build runs at every catalog load, mostly before V8
   * has compiled it, and it was the largest part of the first load (~30 ms for a 300-brand catalog, now ~3 ms).
   */
  constructor(tokens: readonly string[]) {
    // 1. Trie as first-child / next-sibling lists, states numbered in insertion order.
    let capacity = INITIAL_STATES;
    let firstChild = new Int32Array(capacity);
    let nextSibling = new Int32Array(capacity);
    let symbol = new Uint8Array(capacity);
    let stateCount = 1;
    const endState = new Int32Array(tokens.length);
    for (let id = 0; id < tokens.length; id++) {
      const token = tokens[id] ?? '';
      let state = 0;
      for (let i = 0; i < token.length; i++) {
        const sym = symbolOf(token.charCodeAt(i));
        let child = firstChild[state] ?? 0;
        while (child !== 0 && symbol[child] !== sym) child = nextSibling[child] ?? 0;
        if (child === 0) {
          if (stateCount === capacity) {
            capacity *= 2;
            firstChild = grow(firstChild, capacity);
            nextSibling = grow(nextSibling, capacity);
            symbol = grow(symbol, capacity);
          }
          child = stateCount++;
          symbol[child] = sym;
          nextSibling[child] = firstChild[state] ?? 0;
          firstChild[state] = child;
        }
        state = child;
      }
      endState[id] = state;
    }
    // 2. The dense table, breadth first: a state's row starts as a copy of its failure state's row (one native
    //    copy), then its own children overwrite their cells. OTHER (a character no token has) always leads to the root.
    const next = new Int32Array(stateCount * ALPHABET);
    const fail = new Int32Array(stateCount);
    const order = new Int32Array(stateCount);
    let tail = 0;
    for (let child = firstChild[0] ?? 0; child !== 0; child = nextSibling[child] ?? 0) {
      const sym = symbol[child] ?? OTHER;
      if (sym === OTHER) continue;
      next[sym] = child;
      order[tail++] = child;
    }
    for (let head = 0; head < tail; head++) {
      const state = order[head] ?? 0;
      const failRow = (fail[state] ?? 0) * ALPHABET;
      const row = state * ALPHABET;
      next.copyWithin(row, failRow, failRow + ALPHABET);
      for (let child = firstChild[state] ?? 0; child !== 0; child = nextSibling[child] ?? 0) {
        const sym = symbol[child] ?? OTHER;
        if (sym === OTHER) continue;
        fail[child] = next[failRow + sym] ?? 0;
        next[row + sym] = child;
        order[tail++] = child;
      }
    }
    // 3. Outputs: a state's own tokens (by id) then every output of its failure state. States no scan can reach
    //    (under OTHER) keep their own tokens only.
    const ownCount = new Int32Array(stateCount);
    for (let id = 0; id < tokens.length; id++) {
      const state = endState[id] ?? 0;
      ownCount[state] = (ownCount[state] ?? 0) + 1;
    }
    const outputCount = Int32Array.from(ownCount);
    for (let k = 0; k < tail; k++) {
      const state = order[k] ?? 0;
      outputCount[state] = (ownCount[state] ?? 0) + (outputCount[fail[state] ?? 0] ?? 0);
    }
    const outputStart = new Int32Array(stateCount + 1);
    for (let s = 0; s < stateCount; s++) outputStart[s + 1] = (outputStart[s] ?? 0) + (outputCount[s] ?? 0);
    const outputTokens = new Int32Array(outputStart[stateCount] ?? 0);
    const filled = new Int32Array(stateCount);
    for (let id = 0; id < tokens.length; id++) {
      const state = endState[id] ?? 0;
      outputTokens[(outputStart[state] ?? 0) + (filled[state] ?? 0)] = id;
      filled[state] = (filled[state] ?? 0) + 1;
    }
    for (let k = 0; k < tail; k++) {
      const state = order[k] ?? 0;
      const from = fail[state] ?? 0;
      outputTokens.copyWithin((outputStart[state] ?? 0) + (ownCount[state] ?? 0), outputStart[from] ?? 0, outputStart[from + 1] ?? 0);
    }
    this.next = next;
    this.outputStart = outputStart;
    this.outputTokens = outputTokens;
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
