/**
 * What the rest of a label is made of, once a brand token is taken out: `paypal-secure-login` → lure words,
 * `amazonmusic` → ordinary words, `amazonxkqv` → neither. Phishing combosquats pair a brand with lure words;
 * brands' own and fan sites pair it with ordinary words (Kintis et al., "Hiding in Plain Sight", CCS 2017).
 */
import { LURE_WORDS } from './lexicon.js';
import { WORDS_BY_LENGTH } from './generated/words.js';
import { StringBloom } from './bloom.js';

export type RestKind = 'empty' | 'lures' | 'mixed' | 'words' | 'other';

/** Technical abbreviations that machine-chosen names are built from (`cdnhw`, `dnscloud`, `apigw`). */
const TECH_ABBREVIATIONS: readonly string[] = ['cdn', 'dns', 'api', 'img', 'www', 'web', 'sdk', 'ssl', 'ftp', 'vpn', 'js', 'hw', 'gw', 'srv', 'svc', 'ns', 'mx', 'smtp', 'imap', 'pop', 'cfg', 'cms', 'crm', 'erp', 'sso', 'idp', 'ott', 'iot', 'hd', 'qa', 'dev', 'prd', 'prod', 'stg', 'int', 'ext', 'pub', 'obs', 'oss', 'cos', 'bj', 'sh', 'gz', 'sz', 'hk', 'xyz', 'ltd', 'co', 'inc', 'tv', 'fm', 'pc', 'my', 'go', 'app'];

/**
 * Pieces of domain names (`co`, `jp`, `com`): next to a brand they copy the shape of its official domain
 * (`rakuten-co-jp.cloud`, `amazon-com.info`), so they count with the lure words.
 */
const DOMAIN_PARTS = new Set(['co', 'com', 'net', 'org', 'ne', 'or', 'ac', 'go', 'gov', 'jp', 'uk', 'us', 'eu']);

/**
 * Words of document-sharing lures (`onedrive-share`, `docusign-review`, `wetransfer-download`): next to a brand's
 * name they count with the lure words; alone they are everyday words, no lure.
 */
const DOCUMENT_WORDS = [
  'share', 'shared', 'sharing', 'document', 'documents', 'docs', 'file', 'files', 'download', 'view', 'viewer', 'review',
  'esign', 'fax', 'voicemail', 'scan',
];

/** Lure words whose plural names what a service offers (`apps`, `cards`, `gifts`) more than it lures. */
const OFFERING_LURES = new Set(['app', 'bank', 'card', 'cloud', 'gift', 'mail', 'pay', 'sign', 'check', 'track', 'package', 'tax', 'gov']);

/** Two-letter pieces that are codes, not words: `tv`, `id`, `io`. */
const SHORT_CODES = new Set(['my', 'id', 'tv', 'io', 'ai', 'hq', 'pc', 'vr', 'ar', 'ok', 'hd', 'pr', 'cs', 'de', 'fr', 'es', 'it', 'nl', 'au', 'ca', 'in', 'br', 'cn', 'hk', 'kr', 'tw', 'sg', 'nz', 'za', 'mx', 'ru', 'ch', 'se', 'dk', 'fi', 'pl', 'pt', 'be', 'at', 'ie', 'ph', 'th', 'vn', 'ae', 'sa', 'tr']);

/**
 * Two-letter pieces that are words among a free name's words (isLureAmongWords): the codes, and `ad`, which the
 * social-network policy kits glue to their words (`contentviolationadinspire`, `postinfractionadzone`; engine 1.39).
 * Nowhere else: as a code, `ad` would read random labels (`tnstradlng`) and a combosquat's rest (`traspad`) as words.
 */
const NAME_WORD_CODES = new Set([...SHORT_CODES, 'ad']);

/** Longest common word (tools/generate-tables.ts keeps words of 3-20 letters): no piece longer is looked up. */
const LONGEST_WORD_CHARS = 20;
/** Longest piece segmented into words (DP is O(n²) substring look-ups; longer pieces count as `other`). */
const MAX_SEGMENTED_CHARS = 40;
/** Scratch tables of the two segmentations (at most MAX_SEGMENTED_CHARS + 1 entries each), allocated once. */
const SEGMENT_BITS = new Int32Array(MAX_SEGMENTED_CHARS + 1);
const SEGMENT_OK = new Uint8Array(MAX_SEGMENTED_CHARS + 1);

let lureSet: Set<string> | undefined;
let lureBloomFilter: StringBloom | undefined;
let anyWordBloomFilter: StringBloom | undefined;

/** Rules out lures() look-ups over a range of a string, without a substring (see bloom.ts). */
function lureBloom(): StringBloom {
  lureBloomFilter ??= new StringBloom(lures());
  return lureBloomFilter;
}

