/**
 * The detection engine: a compiled catalog plus shipped knowledge, judging one input at a time.
 *
 * Design note: everything that depends only on the catalog is precomputed in createEngine() (official-domain
 * map, one Aho-Corasick automaton over brand tokens and lure words, a deletion index for typos, confusable
 * skeletons of every token). check() parses its input once into a Subject and then runs, in order:
 *   1. official?        the host is, or is under, an official domain → `official`, stop;
 *   2. well-known site? its registrable domain is a popular site that is not a hosting platform → `benign`, stop;
 *   3. lookalike        homoglyph / typosquat / TLD swap / combosquat / brand in sub-domain, path or userinfo;
 *   4. URL risk         IP host, userinfo trick, shortener, dynamic DNS, hosting platform, risky TLD, lures,
 *                       random-looking or deep host names.
 * Signals combine by noisy-OR (each is independent evidence: score = 100·(1 − Π(1 − w/100))), so two weak
 * signals do not add up to certainty and no single weak one can reach `phishing`. See docs/engine.md.
 */
import { TokenAutomaton } from './automaton.js';
import { LookalikeIndex, glyphReading, isRestrictedMix, lookalikeKey, mayHaveSkeleton, scriptsOf, skeleton } from './skeleton.js';
import { lowerKeepingIndexes, parseInput, type Subject } from './subject.js';
import { forwardsOf, MAX_FORWARD_DEPTH, type Forward } from './redirect.js';
import { encodedAddressIn, plainAddressIn } from './address.js';
import { StringBloom } from './bloom.js';
import { ApproximateNameIndex, editDistance } from './approximate.js';
import { JumbledDomainIndex, type LabelledDomain } from './jumble.js';
import { TypoIndex, describeTypo, withinOneEdit, type Typo, type TypoKind } from './typo.js';
import { GENERATED_NAME_PLATFORMS, LURE_WORDS, MISSPELT_LURES, NEUTRAL_LURES, RISKY_TLDS, STRONG_LURES } from './lexicon.js';
import { classifyRest, commonWordsIn, containsLongWord, isCommonWord, isCommonWordAt, isComposedOfWords, isLureAmongWords, nameGluedToWords, pluralEnding, runEnd, runStart, type RestKind } from './words.js';
import {
  BRAND_INFRASTRUCTURE_DOMAINS,
  BRAND_TLDS,
  DYNAMIC_DNS_SUFFIXES,
  INFRASTRUCTURE_DOMAINS,
  ORGANISATION_TENANT_PLATFORMS,
  PATH_HOSTED_PLATFORMS,
  COMPANY_PATHS,
  URL_SHORTENERS,
  USER_CONTENT_PLATFORMS,
  VETTED_SECOND_LEVEL_LABELS,
  VETTED_TLDS,
  WELL_KNOWN_DOMAINS,
} from './data/well-known.js';
import type { Brand, Catalog, CheckResult, Signal, SignalKind, Verdict } from './types.js';

/** Bumped whenever a change can alter a verdict; stored with every analysis. */
export const ENGINE_VERSION = '1.49.0';

/** Score at or above which a verdict is `phishing` / `suspicious`. */
export const PHISHING_SCORE = 70;
export const SUSPICIOUS_SCORE = 40;

/** Tokens shorter than this never match as substrings or typos: too many ordinary words contain them. */
const DISTINCTIVE_TOKEN_LENGTH = 5;
/** Tokens this short match only as exact look-alikes of a whole registrable label (IDN homographs). */
const TINY_TOKEN_LENGTH = 2;
/** Sub-domain depth that starts to look like padding (`login.secure.account.paypal.com.evil.ru`). */
const DEEP_SUBDOMAIN_LABELS = 4;
/** Longest sub-domain piece checked for typos of brand names (longer ones are ids, not names). */
const MAX_TYPO_PIECE_CHARS = 24;
/** Names this long (`steamcommunity`) are typosquatted two edits off too: fewer letters leave ordinary words that close. */
const TWO_EDIT_TYPO_NAME = 12;
/**
 * Names this long are typosquatted three edits off too (`steanconmuntity`, engine 1.40), under threeEditsHold()'s
 * guards (`citizensonline` is three edits from `citibankonline`, and another name).
 */
const THREE_EDIT_TYPO_NAME = 14;
/** Shortest ordinary word that, not being in a name, tells a label three edits off it is another name. */
const FOREIGN_WORD_CHARS = 5;
/** Host length that starts to look like padding. */
const LONG_HOST_CHARS = 60;
/** A run of this many digits beside a lure word in one label is a case or victim number (`verification-center-10003230795`). */
const NUMBERED_LABEL_DIGITS = 6;
/** WordPress's program and content folders: what a site serves from inside them is files its pages load, not pages. */
const WORDPRESS_FOLDERS: readonly string[] = ['/wp-content/', '/wp-includes/', '/wp-admin/'];
/** Extensions of the files WordPress and its plugins serve from those folders: styles, scripts, images, fonts, media, documents. */
const STATIC_FILE_EXTENSIONS: ReadonlySet<string> = new Set([
  'css', 'js', 'mjs', 'map', 'json', 'xml', 'txt', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'ico', 'bmp',
  'woff', 'woff2', 'ttf', 'otf', 'eot', 'mp3', 'mp4', 'webm', 'ogg', 'wav', 'pdf', 'doc', 'docx', 'xls', 'xlsx',
  'ppt', 'pptx', 'zip', 'csv',
]);
/**
 * Dot-folders in which platforms serve their own pages and endpoints: Azure App Service sign-in (`/.auth/login/aad`),
 * Netlify functions and identity (`/.netlify/`), the Anubis bot check (`/.within.website/`), Magnolia CMS
 * (`/.resources/`, `/.rest/`), Ghost (`/.ghost/`). Any other hidden folder serves what no listing shows.
 */
const PLATFORM_DOT_FOLDERS: ReadonlySet<string> = new Set(['auth', 'netlify', 'within.website', 'resources', 'rest', 'ghost']);
/** Path pieces of repository browsers (GitHub, GitLab, Gitea …): a dot-folder after one is a file being shown (`/blob/main/.github/…`). */
const REPOSITORY_PATH_PIECES: readonly string[] = ['/blob/', '/tree/', '/src/', '/raw/', '/-/'];
/** Extensions of pages (what a kit's sign-in form is), as opposed to the files /.well-known/ holds. */
const PAGE_EXTENSIONS: ReadonlySet<string> = new Set(['php', 'html', 'htm', 'shtml', 'asp', 'aspx', 'jsp', 'cgi']);
/** How much of a path a signal's detail quotes. */
const MAX_QUOTED_PATH_CHARS = 80;
/** wp-admin's own folders: its pages are .php files directly in wp-admin or in one of these. */
const WP_ADMIN_FOLDERS: ReadonlySet<string> = new Set(['css', 'js', 'images', 'includes', 'network', 'user', 'maint']);
/** Shortest name (what precedes a domain's first dot) whose domain counts when copied into another host (`t.co`, `x.com` are too short). */
const SITE_NAME_CHARS = 3;
/** Labels or hyphen-separated pieces a copied domain may span after its first piece (`amazon.co.jp`: 2, `smbc-card.co.jp`: 3). */
const MAX_SITE_SUFFIX_PIECES = 3;

/** Signal weights, 0-100. Tuned on the shared evaluation sets as a whole (see docs/engine.md), never per row. */
export const WEIGHTS = {
  homoglyph: 90,
  mixedScript: 60,
  wholeScriptConfusable: 35,
  typosquat: 75,
  /** A brand's host name with its dots left out or written as hyphens (`wwwpaypal.com`, `amazoncojp.com`). */
  missingDot: 80,
  typoCombo: 60,
  /** A label two edits from a name of TWO_EDIT_TYPO_NAME letters or more (engine 1.37), three from THREE_EDIT_TYPO_NAME (1.40). */
  typoTwoEdits: 60,
  typoShort: 10,
  typoWord: 10,
  tldSwap: 50,
  tldSwapCountry: 15,
  tldSwapGeneric: 25,
  comboLure: 80,
  comboMixed: 65,
  comboOther: 45,
  comboWeak: 10,
  comboShortLure: 60,
  comboShortMixed: 45,
  comboShort: 40,
  /** A brand's name written with look-alike digits or characters inside a longer name (`amaz0n-shop`, 1.48). */
  comboDisguised: 60,
  splitBrand: 70,
  officialInSubdomain: 85,
  /** A brand's domain in the sub-domain with its name's letters jumbled or its suffix one letter off (`amzanao.co.ip.…`). */
  jumbledDomain: 75,
  tokenSubdomainLabel: 60,
  tokenInSubdomain: 45,
  tokenSubdomainShort: 25,
  officialInPath: 45,
  tokenInPath: 30,
  brandInUserinfo: 75,
  userinfoHost: 55,
  ipHost: 35,
  shortener: 35,
  dynamicDns: 45,
  userContent: 20,
  riskyTld: 25,
  hostLure: 25,
  hostLureMore: 15,
  hostContext: 20,
  hostContextMore: 10,
  pathLure: 15,
  randomLabel: 25,
  deepSubdomain: 15,
  longHost: 10,
  punycode: 10,
  brandOnAbusedSite: 15,
  /** The same, when the site is a free name on a hosting platform (engine 1.20). */
  brandOnHostingPlatform: 20,
  /** A distinctive name misspelt or glued inside a free name on a hosting platform (`metamaeskloegin.webflow.io`, 1.26). */
  nameOnHostingPlatform: 25,
  brandPathSegment: 15,
  /** A well-known site's whole domain inside another site's host name (`olx-pl.example.lol`, `www.tesco.com-offir.club`). */
  siteInSubdomain: 45,
  /** The most any likeness of a registrable name to a brand weighs under a vetted registry (gov.uk, .edu). */
  vettedName: 10,
  /** A label that joins lure words with a long number (`case-id-100987714865`, `verification-center-10003230795`). */
  numberedHost: 35,
  /** A page served from inside WordPress's program or content folders (`/wp-includes/linkedin/…`): a kit on a hacked site. */
  wordpressFolderPage: 40,
  /** A page served from a hidden (dot-) folder, or inside /.well-known/ beyond its standard files (engine 1.9). */
  hiddenFolderPage: 40,
  /** A web page served straight from a storage bucket or IPFS gateway (engine 1.9), beside user-content-host's 20. */
  storagePage: 25,
  /** An e-mail address in the path, query or fragment (engine 1.35): a link made for one recipient. */
  emailInUrl: 20,
  /** The same written in base64, hidden from mail filters. */
  encodedEmailInUrl: 30,
  /** Added to either when the host names the address's organisation (`u6j45-acme.example.es`). */
  emailOrganisationInHost: 15,
} as const;

/**
 * What a label reads as when the dots of a brand's host name are left out or written as hyphens (`wwwpaypal`,
 * `paypalcom`, `www-amazon-co-jp`: keys have no hyphens): `reads` is the host name it imitates.
 */
interface DotlessName {
  readonly brand: number;
  readonly reads: string;
  /** The weight as the registrable label: a typo's, or little for a short or ordinary name (see `caveat`). */
  readonly labelWeight: number;
  /**
   * The weight as a sub-domain label: a copied official domain weighs as one, `www` + a name as that name's label;
   * 0 for a short or ordinary name (not judged there).
   */
  readonly subdomainWeight: number;
  /** Why the likeness weighs little ('' when it does not). */
  readonly caveat: string;
}

/** A sub-domain piece one edit of any kind from a brand's name (judgeSubdomainTypos), kept until no stronger brand sign is found. */
interface LooseTypo {
  readonly piece: string;
  readonly typo: Typo;
  readonly token: TokenInfo;
}

interface TokenInfo {
  /** The name without hyphens, as compared with labels. */
  readonly text: string;
  /** The name as it is written in host names (`smbc-card`), as the automaton scans for it. */
  readonly scan: string;
  readonly brand: number;
  /** The token is the label of an official domain (so `token.<other tld>` is a TLD swap). */
  readonly officialLabel: boolean;
  /** A keyword of the brand (the names people know), not only a label of one of its domains. */
  readonly keyword: boolean;
  /** The catalog flags the brand's keywords as ordinary words. */
  readonly generic: boolean;
  /** A keyword long enough and not flagged generic: typos and TLD swaps of it are impersonation. */
  readonly strongName: boolean;
  /** A strong name that is not an ordinary word: it counts even when glued to other letters (`paypalsecure`). */
  readonly distinctive: boolean;
  readonly tiny: boolean;
}

export interface Engine {
  readonly version: string;
  readonly brandCount: number;
  check(input: string): CheckResult;
}

/** Precomputed knowledge shared by every engine (independent of the catalog). Built once, on first use. */
interface Knowledge {
  readonly wellKnown: Set<string>;
  readonly platformApexes: Set<string>;
  readonly platforms: Set<string>;
  readonly shorteners: Set<string>;
  readonly dynamicDns: Set<string>;
  readonly riskyTlds: Set<string>;
  readonly brandTlds: Set<string>;
  readonly vettedTlds: Set<string>;
  readonly vettedSecondLevel: Set<string>;
  /** Every entry of wellKnown, platformApexes, shorteners and dynamicDns: most registrable domains are in none. */
  readonly listedDomains: StringBloom;
  /** Every risky and brand TLD: rules both out for `com`, `net`, … */
  readonly listedTlds: StringBloom;
  /** Entries of wellKnown that are only cloud or brand infrastructure (`cloudfront.net`), not a site people visit. */
  readonly infrastructureOnly: Set<string>;
  /** Hosts of files anyone can upload, named in the path, with what comes before the name (PATH_HOSTED_PLATFORMS). */
  readonly pathHosted: Map<string, string[]>;
}

let sharedKnowledge: Knowledge | undefined;

function knowledge(): Knowledge {
  if (sharedKnowledge === undefined) {
    const wellKnown = new Set<string>();
    for (const line of WELL_KNOWN_DOMAINS.split('\n')) if (line.length > 0) wellKnown.add(line);
    const infrastructureOnly = new Set<string>();
    for (const d of [...INFRASTRUCTURE_DOMAINS, ...BRAND_INFRASTRUCTURE_DOMAINS]) {
      if (!wellKnown.has(d)) infrastructureOnly.add(d);
      wellKnown.add(d);
    }
    // Registrable domains of every listed platform (`google.com` for sites.google.com), for a one-look-up filter.
    const platformApexes = new Set<string>();
    for (const entry of [...USER_CONTENT_PLATFORMS, ...URL_SHORTENERS, ...DYNAMIC_DNS_SUFFIXES]) {
      const parsed = parseInput(entry);
      if (parsed.ok) platformApexes.add(parsed.subject.domain);
      platformApexes.add(entry);
    }
    const pathHosted = new Map<string, string[]>();
    for (const [host, prefix] of PATH_HOSTED_PLATFORMS) pathHosted.set(host, [...pathHosted.get(host) ?? [], prefix]);
    sharedKnowledge = {
      wellKnown,
      infrastructureOnly,
      pathHosted,
      platformApexes,
      listedDomains: new StringBloom([...wellKnown, ...platformApexes, ...URL_SHORTENERS, ...DYNAMIC_DNS_SUFFIXES]),
      listedTlds: new StringBloom([...RISKY_TLDS, ...BRAND_TLDS]),
      platforms: new Set(USER_CONTENT_PLATFORMS),
      shorteners: new Set(URL_SHORTENERS),
      dynamicDns: new Set(DYNAMIC_DNS_SUFFIXES),
      riskyTlds: new Set(RISKY_TLDS),
      brandTlds: new Set(BRAND_TLDS),
      vettedTlds: new Set(VETTED_TLDS),
      vettedSecondLevel: new Set(VETTED_SECOND_LEVEL_LABELS),
    };
  }
  return sharedKnowledge;
}

/**
 * S3 under a region, where anyone's bucket is served by path or as a sub-domain: `s3.eu-west-1.amazonaws.com`,
 * `s3-eu-west-1.amazonaws.com`, `s3.dualstack.…`, and the static-website endpoints `s3-website-…`, `s3-website.…`.
 */
const REGIONAL_S3 = /^s3[.-](?:dualstack\.|website\.)?[a-z0-9-]+\.amazonaws\.com$/;
/** What ends a bucket or content id in a path. */
const PATH_NAME_END = '/?#';
/** Longest bucket or content id quoted in a signal (S3 bucket names reach 63 characters, IPFS CIDs ~60). */
const MAX_UPLOAD_NAME_CHARS = 64;
/** Characters of a carried destination quoted in a `redirect` signal. */
const MAX_QUOTED_URL_CHARS = 120;
/** Longest base64 text quoted in an `email-in-url` signal. */
const MAX_QUOTED_ENCODED_CHARS = 60;
/** Shortest organisation name (an address's registrable label) looked for in the host: shorter ones (`aol`, `gmx`) sit inside other words. */
const MIN_ORGANISATION_CHARS = 5;

/** Finds the longest entry of `set` that equals `host` or is a dot-aligned suffix of it. */
function matchSuffix<T>(host: string, lookup: (candidate: string) => T | undefined): { value: T; match: string } | null {
  let from = 0;
  for (;;) {
    const candidate = from === 0 ? host : host.slice(from);
    const value = lookup(candidate);
    if (value !== undefined) return { value, match: candidate };
    const dot = host.indexOf('.', from);
    if (dot < 0) return null;
    from = dot + 1;
  }
}

function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

function isLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A token occurrence is bounded when no letter touches it (digits, '-', '.', edges are boundaries). */
function bounded(text: string, start: number, end: number): boolean {
  // `my` in front keeps a name whole (`myjcb`, `my-paypal`): services name their portals that way.
  const before = text.charCodeAt(start - 1);
  if (isLetter(before) && !(before === 121 /* 'y' */ && text.charCodeAt(start - 2) === 109 /* 'm' */ && !isLetter(text.charCodeAt(start - 3)))) return false;
  // A plural `s`/`es` keeps the name whole: `amazons.co.jp.evil.cn`, `hmrces.com`.
  return !isLetter(text.charCodeAt(end)) || pluralEnding(text, end) > 0;
}

const ORGANISATION_TENANTS: ReadonlySet<string> = new Set(ORGANISATION_TENANT_PLATFORMS);

/** A customer label that names a deployment (`…prodbn20001`, `…-staging`): a service's own resource. */
const DEPLOYMENT_NAME = /prod|prd|staging/;

