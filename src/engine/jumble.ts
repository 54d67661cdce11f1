/**
 * Official domains imitated inside a sub-domain with the letters of their name jumbled: `amzanao.co.jp.example.shop`
 * for amazon.co.jp, `kueronekayacotn.co.jp.…` for kuronekoyamato.co.jp, with the suffix written as it is or one letter
 * off in a form no registry issues (`anazno.co.ip.…`: co.ip for co.jp).
 *
 * Design note: readers take a word in by its first letter and its letters more than by their order, and kits that
 * generate hosts by the thousand shuffle a brand's name so that no list of typos holds them, while keeping the shape
 * of the brand's address. That shape (the name in front of a two-label suffix of one of the brand's domains, such as
 * co.jp or com.au, inside the sub-domain of another site) is what makes a loose likeness of letters evidence: the
 * same likeness between two bare names means nothing. Suffixes of one label are left out: `.com.` and `.org.` sit in
 * many names (CDN and storage hosts, kits' word salad), and on the evaluation sets a likeness of letters in front of
 * them named wrong brands (`coinbase-com` as Casino's, `terareum.org` as Telegram's). Likeness is Dice's coefficient
 * over letter counts (2·shared / (|a| + |b|)), with the first letter kept and the length within
 * MAX_JUMBLE_LENGTH_CHANGE. The index is built once per catalog; a host pays a scan of its sub-domain, a slice where
 * two pieces of a suffix's length follow a separator, and a comparison only where they are a brand's suffix.
 */
import { getPublicSuffix } from 'tldts';

/** Least share of letters a name and a brand's name have in common (Dice's coefficient) to read as the brand's, jumbled. */
const MIN_JUMBLE_LIKENESS = 0.75;
/** Shortest name compared: shorter ones share most of their letters with too many others. */
const MIN_JUMBLED_NAME_CHARS = 4;
/** Most letters a jumbled name may have more or fewer than the brand's (a longer name holds any short one's letters). */
const MAX_JUMBLE_LENGTH_CHANGE = 2;
/** Longest name compared (longer ones are ids or padding). */
const MAX_JUMBLED_NAME_CHARS = 32;
/** Letters and digits: the alphabet of a name whose letters are counted. */
const ALPHABET_SIZE = 36;

export interface JumbledDomain {
  readonly brand: number;
  /** The official domain imitated (`amazon.co.jp`). */
  readonly domain: string;
  /** The brand's name compared (`amazon`). */
  readonly name: string;
  /** The name as the host writes it (`amzanao`), hyphens removed. */
  readonly written: string;
  /** The suffix as the host writes it (`co.ip`, `co-jp`). */
  readonly suffixWritten: string;
  /** The real suffix when the host writes a look-alike of it (`co.jp` for `co.ip`), else ''. */
  readonly lookalikeOf: string;
}

/** An official domain with its label and brand, as the engine lists them. */
export interface LabelledDomain {
  readonly domain: string;
  readonly label: string;
  readonly brand: number;
}

interface Entry {
  readonly brand: number;
  readonly domain: string;
  readonly name: string;
  /** Letter counts of name, by letterIndex(). */
  readonly counts: Uint8Array;
  /** The distinct letter indices of name, to compare over. */
  readonly letters: readonly number[];
}

interface SuffixEntries {
  readonly entries: readonly Entry[];
  /** The real suffix when the key is a look-alike of it, else ''. */
  readonly lookalikeOf: string;
}

function letterIndex(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return 26 + code - 48;
  return -1;
}

function isSeparator(code: number): boolean {
  return code === 46 /* '.' */ || code === 45 /* '-' */;
}