/** Every entry of lures(), the common words (WORDS_BY_LENGTH) and NAME_WORD_CODES: rules out all three at once. */
function anyWordBloom(): StringBloom {
  anyWordBloomFilter ??= new StringBloom([...lures(), ...NAME_WORD_CODES], WORDS_BY_LENGTH);
  return anyWordBloomFilter;
}

function lures(): Set<string> {
  if (lureSet === undefined) {
    const written = LURE_WORDS.map((w) => w.replaceAll('-', ''));
    // A lure's plural lures as well (`wellsfargo-alerts`, `paypal-payments`, `amazon-refunds`), unless it names
    // what a service offers (`line-apps`, `citicards`, `shopifyapps`).
    const plurals = written.filter((w) => !w.endsWith('s') && !OFFERING_LURES.has(w)).map((w) => `${w}s`);
    lureSet = new Set([...written, ...plurals, ...DOMAIN_PARTS, ...DOCUMENT_WORDS]);
  }
  return lureSet;
}

/**
 * Whether text[from, to) is one of the common words: a binary search among the words of that length, which the
 * generated table keeps sorted and concatenated (WORDS_BY_LENGTH). Why not a Set: building a Set of 24,501 words
 * (a split and a hash per word) was about a fifth of the first catalog load (~20 ms on this project's 2-core
 * machine, before V8 optimises the loop); the table needs no building, and a look-up compares about a dozen
 * records in place, with no substring.
 */
export function isListedWord(text: string, from: number, to: number): boolean {
  const n = to - from;
  const group = n > 0 ? WORDS_BY_LENGTH[n] : undefined;
  if (group === undefined) return false;
  let lo = 0;
  let hi = group.length / n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = mid * n;
    let order = 0;
    for (let i = 0; i < n && order === 0; i++) order = text.charCodeAt(from + i) - group.charCodeAt(at + i);
    if (order === 0) return true;
    if (order < 0) hi = mid - 1;
    else lo = mid + 1;
  }
  return false;
}

/**
 * Whether a label reads as chosen rather than generated: once digits, hyphens and technical abbreviations are
 * taken out, every remaining run of letters is a common word, a lure word or a short code.
 */
export function isComposedOfWords(label: string): boolean {
  let rest = label;
  for (const abbreviation of TECH_ABBREVIATIONS) if (rest.includes(abbreviation)) rest = rest.replaceAll(abbreviation, '-');
  let i = 0;
  while (i < rest.length) {
    while (i < rest.length && !isLetter(rest.charCodeAt(i))) i++;
    let j = i;
    while (j < rest.length && isLetter(rest.charCodeAt(j))) j++;
    if (j - i > 3 && (classifyRun(rest.slice(i, j)) & OTHER) !== 0) return false;
    i = j;
  }
  return true;
}

/** A common word this long inside a label shows a chosen name, however odd the rest looks. */
const TELLING_WORD_CHARS = 6;

/**
 * Whether a common word of TELLING_WORD_CHARS letters or more stands anywhere in label[start, end)
 * (`contentsprinter`, `rbstsystems`): generators of throw-away names do not spell words that long.
 */
export function containsLongWord(label: string, start: number, end: number): boolean {
  for (let i = start; i + TELLING_WORD_CHARS <= end; i++) {
    for (let j = Math.min(end, i + LONGEST_WORD_CHARS); j >= i + TELLING_WORD_CHARS; j--) {
      if (anyWordBloom().mayHave(label, i, j) && isListedWord(label, i, j)) return true;
    }
  }
  return false;
}

/** [start, end) pairs of the common words of four letters or more anywhere in `text` (overlapping ones too). */
export function commonWordsIn(text: string): number[] {
  const found: number[] = [];
  for (let from = 0; from + 4 <= text.length; from++) {
    for (let to = from + 4; to <= text.length && to - from <= LONGEST_WORD_CHARS; to++) {
      if (isLetter(text.charCodeAt(to - 1)) && isCommonWordAt(text, from, to)) found.push(from, to);
    }
  }
  return found;
}

/** Two-letter codes read as words inside names (`my`, `id`, country codes). */
export function isShortCode(word: string): boolean {
  return SHORT_CODES.has(word);
}

/** Two-letter pieces read as words among a free name's words by isLureAmongWords (the codes, and `ad`). */
export function isNameWordCode(word: string): boolean {
  return NAME_WORD_CODES.has(word);
}

export function isCommonWord(word: string): boolean {
  return anyWordBloom().mayHave(word) && (isListedWord(word, 0, word.length) || lures().has(word));
}

/** isCommonWord(text.slice(from, to)), with no substring made unless the filter lets the range through. */
export function isCommonWordAt(text: string, from: number, to: number): boolean {
  if (!anyWordBloom().mayHave(text, from, to)) return false;
  return isListedWord(text, from, to) || lures().has(text.slice(from, to));
}