/**
 * Whether `label` under a hosting platform is a name anyone could take: brands do not run their sites under such
 * names, except as tenants named after themselves (`santandernet-my.sharepoint.com`) or resources of their own
 * deployments (`onedriveclubprodbn20001.blob.core.windows.net`).
 */
function isFreeName(platform: string, label: string): boolean {
  return !ORGANISATION_TENANTS.has(platform) && !DEPLOYMENT_NAME.test(label);
}

/**
 * Whether the run of letters around text[start, end) is a common or lure word (`claiming` around its `ing`). Runs
 * on every name glued inside a registrable label: the word filter rules most out before any substring is made.
 */
function insideWord(text: string, start: number, end: number): boolean {
  return isCommonWordAt(text, runStart(text, start), runEnd(text, end));
}

/**
 * Names shorter than this, misspelt, count only next to lure words: one edit from a six- or seven-letter name is
 * many a business's name (`meister` of `elster`, `payday` of `paypay`, `tremor` of `trezor`: measured over the
 * registrable names of hosts-legit.tsv put on a hosting platform).
 */
const LONG_APPROXIMATE_NAME = 8;
/** Shortest lure word of MISSPELT_LURES searched (`login` as `loegin`, `logien`, `loggn`): one letter off. */
const MISSPELT_LURE_MIN = 5;

/** Whether text[start, end) matches `name` within `edits` only by reading a hyphen in it as a letter of the name. */
function hyphenReplacesLetter(name: string, text: string, start: number, end: number, edits: number): boolean {
  const window = text.slice(start, end);
  if (!window.includes('-')) return false;
  const letters = window.replaceAll('-', '');
  return editDistance(name, letters, 0, letters.length) + (window.length - letters.length) > edits;
}

/**
 * Whether text[start, end) holds the common word that is all of `name` but its first or last one or two letters
 * (`live` of `livelo` in `liveno`, `bank` of `usbank` in `ssbank`): the edits then all fall on those letters.
 */
function holdsNameWord(name: string, text: string, start: number, end: number): boolean {
  for (let cut = 1; cut <= 2 && name.length - cut >= 4; cut++) {
    for (const [from, to] of [[0, name.length - cut], [cut, name.length]] as const) {
      if (!isCommonWordAt(name, from, to)) continue;
      const at = text.indexOf(name.slice(from, to), start);
      if (at >= 0 && at + to - from <= end) return true;
    }
  }
  return false;
}

/** Bounded on at least one side (paths glue names to words: `/amazonall_signin1.php`). */
function boundedOnOneSide(text: string, start: number, end: number): boolean {
  return !isLetter(text.charCodeAt(start - 1)) || !isLetter(text.charCodeAt(end));
}

/** Bit c − 97 (c a char code of a-z) is set for the vowels a, e, i, o, u and y. */
const VOWEL_BITS = (1 << 0) | (1 << 4) | (1 << 8) | (1 << 14) | (1 << 20) | (1 << 24);

/**
 * Whether a label reads as machine-generated (kit-generated sub-domains such as `qmfvimzgmh`, hex ids): long runs
 * of consonants, almost no vowels, or letters and digits interleaved. Bounded loop over char codes. `paidFor`: the
 * label is a registered domain's, not a free name under a hosting platform.
 */
function looksRandom(label: string, start: number, end: number, paidFor: boolean): boolean {
  const length = end - start;
  if (length < 7 || label.startsWith('xn--', start)) return false;
  let letters = 0;
  let vowels = 0;
  let digits = 0;
  let run = 0;
  let maxRun = 0;
  let switches = 0;
  let prevDigit = false;
  for (let i = start; i < end; i++) {
    const c = label.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (i > start && digit !== prevDigit) switches++;
    prevDigit = digit;
    if (digit) { digits++; run = 0; continue; }
    if (!isLetter(c)) { run = 0; continue; }
    letters++;
    if (((VOWEL_BITS >>> (c - 97 /* 'a' */)) & 1) !== 0) { vowels++; run = 0; } else if (++run > maxRun) maxRun = run;
  }
  const suspect = (letters >= 7 && maxRun >= 5) || (letters >= 8 && vowels * 6 < letters) || (length >= 10 && switches >= 4 && digits >= 3);
  if (!suspect) return false;
  // Names built from words and technical abbreviations (`cloudjscdn`, `dbankcdn`) are chosen, not generated; so
  // is a registered domain with a long word in it (`contentsprinter`). Free names under a hosting platform cost
  // nothing, and kits glue words into throw-away ones there (`socialinsightproprivacyprotection`).
  return !isComposedOfWords(label.slice(start, end)) && !(paidFor && containsLongWord(label, start, end));
}

/** Signals about the registrable name itself looking like a brand's (not about sub-domains, paths or the site). */
const NAME_LIKENESS_KINDS: ReadonlySet<SignalKind> = new Set<SignalKind>(['typosquat', 'homoglyph', 'combosquat', 'tld-swap', 'split-brand']);

class Signals {
  readonly list: Signal[] = [];
  brand = -1;
  brandWeight = 0;
  /** The kind of the signal that named `brand` ('' while none has). */
  brandKind: SignalKind | '' = '';
  /**
   * A combosquat or brand-in-subdomain signal names the brand by a name people know (a strong name), standing
   * apart from other letters unless it is distinctive or, six letters or more, starts the label (`amazonqb`).
   */
  knownName = false;
  /**
   * Set when the registrable name was issued by a vetted registry (isVettedSuffix): why its likeness to a brand
   * means little. Signals about that name then weigh at most WEIGHTS.vettedName and carry this caveat.
   */
  vettedName = '';
  /** The registrable label reads as a brand's host name with its dots dropped (`wwwsmbc`): chosen, not generated. */
  dotlessLabel = false;
  /**
   * The registrable label reads as the dotless host name of a short or ordinary brand name (`wwwline`): said, weakly,
   * only if nothing else names a brand.
   */
  weakDotless: DotlessName | undefined = undefined;
  add(kind: SignalKind, detail: string, weight: number, brand = -1, caveat = ''): void {
    if (this.vettedName !== '' && NAME_LIKENESS_KINDS.has(kind) && weight > WEIGHTS.vettedName) {
      weight = WEIGHTS.vettedName;
      caveat = this.vettedName;
    }
    this.list.push(caveat === '' ? { kind, detail, weight } : { kind, detail, weight, caveat });
    if (brand >= 0 && weight > this.brandWeight) {
      this.brand = brand;
      this.brandWeight = weight;
      this.brandKind = kind;
    }
  }
  has(kind: SignalKind): boolean {
    return this.list.some((s) => s.kind === kind);
  }
}

/** The score of a list of signals: their weights' noisy-OR (see the head of this file). */
export function scoreOf(signals: readonly { readonly weight: number }[]): number {
  let keep = 1;
  for (const s of signals) if (s.weight > 0) keep *= 1 - Math.min(s.weight, 99) / 100;
  return Math.round(100 * (1 - keep));
}

export function verdictOf(score: number): Verdict {
  return score >= PHISHING_SCORE ? 'phishing' : score >= SUSPICIOUS_SCORE ? 'suspicious' : 'benign';
}