function entryOf(brand: number, domain: string, name: string): Entry | undefined {
  if (name.length < MIN_JUMBLED_NAME_CHARS || name.length > MAX_JUMBLED_NAME_CHARS) return undefined;
  const counts = new Uint8Array(ALPHABET_SIZE);
  const letters: number[] = [];
  for (let i = 0; i < name.length; i++) {
    const k = letterIndex(name.charCodeAt(i));
    if (k < 0) return undefined;
    if (counts[k] === 0) letters.push(k);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return { brand, domain, name, counts, letters };
}

/** Whether a and b (of equal length) differ in exactly one character, a letter or digit in both. */
function oneLetterOff(a: string, b: string): boolean {
  let diff = -1;
  for (let i = 0; i < a.length; i++) {
    if (a.charCodeAt(i) === b.charCodeAt(i)) continue;
    if (diff >= 0) return false;
    diff = i;
  }
  return diff >= 0 && letterIndex(a.charCodeAt(diff)) >= 0 && letterIndex(b.charCodeAt(diff)) >= 0;
}

export class JumbledDomainIndex {
  /** Entries by two-label suffix (`co.jp`). */
  private readonly bySuffix = new Map<string, SuffixEntries>();
  /** The two-label suffixes by length, for look-alike spellings. */
  private readonly suffixesByLength = new Map<number, string[]>();
  /** Spellings one letter off a suffix met so far: `co.ip` → co.jp's entries; a real suffix of its own → undefined. */
  private readonly spellings = new Map<string, SuffixEntries | undefined>();
  private readonly longestFirstPiece: number;
  private readonly scratch = new Uint8Array(ALPHABET_SIZE);

  /**
   * domains: the catalog's official domains with their labels; keywordsOf(brand): the brand's keywords, compared
   * too, as names of the brand's first domain under each suffix (`kuroneko` for kuronekoyamato.co.jp).
   */
  constructor(domains: readonly LabelledDomain[], keywordsOf: (brand: number) => readonly string[]) {
    const real = new Map<string, Entry[]>();
    const seen = new Set<string>();
    const add = (suffix: string, brand: number, domain: string, name: string): void => {
      const key = `${suffix} ${brand} ${name}`;
      if (seen.has(key)) return;
      const entry = entryOf(brand, domain, name);
      if (entry === undefined) return;
      seen.add(key);
      let list = real.get(suffix);
      if (list === undefined) real.set(suffix, (list = []));
      list.push(entry);
    };
    for (const { domain, label, brand } of domains) {
      if (!domain.startsWith(`${label}.`)) continue;
      const suffix = domain.slice(label.length + 1);
      const dot = suffix.indexOf('.');
      if (dot < 0 || dot !== suffix.lastIndexOf('.')) continue; // two labels only: see the design note
      add(suffix, brand, domain, label.replaceAll('-', ''));
      for (const keyword of keywordsOf(brand)) add(suffix, brand, domain, keyword.toLowerCase().replaceAll('-', ''));
    }
    let longest = 0;
    for (const [suffix, entries] of real) {
      this.bySuffix.set(suffix, { entries, lookalikeOf: '' });
      let same = this.suffixesByLength.get(suffix.length);
      if (same === undefined) this.suffixesByLength.set(suffix.length, (same = []));
      same.push(suffix);
      longest = Math.max(longest, suffix.indexOf('.'));
    }
    this.longestFirstPiece = longest;
  }

  /**
   * The entries of a two-label suffix written with dots: the suffix itself, or a spelling one letter off it that no
   * registry issues (`co.ip` for co.jp, but not `go.jp`, a suffix of its own); undefined for others.
   */
  private suffixEntries(written: string): SuffixEntries | undefined {
    const exact = this.bySuffix.get(written);
    if (exact !== undefined) return exact;
    for (const suffix of this.suffixesByLength.get(written.length) ?? []) {
      if (!oneLetterOff(written, suffix)) continue;
      // Remembered: at most 35 spellings per letter of each suffix, and one public-suffix look-up each.
      if (this.spellings.has(written)) return this.spellings.get(written);
      const entries = this.bySuffix.get(suffix)?.entries;
      const found = entries === undefined || getPublicSuffix(`x.${written}`) === written ? undefined : { entries, lookalikeOf: suffix };
      this.spellings.set(written, found);
      return found;
    }
    return undefined;
  }

  /**
   * The real suffix that a suffix written one letter off stands for (`co.jp` for `co.ip`), when the index has it;
   * '' otherwise.
   */
  lookalikeOf(written: string): string {
    return this.suffixEntries(written)?.lookalikeOf ?? '';
  }

  /**
   * The first name in a host's sub-domain, host[0, end) (host[end] is the dot in front of the registrable label, which
   * ends at labelEnd), that is a catalog name, jumbled, followed by a suffix of that brand's domain, written with dots
   * or hyphens, which may run into the registrable label (`www.aimozan.co-jp-azminzaon.xyz`); undefined if none. A
   * name exactly as the brand writes it under its real suffix is a copy, judged elsewhere, and skipped.
   */
  find(host: string, end: number, labelEnd: number): JumbledDomain | undefined {
    let labelStart = 0;
    for (let i = 0; i <= end; i++) {
      const code = host.charCodeAt(i);
      if (!isSeparator(code)) continue;
      const found = i > labelStart ? this.suffixAt(host, labelStart, i, labelEnd) : undefined;
      if (found !== undefined) return found;
      if (code === 46) labelStart = i + 1;
    }
    return undefined;
  }

  /** A match for the name host[nameStart, nameEnd) and a suffix of two labels from nameEnd + 1 on, ending by `end`. */
  private suffixAt(host: string, nameStart: number, nameEnd: number, end: number): JumbledDomain | undefined {
    const from = nameEnd + 1;
    let to = from;
    while (to < end && !isSeparator(host.charCodeAt(to))) to++;
    if (to === from || to - from > this.longestFirstPiece || to >= end) return undefined;
    let next = to + 1;
    while (next < end && !isSeparator(host.charCodeAt(next))) next++;
    if (next === to + 1 || !this.suffixesByLength.has(next - from)) return undefined;
    const written = host.slice(from, next);
    const suffix = this.suffixEntries(host.charCodeAt(to) === 45 ? written.replace('-', '.') : written);
    return suffix === undefined ? undefined : this.nameMatch(host.slice(nameStart, nameEnd), written, suffix);
  }

  /** The likest entry for `name` (whole, hyphens removed, or one of its hyphen pieces) under a suffix. */
  private nameMatch(name: string, suffixWritten: string, suffix: SuffixEntries): JumbledDomain | undefined {
    const lookalike = suffix.lookalikeOf !== '';
    const joined = name.includes('-') ? name.replaceAll('-', '') : name;
    let best = this.bestMatch(joined, suffix.entries, lookalike);
    if (name !== joined) {
      for (const piece of name.split('-')) {
        const match = this.bestMatch(piece, suffix.entries, lookalike);
        if (match !== undefined && (best === undefined || match.likeness > best.likeness)) best = match;
      }
    }
    if (best === undefined) return undefined;
    const { entry, written } = best;
    return { brand: entry.brand, domain: entry.domain, name: entry.name, written, suffixWritten, lookalikeOf: suffix.lookalikeOf };
  }

  /** The entry whose name `written` is likest to, at MIN_JUMBLE_LIKENESS or more (the first on a tie). */
  private bestMatch(written: string, entries: readonly Entry[], lookalikeSuffix: boolean): { entry: Entry; written: string; likeness: number } | undefined {
    if (written.length < MIN_JUMBLED_NAME_CHARS || written.length > MAX_JUMBLED_NAME_CHARS) return undefined;
    const counts = this.scratch;
    counts.fill(0);
    for (let i = 0; i < written.length; i++) {
      const k = letterIndex(written.charCodeAt(i));
      if (k < 0) return undefined;
      counts[k] = (counts[k] ?? 0) + 1;
    }
    let best: Entry | undefined;
    let bestLikeness = 0;
    for (const entry of entries) {
      if (entry.name.charCodeAt(0) !== written.charCodeAt(0) || Math.abs(entry.name.length - written.length) > MAX_JUMBLE_LENGTH_CHANGE) continue;
      // A brand's own name under its real suffix is a copy, judged elsewhere (and weakly when the host is a CDN's).
      if (entry.name === written) {
        if (lookalikeSuffix) return { entry, written, likeness: 1 };
        return undefined;
      }
      let shared = 0;
      for (const k of entry.letters) shared += Math.min(entry.counts[k] ?? 0, counts[k] ?? 0);
      const likeness = (2 * shared) / (entry.name.length + written.length);
      if (likeness >= MIN_JUMBLE_LIKENESS && likeness > bestLikeness) {
        best = entry;
        bestLikeness = likeness;
      }
    }
    return best === undefined ? undefined : { entry: best, written, likeness: bestLikeness };
  }
}