/** Bits of what a run of letters is made of. */
const LURE = 1;
const WORD = 2;
const OTHER = 4;

/** Memo of segment(): hosts repeat their words (`online`, `cloud`, `static`); bounded, cleared when full. */
const RUN_MEMO_SIZE = 50_000;
const runMemo = new Map<string, number>();

/**
 * Classifies one run of letters by the cheapest segmentation into lure words, common words and short codes:
 * returns a bit set of what it is made of, or Other when it cannot be segmented. A run that is one word is looked
 * up behind the filter first: the memo (a large Map, often a cache miss) is for the segmentation only.
 */
function classifyRun(run: string): number {
  if (run.length === 0) return 0;
  const maybeWord = anyWordBloom().mayHave(run);
  if (maybeWord && lures().has(run)) return LURE;
  if (run.length <= 3 && (run.length === 3 || (maybeWord && SHORT_CODES.has(run)))) return WORD;
  if (maybeWord && isListedWord(run, 0, run.length)) return WORD;
  if (run.length > MAX_SEGMENTED_CHARS) return OTHER;
  const known = runMemo.get(run);
  if (known !== undefined) return known;
  const bits = segment(run);
  if (runMemo.size >= RUN_MEMO_SIZE) runMemo.clear();
  runMemo.set(run, bits);
  return bits;
}

/** classifyRun() of a run of 1 to MAX_SEGMENTED_CHARS letters that is no single word: its cheapest segmentation. */
function segment(run: string): number {
  // best[i]: bits of a segmentation of run[0, i), or -1 when none. Prefer segmentations with lure words.
  // Scratch shared by calls: safe, the function is synchronous and not re-entrant.
  const best = SEGMENT_BITS;
  best.fill(-1, 0, run.length + 1);
  best[0] = 0;
  for (let i = 1; i <= run.length; i++) {
    for (let j = Math.max(0, i - LONGEST_WORD_CHARS); j < i; j++) {
      const prev = best[j] ?? -1;
      if (prev < 0 || !anyWordBloom().mayHave(run, j, i)) continue;
      const piece = run.slice(j, i);
      let bits = -1;
      if (lures().has(piece)) bits = LURE;
      else if (piece.length >= 3 && isListedWord(piece, 0, piece.length)) bits = WORD;
      else if (piece.length === 2 && SHORT_CODES.has(piece)) bits = WORD;
      if (bits < 0) continue;
      const combined = prev | bits;
      const current = best[i] ?? -1;
      if (current < 0 || (combined & LURE) > (current & LURE)) best[i] = combined;
    }
  }
  const result = best[run.length] ?? -1;
  return result < 0 ? OTHER : result;
}

/** Classifies text[from, to) minus the token at [start, end): runs of letters split at digits, '-' and '.'. */
export function classifyRest(text: string, from: number, to: number, start: number, end: number): RestKind {
  let bits = 0;
  const visit = (a: number, b: number): void => {
    if (a >= b) return;
    // The whole side first, hyphens dropped: `log-in`, `web3`, `secure-account` are lure words as written.
    const raw = text.slice(a, b);
    const side = raw.includes('-') || raw.includes('.') ? raw.replaceAll('-', '').replaceAll('.', '') : raw;
    if (side.length === 0) return;
    if (lures().has(side) || isLureSequence(side)) { bits |= LURE; return; }
    let i = a;
    while (i < b) {
      while (i < b && !isLetter(text.charCodeAt(i))) i++;
      let j = i;
      while (j < b && isLetter(text.charCodeAt(j))) j++;
      if (j > i) bits |= classifyRun(text.slice(i, j));
      i = j;
    }
  };
  visit(from, start);
  // A plural ending (`lines`, `linees`, `xvideos-cdn`) is part of the name, not a word next to it.
  visit(end + pluralEnding(text, end), to);
  if (bits === 0) return 'empty';
  if ((bits & LURE) !== 0) return bits === LURE ? 'lures' : 'mixed';
  return (bits & OTHER) !== 0 ? 'other' : 'words';
}

/** `secureaccountlogin`: glued lure words only (DP over at most MAX_SEGMENTED_CHARS characters). */
function isLureSequence(text: string): boolean {
  if (text.length > MAX_SEGMENTED_CHARS) return false;
  // ok[i] = 1: text[0, i) is a sequence of lure words. Scratch shared by calls (synchronous, not re-entrant).
  const ok = SEGMENT_OK;
  ok.fill(0, 0, text.length + 1);
  ok[0] = 1;
  for (let i = 1; i <= text.length; i++) {
    for (let j = Math.max(0, i - 16); j < i && ok[i] !== 1; j++) {
      if (ok[j] === 1 && lureBloom().mayHave(text, j, i) && lures().has(text.slice(j, i))) ok[i] = 1;
    }
  }
  return ok[text.length] === 1;
}