export function createEngine(catalog: Catalog): Engine {
  const know = knowledge();
  const brands: readonly Brand[] = catalog.brands;

  const official = new Map<string, number>();
  brands.forEach((brand, b) => { for (const d of brand.domains) if (!official.has(d)) official.set(d, b); });

  // Tokens: keywords and official-domain labels, hyphens removed, one entry per (brand, text). Keywords are the
  // names people know; a domain label that is not a keyword (`alicdn`, `nflximg`, `global` of global.jcb) is a
  // service name, matched only as a whole label (TLD swaps, homoglyphs), never as a substring or typo target.
  const tokens: TokenInfo[] = [];
  const seen = new Map<string, number>();
  const addToken = (raw: string, b: number, officialLabel: boolean, keyword: boolean, generic: boolean): void => {
    const scan = raw.toLowerCase();
    const text = scan.replaceAll('-', '');
    if (!/^[a-z0-9]+$/.test(text)) return;
    const key = `${b}\u0000${scan}`;
    const existing = seen.get(key);
    if (existing !== undefined) {
      const t = tokens[existing];
      if (t !== undefined && officialLabel && !t.officialLabel) tokens[existing] = { ...t, officialLabel: true };
      return;
    }
    seen.set(key, tokens.length);
    // Four letters or fewer and an ordinary word (`shop`, `life`, `auto`): generic whatever the catalog says.
    const ordinaryShort = text.length < DISTINCTIVE_TOKEN_LENGTH && isCommonWord(text);
    const strongName = keyword && !generic && text.length >= DISTINCTIVE_TOKEN_LENGTH;
    tokens.push({
      text,
      scan,
      brand: b,
      officialLabel,
      keyword,
      generic: generic || ordinaryShort,
      strongName,
      distinctive: strongName && !isCommonWord(text),
      tiny: text.length <= TINY_TOKEN_LENGTH,
    });
  };
  const officialLabels: string[][] = brands.map(() => []);
  /** Each official domain with its label (`amazon.co.jp`, `amazon`) and brand, where it has one. */
  const labelledDomains: LabelledDomain[] = [];
  brands.forEach((brand, b) => {
    const generic = brand.generic === true;
    for (const k of brand.keywords) addToken(k, b, false, true, generic);
    for (const d of brand.domains) {
      const label = officialLabelOf(d);
      if (label === '') continue;
      officialLabels[b]?.push(label);
      labelledDomains.push({ domain: d, label, brand: b });
      // A domain label that contains one of the brand's keywords (`smbc-card`, `rakuten-card`) is a name people
      // see; scan for it as written, hyphens included.
      const joined = label.replaceAll('-', '');
      const named = brand.keywords.some((k) => joined.includes(k));
      addToken(joined, b, true, named, generic);
      if (named && joined !== label) addToken(label, b, true, true, generic);
    }
    // The brand's name with hyphens between its words, when they join into a keyword (`wells-fargo`, `royal-mail`,
    // `bank-of-america`): kits write two-word names so (`wells-fargo-alerts.com`, `royal-mail.example.com`).
    for (const written of hyphenatedNames(brand)) addToken(written, b, false, true, generic);
  });

  const labelledByBrand: LabelledDomain[][] = brands.map(() => []);
  for (const d of labelledDomains) labelledByBrand[d.brand]?.push(d);

  /** Paths of catalog brands' own sites (COMPANY_PATHS whose domain the catalog lists), lowercased as paths are. */
  const companyPaths = COMPANY_PATHS.flatMap(([pattern, domains, page]) => {
    const domain = domains.find((d) => official.has(d));
    const brand = domain === undefined ? undefined : official.get(domain);
    return domain === undefined || brand === undefined ? [] : [{ pattern, domain, page, brand }];
  });
  const jumbledDomains = new JumbledDomainIndex(labelledDomains, (b) => brands[b]?.keywords ?? []);

  // Name parts that tell brands sharing a keyword apart: the pieces of their official labels and keywords.
  // A part names a brand apart only if no other brand has it as a keyword (counted once: O(keywords), not O(brands²)).
  const keywordOwners = new Map<string, number>();
  for (const brand of brands) for (const k of new Set(brand.keywords)) keywordOwners.set(k, (keywordOwners.get(k) ?? 0) + 1);
  const contextParts: string[][] = brands.map((brand, b) => {
    const parts = new Set<string>();
    for (const label of officialLabels[b] ?? []) for (const piece of label.split('-')) if (piece.length >= 4) parts.add(piece);
    for (const k of brand.keywords) if (k.length >= 4) parts.add(k);
    const own = new Set(brand.keywords);
    return [...parts].filter((p) => (keywordOwners.get(p) ?? 0) - (own.has(p) ? 1 : 0) === 0);
  });

  /** Token ids by lookalikeKey(text), looked up from a label's skeleton without building its key. */
  const lookalikes = new LookalikeIndex(tokens.map((t) => t.text));
  // Brands' names, searched as written or a letter or two off inside free names on hosting platforms (the index
  // leaves out the names it cannot search: under six letters, hyphens, digits).
  const approximateTokens: number[] = [];
  tokens.forEach((t, id) => {
    if (t.keyword && !t.tiny) approximateTokens.push(id);
  });
  const approximateNames = new ApproximateNameIndex(approximateTokens.map((id) => tokens[id]?.text ?? ''));
  const approximateLures = new ApproximateNameIndex(MISSPELT_LURES, MISSPELT_LURE_MIN);
  const exactIndex = new Map<string, number[]>();
  tokens.forEach((t, id) => {
    const list = exactIndex.get(t.text);
    if (list === undefined) exactIndex.set(t.text, [id]);
    else list.push(id);
  });
  // Official domains with their dots dropped (`paypalcom`, `amazoncojp`; keys without hyphens, so `amazon-co-jp`
  // finds `amazoncojp`), for domains whose label is a keyword that is not two letters (`aucom` is letters), each to
  // its index in labelledDomains; dotlessToken[i] is that label's keyword token. With `www` in front: dotlessName().
  const dotlessDomains = new Map<string, number>();
  const dotlessToken: number[] = [];
  labelledDomains.forEach(({ domain, label, brand }, i) => {
    let token = -1;
    for (const id of exactIndex.get(label.replaceAll('-', '')) ?? []) {
      const t = tokens[id];
      if (t !== undefined && t.brand === brand && t.keyword && !t.tiny) {
        token = id;
        break;
      }
    }
    dotlessToken.push(token);
    const key = domain.replaceAll('.', '').replaceAll('-', '');
    if (token >= 0 && !dotlessDomains.has(key)) dotlessDomains.set(key, i);
  });
  /**
   * Most labels are no token and no dotless domain: one filter answers both without a Map look-up (or a
   * concatenation, see split-brand), so a label is hashed once for both.
   */
  const labelBloom = new StringBloom([...exactIndex.keys(), ...dotlessDomains.keys()]);
  /** The tokens spelt exactly `text`, behind the Bloom filter. */
  const exactTokens = (text: string): number[] | undefined => (labelBloom.mayHave(text) ? exactIndex.get(text) : undefined);

  // One automaton: brand tokens (ids 0..T-1, tiny ones excluded by giving them no path) then lure words.
  // Two-letter names (`au`) are scanned only when they are an official domain's label, and count only when the
  // whole official domain appears (`au.com.secure-login.net`).
  const scanTexts: string[] = tokens.map((t) => (!t.keyword || (t.tiny && !t.officialLabel) || t.text.length < 2 ? '' : t.scan));
  const lureBase = scanTexts.length;
  // Lure words are scanned as written (`sign-in`) and glued (`signin`).
  // A word the catalog protects as a brand name (`online`, `booking`) is that brand's token, not a lure.
  const brandTexts = new Set(tokens.map((t) => t.text));
  const lureWords = [...new Set(LURE_WORDS.flatMap((w) => (w.includes('-') ? [w, w.replaceAll('-', '')] : [w])))]
    .filter((w) => !brandTexts.has(w.replaceAll('-', '')));
  const automaton = new TokenAutomaton([...scanTexts.map((t) => (t === '' ? '\u0000' : t)), ...lureWords]);

  // Typo targets: the catalog's keywords, and official labels that contain one (`rakuten-bank`, `kuronekoyamato`:
  // names customers see, so `rakutenbnak` is a typo of one), once per brand and name. A typo of a service name
  // without the brand's name in it (`alicdn`, `nflximg`) is nobody's mistake.
  const typoTargets = new Set<string>();
  const listed = (t: TokenInfo): boolean => {
    if (t.text.length < DISTINCTIVE_TOKEN_LENGTH - 1 || !t.keyword) return false;
    const key = `${t.brand}\u0000${t.text}`;
    if (typoTargets.has(key)) return false;
    typoTargets.add(key);
    return true;
  };
  const typoIds = tokens.flatMap((t, id) => (listed(t) ? [id] : []));
  const typos = new TypoIndex(typoIds.map((id) => tokens[id]?.text ?? ''));
  // The long ones, which a label two edits off still imitates (`steeamcommnity` of steamcommunity.com).
  const longTypoIds = typoIds.filter((id) => (tokens[id]?.text.length ?? 0) >= TWO_EDIT_TYPO_NAME);
  const longTypoNames = longTypoIds.map((id) => tokens[id]?.text ?? '');
  const longTypos = new ApproximateNameIndex(longTypoNames, TWO_EDIT_TYPO_NAME, (n) => (n >= THREE_EDIT_TYPO_NAME ? 3 : 2));
  /** Bit n set: a keyword name written with hyphens (`smbc-card`) is n characters long; a label one edit from it is n ± 1. */
  let hyphenatedNameLengths = 0;
  for (const t of tokens) if (t.keyword && t.scan.includes('-') && t.scan.length < 31) hyphenatedNameLengths |= 1 << t.scan.length;

  /**
   * What `joined` (a label without its hyphens) reads as with its dots put back, if it is a brand's host name: an
   * official domain (`paypalcom`), or `www` before one (`wwwpaypalcom`) or before a keyword (`wwwpaypal`). Short or
   * ordinary names weigh little, with the reason, as their typos do; a label that is itself a brand's name is not one.
   * `listed`: labelBloom may have `joined` (when false, neither map has it).
   */
  function dotlessName(joined: string, listed: boolean): DotlessName | undefined {
    const at = listed ? dotlessDomains.get(joined) : undefined;
    const www = at === undefined && joined.length > 3 + TINY_TOKEN_LENGTH && joined.startsWith('www');
    // `www1`, `www2`: numbered host names are written before a name as well (`www1-uniswap.org`).
    const wwwEnd = www && isDigit(joined.charCodeAt(3)) ? 4 : 3;
    const rest = www ? joined.slice(wwwEnd) : '';
    const domainAt = at ?? (www && labelBloom.mayHave(rest) ? dotlessDomains.get(rest) : undefined);
    let t: TokenInfo | undefined;
    let reads = '';
    let subdomainWeight: number = WEIGHTS.officialInSubdomain;
    if (domainAt !== undefined) {
      t = tokens[dotlessToken[domainAt] ?? -1];
      reads = `${www ? `${joined.slice(0, wwwEnd)}.` : ''}${labelledDomains[domainAt]?.domain ?? ''}`;
    } else if (www) {
      for (const id of exactTokens(rest) ?? []) {
        const token = tokens[id];
        if (token !== undefined && token.keyword && !token.tiny) {
          t = token;
          break;
        }
      }
      reads = `${joined.slice(0, wwwEnd)}.${t?.scan ?? ''}`;
      subdomainWeight = t?.distinctive === true ? WEIGHTS.tokenSubdomainLabel : WEIGHTS.tokenInSubdomain;
    }
    if (t === undefined || (listed && exactIndex.has(joined))) return undefined;
    return t.generic
      ? { brand: t.brand, reads, labelWeight: WEIGHTS.typoWord, subdomainWeight: 0, caveat: `"${t.text}" is short or an ordinary word` }
      : { brand: t.brand, reads, labelWeight: WEIGHTS.missingDot, subdomainWeight, caveat: '' };
  }

  const brandName = (b: number): string => brands[b]?.name ?? '';
  const brandId = (b: number): string | null => brands[b]?.id ?? null;

  const officialBloom = new StringBloom(official.keys());
  /** matchSuffix(host, official.get) that slices and looks up only the suffixes the Bloom filter lets through. */
  function officialOf(host: string): { brand: number; domain: string } | null {
    let from = 0;
    for (;;) {
      if (officialBloom.mayHave(host, from)) {
        const candidate = from === 0 ? host : host.slice(from);
        const brand = official.get(candidate);
        if (brand !== undefined) return { brand, domain: candidate };
      }
      const dot = host.indexOf('.', from);
      if (dot < 0) return null;
      from = dot + 1;
    }
  }

  const generatedNames = new Set(GENERATED_NAME_PLATFORMS);
  const strongLures = new Set(STRONG_LURES.flatMap((w) => [w, w.replaceAll('-', '')]));
  const neutralLures = new Set(NEUTRAL_LURES);
  /** Scratch for one judgeHostTokens() call: the lure words found and where. Consumed before it returns. */
  const scratchLureNames: string[] = [];
  const scratchLureStarts: number[] = [];
  /** Scratch for one check(): token ids the plain host scan reported. Safe because check() is synchronous. */
  const scratchTokens = new Set<number>();
  /**
   * Scratch for one check(): the automaton's matches as (token id, start, end) triples. Safe because check() is
   * synchronous and each scan's hits are consumed before the next scan; grown when a text has more matches.
   */
  let hits = new Int32Array(3 * 64);
  /** Scans text[0, to) into `hits`; returns the number of triples. */
  function scanHits(text: string, to: number): number {
    let count = automaton.scanInto(text, 0, to, hits);
    if (3 * count > hits.length) {
      hits = new Int32Array(3 * count);
      count = automaton.scanInto(text, 0, to, hits);
    }
    return count;
  }

  /**
   * `foldable`: the host has IDN labels or mayHaveSkeleton(host). When false, no label or piece of the host (cut at
   * dots or hyphens, which are no letters) has a skeleton either, and the skeleton work is skipped.
   */
  function judgeLookalike(s: Subject, label: string, sub: string, signals: Signals, foldable: boolean): void {
    // Homoglyphs and IDN: the registrable label's skeleton equals a brand token.
    const unicodeLabel = unicodeLabelOf(s, label);
    const nonAscii = unicodeLabel !== label;
    if (nonAscii) {
      const scripts = scriptsOf(unicodeLabel);
      if (isRestrictedMix(scripts)) signals.add('mixed-script', `label "${unicodeLabel}" mixes ${scripts.join(' and ')} letters`, WEIGHTS.mixedScript);
    }
    // skeleton() returns its argument itself when nothing folds (most labels).
    const skel = foldable ? skeleton(unicodeLabel) : unicodeLabel;
    {
      const exact = lookalikes.find(skel);
      if (exact !== undefined) {
        const t = tokens[exact[0] ?? 0];
        // Folds of plain ASCII letters (i/l, cl/d, rn/m, vv/w) match too many short names (`lrs` ~ irs, `clb` ~ db):
        // for names under five letters only digits and non-ASCII look-alikes count.
        const lettersOnly = !nonAscii && skel === label && !/[01]/.test(label);
        if (t !== undefined && t.text !== label && t.text !== label.replaceAll('-', '')) {
          const detail = `"${unicodeLabel}" reads as "${t.text}" (${describeGlyphs(unicodeLabel, t.text)})`;
          if (lettersOnly && t.text.length < DISTINCTIVE_TOKEN_LENGTH) {
            signals.add('homoglyph', detail, WEIGHTS.typoShort, t.brand, 'letter folds such as i/l match many short names');
          } else {
            signals.add('homoglyph', detail, WEIGHTS.homoglyph, t.brand);
          }
          return;
        }
      } else if (nonAscii && skel !== label && /^[a-z0-9-]+$/.test(skel) && !scriptsOf(unicodeLabel).includes('Latin')) {
        signals.add('homoglyph', `"${unicodeLabel}" is written entirely in look-alike letters of "${skel}"`, WEIGHTS.wholeScriptConfusable);
      }
    }

    const joined = label.includes('-') ? label.replaceAll('-', '') : label;
    // Missing dots: `wwwpaypal.com`, `paypalcom.net`, `www-amazon-co-jp.com` read as the brand's host name.
    const listed = labelBloom.mayHave(joined);
    const dotless = listed || joined.startsWith('www') ? dotlessName(joined, listed) : undefined;
    if (dotless !== undefined && dotless.caveat === '') {
      addDotlessLabel(label, dotless, signals);
      return;
    }
    signals.weakDotless = dotless;

    // TLD swap / hyphenation: the label, hyphens removed, is a brand token.
    const exactIds = listed ? exactIndex.get(joined) : undefined;
    if (exactIds !== undefined) {
      const t = tokens[exactIds[0] ?? 0];
      if (t !== undefined) {
        // The brand's name with its hyphens put elsewhere than the catalog writes it (`pay-pal`, `smbccard` of
        // smbc-card.com) is a typo of it, said against the official domain when the suffix is the same; written as
        // the catalog writes it, under another suffix, a TLD swap (`etc-meisai.com` of etc-meisai.jp).
        const sameSuffix = hyphenatedOfficial(t.brand, joined, label, s.suffix);
        const written = sameSuffix?.label ?? catalogSpelling(t.brand, joined, label);
        const hyphenated = written !== label;
        if (hyphenated) {
          const what = sameSuffix !== undefined
            ? `${s.domain} ~ ${sameSuffix.domain} (${describeHyphens(label, written)})`
            : `${label} ~ ${written} (${describeHyphens(label, written)})`;
          // Hyphenating a name people know (`pay-pal`) is a lookalike; a hyphen in a service domain's label
          // (`b-static` ~ bstatic) imitates nothing customers see, and one in a short name (`at-o`) makes other words.
          if (t.strongName) signals.add('typosquat', what, WEIGHTS.typosquat, t.brand);
          else if (t.keyword && !t.tiny) signals.add('typosquat', what, WEIGHTS.typoShort, t.brand, `a hyphen splits the short name "${t.text}" into other words`);
        } else if (t.tiny) {
          signals.add('tld-swap', `${s.domain} uses the name "${t.text}" of ${brandName(t.brand)} under another suffix`, WEIGHTS.typoWord, t.brand, 'two-letter names are registered under every suffix by unrelated owners');
        } else if (t.strongName && isCountrySuffix(s.suffix)) {
          signals.add('tld-swap', `${s.domain} uses the name of ${brandName(t.brand)} under a country suffix (${officialDomainsText(t.brand)})`, WEIGHTS.tldSwapCountry, t.brand, 'brands often run their own country sites: check who owns it');
        } else if (t.distinctive) {
          signals.add('tld-swap', `${s.domain} uses the name of ${brandName(t.brand)} under another suffix (${officialDomainsText(t.brand)})`, WEIGHTS.tldSwap, t.brand);
        } else if (t.strongName) {
          // `casino.org`, `opera.news`: an ordinary word is everyone's name under every suffix.
          signals.add('tld-swap', `${s.domain} uses the name of ${brandName(t.brand)} under another suffix (${officialDomainsText(t.brand)})`, WEIGHTS.tldSwapGeneric, t.brand, `"${t.text}" is also an ordinary word: many sites are named so`);
        } else if (!t.keyword) {
          signals.add('tld-swap', `${s.domain} reuses "${t.text}", a service domain name of ${brandName(t.brand)}, under another suffix`, WEIGHTS.tldSwapGeneric, t.brand, `"${t.text}" names a service, not the brand customers know`);
        } else {
          signals.add('tld-swap', `${s.domain} uses the name "${t.text}" of ${brandName(t.brand)} under another suffix`, WEIGHTS.tldSwapGeneric, t.brand, `"${t.text}" is short or an ordinary word`);
        }
        if (hyphenated || !t.tiny) return;
      }
    }

    // Typosquats: Damerau distance 1 from a brand keyword.
    const query = skel === label ? label : skel;
    let typo = label.length < DISTINCTIVE_TOKEN_LENGTH - 2 ? null : findTypo(label);
    if (typo === null && query !== label && label.length >= DISTINCTIVE_TOKEN_LENGTH - 2) typo = findTypo(query);
    // A hyphenated name misspelt (`smbc-crad`, `rakuten-carde`): its letters one edit from the name's, its hyphens
    // where the name has them. Other hyphenated labels one letter from a name are other words (`wall-art`, `city-bank`).
    let writtenName = '';
    if (typo === null && joined !== label && joined.length >= DISTINCTIVE_TOKEN_LENGTH - 2) {
      const joinedTypo = findTypo(joined);
      writtenName = joinedTypo === null ? '' : hyphenatedNameNear(label, tokens[typoIds[joinedTypo.token] ?? 0]);
      if (writtenName !== '') typo = joinedTypo;
    }
    if (typo !== null && isCommonWord(query)) {
      // `papal` is one edit from paypal but is a word of its own: say so, and attribute no more than that.
      const t = tokens[typoIds[typo.token] ?? 0];
      if (t !== undefined) signals.add('typosquat', describeTypo(label, t.text, typo), WEIGHTS.typoWord, t.brand, `"${label}" is itself an ordinary word`);
      typo = null;
    }
    if (typo !== null) {
      const t = tokens[typoIds[typo.token] ?? 0];
      if (t !== undefined) {
        const what = describeTypo(label, t.text, typo, writtenName === '' ? t.text : writtenName);
        if (t.generic) signals.add('typosquat', what, WEIGHTS.typoWord, t.brand, `"${t.text}" is short or an ordinary word: most names one edit away are other words`);
        else if (t.text.length > DISTINCTIVE_TOKEN_LENGTH) {
          const word = prefixEditWord(label, t.text);
          if (word !== '') signals.add('typosquat', what, WEIGHTS.typoShort, t.brand, `only the letters before the ordinary word "${word}" differ: many names are a letter or two plus "${word}"`);
          else if (firstLetterSwapped(typo, t.text)) signals.add('typosquat', what, WEIGHTS.typoShort, t.brand, FIRST_LETTER_CAVEAT);
          else signals.add('typosquat', what, WEIGHTS.typosquat, t.brand);
        }
        else signals.add('typosquat', what, WEIGHTS.typoShort, t.brand, `a ${t.text.length}-letter name is one edit away from many ordinary names`);
        return;
      }
    }
    // Two edits from a long name (`steeamcommnity`, `americanexpxzess`): no ordinary word is that close to one. (An
    // ordinary word one edit from a name was said above, as a weak typosquat: not said again.) Three from a longer
    // one, with its first letter and no word of another name (threeEditsHold).
    if (typo === null && query.length >= TWO_EDIT_TYPO_NAME - 2 && !query.includes('-') && !signals.has('typosquat')) {
      const far = longTypos.closestWhole(query, 0, query.length, (name, edits) => edits < 3 || threeEditsHold(query, longTypoNames[name] ?? ''));
      const t = far === undefined ? undefined : tokens[longTypoIds[far.name] ?? -1];
      if (far !== undefined && t !== undefined) {
        signals.add('typosquat', `${label} ~ ${t.text} (${far.edits} letters added, left out, changed or swapped)`, WEIGHTS.typoTwoEdits, t.brand);
        return;
      }
    }

    // Split across labels: `pay.pal.com`, and `vi.sa.com` where the second half is a private suffix's label.
    const splitNext = sub.length === 0 && s.privateSuffix ? s.suffix.slice(0, s.suffix.indexOf('.')) : '';
    if (sub.length > 0 || splitNext.length > 0) {
      const first = splitNext.length > 0 ? label : sub.slice(sub.lastIndexOf('.') + 1);
      const second = splitNext.length > 0 ? splitNext : label;
      let ids = labelBloom.mayHaveJoined(first, second) ? exactIndex.get(first + second) : undefined;
      if (ids === undefined && (first.includes('-') || second.includes('-'))) {
        // A compound name split by a dot (`ra.kuten-card`, `smbc-c.ard`): its hyphens where the name has them.
        const written = first + second;
        const named = exactTokens(written.replaceAll('-', ''))?.filter((id) => tokens[id]?.scan === written);
        if (named !== undefined && named.length > 0) ids = named;
      }
      const t = ids === undefined ? undefined : tokens[ids[0] ?? 0];
      if (t !== undefined && !t.tiny) {
        const detail = `"${first}.${second}" spells ${t.scan} across a dot`;
        if (t.strongName) signals.add('split-brand', detail, WEIGHTS.splitBrand, t.brand);
        else if (t.generic) signals.add('split-brand', detail, WEIGHTS.comboWeak, t.brand, `"${t.text}" is short or an ordinary word`);
        else signals.add('split-brand', detail, WEIGHTS.comboShortMixed, t.brand);
      }
    }

    // Typos inside combosquats: each hyphen-separated piece (`paypa1-login`, `binanse-support`).
    if (label.includes('-')) {
      let from = 0;
      while (from < label.length) {
        let to = label.indexOf('-', from);
        if (to < 0) to = label.length;
        if (to - from >= DISTINCTIVE_TOKEN_LENGTH) {
          const piece = label.slice(from, to);
          const pieceSkel = foldable && mayHaveSkeleton(piece) ? skeleton(piece) : piece;
          // A piece that is a word or itself one of the brands' names (`xvideos` next to keyword `xvideo`) is no
          // look-alike and no typo: the token scan judges names.
          const wordOrName = isCommonWord(pieceSkel) || exactTokens(pieceSkel) !== undefined;
          // Letter folds (i/l, rn/m, vv/w) read a piece as a name of six letters or more, as they read a whole label
          // (above), when the rest of the label is lure words (`netfllx-account`, `paypai-login`: engine 1.24); a
          // look-alike is read before a typo (`paypai` is also one vowel from PayPay's name).
          const look = wordOrName ? undefined : lookalikes.find(pieceSkel);
          const named = look === undefined ? undefined : tokens[look[0] ?? 0];
          if (named?.strongName === true && named.text.length > DISTINCTIVE_TOKEN_LENGTH && classifyRest(label, 0, label.length, from, to) === 'lures') {
            signals.add('homoglyph', `"${piece}" reads as "${named.text}" (${describeGlyphs(piece, named.text)}) inside ${label}`, WEIGHTS.typoCombo, named.brand);
            return;
          }
          const pieceTypo = wordOrName ? null : findTypo(pieceSkel);
          const t = pieceTypo === null ? undefined : tokens[typoIds[pieceTypo.token] ?? 0];
          // As for a whole label (above): a typo of a name of five letters or fewer is one edit from many words.
          if (pieceTypo !== null && t?.strongName === true && t.text.length > DISTINCTIVE_TOKEN_LENGTH && !firstLetterSwapped(pieceTypo, t.text)) {
            signals.add('typosquat', `${describeTypo(piece, t.text, pieceTypo)} inside ${label}`, WEIGHTS.typoCombo, t.brand);
            return;
          }
        }
        from = to + 1;
      }
    }
  }

  /**
   * Scans host text (the host, or its skeleton when that differs) for brand tokens and lure words. `labelJudged`: the
   * registrable label already matched a brand as a whole (TLD swap, typo, homoglyph), so tokens inside it add
   * nothing. `skipTokens`: token ids already reported by the plain pass (the skeleton pass reports only what
   * look-alike characters reveal). `freeName`: the label is a customer's free name on a hosting platform.
   */
  function judgeHostTokens(s: Subject, hostText: string, labelStart: number, labelEnd: number, viaSkeleton: boolean, signals: Signals, labelJudged: boolean, skipTokens: Set<number>, freeName: boolean): number {
    const hitsLength = 3 * scanHits(hostText, labelEnd);
    let lures = 0;
    // Lure words in the registrable label (`secure-login.ru`) weigh more than in sub-domains of a chosen name
    // (`accounts.example.com` is how real services name their login hosts), and credential lures more than
    // context words (`cloud`, `mobile`).
    let labelStrong = 0;
    let labelWeak = 0;
    let labelNeutral = 0;
    let subStrong = 0;
    let subWeak = 0;
    const lureNames = scratchLureNames;
    const lureStarts = scratchLureStarts;
    lureNames.length = 0;
    lureStarts.length = 0;
    let best = -1;
    let bestLength = 0;
    let bestWeight = 0;
    let bestDetail = '';
    let bestKind: SignalKind = 'combosquat';
    let bestCaveat = '';
    let bestToken = -1;
    let bestText = '';
    /** Another brand whose name is the best one's, equally weighed, with nothing in the input to tell them apart. */
    let alsoBrand = -1;
    for (let h = 0; h < hitsLength; h += 3) {
      const hitId = hits[h] ?? 0;
      const hitStart = hits[h + 1] ?? 0;
      const hitEnd = hits[h + 2] ?? 0;
      if (hitId >= lureBase) {
        const word = lureWords[hitId - lureBase] ?? '';
        // A lure word stands apart, or (six letters or more) starts or ends a run of letters (`paymentcancellation`);
        // in a hosting platform's free name, also between other words (`guidelineviolationdigitaltrend`, engine
        // 1.27): a business names its registered domain so (`datarecovery…`), kits their free names.
        const glued = word.length >= 6 && (boundedOnOneSide(hostText, hitStart, hitEnd) || (freeName && isLureAmongWords(hostText, hitStart, hitEnd)));
        if (bounded(hostText, hitStart, hitEnd) || glued) {
          // Overlapping forms of one word (`service`/`services`, `sign`/`signin`) count once.
          if (!lureNames.includes(word) && !lureStarts.includes(hitStart)) {
            lureNames.push(word);
            lureStarts.push(hitStart);
            lures++;
            const strong = strongLures.has(word);
            if (hitEnd > labelStart) {
              if (strong) labelStrong++;
              else if (neutralLures.has(word)) labelNeutral++;
              else labelWeak++;
            } else if (strong) subStrong++; else subWeak++;
          }
        }
      }
    }
    for (let h = 0; h < hitsLength; h += 3) {
      const hitId = hits[h] ?? 0;
      const hitStart = hits[h + 1] ?? 0;
      const hitEnd = hits[h + 2] ?? 0;
      if (hitId >= lureBase) continue;
      const t = tokens[hitId];
      if (t === undefined) continue;
      if (viaSkeleton && skipTokens.has(hitId)) continue;
      if (!viaSkeleton) skipTokens.add(hitId);
      const isBounded = bounded(hostText, hitStart, hitEnd);
      const inLabel = hitStart >= labelStart && hitEnd <= labelEnd;
      if (inLabel && labelJudged) continue;
      if (t.tiny) {
        if (inLabel && bestWeight < WEIGHTS.typoWord && labelEnd - labelStart > t.text.length) {
          const rest = classifyRest(hostText, labelStart, labelEnd, hitStart, hitEnd);
          if (isBounded && (rest === 'lures' || rest === 'empty')) {
            best = t.brand;
            bestLength = t.text.length;
            bestWeight = WEIGHTS.typoWord;
            bestDetail = `${hostText.slice(labelStart, labelEnd)} = ${brandName(t.brand)}'s name "${t.text}" + ${describeRest(rest)}`;
            bestKind = 'combosquat';
            bestCaveat = 'two-letter names appear in countless unrelated names';
          }
        }
        const officialHere = hitEnd <= labelStart ? officialAt(hostText, hitStart, t.brand) : '';
        if (officialHere !== '' && WEIGHTS.officialInSubdomain > bestWeight) {
          best = t.brand;
          bestLength = t.text.length;
          bestWeight = WEIGHTS.officialInSubdomain;
          bestDetail = `the sub-domain carries ${brandName(t.brand)}'s domain "${officialHere}" but the site is ${s.domain}`;
          bestKind = 'brand-in-subdomain';
        }
        continue;
      }
      let weight = 0;
      let kind: SignalKind = 'combosquat';
      let detail = '';
      let caveat = '';
      // A name written with look-alike digits or characters (`amaz0n-shop`, `app1e-id`) is a disguise: what makes a
      // name weak elsewhere (an ordinary word, the brand's own or a fan's naming) does not hold for it (1.48).
      // Short names come by chance from numbers beside letters (`toutiao1` reads `aol`), so five letters at least.
      const labelIndex = viaSkeleton ? labelIndexAt(hostText, hitStart) : -1;
      const disguised = viaSkeleton && hitEnd - hitStart >= DISTINCTIVE_TOKEN_LENGTH && writtenInDisguise(s.unicodeHost, labelIndex, hostText.slice(hitStart, hitEnd));
      const how = viaSkeleton ? lookalikeReading(s.host, hostText, labelIndex, disguised) : '';
      if (inLabel) {
        if (labelEnd - labelStart === t.text.length) continue; // the whole label: judged as TLD swap / homoglyph
        // The end or middle of a word is no name (`claiming`, `banking` hold ING's `ing`).
        if (!isBounded && insideWord(hostText, hitStart, hitEnd)) continue;
        const rest = classifyRest(hostText, labelStart, labelEnd, hitStart, hitEnd);
        const labelText = hostText.slice(labelStart, labelEnd);
        weight = comboWeight(t, rest, isBounded);
        // Glued to unrecognised letters on a side (`huaweicloud` ⊃ icloud, `amazoncognito`): weaker evidence.
        if ((rest === 'other' || rest === 'mixed') && !isBounded) weight = Math.min(weight, WEIGHTS.comboWeak);
        if (weight === WEIGHTS.comboWeak && t.generic) caveat = `"${t.scan}" is short or an ordinary word`;
        if (weight <= WEIGHTS.comboWeak && t.strongName) {
          // Report the name anyway, with the reason it weighs little.
          if (!t.distinctive) caveat = `"${t.scan}" is also an ordinary word`;
          else if (rest === 'words') caveat = 'a brand name with ordinary words is often the brand\'s own or a fan site';
          else caveat = 'glued to letters that are no words, a name can be part of another name (huaweicloud holds icloud)';
          weight = Math.max(weight, WEIGHTS.comboWeak);
        }
        // A free name on a hosting platform that is a brand's name and a number (`att-105130.weeblysite.com`,
        // `shaw-104362.…`, `sky744.square.site`), or the brand's names only (`currentlyatt40`: both AT&T's; 1.33):
        // how kits name the sites they make by the hundred (engine 1.29). A short or ordinary-word name claims the
        // brand so, not with a plural `s` (`atos` is no `ato`).
        const numbered = freeName && weight <= WEIGHTS.comboWeak && hitStart === labelStart
          && (rest === 'empty' ? !isLetter(hostText.charCodeAt(hitEnd)) : onlyNamesOf(t.brand, hostText, hitEnd, labelEnd));
        if (numbered) {
          weight = WEIGHTS.nameOnHostingPlatform;
          caveat = '';
        }
        if (disguised && weight < WEIGHTS.comboDisguised) {
          weight = WEIGHTS.comboDisguised;
          caveat = '';
        }
        const restText = numbered && rest !== 'empty' ? 'its other names, digits or hyphens' : describeRest(rest);
        detail = `${labelText} = ${brandName(t.brand)}'s name "${t.scan}" + ${restText}${how}${numbered ? ', as a free name on a hosting platform' : ''}`;
      } else if (hitEnd <= labelStart) {
        kind = 'brand-in-subdomain';
        const officialHere = officialAt(hostText, hitStart, t.brand);
        const wholeLabel = isLabel(hostText, hitStart, hitEnd);
        const shortName = !t.generic && !t.strongName;
        const gluedToWords = shortName && !isBounded ? nameGluedToWords(hostText, hitStart, hitEnd) : '';
        if (officialHere !== '') {
          weight = WEIGHTS.officialInSubdomain;
          detail = `the sub-domain carries ${brandName(t.brand)}'s domain "${officialHere}" but the site is ${s.domain}${how}`;
          if (lures === 0 && namesItselfCdn(hostText, labelStart, labelEnd)) {
            weight = WEIGHTS.tokenSubdomainShort;
            caveat = CDN_CAVEAT(s.domain);
          }
        } else if (t.strongName && wholeLabel) {
          weight = t.distinctive ? WEIGHTS.tokenSubdomainLabel : WEIGHTS.tokenInSubdomain;
          detail = `sub-domain label "${t.scan}" names ${brandName(t.brand)} but the site is ${s.domain}${how}`;
        } else if (t.distinctive || (t.strongName && isBounded && lures > 0)) {
          // Glued inside a longer word (`mercaripost`, `micloud`) it is weaker than as a separate token.
          weight = isBounded || lures > 0 ? WEIGHTS.tokenInSubdomain : WEIGHTS.comboWeak;
          detail = `the sub-domain contains ${brandName(t.brand)}'s name "${t.scan}" but the site is ${s.domain}${how}`;
        } else if (shortName && (isBounded || gluedToWords !== '')) {
          // A short name as a piece of its own (`nhk-plus.…`, `myjcb.…`) or glued only to words (`nhkplus.…`,
          // `wwwinfoepos.…`) names the brand as plainly as a whole label does (engine 1.12).
          weight = WEIGHTS.tokenInSubdomain;
          const placement = isBounded ? 'as a separate name' : `glued only to words ("${gluedToWords}")`;
          detail = `the sub-domain contains "${t.scan}" (${brandName(t.brand)}) ${placement} but the site is ${s.domain}${how}`;
        } else if (isBounded && lures > 0) {
          weight = WEIGHTS.tokenSubdomainShort;
          detail = `the sub-domain contains "${t.scan}" (${brandName(t.brand)}) next to lure words but the site is ${s.domain}${how}`;
        } else if (t.strongName && isBounded) {
          // A name people know as a word of its own (`user-amazon.…`, `jp-amazon.…`), with nothing else: weak alone
          // (`amazon-river.tours.example`), but a name on a site that also looks abused (judgeNameOnAbusedSite).
          weight = WEIGHTS.comboWeak;
          detail = `the sub-domain contains ${brandName(t.brand)}'s name "${t.scan}" as a word of its own but the site is ${s.domain}${how}`;
          caveat = `"${t.scan}" is also an ordinary word`;
        }
        if (disguised && weight > 0 && weight < WEIGHTS.tokenInSubdomain) {
          weight = WEIGHTS.tokenInSubdomain;
          caveat = '';
        }
      }
      // On a tie the longer, more specific name wins (`smbc-card` over `smbc`), then the brand whose other
      // name parts appear in the input (`smbc.card.example` is SMBC Card's, not SMBC Bank's).
      const tie = weight === bestWeight && weight > 0;
      const sameName = tie && t.text.length === bestLength && t.brand !== best;
      if (weight > bestWeight || (tie && t.text.length > bestLength) || (sameName && tellsApart(t.brand, best, s))) {
        alsoBrand = -1;
        bestText = t.text;
        best = t.brand;
        bestLength = t.text.length;
        bestWeight = weight;
        bestDetail = detail;
        bestKind = kind;
        bestCaveat = caveat;
        // A name people know, for judgeNameOnAbusedSite(): standing apart, distinctive, or (engine 1.22) an
        // ordinary-word name of six letters or more that the label starts with (`amazonqb.buzz`, `telegramku.top`):
        // read first, not the end of another word as inside one (`pineapple`).
        const known = isBounded || t.distinctive || (inLabel && hitStart === labelStart && t.text.length > DISTINCTIVE_TOKEN_LENGTH);
        bestToken = known ? hitId : -1;
      } else if (sameName && !hasContext(best, s)) {
        alsoBrand = t.brand;
      }
    }
    if (best >= 0) {
      // Brands that share a name (`smbc`: SMBC Bank and SMBC Card) are told apart only by their other names; when
      // none is in the input, the first in the catalog is named, and the analyst is told.
      const also = alsoBrand >= 0 ? `; "${bestText}" is also ${brandName(alsoBrand)}'s name, and nothing in the input tells them apart` : '';
      signals.add(bestKind, `${bestDetail}${also}`, bestWeight, best, bestCaveat);
      if (tokens[bestToken]?.strongName === true) signals.knownName = true;
    }
    if (lures > 0 && !viaSkeleton) {
      const weight = lureWeight(labelStrong, labelWeak, labelNeutral, subStrong, subWeak);
      signals.add('lure-word', `host contains lure word${lures > 1 ? 's' : ''} ${lureNames.map((w) => `"${w}"`).join(', ')}`, weight);
      const numbered = numberedLureLabel(hostText, lureStarts, labelEnd);
      if (numbered !== '') {
        signals.add('numbered-host', `"${numbered}" joins lure words with a long number: kits give each victim or case a host name of its own (sites name hosts for people, not per case)`, WEIGHTS.numberedHost);
      }
    }
    return lures;
  }

  /**
   * Typos of brand names among the sub-domain's labels and their hyphen-separated pieces, host[0, end): the first
   * one found is reported as brand-in-subdomain, strongly when the rest of an official domain follows it, else only
   * for distinctive names. Pieces shorter than a distinctive name or that are ordinary words are skipped; so are
   * pieces that are a brand token as written (judged by the token scan). `foldable`: as for judgeLookalike().
   * When none counts, returns the first piece one edit of any kind from a name (looseTypoCounts), which the caller
   * reports only if nothing else names a brand (addLooseSubdomainTypo).
   */
  function judgeSubdomainTypos(s: Subject, end: number, signals: Signals, foldable: boolean): LooseTypo | undefined {
    const host = s.host;
    let loose: LooseTypo | undefined;
    let from = 0;
    while (from < end) {
      let to = from;
      while (to < end && host.charCodeAt(to) !== 46 /* '.' */ && host.charCodeAt(to) !== 45 /* '-' */) to++;
      if (to - from >= DISTINCTIVE_TOKEN_LENGTH + 1 && to - from <= MAX_TYPO_PIECE_CHARS) {
        const piece = host.slice(from, to);
        const query = foldable && mayHaveSkeleton(piece) ? skeleton(piece) : piece;
        const named = isCommonWord(query) || exactTokens(query) !== undefined;
        const typo = named ? null : findTypo(query);
        const t = typo === null ? undefined : tokens[typoIds[typo.token] ?? 0];
        // Followed by the rest of an official domain (`amaznon.co.jp.example.top`), it imitates that domain.
        const imitated = t?.strongName === true ? officialSuffixAfter(host, to, t) : '';
        if (typo !== null && t !== undefined && imitated !== '') {
          addImitatedDomain(s, to, imitated, t, t.text, describeTypo(piece, t.text, typo), signals);
          return undefined;
        }
        if (typo !== null && t?.distinctive === true && !firstLetterSwapped(typo, t.text)) {
          signals.add('brand-in-subdomain', `the sub-domain has ${describeTypo(piece, t.text, typo)}, a typo of ${brandName(t.brand)}'s name, but the site is ${s.domain}`, WEIGHTS.tokenInSubdomain, t.brand);
          return undefined;
        }
        if (loose === undefined && !named) {
          const any = typo ?? firstTypoSeen;
          const u = any === null ? undefined : tokens[typoIds[any.token] ?? 0];
          if (any !== null && u !== undefined && looseTypoCounts(any, u)) loose = { piece, typo: any, token: u };
        }
      }
      from = to + 1;
    }
    return loose;
  }

  /**
   * A sub-domain label one edit from a hyphenated official label, its hyphens where the name has them, followed by
   * the rest of that domain (`eki-nat.com.…` for eki-net.com, `etc-meisal.jp.…`): the first found, in host[0, end).
   * judgeSubdomainTypos() reads hyphen-separated pieces, which a compound name's typo is not. `foldable`: as for
   * judgeLookalike().
   */
  function judgeMisspeltCompoundDomain(s: Subject, end: number, signals: Signals, foldable: boolean): void {
    const host = s.host;
    let hyphen = hyphenatedNameLengths === 0 ? -1 : host.indexOf('-');
    if (hyphen < 0 || hyphen >= end) return;
    let from = 0;
    while (from < end && hyphen >= 0 && hyphen < end) {
      let to = host.indexOf('.', from);
      if (to < 0 || to > end) to = end;
      const length = to - from;
      const nearLength = length <= MAX_TYPO_PIECE_CHARS && ((hyphenatedNameLengths >>> (length - 1)) & 0b111) !== 0;
      if (hyphen < to && nearLength) {
        const label = host.slice(from, to);
        const joined = label.replaceAll('-', '');
        const query = foldable && mayHaveSkeleton(joined) ? skeleton(joined) : joined;
        const typo = joined.length >= DISTINCTIVE_TOKEN_LENGTH ? findTypo(query) : null;
        const t = typo === null ? undefined : tokens[typoIds[typo.token] ?? 0];
        const written = hyphenatedNameNear(label, t);
        const imitated = written === '' || t === undefined ? '' : officialSuffixAfter(host, to, t, written);
        if (typo !== null && t !== undefined && imitated !== '') {
          addImitatedDomain(s, to, imitated, t, written, describeTypo(label, t.text, typo, written), signals);
          return;
        }
      }
      from = to + 1;
      if (hyphen < from) hyphen = host.indexOf('-', from);
    }
  }

  /**
   * Reports a misspelt brand name in the sub-domain followed, at `at`, by the rest of the brand's domain `name` +
   * `imitated` (officialSuffixAfter), saying how the host writes that rest when it is one letter off (`co.ip`).
   */
  function addImitatedDomain(s: Subject, at: number, imitated: string, t: TokenInfo, name: string, typoText: string, signals: Signals): void {
    const writtenRest = s.host.slice(at, at + imitated.length);
    const suffixNote = writtenRest === imitated ? '' : ` and "${writtenRest.slice(1)}" for "${imitated.slice(1)}"`;
    signals.add('brand-in-subdomain', `the sub-domain imitates ${brandName(t.brand)}'s domain "${name}${imitated}" with ${typoText}${suffixNote}, but the site is ${s.domain}`, WEIGHTS.officialInSubdomain, t.brand);
  }

  /**
   * A typo of a brand's name too loose to count on its own (see judgeSubdomainTypos): a name of six letters or more,
   * not its first letter changed, not a letter put in front of it (`micloud`: a name of its own, like `my…`).
   */
  function looseTypoCounts(typo: Typo, t: TokenInfo): boolean {
    return t.strongName && t.text.length > DISTINCTIVE_TOKEN_LENGTH && !firstLetterSwapped(typo, t.text) && !(typo.at === 0 && INSERTION_KINDS.has(typo.kind));
  }

  /**
   * Reports a loose typo of a brand's name in the sub-domain (`jp.mercarli.…`), weakly; a name that is also an
   * ordinary word misspelt by a slip of the fingers after its first letter (`amazom.example.cn`, `amaozn.…`) as a
   * distinctive name's typo: judgeSubdomainTypos() skipped pieces that are words, so it is no other word (engine 1.21).
   */
  function addLooseSubdomainTypo(s: Subject, loose: LooseTypo, signals: Signals): void {
    const { piece, typo, token: t } = loose;
    if (!t.distinctive && typo.at > 0 && KEYBOARD_SLIP_KINDS.has(typo.kind)) {
      signals.add('brand-in-subdomain', `the sub-domain has ${describeTypo(piece, t.text, typo)}, a typo of ${brandName(t.brand)}'s name, but the site is ${s.domain}`, WEIGHTS.tokenInSubdomain, t.brand);
      return;
    }
    const caveat = t.distinctive ? `a letter ${typo.kind === 'insertion' ? 'added inside' : 'changed in'} a ${t.text.length}-letter name also makes unrelated names` : `"${t.text}" is also an ordinary word`;
    signals.add('brand-in-subdomain', `the sub-domain has ${describeTypo(piece, t.text, typo)}, one edit from ${brandName(t.brand)}'s name, but the site is ${s.domain}`, WEIGHTS.tokenSubdomainShort, t.brand, caveat);
  }

  function addDotlessLabel(label: string, dotless: DotlessName, signals: Signals): void {
    signals.add('typosquat', `${label} reads as ${dotless.reads} ${describeDotless(label)}`, dotless.labelWeight, dotless.brand, dotless.caveat);
    signals.dotlessLabel = true;
  }

  /**
   * Sub-domain labels (host[0, end)) that are a brand's host name with its dots dropped: the first one found, when it
   * weighs more than what already names a brand.
   */
  function judgeDotlessSubdomain(s: Subject, end: number, signals: Signals): void {
    const host = s.host;
    for (let from = 0; from < end;) {
      let to = host.indexOf('.', from);
      if (to < 0 || to > end) to = end;
      const long = to - from > DISTINCTIVE_TOKEN_LENGTH;
      const listed = long && labelBloom.mayHaveUnhyphenated(host, from, to);
      if (listed || (long && host.startsWith('www', from))) {
        const label = host.slice(from, to);
        const dotless = dotlessName(label.includes('-') ? label.replaceAll('-', '') : label, listed);
        if (dotless !== undefined && dotless.subdomainWeight > signals.brandWeight) {
          signals.add('brand-in-subdomain', `the sub-domain label "${label}" reads as ${dotless.reads} ${describeDotless(label)}, but the site is ${s.domain}`, dotless.subdomainWeight, dotless.brand);
          return;
        }
      }
      from = to + 1;
    }
  }

  /**
   * A domain copied into the host in front of the registrable label, dots kept or turned into hyphens: the host
   * imitates that domain's address. An official domain of the catalog is brand-in-subdomain for its brand: the token
   * scan finds only those whose label is a keyword (`paypal.com.…`), not `login.meta.com.example.net` (Meta's domain
   * under the keyword `facebook`). Another well-known site's domain is site-in-subdomain, with no brand
   * (`www.tesco.com-offir.club`, `olx-pl.onsfan.pics`). The copy starts in the sub-domain, at a label or piece
   * start, and ends at a dot or hyphen no later than the registrable label's end. Most hosts have one or two
   * candidate windows; each costs Bloom tests over a range of the host, and only a "maybe" slices a string.
   */
  function judgeCopiedDomains(s: Subject, labelStart: number, labelEnd: number, lures: number, signals: Signals): void {
    const host = s.host;
    for (let from = 0; from < labelStart - 1; from = nextPieceStart(host, from)) {
      const dot = host.indexOf('.', from);
      let to = pieceEnd(host, from);
      for (let pieces = 0; pieces < MAX_SITE_SUFFIX_PIECES && to < labelEnd; pieces++) {
        to = pieceEnd(host, to + 1);
        if (to > labelEnd) continue;
        if (dot >= 0 && dot < to) {
          if (judgeCopy(s, from, to, to, labelStart, labelEnd, lures, signals)) return; // as written: `tesco.com`
          continue;
        }
        // No dot: hyphens stand for the dots, from one of them on (`olx-pl`, `smbc-card-com`).
        for (let h = host.indexOf('-', from); h >= 0 && h < to; h = host.indexOf('-', h + 1)) {
          if (judgeCopy(s, from, to, h, labelStart, labelEnd, lures, signals)) return;
        }
      }
    }
  }

  /**
   * judgeCopiedDomains() for one reading of host[from, to): hyphens at or after `dotsFrom` read as dots (none when
   * dotsFrom = to). True when the reading is a copied domain (reported here, or already judged by the token scan).
   */
  function judgeCopy(s: Subject, from: number, to: number, dotsFrom: number, labelStart: number, labelEnd: number, lures: number, signals: Signals): boolean {
    const host = s.host;
    const officialMaybe = officialBloom.mayHaveDotted(host, from, to, dotsFrom);
    if (!officialMaybe && !know.listedDomains.mayHaveDotted(host, from, to, dotsFrom)) return false;
    const domain = dotsFrom >= to ? host.slice(from, to) : host.slice(from, dotsFrom) + host.slice(dotsFrom, to).replaceAll('-', '.');
    const name = domain.indexOf('.');
    // A short name's copies are any letters (`t.co`, `x.com`); an ordinary word with hyphens may be anyone's (`mail-ru`).
    if (name < SITE_NAME_CHARS || (dotsFrom < to && isCommonWord(domain.slice(0, name)))) return false;
    const brand = officialMaybe ? official.get(domain) : undefined;
    if (brand === undefined) {
      // Infrastructure is no site people visit; a well-known domain that is a catalog brand's has a name too short
      // to be copied as the brand's (`fb.com`).
      if (!know.wellKnown.has(domain) || know.infrastructureOnly.has(domain) || officialOf(domain) !== null) return false;
    } else if (brand === signals.brand) {
      return true; // the token scan judged it (`walmart.com.cdn-wal.net`)
    }
    const cdn = lures === 0 && namesItselfCdn(host, labelStart, labelEnd);
    const written = host.slice(from, to);
    if (brand === undefined) {
      signals.add('site-in-subdomain', `the host name carries "${written}", the domain of the well-known site ${domain}, but the site is ${s.domain}`,
        cdn ? WEIGHTS.typoWord : WEIGHTS.siteInSubdomain, -1, cdn ? CDN_CAVEAT(s.domain) : '');
    } else {
      signals.add('brand-in-subdomain', `the sub-domain carries ${brandName(brand)}'s domain "${written}" but the site is ${s.domain}`,
        cdn ? WEIGHTS.tokenSubdomainShort : WEIGHTS.officialInSubdomain, brand, cdn ? CDN_CAVEAT(s.domain) : '');
    }
    return true;
  }

  /**
   * A brand's domain in the sub-domain (in front of host[labelStart, labelEnd)) with its name's letters jumbled or its
   * suffix one letter off. Not on a CDN's host without lure words: CDNs name customers' origins after their domains.
   */
  function judgeJumbledDomain(s: Subject, labelStart: number, labelEnd: number, lures: number, signals: Signals): void {
    const found = jumbledDomains.find(s.host, labelStart - 1, labelEnd);
    if (found === undefined || (lures === 0 && namesItselfCdn(s.host, labelStart, labelEnd))) return;
    const how: string[] = [];
    if (found.written !== found.name) how.push(`the letters of "${found.name}" jumbled`);
    if (found.lookalikeOf !== '') how.push(`"${found.suffixWritten}" for "${found.lookalikeOf}"`);
    signals.add('brand-in-subdomain', `the sub-domain imitates ${brandName(found.brand)}'s domain "${found.domain}" with "${found.written}.${found.suffixWritten}" (${how.join(' and ')}), but the site is ${s.domain}`, WEIGHTS.jumbledDomain, found.brand);
  }

  /**
   * The rest of an official domain of t's brand whose label is t's name (`.co.jp` of amazon.co.jp) when host
   * continues with it, or with a spelling of it one letter off that no registry issues (`.co.ip`), at `at`, followed
   * by a dot (it sits in a sub-domain); '' otherwise.
   */
  function officialSuffixAfter(host: string, at: number, t: TokenInfo, name = t.text): string {
    for (const d of brands[t.brand]?.domains ?? []) {
      if (!d.startsWith(name) || d.charCodeAt(name.length) !== 46 /* '.' */) continue;
      const rest = d.slice(name.length);
      if (host.charCodeAt(at + rest.length) !== 46 /* '.' */) continue;
      if (host.startsWith(rest, at)) return rest;
      if (host.charCodeAt(at) === 46 && jumbledDomains.lookalikeOf(host.slice(at + 1, at + rest.length)) === rest.slice(1)) return rest;
    }
    return '';
  }

  /**
   * On a tie between two brands' equal names (`smbc`: SMBC Bank and SMBC Card), whether `candidate` is named
   * rather than `current`: when only the candidate's other name parts appear in the input (`card`, `nicos`).
   */
  function tellsApart(candidate: number, current: number, s: Subject): boolean {
    return hasContext(candidate, s) && !hasContext(current, s);
  }

  /** Whether a part of the brand's other names (`card` of smbc-card, `nicos`) appears in the host or path. */
  function hasContext(brand: number, s: Subject): boolean {
    for (const part of contextParts[brand] ?? []) if (s.host.includes(part) || s.path.includes(part)) return true;
    return false;
  }

  /**
   * Whether `label`, three edits from the long name `name`, still reads as that name misspelt: its first letter kept,
   * the name not written whole in it (`steamcommunityxyz` is the name and other letters, a combosquat's business), and
   * no ordinary word of FOREIGN_WORD_CHARS letters or more in it that the name does not hold (`citizens` of
   * `citizensonline` against `citibankonline`; `steam` of `steamcomnnutity` is in `steamcommunity`).
   */
  function threeEditsHold(label: string, name: string): boolean {
    if (label.charCodeAt(0) !== name.charCodeAt(0) || label.includes(name)) return false;
    const words = commonWordsIn(label);
    for (let w = 0; w < words.length; w += 2) {
      const from = words[w] ?? 0;
      const to = words[w + 1] ?? 0;
      if (to - from >= FOREIGN_WORD_CHARS && !name.includes(label.slice(from, to))) return false;
    }
    return true;
  }

  function officialAt(text: string, start: number, brand: number): string {
    const b = brands[brand];
    if (b === undefined) return '';
    for (const d of b.domains) {
      if (text.startsWith(d, start) && !isAlnum(text.charCodeAt(start + d.length))) return d;
      const dashed = d.replaceAll('.', '-');
      if (text.startsWith(dashed, start) && !isAlnum(text.charCodeAt(start + d.length))) return dashed;
    }
    return '';
  }

  /** `from`: where the path's own words start (after a platform's fixed folder such as `/cloud/` of Yandex Forms). */
  function judgePath(s: Subject, signals: Signals, hostIsRisky: boolean, from = 0): void {
    const path = s.path;
    const hitsLength = 3 * scanHits(path, path.length);
    let bestBrand = -1;
    let bestWeight = 0;
    let bestDetail = '';
    let bestText = '';
    const lureNames: string[] = [];
    for (let h = 0; h < hitsLength; h += 3) {
      const hitId = hits[h] ?? 0;
      const hitStart = hits[h + 1] ?? 0;
      const hitEnd = hits[h + 2] ?? 0;
      if (hitStart < from) continue;
      if (hitId >= lureBase) {
        const word = lureWords[hitId - lureBase] ?? '';
        if (word.length >= 4 && bounded(path, hitStart, hitEnd) && !lureNames.includes(word)) lureNames.push(word);
        continue;
      }
      const t = tokens[hitId];
      if (t === undefined || (t.tiny && officialAt(path, hitStart, t.brand) === '')) continue;
      if (!t.distinctive && !(t.strongName ? boundedOnOneSide(path, hitStart, hitEnd) : bounded(path, hitStart, hitEnd))) continue;
      const officialHere = officialAt(path, hitStart, t.brand);
      let weight: number = officialHere !== '' ? WEIGHTS.officialInPath : WEIGHTS.tokenInPath;
      if (!t.distinctive && officialHere === '') weight = Math.round(weight / 2);
      // A folder or page of its own (`/Office365/`, `/plala/index.php`, `/biglobe.html`): where a kit is unpacked.
      const segment = t.distinctive && officialHere === '' && isLastFolderOrPage(path, hitStart, hitEnd);
      if (segment) weight += WEIGHTS.brandPathSegment;
      if (hostIsRisky) weight += 15;
      // Brands sharing the name (`/smbc/` on `sndc-card.com.….cn`): as in the host (judgeHostTokens), since 1.23.
      const sameName = weight === bestWeight && t.text === bestText && t.brand !== bestBrand;
      if (weight > bestWeight || (sameName && tellsApart(t.brand, bestBrand, s))) {
        bestText = t.text;
        bestWeight = weight;
        bestBrand = t.brand;
        bestDetail = officialHere !== ''
          ? `the path carries ${brandName(t.brand)}'s domain "${officialHere}" on an unrelated host`
          : `the path names ${brandName(t.brand)} ("${t.text}")${segment ? ' as a folder or page of its own' : ''} on an unrelated host`;
      }
    }
    // No name in the path: a path of a brand's own site, copied with its page (`/ap/signin`, `/gp/customer-reviews/`).
    if (bestBrand < 0) {
      for (const p of companyPaths) {
        const found = p.pattern.exec(path);
        if (found === null) continue;
        bestBrand = p.brand;
        bestWeight = WEIGHTS.tokenInPath + (hostIsRisky ? 15 : 0);
        bestDetail = `the path "${found[0]}" is a path of ${brandName(p.brand)}'s ${p.page} (${p.domain}${found[0]}), on an unrelated host`;
        break;
      }
    }
    if (bestBrand >= 0) signals.add('brand-in-path', bestDetail, bestWeight, bestBrand);
    if (lureNames.length > 0) signals.add('lure-word', `path contains ${lureNames.slice(0, 3).map((w) => `"${w}"`).join(', ')}`, WEIGHTS.pathLure);
    const kit = pageInWordPressFolder(path);
    if (kit !== '') {
      signals.add('wordpress-folder-page', `"${kit}" is a page inside WordPress's own folders, which hold its program, its admin pages and the files pages load, not pages of their own: kits are unpacked there on hacked sites`, WEIGHTS.wordpressFolderPage);
    }
    const hidden = pageInHiddenFolder(path);
    if (hidden !== '') {
      signals.add('hidden-folder-page', hidden.startsWith('/.well-known/')
        ? `"${hidden}" is a page inside /.well-known/, which holds the standard files other systems fetch (certificate checks, security.txt), not pages: kits are unpacked there on hacked sites`
        : `"${hidden}" is served from a hidden folder, which directory listings and most site owners do not show: kits are unpacked there on hacked sites`, WEIGHTS.hiddenFolderPage);
    }
    judgeCarriedAddress(s, signals);
  }

  /**
   * An e-mail address the URL carries (address.ts), unless it is at the site's own domain (a site's links to its
   * own users). It weighs more written in base64, hidden from mail filters, and more again when the host names the
   * address's organisation (`u6j45-acme.example.es/…/$amFuZUBhY21lLmNvbQ==`): a link made for one organisation's staff.
   */
  function judgeCarriedAddress(s: Subject, signals: Signals): void {
    const found = (s.path.includes('@') ? plainAddressIn(s.path) : null)
      ?? encodedAddressIn(s.pathname) ?? encodedAddressIn(s.query) ?? encodedAddressIn(s.fragment);
    if (found === null || (found.organisation !== '' && found.organisation === s.domainLabel)) return;
    let weight: number = found.encoded === '' ? WEIGHTS.emailInUrl : WEIGHTS.encodedEmailInUrl;
    let detail = found.encoded === ''
      ? `the URL carries an e-mail address, "${found.address}"`
      : `the URL carries an e-mail address written in base64 ("${clipped(found.encoded, MAX_QUOTED_ENCODED_CHARS)}" is ${found.address}), hidden from mail filters`;
    detail += ': links sent to one person carry their address to fill in a fake sign-in form';
    if (found.organisation.length >= MIN_ORGANISATION_CHARS && s.host.includes(found.organisation)) {
      weight += WEIGHTS.emailOrganisationInHost;
      detail += `; the host names the address's organisation ("${found.organisation}"), as links made for one organisation's staff do`;
    }
    signals.add('email-in-url', detail, weight);
  }

  function check(input: string): CheckResult {
    const parsed = parseInput(input);
    if (!parsed.ok) return { input, verdict: 'error', score: 0, brand: null, signals: [], error: parsed.error };
    return judge(parsed.subject, 0);
  }

  /**
   * The subject's verdict; for a URL that carries destinations (forwardsOf), each is judged as an input of its own and
   * the riskiest is said in a `redirect` signal, the URL itself judged without the risky ones (their words count
   * once, as theirs). A brand's own address carried by another host (`…/ap/signin?return_to=https://www.amazon.co.jp/`)
   * is how kits copy a sign-in page: it stays in the path, where `brand-in-path` reads it.
   */
  function judge(s: Subject, depth: number): CheckResult {
    if (depth >= MAX_FORWARD_DEPTH) return judgeSubject(s);
    const forwards = forwardsOf(s);
    if (forwards.length === 0) return judgeSubject(s);
    let worst: { readonly forward: Forward; readonly target: CheckResult } | null = null;
    let path = s.path;
    for (const forward of forwards) {
      const target = judge(forward.subject, depth + 1);
      if (target.verdict === 'official') continue;
      // A risky destination's words count in its score, and leave the URL's path; a harmless one's stay the URL's
      // (a lure word in `?next=https://example.net/verify-account` is still the URL's) and its score adds nothing.
      if (target.verdict !== 'benign' && forward.inPath !== '') path = path.replace(forward.inPath, '');
      if (worst === null || target.score > worst.target.score) worst = { forward, target };
    }
    if (worst === null) return judgeSubject(s);
    return withForward(judgeSubject(path === s.path ? s : { ...s, path }), worst.forward, worst.target);
  }

  /**
   * A URL carrying a destination that is not a brand's own: what the destination was judged is said in a `redirect`
   * signal weighing its score when it is risky, so `disq.us/url?url=https://paypa1-login.xyz/` is at least as bad as
   * where it leads (a harmless destination's words were left in the URL's path: they count there, once).
   * An official host's redirect (`google.com/url?q=…`) stays `official` (DESIGN.md: everything under an official
   * domain is) and says where it leads at weight 0, for the analyst and for callers that follow links (the e-mail
   * analyser does).
   */
  function withForward(own: CheckResult, forward: Forward, target: CheckResult): CheckResult {
    const weight = own.verdict === 'official' || target.verdict === 'benign' ? 0 : target.score;
    const signal: Signal = { kind: 'redirect', detail: `${forward.carrier} forwards to ${quoteUrl(forward.subject.input)}: ${describeTarget(target)}`, weight };
    const signals = [...own.signals, signal];
    if (weight === 0) return { ...own, signals };
    const score = scoreOf(signals);
    const brand = own.brand !== null && own.score >= weight ? own.brand : target.brand ?? own.brand;
    return { ...own, verdict: verdictOf(score), score, brand, signals };
  }

  function judgeSubject(s: Subject): CheckResult {
    if (s.isIp) {
      const signals = new Signals();
      signals.add('ip-host', `the host is an IP address (${s.host}), not a name`, WEIGHTS.ipHost);
      judgeUserinfo(s, signals);
      if (s.path.length > 0) judgePath(s, signals, true);
      return finish(s, signals);
    }

    const owner = officialOf(s.host);
    if (owner !== null) return officialResult(s, owner.brand, owner.domain);

    // Files anyone can upload, named in the path (`storage.googleapis.com/BUCKET/…`, `ipfs.io/ipfs/CID/…`): the
    // host is a known service, so only the upload is judged, as on any other host anyone can publish on.
    const uploaded = s.path.length > 0 ? uploadOf(s) : undefined;
    if (uploaded !== undefined) {
      const upload = uploaded.name;
      const signals = new Signals();
      // The path is lowercased; a content id is case-sensitive (base58), so quote it as the input has it.
      const at = lowerKeepingIndexes(s.input).indexOf(upload);
      const original = at < 0 ? '' : s.input.slice(at, at + upload.length);
      const shown = original.toLowerCase() === upload ? original : upload;
      signals.add('user-content-host', uploaded.home
        ? `${s.host} is a shared server: "/${shown}/" is a user's home directory, whose pages are that user's, not the site's`
        : `${s.host} serves what anyone uploads or publishes: this one is under "${shown}"`, WEIGHTS.userContent);
      const ipfs = s.path.startsWith('/ipfs/') || s.path.startsWith('/ipns/');
      const stored = pageInStorage(s.path, ipfs ? uploaded.at + upload.length : -1);
      if (stored !== '') addStoragePage(stored, s.host, signals);
      judgeUserinfo(s, signals);
      judgePath(s, signals, true, uploaded.at);
      return finish(s, signals);
    }

    // Hosting platforms: a name under them is a customer's, judged like a registrable domain of its own.
    // One Bloom test rules out the four listed-domain sets for most hosts (each `has` below is then skipped).
    const listed = s.domain !== '' && know.listedDomains.mayHave(s.domain);
    // A listed platform longer than the Public Suffix List's private suffix (`storage.googleapis.com` under the list's
    // `googleapis.com`: `BUCKET.storage.googleapis.com`) is the platform the name is under (1.46).
    const byList = listed ? platformOf(s.host, s.domain) : '';
    const listedPlatform = s.privateSuffix && s.suffix.length >= byList.length ? s.suffix : byList;
    // Any IPFS gateway serving a content id as a sub-domain (`bafkrei….ipfs.flk-ipfs.xyz`), listed or not (1.38).
    const gateway = listedPlatform === '' ? ipfsGatewayOf(s.host) : '';
    const platform = gateway !== '' ? gateway : listedPlatform;
    let label = s.domainLabel;
    let sub = s.subdomain;
    if (platform !== '' && platform !== s.suffix) {
      const rest = s.host.length > platform.length ? s.host.slice(0, s.host.length - platform.length - 1) : '';
      const dot = rest.lastIndexOf('.');
      label = rest.slice(dot + 1);
      sub = dot < 0 ? '' : rest.slice(0, dot);
    }
    // The provider's own site (`duckdns.org` itself) is not a customer's name under it.
    const kind = platform === '' || label === '' ? '' : gateway !== '' ? 'user-content' : platformKind(platform);
    // A well-known URL shortener (`t.co`, `bitly.com`) is known for hiding where its links go: judged as a shortener.
    const shortener = platform === '' && listed && know.shorteners.has(s.domain);
    const knownAs = platform === '' ? (shortener ? '' : wellKnownAs(s.domain, s.suffix, listed)) : kind === 'infrastructure' ? `${platform} is cloud or CDN infrastructure that names customers' servers, not pages anyone can publish` : '';
    if (knownAs !== '') {
      // A cloud customer's server under its default name (`ec2-16-170-148-0.eu-north-1.compute.amazonaws.com`) is
      // still an address; a well-known site's own servers (`dfw4-128-116-14-3.roblox.com`) are the site's.
      const spelled = kind === 'infrastructure' ? ipSpelledHost(s) : '';
      const known: Signal[] = [{ kind: 'well-known-site', detail: knownAs, weight: 0 }];
      if (spelled !== '') known.push({ kind: 'ip-host', detail: spelled, weight: WEIGHTS.ipHost });
      const score = scoreOf(known);
      return { input: s.input, host: s.host, domain: s.domain, verdict: verdictOf(score), score, brand: null, signals: known };
    }

    const signals = new Signals();
    if (platform === '' && isVettedSuffix(s.suffix)) {
      signals.vettedName = `names under ${s.suffix} are issued only to vetted government, education or military bodies: a phisher cannot register ${s.domain}`;
    }
    // Pure-ASCII hosts without a foldable character (most) skip every skeleton() below: one pass decides.
    const foldable = s.host !== s.unicodeHost || mayHaveSkeleton(s.host);
    if (label.length > 0) judgeLookalike(s, label, sub, signals, foldable);

    const suffixLabels = countChar(platform !== '' ? platform : s.suffix, 46) + 1;
    const [labelStart, labelEnd] = labelBounds(s.host, suffixLabels);
    const labelJudged = signals.brand >= 0;
    const seenTokens = scratchTokens;
    // Set.prototype.clear() allocates a new table even when the set is empty.
    if (seenTokens.size > 0) seenTokens.clear();
    const freeName = kind === 'user-content' && isFreeName(platform, label);
    const lures = judgeHostTokens(s, s.host, labelStart, labelEnd, false, signals, labelJudged, seenTokens, freeName);
    if (foldable && !signals.has('homoglyph')) {
      const skelHost = skeleton(s.unicodeHost);
      if (skelHost !== s.host) {
        const [skelStart, skelEnd] = labelBounds(skelHost, suffixLabels);
        judgeHostTokens(s, skelHost, skelStart, skelEnd, true, signals, labelJudged, seenTokens, freeName);
      }
    }
    // A hyphenated official domain misspelt in the sub-domain (`eki-nat.com.example.net`), however the rest named a brand.
    if (signals.brandWeight < WEIGHTS.officialInSubdomain && labelStart > 0) judgeMisspeltCompoundDomain(s, labelStart - 1, signals, foldable);
    // Nothing (or only weakly) named a brand yet: a typo of one in the sub-domain (`www2.amazaon.co.jp.login.example.cn`).
    const looseTypo = signals.brandWeight < WEIGHTS.tokenInSubdomain && labelStart > 0 ? judgeSubdomainTypos(s, labelStart - 1, signals, foldable) : undefined;
    // Nothing named a brand: a short or ordinary name's host name with its dots dropped (`wwwline.net`) is said, weakly.
    if (signals.weakDotless !== undefined && signals.brand < 0) addDotlessLabel(label, signals.weakDotless, signals);
    // A brand's host name with its dots dropped, as a sub-domain label (`wwwpaypal.example.net`, `paypalcom.example.net`).
    if (signals.brandWeight < WEIGHTS.officialInSubdomain && labelStart > 0) judgeDotlessSubdomain(s, labelStart - 1, signals);
    // Still no brand's name in the sub-domain: a copied official or well-known domain (`login.meta.com.example.net`).
    if (signals.brandWeight < WEIGHTS.tokenInSubdomain && labelStart > 0) judgeCopiedDomains(s, labelStart, labelEnd, lures, signals);
    // Still none: a brand's domain with its name's letters jumbled (`amzanao.co.ip.example.shop`).
    if (signals.brandWeight < WEIGHTS.tokenInSubdomain && labelStart > 0) judgeJumbledDomain(s, labelStart, labelEnd, lures, signals);
    // Still no brand at all: a sub-domain piece one edit of any kind from a brand's name, weakly.
    if (looseTypo !== undefined && signals.brand < 0) addLooseSubdomainTypo(s, looseTypo, signals);

    // A short link is a code in the path: a shortener's bare host name (`bit.ly`, `maps.app.goo.gl`) is the
    // service's own site and hides nothing.
    const shortLink = s.path.length > 0;
    if (kind === 'shortener') {
      if (shortLink) signals.add('url-shortener', `${platform} is a URL shortener: the destination is hidden`, WEIGHTS.shortener);
    } else if (kind === 'dynamic-dns') {
      signals.add('dynamic-dns', `${platform} is a dynamic-DNS provider: anyone can create ${label}.${platform}`, WEIGHTS.dynamicDns);
    } else if (kind === 'user-content') {
      signals.add('user-content-host', `${platform} hosts content anyone can publish${label !== '' ? ` (${label}.${platform})` : ''}`, WEIGHTS.userContent);
      if (freeName && signals.brandWeight <= WEIGHTS.comboWeak && !signals.knownName) judgeNameOnPlatform(label, lures, signals);
      const storage = gateway !== '' ? 'ipfs' : storageKind(platform);
      const stored = storage === '' ? '' : pageInStorage(s.path, storage === 'ipfs' ? 0 : -1);
      if (stored !== '') addStoragePage(stored, platform, signals);
    } else if (shortener) {
      if (shortLink) signals.add('url-shortener', `${s.domain} is a URL shortener: the destination is hidden`, WEIGHTS.shortener);
    } else if (listed && know.dynamicDns.has(s.domain) && s.subdomain !== '') {
      signals.add('dynamic-dns', `${s.domain} is a dynamic-DNS provider: anyone can create names under it`, WEIGHTS.dynamicDns);
    }

    const spelled = ipSpelledHost(s);
    if (spelled !== '') signals.add('ip-host', spelled, WEIGHTS.ipHost);

    // The registrant's choice of suffix: a platform's (`tiiny.site`, `square.site`) is the platform's, not its customer's
    // (a Public Suffix List private suffix is a platform too: `platform` is set for it).
    const tldStart = s.suffix.lastIndexOf('.') + 1;
    if (platform === '' && know.listedTlds.mayHave(s.suffix, tldStart)) {
      const tld = s.suffix.slice(tldStart);
      if (know.riskyTlds.has(tld)) signals.add('risky-tld', `.${tld} is among the most abused top-level domains`, WEIGHTS.riskyTld);
    }

    let random = '';
    // Cloud infrastructure names its customers' resources with generated ids: randomness means nothing there.
    // Only the registrable (or platform customer's) label: generated ids in sub-domains of a chosen name
    // (`0cf17917-….edge.example.app`) are how infrastructure names things, not how kits hide.
    if (kind !== 'infrastructure' && !generatedNames.has(platform) && !signals.dotlessLabel && looksRandom(s.host, labelStart, labelEnd, platform === '')) random = s.host.slice(labelStart, labelEnd);
    // A brand's own name (`smbc-card`) is chosen, however few vowels it has.
    if (random !== '' && exactTokens(random.replaceAll('-', '')) !== undefined) random = '';
    if (random !== '') signals.add('random-label', `"${random}" looks machine-generated`, WEIGHTS.randomLabel);
    judgeNameOnAbusedSite(s, signals, freeName);

    const subLabels = sub === '' ? 0 : countChar(sub, 46) + 1;
    if (subLabels >= DEEP_SUBDOMAIN_LABELS) signals.add('many-subdomains', `${subLabels} sub-domain labels in front of ${platform === '' ? s.domain : `${label}.${platform}`}`, WEIGHTS.deepSubdomain + (subLabels >= 6 ? 10 : 0));
    if (s.host.length > LONG_HOST_CHARS) signals.add('long-host', `host name is ${s.host.length} characters long`, WEIGHTS.longHost);
    if (lures > 0 && s.host.includes('xn--')) signals.add('punycode', `the host uses IDN (punycode) labels: ${s.unicodeHost}`, WEIGHTS.punycode);

    judgeUserinfo(s, signals);
    if (s.path.length > 0) {
      const risky = platform !== '' || signals.has('dynamic-dns') || signals.has('url-shortener') || signals.list.length > 0;
      judgePath(s, signals, risky && !signals.has('official-domain'));
    }
    return finish(s, signals);
  }

  /**
   * A combosquat or brand-in-subdomain that alone weighs little (`amazon-vr`: an ordinary-word brand with other
   * words), by a name people know (Signals.knownName), on a site that also looks abused: an abused TLD that is not a
   * country's own suffix, dynamic DNS or free hosting. Each is common on its own; together they are how kits name
   * their sites, so the pair counts for more than its parts. `freeName`: the host is a free name on a hosting
   * platform (judgeSubject's isFreeName()).
   */
  function judgeNameOnAbusedSite(s: Subject, signals: Signals, freeName: boolean): void {
    if (!signals.knownName || signals.brandWeight >= SUSPICIOUS_SCORE) return;
    let abused: Signal | undefined;
    for (const signal of signals.list) {
      // A country's own suffix (`.cn`) is where its businesses use ordinary words and brand names in their names;
      // a brand's name in the sub-domain (`saisonsasacsard.co.jp.5577sf.cn`) is not the business's.
      if (signal.kind === 'risky-tld' ? !isCountrySuffix(s.suffix) || signals.brandKind === 'brand-in-subdomain' : signal.kind === 'dynamic-dns' || signal.kind === 'user-content-host') {
        abused = signal;
        break;
      }
    }
    if (abused === undefined) return;
    // Brands do not run their sites under a hosting platform's free names (`trezorhardware--get-en.webflow.io`).
    const onFreeName = freeName && abused.kind === 'user-content-host';
    const where = onFreeName ? 'under a free name on a hosting platform, where brands do not run their sites' : 'on a site that also looks abused';
    signals.add('brand-on-abused-site', `${brandName(signals.brand)}'s name ${where}: ${abused.detail}`, onFreeName ? WEIGHTS.brandOnHostingPlatform : WEIGHTS.brandOnAbusedSite);
  }

  /**
   * A brand's name inside a free name on a hosting platform that the token scan weighed little or nothing (engine
   * 1.26): an ordinary-word name glued to other letters (`ledgerget-live-login.webflow.io`, `geminilogin.webflow.io`)
   * or a name a letter or two off (`ledgr--logien.webflow.io`, `metamaeskloegin.webflow.io`,
   * `coiennbaseeprrolog.webflow.io`). Kits on site builders misspell names on purpose, past filters that match
   * names; a business misspells no name of its own. Sets knownName: the pair with the free name then counts
   * (judgeNameOnAbusedSite). `lures`: lure words in the host.
   */
  function judgeNameOnPlatform(label: string, lures: number, signals: Signals): void {
    let words: number[] | undefined; // [start, end) of the label's common words of four letters or more, when asked
    let besideLure = ''; // the lure word, perhaps misspelt, that let a short misspelt name count (lureBeside)
    const match = approximateNames.find(label, 0, label.length, (name, start, end, edits) => {
      besideLure = '';
      const text = tokens[approximateTokens[name] ?? -1]?.text ?? '';
      if (edits === 0) {
        // As written: starting a piece of the label (`ledgerlibe`, `help-content-ledgerc`; `clarionledger` is a
        // newspaper's), not the start of a longer word (`revolutiondapp`), nor with only ordinary words
        // (`ledger-accounting`, `exoduschurch`).
        if (start > 0 && label.charCodeAt(start - 1) !== 45 /* '-' */) return false;
        if (classifyRest(label, 0, label.length, start, end) === 'words') return false;
      } else {
        // Misspelt: the first and last letters kept, as kits keep them (`ssbank` is no `usbank`, `htsapp` no
        // `whatsapp`); two edits only without letters left out overall (`mercare` of `customercare` is no `medicare`);
        // a name under LONG_APPROXIMATE_NAME letters only with lure words in the host (`ledgr-login`, but not `strie`
        // in a user name `jstrieb`); a hyphen only added (`net-flix`), not for a letter (`no-dea` is no `nordea`).
        if (label.charCodeAt(start) !== text.charCodeAt(0) || label.charCodeAt(end - 1) !== text.charCodeAt(text.length - 1)) return false;
        if (edits === 2 && end - start < text.length) return false;
        if (text.length < LONG_APPROXIMATE_NAME && lures === 0) {
          besideLure = lureBeside(label, start, end);
          if (besideLure === '') return false;
        }
        if (hyphenReplacesLetter(text, label, start, end, edits)) return false;
        // A name that is a word and two letters more (`livelo`, `postnl`, `usbank`) is misspelt by every name that
        // holds the word (`liveno`, `ssbank`); so is a window that is a word (`snapshot`, two letters off `snapchat`).
        if (holdsNameWord(text, label, start, end) || isCommonWordAt(label, start, end)) return false;
      }
      // Not part of the label's own words: a common word that is not in the name, shares three letters with the
      // window and reaches past it (`block` of `liveblocknodes` around `liveblo`, `impossible` around `imposs`,
      // `revolution` around `revolut`).
      words ??= commonWordsIn(label);
      for (let w = 0; w < words.length; w += 2) {
        const from = words[w] ?? 0;
        const to = words[w + 1] ?? 0;
        const beyond = from < start || to > end;
        if ((beyond ? Math.min(to, end) - Math.max(from, start) >= 3 : edits > 0 && to - from >= 4) && !text.includes(label.slice(from, to))) return false;
      }
      // Nor another brand's name (`paypay` is one letter from `paypal`).
      for (let from = start; from < end; from++) {
        for (let to = end; to - from >= text.length - 1; to--) {
          const range = label.slice(from, to);
          if (range !== text && exactTokens(range) !== undefined) return false;
        }
      }
      return true;
    });
    const t = match === undefined ? undefined : tokens[approximateTokens[match.name] ?? -1];
    if (match === undefined || t === undefined) return;
    if (match.edits === 0 && signals.brand === t.brand) {
      signals.knownName = true; // already said, weakly (`geminilogin = Gemini's name "gemini" + lure words`)
      return;
    }
    if (signals.brand >= 0) return;
    const written = label.slice(match.start, match.end);
    const how = match.edits === 0 ? 'glued to other letters' : `with ${match.edits === 1 ? 'a letter' : 'two letters'} off`;
    const beside = besideLure === '' ? '' : `, beside "${besideLure}" (a lure word${MISSPELT_LURES.includes(besideLure) ? '' : ', misspelt'})`;
    const detail = `"${written}" in ${label} is ${brandName(t.brand)}'s name "${t.text}" ${how}${beside}, as a free name on a hosting platform`;
    const weight = t.distinctive ? WEIGHTS.nameOnHostingPlatform : WEIGHTS.comboWeak;
    signals.add(match.edits === 0 ? 'combosquat' : 'typosquat', detail, weight, t.brand, t.distinctive ? '' : `"${t.text}" is also an ordinary word`);
    signals.knownName = true;
  }

  /**
   * A lure word of MISSPELT_LURES in `label` outside the name at [nameStart, nameEnd), as written or
   * one letter off with its first letter kept (`loegin`, `logien`, `logi`, `wallett`), as kits misspell both
   * (`kyucoinloegin`, `trzrojjiwalet`, `gemni-usalogi`); not a common word (`legion`, `logo`), nor across a hyphen.
   * '' for none.
   */
  function lureBeside(label: string, nameStart: number, nameEnd: number): string {
    const match = approximateLures.find(label, 0, label.length, (i, start, end) => {
      const word = MISSPELT_LURES[i] ?? '';
      if (start < nameEnd && end > nameStart) return false;
      if (label.charCodeAt(start) !== word.charCodeAt(0)) return false;
      const hyphen = label.indexOf('-', start);
      if (hyphen >= 0 && hyphen < end) return false;
      return !isCommonWordAt(label, start, end);
    });
    return match === undefined ? '' : label.slice(match.start, match.end);
  }

  /**
   * Whether the letters of text[from, to) are only names of `brand` (its keywords and domain labels, `currently` and
   * `att` of AT&T), each run of letters read as a sequence of them, with at least one run; digits and hyphens between.
   */
  function onlyNamesOf(brand: number, text: string, from: number, to: number): boolean {
    let runs = 0;
    let i = from;
    while (i < to) {
      while (i < to && !isLetter(text.charCodeAt(i))) i++;
      let j = i;
      while (j < to && isLetter(text.charCodeAt(j))) j++;
      if (j > i) {
        if (!isNamesOf(brand, text.slice(i, j))) return false;
        runs++;
      }
      i = j;
    }
    return runs > 0;
  }

  /** `run` is one or more names of `brand` glued together (`currentlyatt`): O(n²) look-ups, on rare labels only. */
  function isNamesOf(brand: number, run: string): boolean {
    const named = new Uint8Array(run.length + 1); // named[i] = 1: run[0, i) is names of the brand
    named[0] = 1;
    for (let i = 1; i <= run.length; i++) {
      for (let j = 0; j < i && named[i] === 0; j++) {
        if (named[j] === 1 && (exactTokens(run.slice(j, i))?.some((id) => tokens[id]?.brand === brand) ?? false)) named[i] = 1;
      }
    }
    return named[run.length] === 1;
  }

  /** `stored`: what pageInStorage() found, on `service`. */
  function addStoragePage(stored: string, service: string, signals: Signals): void {
    signals.add('storage-page', `${stored} is served straight from ${service}, a storage service anyone can upload to: sites serve their pages under names of their own`, WEIGHTS.storagePage);
  }

  function judgeUserinfo(s: Subject, signals: Signals): void {
    if (s.userinfo === '') return;
    const user = s.userinfo;
    const hitsLength = 3 * scanHits(user, user.length);
    for (let h = 0; h < hitsLength; h += 3) {
      const hitId = hits[h] ?? 0;
      const hitStart = hits[h + 1] ?? 0;
      const hitEnd = hits[h + 2] ?? 0;
      const t = hitId < lureBase ? tokens[hitId] : undefined;
      if (t !== undefined && (t.distinctive || bounded(user, hitStart, hitEnd))) {
        signals.add('userinfo', `"${user}@" before the host makes the link read as ${brandName(t.brand)}'s, but it leads to ${s.host}`, WEIGHTS.brandInUserinfo, t.brand);
        return;
      }
    }
    if (user.includes('.')) signals.add('userinfo', `"${user}@" before the host disguises where the link leads (${s.host})`, WEIGHTS.userinfoHost);
  }

  function finish(s: Subject, signals: Signals): CheckResult {
    const score = scoreOf(signals.list);
    const verdict = verdictOf(score);
    const brand = signals.brand >= 0 ? brandId(signals.brand) : null;
    if (s.domain === '') return { input: s.input, host: s.host, verdict, score, brand, signals: signals.list };
    return { input: s.input, host: s.host, domain: s.domain, verdict, score, brand, signals: signals.list };
  }

  /**
   * What kind of platform a private suffix or listed platform is. A Public-Suffix-List private entry under a
   * well-known infrastructure domain (`elb.us-east-1.amazonaws.com`, `z01.azurefd.net`) names customers' machines,
   * not pages anyone can publish, unless it is listed as a user-content platform (`s3.amazonaws.com`) or is S3 under
   * a region (`BUCKET.s3.ap-northeast-1.amazonaws.com`: buckets like those under `s3.amazonaws.com`; 1.38).
   */
  function platformKind(platform: string): 'shortener' | 'dynamic-dns' | 'user-content' | 'infrastructure' {
    const listed = matchSuffix(platform, (c) => (know.shorteners.has(c) ? 'shortener' as const
      : know.dynamicDns.has(c) ? 'dynamic-dns' as const
        : know.platforms.has(c) ? 'user-content' as const : undefined));
    if (listed !== null) return listed.value;
    if (REGIONAL_S3.test(platform)) return 'user-content';
    return matchSuffix(platform, (c) => (know.wellKnown.has(c) ? true : undefined)) !== null ? 'infrastructure' : 'user-content';
  }

  /** A public suffix whose registry gives names only to vetted bodies (`edu`, `gov.uk`, `ac.jp`, `go.id`). */
  function isVettedSuffix(suffix: string): boolean {
    const dot = suffix.indexOf('.');
    if (dot < 0) return know.vettedTlds.has(suffix);
    return suffix.indexOf('.', dot + 1) < 0 && know.vettedSecondLevel.has(suffix.slice(0, dot));
  }

  /**
   * Why a registrable domain is a known site ('' when it is not): a popular site or a closed brand TLD. `listed`:
   * know.listedDomains may have the domain (when false, wellKnown has not).
   */
  function wellKnownAs(domain: string, suffix: string, listed: boolean): string {
    if (domain === '') return '';
    if (listed && know.wellKnown.has(domain)) return `${domain} is a well-known site (shipped list of popular and infrastructure domains)`;
    if (know.listedTlds.mayHave(suffix) && know.brandTlds.has(suffix)) return `.${suffix} is a closed brand top-level domain: only its owner registers names under it`;
    return '';
  }

  /**
   * `official`, as the catalog contract defines it: the host is under an official domain. A page of a service there
   * that publishes its users' pages and files (`sites.google.com/view/…`, `docs.google.com/forms/…`) stays official,
   * but a second signal of weight 0 says whose the page is, and which other brand its path names, if any: the brand
   * hosts that page, it did not write it.
   */
  function officialResult(s: Subject, brand: number, domain: string): CheckResult {
    const signals: Signal[] = [{ kind: 'official-domain', detail: `under ${domain}, an official domain of ${brandName(brand)}`, weight: 0 }];
    if (s.path.length > 0 && know.platforms.has(s.host)) {
      const inPath = new Signals();
      judgePath(s, inPath, true);
      const other = inPath.brand >= 0 && inPath.brand !== brand ? `; its path names ${brandName(inPath.brand)}` : '';
      signals.push({ kind: 'user-content-host', detail: `${s.host} publishes its users' pages and files: this one is a user's, not ${brandName(brand)}'s own${other}`, weight: 0 });
    }
    return { input: s.input, host: s.host, domain: s.domain, verdict: 'official', score: 0, brand: brandId(brand), signals };
  }

  /**
   * The bucket, content id or form of a URL on a host of what anyone can upload or publish (PATH_HOSTED_PLATFORMS,
   * path-style S3 under a region), at most MAX_UPLOAD_NAME_CHARS of it, and where in the path it starts (after the
   * service's own prefix); undefined when the URL is not such an upload. `home`: the upload is a user's home
   * directory (`/~name/`, Apache's UserDir, cPanel's temporary URLs) on a well-known site's server
   * (`n3plcpnl0088.prod.ams3.secureserver.net/~kllqirm760wn/…`): the site's name vouches for its server, not for
   * what its users publish there (1.38).
   */
  function uploadOf(s: Subject): { readonly name: string; readonly at: number; readonly home: boolean } | undefined {
    const home = s.path.startsWith('/~') && s.domain !== '' && know.listedDomains.mayHave(s.domain) && know.wellKnown.has(s.domain);
    const prefixes = home ? ['/'] : know.pathHosted.get(s.host) ?? (s.host.startsWith('s3') && REGIONAL_S3.test(s.host) ? ['/'] : undefined);
    if (prefixes === undefined) return undefined;
    for (const prefix of prefixes) {
      if (!s.path.startsWith(prefix)) continue;
      let end = prefix.length;
      while (end < s.path.length && !PATH_NAME_END.includes(s.path.charAt(end))) end++;
      if (end > prefix.length) return { name: s.path.slice(prefix.length, Math.min(end, prefix.length + MAX_UPLOAD_NAME_CHARS)), at: prefix.length, home };
    }
    return undefined;
  }

  function platformOf(host: string, domain: string): string {
    // Most hosts are under no platform: one Set look-up of the registrable domain rules them out.
    if (!know.platformApexes.has(domain)) return '';
    const m = matchSuffix(host, (c) => (know.platforms.has(c) || know.shorteners.has(c) || know.dynamicDns.has(c) ? true : undefined));
    if (m === null || m.match === host) return '';
    return m.match;
  }

  function unicodeLabelOf(s: Subject, label: string): string {
    if (s.unicodeHost === s.host || !label.startsWith('xn--') && !label.includes('.xn--')) return label;
    const labels = s.host.split('.');
    const idx = labels.lastIndexOf(label);
    const ulabels = s.unicodeHost.split('.');
    return idx >= 0 ? ulabels[idx] ?? label : label;
  }

  /**
   * The official domain of brand b whose label is `label` with its hyphens elsewhere (`joined`: without any) under
   * `suffix` (`smbc-card.com` for smbccard + com), if the brand has one.
   */
  function hyphenatedOfficial(b: number, joined: string, label: string, suffix: string): LabelledDomain | undefined {
    for (const d of labelledByBrand[b] ?? []) {
      if (d.label !== label && d.label.replaceAll('-', '') === joined && d.domain === `${d.label}.${suffix}`) return d;
    }
    return undefined;
  }

  /**
   * Brand b's keyword or official label as the catalog writes it, hyphens included, that is `joined` without them:
   * `label` itself when the catalog writes it so.
   */
  function catalogSpelling(b: number, joined: string, label: string): string {
    const names = [...(brands[b]?.keywords ?? []), ...(officialLabels[b] ?? [])];
    if (names.includes(label)) return label;
    return names.find((name) => name.replaceAll('-', '') === joined) ?? joined;
  }

  function officialDomainsText(b: number): string {
    const list = officialLabels[b] === undefined ? [] : brands[b]?.domains ?? [];
    return `official: ${list.slice(0, 3).join(', ')}${list.length > 3 ? ', …' : ''}`;
  }

  /**
   * Typo kinds that people really make or registrars really sell (dnstwist's fuzzers): slips of neighbouring
   * keys, doubled, dropped or swapped letters, vowel swaps, bit flips and a character added at the end. An
   * arbitrary letter swapped in or added mid-word turns too many ordinary names into "typos" of short brands, so
   * those count only for names of 8 letters or more.
   */
  function findTypo(query: string): Typo | null {
    typoQuery = query;
    firstTypoSeen = null;
    return typos.findFirst(query, acceptTypo);
  }

  /** The query of the findTypo() call in progress, for acceptTypo (one callback for all calls: no closure per call). */
  let typoQuery = '';
  /**
   * The first typo of any kind the last findTypo() call met, plausible or not: when that call found none, the typo a
   * look-up accepting every kind would return (the loose sub-domain typo), without a second look-up.
   */
  let firstTypoSeen: Typo | null = null;
  function acceptTypo(typo: Typo): boolean {
    firstTypoSeen ??= typo;
    return plausibleTypo(tokens[typoIds[typo.token] ?? 0]?.text ?? '', typo, typoQuery);
  }

  /** t's name as the catalog writes it with hyphens (`smbc-card`, a token's scan) when `label` is one edit from it, else ''. */
  function hyphenatedNameNear(label: string, t: TokenInfo | undefined): string {
    if (t === undefined) return '';
    for (const id of exactIndex.get(t.text) ?? []) {
      const written = tokens[id];
      if (written?.brand === t.brand && written.scan.includes('-') && withinOneEdit(label, written.scan)) return written.scan;
    }
    return '';
  }

  function plausibleTypo(token: string, typo: Typo, query: string): boolean {
    if (typo.kind === 'substitution') return token.length >= 8;
    if (typo.kind === 'insertion') return token.length >= 8 || typo.at === query.length - 1;
    return true;
  }

  return { version: ENGINE_VERSION, brandCount: brands.length, check };
}

