/**
 * Brand names written with a letter or two off anywhere inside a longer label (`metamaeskloegin`, `ledgr--logien`,
 * `coiennbaseeprrolog`): approximate substring search, for the few hosts where a misspelt name says more than it
 * would elsewhere (free names on hosting platforms, engine 1.26).
 *
 * Design note: Myers' bit-vector algorithm (J. ACM 46(3), 1999) in Sellers' form (a match may start anywhere in the
 * text) keeps one column of the edit-distance table as two bit vectors per name, so a name is searched in one pass
 * of integer operations per text character, with no allocation. Names of up to 31 letters fit one 32-bit word.
 * Before that pass, two filters rule out most names without reading them: the pigeonhole filter (a name cut into
 * k + 1 pieces, at most k edits off, has a piece written as it is in the text: one pass over the text's short
 * substrings, looked up by code, marks the few names that have one), then a 26-bit mask of the letters in the text
 * (a name with more letters missing from the text than the edits allowed). A match's start is then found by exact
 * edit distances over the few windows that can end where the pass found the match.
 */

/** Names shorter than this are not searched: one edit from a five-letter name is too many ordinary strings. */
const APPROXIMATE_MIN_NAME = 6;
/** Names of this length or more may be two edits off; shorter ones one. */
const TWO_EDIT_NAME = 8;
/** One column of a name fits the 31 bits of a positive 32-bit integer. */
const MAX_NAME = 31;
/** letterMasks' value for a name the index does not search (a real mask has at most 26 bits set, never all 32). */
const UNSEARCHABLE = -1;
/**
 * Longest piece of the pigeonhole filter: a longer piece is looked for by its first letters (part of an untouched
 * piece is untouched too). Six letters in base 27 stay under 2^30, a small integer to V8: no number is boxed.
 */
const MAX_PIECE = 6;

export interface ApproximateMatch {
  /** Index of the name in the list the index was built from. */
  readonly name: number;
  readonly start: number;
  readonly end: number;
  /** Edits (insertions, omissions, substitutions) between text[start, end) and the name: 0 to allowedEdits(). */
  readonly edits: number;
}

/** The caller's check of a candidate window text[start, end), `edits` from names[name]. */
export type Vet = (name: number, start: number, end: number, edits: number) => boolean;

export function allowedEdits(nameLength: number): number {
  return nameLength >= TWO_EDIT_NAME ? 2 : 1;
}

function letterIndex(code: number): number {
  return code >= 97 && code <= 122 ? code - 97 : -1;
}

/** Levenshtein distance between a and text[from, to), for short strings (a ≤ 31, to − from ≤ 33 characters). */
const ROW = new Int32Array(MAX_NAME + 3);
export function editDistance(a: string, text: string, from: number, to: number): number {
  const n = to - from;
  for (let j = 0; j <= n; j++) ROW[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = ROW[0] ?? 0;
    ROW[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const above = ROW[j] ?? 0;
      const cost = ca === text.charCodeAt(from + j - 1) ? 0 : 1;
      ROW[j] = Math.min(diagonal + cost, above + 1, (ROW[j - 1] ?? 0) + 1);
      diagonal = above;
    }
  }
  return ROW[n] ?? 0;
}

/**
 * editDistance(a, text, from, to) when it is at most k, otherwise k + 1: only the band |i − j| ≤ k of the table is
 * filled, and the pass stops at the first row whose cells all exceed k (most texts, within a few letters). `swaps`:
 * two adjacent letters swapped count as one edit, not two (the optimal-string-alignment distance: `staem` is one
 * edit from `steam`). The stop stays exact with swaps: a cell reached by a swap from two rows up is at least the cell
 * a substitution reaches from the row between.
 */