/**
 * Length of a plural ending right after a name ending at `end`: 1 for `s`, 2 for `es`, when no letter follows it
 * (`lines`, `hmrces.com`, `xvideos-cdn`); 0 otherwise. Such a name is still the name, not the name glued to a word.
 */
export function pluralEnding(text: string, end: number): number {
  const length = text.charCodeAt(end) === 115 /* 's' */ ? 1 : text.charCodeAt(end) === 101 /* 'e' */ && text.charCodeAt(end + 1) === 115 ? 2 : 0;
  return length > 0 && !isLetter(text.charCodeAt(end + length)) ? length : 0;
}

function isLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}

/**
 * The run of letters around a name at text[start, end) when the letters glued to it on each side, up to the next
 * non-letter, are known words (`nhkplus`: `plus`; `wwwinfoepos`: `www` + `info`), or '' when either side is not.
 */
export function nameGluedToWords(text: string, start: number, end: number): string {
  const from = runStart(text, start);
  const to = runEnd(text, end);
  const wordsAround = (from === start || isWordSequence(text.slice(from, start))) && (to === end || isWordSequence(text.slice(end, to)));
  return wordsAround ? text.slice(from, to) : '';
}

/**
 * A run of letters made only of known words: lure words, common words, short codes and domain parts, unlike
 * classifyRun(), which takes any three letters for a word.
 */
function isWordSequence(run: string): boolean {
  if (anyWordBloom().mayHave(run) && (lures().has(run) || isListedWord(run, 0, run.length) || SHORT_CODES.has(run))) return true;
  return run.length <= MAX_SEGMENTED_CHARS && (segment(run) & OTHER) === 0;
}

/** Scratch of fewestWords(): fewest words of each prefix (allocated once; synchronous, not re-entrant). */
const FEWEST = new Int32Array(MAX_SEGMENTED_CHARS + 1);
const NO_SEGMENTATION = 1 << 20;

/**
 * Whether the lure word at text[start, end) is one of the words of the run of letters around it, read the way
 * with the fewest words: every letter glued to it, up to the next non-letter on each side, belongs to known words
 * (`guideline|violation|digital|trend`, `claim|reward|now`), and no reading as fewer, longer words takes it
 * apart (`accountant` is one word, not `account|ant`).
 */
export function isLureAmongWords(text: string, start: number, end: number): boolean {
  const from = runStart(text, start);
  const to = runEnd(text, end);
  if (to - from > MAX_SEGMENTED_CHARS) return false;
  // One pass over the whole run also gives the letters before the lure word their fewest words (a prefix).
  const whole = fewestWords(text, from, to);
  const before = FEWEST[start - from] ?? NO_SEGMENTATION;
  if (whole >= NO_SEGMENTATION || before >= NO_SEGMENTATION) return false;
  const after = fewestWords(text, end, to);
  return after < NO_SEGMENTATION && whole === before + 1 + after;
}

/**
 * The fewest known words text[from, to) reads as (0 when empty), or NO_SEGMENTATION when it reads as none; FEWEST
 * then holds the same for each prefix text[from, from + i).
 */
function fewestWords(text: string, from: number, to: number): number {
  const fewest = FEWEST;
  fewest.fill(NO_SEGMENTATION, 0, to - from + 1);
  fewest[0] = 0;
  for (let i = 2; i <= to - from; i++) {
    for (let j = Math.max(0, i - LONGEST_WORD_CHARS); j <= i - 2; j++) {
      const prev = fewest[j] ?? NO_SEGMENTATION;
      if (prev + 1 >= (fewest[i] ?? NO_SEGMENTATION) || !isKnownWordAt(text, from + j, from + i)) continue;
      fewest[i] = prev + 1;
    }
  }
  return fewest[to - from] ?? NO_SEGMENTATION;
}

/**
 * A lure word or a common word (three letters or more), or a two-letter code (`id`, `ad`), at text[from, to). Unlike
 * segment(), which reads a name's rest, two-letter domain parts (`co`, `us`) are no words here: `walletus` is no
 * `wallet|us` (1.27 was measured so).
 */
function isKnownWordAt(text: string, from: number, to: number): boolean {
  if (!anyWordBloom().mayHave(text, from, to)) return false;
  if (to - from === 2) return NAME_WORD_CODES.has(text.slice(from, to));
  return isListedWord(text, from, to) || lures().has(text.slice(from, to));
}

/** Where the run of letters holding text[at] (or ending just before it) starts. */
export function runStart(text: string, at: number): number {
  let from = at;
  while (from > 0 && isLetter(text.charCodeAt(from - 1))) from--;
  return from;
}

/** Where the run of letters holding text[at - 1] (or starting at it) ends. */
export function runEnd(text: string, at: number): number {
  let to = at;
  while (to < text.length && isLetter(text.charCodeAt(to))) to++;
  return to;
}