/** A carried destination as a `redirect` signal quotes it: at most MAX_QUOTED_URL_CHARS characters. */
function quoteUrl(url: string): string {
  return url.length > MAX_QUOTED_URL_CHARS ? `${url.slice(0, MAX_QUOTED_URL_CHARS)}…` : url;
}

/** What a destination was judged, in a `redirect` signal's words: its verdict, score and strongest signal. */
function describeTarget(target: CheckResult): string {
  let top: Signal | undefined;
  for (const s of target.signals) if (top === undefined || s.weight > top.weight) top = s;
  const why = top === undefined ? '' : `: ${top.detail}`;
  return `judged ${target.verdict} (score ${target.score}${target.brand === null ? '' : `, ${target.brand}`})${why}`;
}

/** How a label that reads as a host name (DotlessName) lost that name's dots. */
function describeDotless(label: string): string {
  return label.includes('-') ? '(its dots left out or written as hyphens)' : '(its dots left out)';
}

/**
 * Where the token scan of a host's skeleton found a name: ` (read through look-alike characters: "arnazon" reads
 * as "amazon")`, label `index` of `skeletonHost` and the same label of `host` as written.
 */
function lookalikeReading(host: string, skeletonHost: string, index: number, disguised: boolean): string {
  const read = skeletonHost.split('.')[index] ?? '';
  const written = host.split('.')[index] ?? '';
  const why = disguised ? ', a spelling no owner or fan site uses' : '';
  return written === '' || written === read ? ` (read through look-alike characters${why})` : ` (read through look-alike characters: "${written}" reads as "${read}"${why})`;
}