const BAND_EARLIER = new Int32Array(MAX_NAME + 3);
const BAND_PREVIOUS = new Int32Array(MAX_NAME + 3);
const BAND_CURRENT = new Int32Array(MAX_NAME + 3);
export function editDistanceWithin(a: string, text: string, from: number, to: number, k: number, swaps = false): number {
  const n = to - from;
  const over = k + 1;
  if (Math.abs(a.length - n) > k || n > MAX_NAME + 2 || a.length > MAX_NAME) return over;
  let earlier = BAND_EARLIER;
  let previous = BAND_PREVIOUS;
  let current = BAND_CURRENT;
  for (let j = 0; j <= n; j++) previous[j] = j <= k ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - k);
    const hi = Math.min(n, i + k);
    current[lo - 1] = lo === 1 && i <= k ? i : over;
    let rowLeast = current[lo - 1] ?? over;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const ct = text.charCodeAt(from + j - 1);
      const substitute = (previous[j - 1] ?? over) + (ca === ct ? 0 : 1);
      let cell = Math.min(substitute, (previous[j] ?? over) + 1, (current[j - 1] ?? over) + 1, over);
      // Row i − 2's cell j − 2 lies on this cell's diagonal, inside that row's band.
      if (swaps && i > 1 && j > 1 && ca !== ct && ca === text.charCodeAt(from + j - 2) && a.charCodeAt(i - 2) === ct) {
        cell = Math.min(cell, (earlier[j - 2] ?? over) + 1);
      }
      current[j] = cell;
      if (cell < rowLeast) rowLeast = cell;
    }
    // The next row reads this one up to hi + 1: outside the band, over.
    if (hi < n) current[hi + 1] = over;
    if (rowLeast > k) return over;
    const oldest = earlier;
    earlier = previous;
    previous = current;
    current = oldest;
  }
  return previous[n] ?? over;
}

export class ApproximateNameIndex {
  private readonly names: readonly string[];
  /** peq[26·i + c]: bit p set when names[i][p] is letter c. */
  private readonly peq: Int32Array;
  private readonly letterMasks: Int32Array;
  /** The pigeonhole filter: a piece's code (pieceCode) → the names that have it. */
  private readonly pieceNames = new Map<number, number[]>();
  /** pieceLength[L] = 1 when some name has a piece of L letters (at most MAX_PIECE). */
  private readonly pieceLength = new Uint8Array(MAX_PIECE + 1);
  /** Scratch of find(): marked[i] === mark when names[i] has a piece in the text being searched. */
  private readonly marked: Int32Array;
  private mark = 0;
  /** byLength[n]: the searchable names of n letters, in list order (closestWhole() reads only lengths near the text's). */
  private readonly byLength: number[][] = [];
  /** letterCounts[26·i + c]: how many times letter c is in names[i] (closestWhole()'s count filter). */
  private readonly letterCounts: Uint8Array;
  /** Scratch of closestWhole(): how many times each letter is in the text. */
  private readonly textCounts = new Int32Array(26);
  /** Edits a name of a given length may be off (allowedEdits unless the index was given its own rule). */
  private readonly editsFor: (nameLength: number) => number;
  /** The most edits any searchable name may be off. */
  private readonly maxEdits: number;

  /**
   * `names`: any names; only lowercase a-z names of `minLength` (APPROXIMATE_MIN_NAME unless said) to MAX_NAME letters
   * are ever found, at most `editsFor(name's length)` edits off (allowedEdits unless said).
   */
  constructor(names: readonly string[], minLength = APPROXIMATE_MIN_NAME, editsFor: (nameLength: number) => number = allowedEdits) {
    this.names = names;
    this.editsFor = editsFor;
    let maxEdits = 0;
    this.peq = new Int32Array(26 * names.length);
    this.letterCounts = new Uint8Array(26 * names.length);
    this.letterMasks = new Int32Array(names.length);
    this.marked = new Int32Array(names.length);
    names.forEach((name, i) => {
      const searchable = name.length >= minLength && name.length <= MAX_NAME && /^[a-z]+$/.test(name);
      if (!searchable) {
        this.letterMasks[i] = UNSEARCHABLE;
        return;
      }
      let mask = 0;
      for (let p = 0; p < name.length; p++) {
        const c = name.charCodeAt(p) - 97;
        this.peq[26 * i + c] = (this.peq[26 * i + c] ?? 0) | (1 << p);
        this.letterCounts[26 * i + c] = (this.letterCounts[26 * i + c] ?? 0) + 1;
        mask |= 1 << c;
      }
      this.letterMasks[i] = mask;
      (this.byLength[name.length] ??= []).push(i);
      maxEdits = Math.max(maxEdits, editsFor(name.length));
      // k + 1 pieces as even as can be: `metamask` (two edits) → `met`, `ama`, `sk`.
      const pieces = editsFor(name.length) + 1;
      for (let p = 0; p < pieces; p++) {
        const start = Math.floor((p * name.length) / pieces);
        const end = Math.min(Math.floor(((p + 1) * name.length) / pieces), start + MAX_PIECE);
        const code = pieceCode(name, start, end);
        const holders = this.pieceNames.get(code);
        if (holders === undefined) this.pieceNames.set(code, [i]);
        else if (!holders.includes(i)) holders.push(i);
        this.pieceLength[end - start] = 1;
      }
    });
    this.maxEdits = maxEdits;
  }