/** Which label of `host` (0: the first) position `at` is in. */
function labelIndexAt(host: string, at: number): number {
  let index = 0;
  for (let i = 0; i < at; i++) if (host.charCodeAt(i) === 46 /* '.' */) index++;
  return index;
}

/**
 * Whether `name`, found in label `index` of a host's skeleton, is written in that label of `unicodeHost` with look-alike
 * digits or non-ASCII characters (glyphReading), not found there as written nor only through letter pairs (`rn`).
 */
function writtenInDisguise(unicodeHost: string, index: number, name: string): boolean {
  const written = unicodeHost.split('.')[index] ?? '';
  return !written.includes(name) && glyphReading(written).includes(name);
}

/** How `label` places its hyphens against the name as `written`: `hyphenation` (added), `hyphen left out`, `hyphens moved`. */
function describeHyphens(label: string, written: string): string {
  if (!written.includes('-')) return 'hyphenation';
  if (label.includes('-')) return 'hyphens moved';
  return written.indexOf('-') === written.lastIndexOf('-') ? 'hyphen left out' : 'hyphens left out';
}

/**
 * Runs of two or more words of a brand's name, joined by hyphens, that are one of its keywords without them. A run
 * stops growing past the longest keyword, so a long name costs no more than its keywords' length per word.
 */
function hyphenatedNames(brand: Brand): string[] {
  const words = brand.name.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 0);
  const longest = brand.keywords.reduce((max, k) => Math.max(max, k.length), 0);
  const written: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let joined = words[i] ?? '';
    for (let j = i + 1; j < words.length && joined.length < longest; j++) {
      joined += words[j] ?? '';
      if (brand.keywords.includes(joined)) written.push(words.slice(i, j + 1).join('-'));
    }
  }
  return written;
}

/** The label an official domain gives its brand: `paypal` for paypal.com, `hmrc` for hmrc.gov.uk. */
function officialLabelOf(domain: string): string {
  const parsed = parseInput(domain);
  if (!parsed.ok) return '';
  const label = parsed.subject.domainLabel;
  const dot = label.lastIndexOf('.');
  return dot < 0 ? label : label.slice(dot + 1);
}

/** Longest letter prefix in front of an ordinary word that a short-prefixed name may differ in (`u`cloud/`i`cloud). */
const SHORT_PREFIX_CHARS = 2;

/**
 * The ordinary word both names end with when they differ only in a prefix of at most SHORT_PREFIX_CHARS letters in
 * front of it (`ucloud`/`icloud` → "cloud", `sbank`/`usbank` → "bank"), else ''. Such a "typo" is just another
 * letter-plus-word name, of which there are many.
 */