  /**
   * The closest name written inside text[from, to) as it is or up to editsFor() of its length off: fewest edits
   * first, then the longest name, then the earliest in the text. `accept` vets each candidate window (the caller's
   * word and name checks); undefined when none is left.
   */
  find(text: string, from: number, to: number, accept: Vet): ApproximateMatch | undefined {
    const mark = this.markPieces(text, from, to);
    const textMask = lettersIn(text, from, to);
    let best: ApproximateMatch | undefined;
    for (let i = 0; i < this.names.length; i++) {
      if (this.marked[i] !== mark) continue;
      const nameMask = this.letterMasks[i] ?? UNSEARCHABLE;
      if (nameMask === UNSEARCHABLE) continue;
      const name = this.names[i] ?? '';
      const k = this.editsFor(name.length);
      if (to - from < name.length - k || bitCount(nameMask & ~textMask) > k) continue;
      const match = this.search(i, name, k, text, from, to, accept);
      if (match === undefined) continue;
      if (best === undefined || match.edits < best.edits || (match.edits === best.edits && name.length > (this.names[best.name] ?? '').length)) best = match;
    }
    return best;
  }

  /**
   * The name the whole of text[from, to) is closest to, within editsFor() of its length and not equal to it: fewest
   * edits (two adjacent letters swapped counting as one, as a typo of a whole name is counted), then the longest
   * name, then the first, among those `accept` takes (all unless said); undefined when none is that close. For a
   * label that is a long name misspelt as a whole (`steeamcommnity`), not a name inside a longer text (find()).
   */
  closestWhole(text: string, from: number, to: number, accept?: (name: number, edits: number) => boolean): { readonly name: number; readonly edits: number } | undefined {
    const length = to - from;
    if (length > MAX_NAME + this.maxEdits) return undefined;
    // Only names within k letters of the text's length can be k edits from it; of those, only names with at most k
    // letters missing from it (the letter masks), then at most k letters more or fewer counted one by one (the bag
    // distance, a lower bound of the edit distance, swaps included: over the bench's 300,000 hosts it left 1,059 of
    // the 333,465 edit distances the masks let through once names were three edits off). The pigeonhole pass would
    // cost more.
    // One pass gives both: the letters' counts and their mask.
    const counts = this.textCounts;
    counts.fill(0);
    let textMask = 0;
    for (let p = from; p < to; p++) {
      const c = letterIndex(text.charCodeAt(p));
      if (c < 0) continue;
      counts[c] = (counts[c] ?? 0) + 1;
      textMask |= 1 << c;
    }
    let best: { name: number; edits: number } | undefined;
    for (let n = Math.max(1, length - this.maxEdits); n <= length + this.maxEdits; n++) {
      const k = this.editsFor(n);
      if (Math.abs(n - length) > k) continue;
      for (const i of this.byLength[n] ?? NONE) {
        if (bitCount((this.letterMasks[i] ?? 0) & ~textMask) > k || this.bagDistanceOver(i, k)) continue;
        const edits = editDistanceWithin(this.names[i] ?? '', text, from, to, k, true);
        if (edits === 0 || edits > k || (accept !== undefined && !accept(i, edits))) continue;
        if (best === undefined || edits < best.edits || (edits === best.edits && n > (this.names[best.name] ?? '').length)) best = { name: i, edits };
      }
    }
    return best;
  }