function prefixEditWord(label: string, name: string): string {
  for (let cut = 1; cut <= SHORT_PREFIX_CHARS; cut++) {
    const rest = name.length - cut;
    if (rest < 4 || label.length - rest > SHORT_PREFIX_CHARS || label.length <= rest || !label.endsWith(name.slice(cut))) continue;
    const word = name.slice(cut);
    if (isCommonWord(word)) return word;
  }
  return '';
}

/** Substitutions: one letter of the name replaced by another. */
const SUBSTITUTION_KINDS: ReadonlySet<TypoKind> = new Set<TypoKind>(['substitution', 'keyboard substitution', 'bitsquat', 'vowel swap']);
/** Typo kinds that add a letter to the name. */
const INSERTION_KINDS: ReadonlySet<TypoKind> = new Set<TypoKind>(['insertion', 'keyboard insertion', 'repetition']);
/** The slips of fingers on a keyboard: a letter left out, doubled or swapped with the next, a neighbouring key. */
const KEYBOARD_SLIP_KINDS: ReadonlySet<TypoKind> = new Set<TypoKind>(['omission', 'repetition', 'transposition', 'keyboard substitution', 'keyboard insertion']);

const FIRST_LETTER_CAVEAT = 'only the first letter differs, the one readers notice first, and many unrelated names rhyme with a brand this way';

/**
 * The typo replaces the first letter of `name` with one that does not look like it (`feddit`/reddit,
 * `zaobao`/taobao; not `lnstagram`, where l reads as i). Kits keep the first letter: in the evaluation sets such
 * a typo named one phishing host in about 70,000 (`lnstagram`, a look-alike) and nine legitimate ones.
 */
function firstLetterSwapped(typo: Typo, name: string): boolean {
  return typo.at === 0 && SUBSTITUTION_KINDS.has(typo.kind) && lookalikeKey(typo.char) !== lookalikeKey(name.charAt(0));
}

/**
 * The ip-host detail for a name that spells out an IPv4 address, a server's default name (cPanel's
 * `45-142-208-144.cprapid.com`, Plesk's `name.190-14-37-180.plesk.page`, a cloud's `ec2-16-170-148-0.…`, reverse DNS):
 * what a site has before it has a name; '' for others. The reverse-DNS zone itself (`….in-addr.arpa`) names
 * addresses, not sites.
 */
function ipSpelledHost(s: Subject): string {
  if (s.suffix === 'arpa' || s.suffix.endsWith('.arpa')) return '';
  const ip = ipSpelledIn(s.host);
  return ip === '' ? '' : `the host name spells out the IP address ${ip}: a server's default name, not a site's`;
}

/**
 * Four pieces of 1 to 3 digits in a row, between dots or hyphens (their values are checked apart). Linear: no nested
 * quantifier. A regular expression, not a loop over char codes: the engine's inputs are often slices of a larger
 * string (a file's or a stream chunk's), which a charCodeAt loop reads about 5× slower than the regex engine does
 * (0.5 against 0.1 µs per host on the bench's hosts).
 */
const SPELLED_IPV4 = /(?:^|[.-])(\d{1,3})[.-](\d{1,3})[.-](\d{1,3})[.-](\d{1,3})(?=[.-]|$)/g;

/**
 * The IPv4 address that four pieces in a row of a host name spell out (`ec2-16-170-148-0.…`, `255.201.247.35.…`,
 * `ip-172-104-4-187.…`), dotted; '' if none. A piece is 1 to 3 digits of value at most 255.
 */
function ipSpelledIn(host: string): string {
  SPELLED_IPV4.lastIndex = 0;
  for (let m = SPELLED_IPV4.exec(host); m !== null; m = SPELLED_IPV4.exec(host)) {
    const octets = [m[1], m[2], m[3], m[4]];
    if (octets.every((o) => Number(o) <= 255)) return octets.join('.');
    SPELLED_IPV4.lastIndex = m.index + 1; // `300.1.2.3.4`: the next run may start one piece later
  }
  return '';
}

/**
 * `text[start, end)` is the last folder of a path or the name of its page: `/plala/`, `/Office365/index.php`,
 * `/biglobe.html` (a kit unpacked under the brand's name); not a category in the middle of a longer path
 * (`/microsoft/2014/09/30/…`) or the path's last word (`/video/youtube`).
 */
function isLastFolderOrPage(text: string, start: number, end: number): boolean {
  if (start === 0 || text.charCodeAt(start - 1) !== 47 /* '/' */) return false;
  const next = text.charCodeAt(end);
  if (next !== 46 /* '.' */ && next !== 47 /* '/' */) return false;
  // What follows is nothing, or one file name with an extension (`index.php`, `.html?x=1`), and no further folder.
  const tail = withoutQuery(text.slice(next === 46 ? end : end + 1));
  return !tail.includes('/') && (tail === '' || tail.includes('.'));
}

/** A path (or the rest of one) up to its query or fragment. */
function withoutQuery(path: string): string {
  const cut = path.search(/[?#]/);
  return cut < 0 ? path : path.slice(0, cut);
}

function countChar(s: string, code: number): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === code) n++;
  return n;
}


/** [start, end) of the label just left of the last `suffixLabels` labels (the registrable label). */
function labelBounds(host: string, suffixLabels: number): [number, number] {
  let end = host.length;
  for (let k = 0; k < suffixLabels; k++) {
    const dot = host.lastIndexOf('.', end - 1);
    if (dot < 0) return [0, 0];
    end = dot;
  }
  const start = host.lastIndexOf('.', end - 1) + 1;
  return [start, end];
}

/**
 * The registrable label calls itself a CDN (`cdn-wal`) or an edge network (a piece ending in "edge": `spo-msedge`):
 * such networks name a customer's origin after the customer's domain (`walmart.com.cdn-wal.net`,
 * `sharepoint.com.dual-spo-0005.spo-msedge.net`), so a domain in their sub-domains is an address, not an imitation.
 * "edge" only at a piece's end: `edgemasterint` (a kit's `apple.com-recaptcha.edgemasterint.com`) is no network.
 */
function namesItselfCdn(host: string, labelStart: number, labelEnd: number): boolean {
  if (host.lastIndexOf('cdn', labelEnd - 3) >= labelStart) return true;
  const edge = host.lastIndexOf('edge', labelEnd - 4);
  return edge >= labelStart && pieceEnd(host, edge) === edge + 4;
}

const CDN_CAVEAT = (domain: string): string => `${domain} names itself a CDN or edge network, and those name their customers' origins after the customers' domains`;

/** End of the label or hyphen-separated piece of `host` starting at `from`: the next '.' or '-', or the end. */
function pieceEnd(host: string, from: number): number {
  let i = from;
  while (i < host.length && host.charCodeAt(i) !== 46 /* '.' */ && host.charCodeAt(i) !== 45 /* '-' */) i++;
  return i;
}

/** Start of the piece after the one starting at `from`. */
function nextPieceStart(host: string, from: number): number {
  return pieceEnd(host, from) + 1;
}

function isLabel(text: string, start: number, end: number): boolean {
  const before = text.charCodeAt(start - 1);
  const after = text.charCodeAt(end);
  return (start === 0 || before === 46) && (end === text.length || after === 46);
}


/**
 * The first label (up to `end`, the registrable label's end) that holds a lure word starting at one of `lureStarts`
 * and a number of NUMBERED_LABEL_DIGITS or more digits; '' when none does. Digits inside a hexadecimal id
 * (`643351a2be902`: only 0-9 and a-f between separators) are not a number. Only hosts with lure words get here.
 */
function numberedLureLabel(host: string, lureStarts: readonly number[], end: number): string {
  for (const start of lureStarts) {
    const from = host.lastIndexOf('.', start) + 1;
    const dot = host.indexOf('.', start);
    const to = dot < 0 || dot > end ? end : dot;
    // Per piece between hyphens or underscores: its longest run of digits, and whether it reads as a hexadecimal id.
    let run = 0;
    let longest = 0;
    let hexLetters = 0;
    let otherLetters = 0;
    for (let i = from; i <= to; i++) {
      const c = i < to ? host.charCodeAt(i) : 45; /* '-': the label's end closes its last piece */
      if (c === 45 || c === 95 /* '_' */) {
        if (longest >= NUMBERED_LABEL_DIGITS && (hexLetters === 0 || otherLetters > 0)) return host.slice(from, to);
        run = longest = hexLetters = otherLetters = 0;
      } else if (c >= 48 && c <= 57) {
        run++;
        if (run > longest) longest = run;
      } else {
        run = 0;
        if (c >= 97 && c <= 102) hexLetters++;
        else otherLetters++;
      }
    }
  }
  return '';
}

/**
 * The part of `path` (lowercased, decoded) from a WordPress folder on, when it names a page rather than a file a page
 * loads: no static-file extension, and in wp-admin not one of WordPress's own admin pages (`/wp-admin/`,
 * `/wp-admin/post.php`, `/wp-admin/network/`); '' otherwise. At most MAX_QUOTED_PATH_CHARS are returned.
 */
function pageInWordPressFolder(path: string): string {
  if (!path.includes('/wp-')) return ''; // most paths: one search, no slice
  const pathOnly = withoutQuery(path);
  for (const folder of WORDPRESS_FOLDERS) {
    const at = pathOnly.indexOf(folder);
    if (at < 0) continue;
    const rest = pathOnly.slice(at + folder.length);
    if (rest === '') continue;
    const last = lastSegment(rest);
    const extension = extensionOf(last);
    if (STATIC_FILE_EXTENSIONS.has(extension)) continue;
    if (folder === '/wp-admin/') {
      const pieces = rest.split('/');
      const adminPage = extension === 'php' || last === '';
      if (pieces.length === 1 && (adminPage || extension === '')) continue;
      if (pieces.length === 2 && WP_ADMIN_FOLDERS.has(pieces[0] ?? '') && adminPage) continue;
    }
    return clipped(pathOnly.slice(at), MAX_QUOTED_PATH_CHARS);
  }
  return '';
}

/**
 * The part of `path` (lowercased, decoded) from a hidden folder on, when a page is served from one; '' otherwise. A
 * folder whose name starts with a dot is left out of directory listings and of most site owners' view, so kits are
 * unpacked there on hacked sites (`/.confirm/eft/…`, `/.tmb/so.php`, `/.040hmrcletters040/`). `/.well-known/` holds the
 * standard files other systems fetch (RFC 8615: certificate checks under `pki-validation/` and `acme-challenge/`,
 * `security.txt`, `openid-configuration` …), so only a page there, or a folder inside one of its folders
 * (`/.well-known/pki-validation/owa-aut/index.html`), counts; WKD's `openpgpkey/hu/…` is such a standard folder.
 * Platforms' own dot-folders (PLATFORM_DOT_FOLDERS) and files shown by repository browsers are not counted.
 */
function pageInHiddenFolder(path: string): string {
  if (!path.includes('/.')) return ''; // most paths: one search, no slice
  const pathOnly = withoutQuery(path);
  // Computed once, so that a path of many dot-folders costs one pass: where a repository browser's piece first
  // appears, and whether the path ends in a page.
  let repository = pathOnly.length;
  for (const piece of REPOSITORY_PATH_PIECES) {
    const at = pathOnly.indexOf(piece);
    if (at >= 0 && at < repository) repository = at;
  }
  const page = PAGE_EXTENSIONS.has(extensionOf(lastSegment(pathOnly)));
  for (let at = pathOnly.indexOf('/.'); at >= 0; at = pathOnly.indexOf('/.', at + 2)) {
    const end = pathOnly.indexOf('/', at + 2);
    if (end < 0) return ''; // a dot-file (`/.env`), not a folder
    const name = pathOnly.slice(at + 2, end);
    if (name === '' || name === '.' || PLATFORM_DOT_FOLDERS.has(name)) continue;
    if (repository < at) return '';
    if (name === 'well-known') {
      // A standard file is `name` or `name/file` (`acme-challenge/TOKEN`), WKD's `openpgpkey/…` deeper.
      const first = pathOnly.indexOf('/', end + 1);
      const nested = first >= 0 && pathOnly.indexOf('/', first + 1) >= 0 && !pathOnly.startsWith('openpgpkey/', end + 1);
      if (!page && !nested) continue;
    }
    return clipped(pathOnly.slice(at), MAX_QUOTED_PATH_CHARS);
  }
  return '';
}

/**
 * Storage services (buckets, IPFS gateways) that serve what their customers upload under the service's name, as
 * platform suffixes: R2's public bucket URLs, S3's virtual-hosted buckets (not its website endpoints, which serve
 * sites), Azure blobs, DigitalOcean Spaces, Backblaze B2, Google Cloud Storage buckets, IPFS gateways' sub-domains.
 */
const STORAGE_PLATFORMS: ReadonlyMap<string, 'bucket' | 'ipfs'> = new Map([
  ...['r2.dev', 'blob.core.windows.net', 'digitaloceanspaces.com', 'backblazeb2.com', 'storage.googleapis.com'].map((p) => [p, 'bucket'] as const),
  // IPFS gateways that serve a content id as a sub-domain (`CID.ipfs.dweb.link`), whose root is the upload itself.
  ...['dweb.link', 'w3s.link', 'nftstorage.link', '4everland.io', 'ipfs.io', 'cf-ipfs.com'].map((p) => [p, 'ipfs'] as const),
]);
/** Extensions of web pages a storage URL may end in; a storage service serves them as files anyone uploaded. */
const STORED_PAGE_EXTENSIONS: ReadonlySet<string> = new Set(['html', 'htm', 'shtml', 'xhtml']);

/** A CIDv1 in base32 (`bafybei…`, `bafkrei…`: 59 letters for a SHA-256 hash), as IPFS gateways put in a sub-domain. */
const CID_LABEL = /^baf[a-z2-7]{50,60}$/;
/** The shortest label CID_LABEL takes: `baf` and 50 letters. */
const CID_MIN_CHARS = 53;

/**
 * The gateway of a host that is an IPFS content id in front of a gateway's name (`ipfs.flk-ipfs.xyz` of
 * `bafkrei….ipfs.flk-ipfs.xyz`), or ''. A content id names an upload: only a gateway serves one as a host name.
 */
function ipfsGatewayOf(host: string): string {
  const dot = host.indexOf('.');
  if (dot < CID_MIN_CHARS || !host.startsWith('baf') || !CID_LABEL.test(host.slice(0, dot))) return '';
  const gateway = host.slice(dot + 1);
  return gateway.includes('.') ? gateway : '';
}

/** What storage service `platform` (a platform suffix) is: a bucket service, an IPFS gateway, or '' for none. */
function storageKind(platform: string): 'bucket' | 'ipfs' | '' {
  const listed = matchSuffix(platform, (c) => STORAGE_PLATFORMS.get(c));
  if (listed !== null) return listed.value;
  // `s3.eu-west-1.amazonaws.com`, `s3-eu-west-1.amazonaws.com`, `s3.dualstack.…`; not `s3-website-…` (static sites).
  return platform.endsWith('.amazonaws.com') && /^(?:[a-z0-9-]+\.)?s3[.-]/.test(platform) && !platform.includes('s3-website') ? 'bucket' : '';
}

/**
 * What of a storage URL's `path` is a web page (`pub-….r2.dev/index.html`, `storage.googleapis.com/BUCKET/go.html`),
 * quoted for a signal's detail, or ''. `rootFrom` ≥ 0: where an IPFS content id's own path starts (0 for a gateway
 * that serves the id as a sub-domain); nothing there (or `/`) is the upload's root, a page too. Files pages load do
 * not count.
 */
function pageInStorage(path: string, rootFrom: number): string {
  const pathOnly = withoutQuery(path);
  if (rootFrom >= 0) {
    const rest = pathOnly.slice(rootFrom);
    if (rest === '' || rest === '/') return 'the root of an IPFS upload (a page)';
  }
  const last = lastSegment(pathOnly);
  return STORED_PAGE_EXTENSIONS.has(extensionOf(last)) ? `the page "${clipped(last, MAX_UPLOAD_NAME_CHARS)}"` : '';
}

/** The last segment of a path without its query (`index.html` of `/a/b/index.html`; '' after a final `/`). */
function lastSegment(pathOnly: string): string {
  return pathOnly.slice(pathOnly.lastIndexOf('/') + 1);
}

/** The extension of a file name, lowercased as paths are (`php` of `signin.php`), or '' for none. */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1);
}

/** `text` cut to `max` characters, with `…` when it was longer. */
function clipped(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Weight of the lure words of a host, by where they sit and how strong they are (capped). */
function lureWeight(labelStrong: number, labelWeak: number, labelNeutral: number, subStrong: number, subWeak: number): number {
  let weight = 0;
  if (labelStrong > 0) weight = WEIGHTS.hostLure + WEIGHTS.hostLureMore * (labelStrong - 1) + WEIGHTS.hostContextMore * (labelWeak + labelNeutral);
  else if (labelWeak > 0) weight = WEIGHTS.hostContext + WEIGHTS.hostContextMore * (labelWeak - 1 + labelNeutral);
  else if (labelNeutral > 0) weight = WEIGHTS.hostContextMore * labelNeutral;
  weight += WEIGHTS.hostContext * subStrong + WEIGHTS.hostContextMore * subWeak;
  return Math.min(weight, 40);
}

function comboWeight(t: TokenInfo, rest: RestKind, isBounded: boolean): number {
  if (t.distinctive) {
    switch (rest) {
      case 'empty': case 'lures': return WEIGHTS.comboLure;
      case 'mixed': return WEIGHTS.comboMixed;
      case 'other': return WEIGHTS.comboOther;
      case 'words': return WEIGHTS.comboWeak;
    }
  }
  // A brand that is also an ordinary word (`amazon`, `apple`, `casino`) claims the brand only next to lure words.
  if (t.strongName) {
    if (rest === 'lures') return isBounded ? WEIGHTS.comboShortLure : WEIGHTS.comboWeak;
    return rest === 'mixed' && isBounded ? WEIGHTS.comboShortMixed : 0;
  }
  // Short names and catalog-flagged ordinary words count as separate tokens (`smbc-paol`, `chase-login`), or
  // glued only to lure words (`hmrclogin`); a flagged word with digits or other words (`line24`, `online-shop`)
  // is no brand claim.
  if (!isBounded) return rest === 'lures' ? (t.generic ? WEIGHTS.comboWeak : WEIGHTS.comboShortLure) : 0;
  switch (rest) {
    case 'lures': return WEIGHTS.comboShortLure;
    case 'mixed': return WEIGHTS.comboShortMixed;
    case 'empty': return t.generic ? WEIGHTS.comboWeak : WEIGHTS.comboShort;
    default: return t.generic ? 0 : WEIGHTS.comboShort;
  }
}

/**
 * Two-letter country suffixes (and their second levels, `co.uk`) other than the ones sold as generic names or
 * given away free, where a brand's name is usually the brand's own country site.
 */
const GENERIC_CCTLDS = new Set(['co', 'io', 'me', 'tv', 'cc', 'ai', 'ws', 'la', 'to', 'so', 'gg', 'ly', 'sh', 'ac', 'fm', 'am', 'vc', 'ms', 'nu', 'tk', 'ml', 'ga', 'cf', 'gq', 'pw', 'su', 'cx', 'st', 'gd', 'ps', 'bz', 'li', 'lt', 'im']);

function isCountrySuffix(suffix: string): boolean {
  const tld = suffix.slice(suffix.lastIndexOf('.') + 1);
  return tld.length === 2 && !GENERIC_CCTLDS.has(tld);
}

function describeRest(rest: RestKind): string {
  switch (rest) {
    case 'empty': return 'digits or hyphens';
    case 'lures': return 'lure words';
    case 'mixed': return 'lure words and other text';
    case 'words': return 'ordinary words';
    case 'other': return 'unrecognised text';
  }
}

function describeGlyphs(unicodeLabel: string, name: string): string {
  const notes: string[] = [];
  for (const ch of unicodeLabel) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 127) {
      const sk = skeleton(ch);
      notes.push(`${ch} U+${cp.toString(16).toUpperCase().padStart(4, '0')} looks like ${sk}`);
    } else if (ch === '0') notes.push('0 looks like o');
    else if (ch === '1') notes.push('1 looks like l');
    if (notes.length >= 4) break;
  }
  if (unicodeLabel.includes('rn') && !name.includes('rn')) notes.push('rn looks like m');
  if (unicodeLabel.includes('vv') && !name.includes('vv')) notes.push('vv looks like w');
  if (unicodeLabel.includes('cl') && !name.includes('cl')) notes.push('cl looks like d');
  // Same-length ASCII folds (i/l): name the swapped letters.
  if (notes.length === 0 && unicodeLabel.length === name.length) {
    const swaps = Array.from(name, (b, i) => [unicodeLabel.charAt(i), b] as const).filter(([a, b]) => a !== b);
    for (const [a, b] of swaps.slice(0, 4)) notes.push(`${a} looks like ${b}`);
  }
  return notes.join('; ');
}