  /**
   * Whether names[i] and the text counted in textCounts differ by more than k letters as bags (the larger of the
   * letters the name has more of and those the text has more of): then no k edits turn one into the other.
   */
  private bagDistanceOver(i: number, k: number): boolean {
    let missing = 0;
    let extra = 0;
    for (let c = 0; c < 26; c++) {
      const d = (this.letterCounts[26 * i + c] ?? 0) - (this.textCounts[c] ?? 0);
      if (d > 0) missing += d;
      else extra -= d;
    }
    return missing > k || extra > k;
  }

  /**
   * Marks the names that have a piece written in text[from, to) (the pigeonhole filter) with a fresh mark, and
   * returns it. Every run of letters is read once from each position, up to the longest piece.
   */
  private markPieces(text: string, from: number, to: number): number {
    if (this.mark === 0x7fffffff) {
      this.marked.fill(0);
      this.mark = 0;
    }
    const mark = ++this.mark;
    for (let j = from; j < to; j++) {
      let code = 0;
      for (let length = 1; length <= MAX_PIECE && j + length <= to; length++) {
        const c = letterIndex(text.charCodeAt(j + length - 1));
        if (c < 0) break;
        code = code * 27 + c + 1;
        if (this.pieceLength[length] !== 1) continue;
        const holders = this.pieceNames.get(code);
        if (holders !== undefined) for (const i of holders) this.marked[i] = mark;
      }
    }
    return mark;
  }

  /** Myers' pass over text[from, to) for names[i]: the first accepted window with the fewest edits. */
  private search(i: number, name: string, k: number, text: string, from: number, to: number, accept: Vet): ApproximateMatch | undefined {
    const m = name.length;
    const high = 1 << (m - 1);
    const all = m === 31 ? 0x7fffffff : (1 << m) - 1;
    let pv = all;
    let mv = 0;
    let score = m;
    let found: ApproximateMatch | undefined;
    for (let j = from; j < to; j++) {
      const c = letterIndex(text.charCodeAt(j));
      const eq = c < 0 ? 0 : (this.peq[26 * i + c] ?? 0);
      const xv = eq | mv;
      const xh = ((((eq & pv) + pv) & all) ^ pv) | eq;
      let ph = mv | (~(xh | pv) & all);
      let mh = pv & xh;
      if ((ph & high) !== 0) score++;
      else if ((mh & high) !== 0) score--;
      ph = (ph << 1) & all;
      mh = (mh << 1) & all;
      pv = mh | (~(xv | ph) & all);
      mv = ph & xv;
      if (score <= k && (found === undefined || score < found.edits)) {
        found = this.window(i, name, score, text, from, j + 1, accept) ?? found;
        if (found?.edits === 0) return found;
      }
    }
    return found;
  }

  /** The accepted window ending at `end` that is `edits` from the name, the closest to the name's length first. */
  private window(i: number, name: string, edits: number, text: string, from: number, end: number, accept: Vet): ApproximateMatch | undefined {
    for (let spread = 0; spread <= edits; spread++) {
      for (const length of spread === 0 ? [name.length] : [name.length - spread, name.length + spread]) {
        const start = end - length;
        if (start < from || length <= 0) continue;
        if (editDistanceWithin(name, text, start, end, edits) === edits && accept(i, start, end, edits)) return { name: i, start, end, edits };
      }
    }
    return undefined;
  }
}

const NONE: readonly number[] = [];

/** The 26-bit mask of the letters a-z in text[from, to), as letterMasks holds a name's. */
function lettersIn(text: string, from: number, to: number): number {
  let mask = 0;
  for (let j = from; j < to; j++) {
    const c = letterIndex(text.charCodeAt(j));
    if (c >= 0) mask |= 1 << c;
  }
  return mask;
}

/** text[start, end) (a-z, at most MAX_PIECE letters) as a number in base 27, letters 1-26: distinct per string. */
function pieceCode(text: string, start: number, end: number): number {
  let code = 0;
  for (let p = start; p < end; p++) code = code * 27 + text.charCodeAt(p) - 96;
  return code;
}

function bitCount(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}
