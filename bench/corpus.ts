/**
 * Inputs for the engine bench (bench/engine.bench.ts): realistic hosts and URLs, and a large synthetic catalog.
 *
 * Two sources, same shape:
 * - `realCorpus(dir)`: the shared evaluation sets (`DIR/eval/*.tsv`, first column, header skipped). They are read at
 *   run time and never copied into the repository (several are licensed for evaluation only).
 * - `syntheticCorpus()`: a seeded generator for clones without ../shared. It produces the shapes seen in real
 *   traffic: popular-looking domains with sub-domains, machine-generated labels on cheap TLDs, lookalikes of catalog
 *   brands (from `generatePermutations`), IDN (punycode) hosts, IPv4 addresses, and URLs with paths and queries.
 *
 * Either way the distinct inputs form a pool that is cycled (each pass freshly shuffled) up to the requested size,
 * so every set holds each distinct input about equally often, in a random order. Same seed, same corpus.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { domainToASCII } from 'node:url';
import { generatePermutations } from '../src/engine/index.js';
import type { Brand, Catalog } from '../src/engine/index.js';

/** Seed of the corpus shuffle and of the synthetic generators ("hook"), for every bench that shares the corpus. */
export const BENCH_SEED = 0x686f6f6b;

/** Chunk size in which the benches feed `hookwatch check` its input, as a pipe would. */
export const STREAM_CHUNK_BYTES = 64 * 1024;

/** `text` as a byte stream in STREAM_CHUNK_BYTES chunks (checkStream's input in the benches). */
export function chunkedStream(text: Buffer): Readable {
  function* chunks(): Generator<Buffer> {
    for (let offset = 0; offset < text.length; offset += STREAM_CHUNK_BYTES) yield text.subarray(offset, offset + STREAM_CHUNK_BYTES);
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** Share of hosts in the mixed set; the rest are URLs. */
export const HOST_SHARE = 0.8;

/** The evaluation files a real corpus is read from, relative to the data directory. */
export const HOST_FILES = ['eval/hosts-legit.tsv', 'eval/domains-web3.tsv', 'eval/domains-idn-homographs.tsv'] as const;
export const URL_FILES = ['eval/urls-jpcert.tsv', 'eval/urls-openphish.tsv', 'eval/urls-legit.tsv'] as const;

/** Distinct inputs the synthetic generator makes (about the size of the real pools: 95 k hosts, 53 k URLs). */
const SYNTHETIC_HOST_POOL = 100_000;
const SYNTHETIC_URL_POOL = 50_000;
/** Default-catalog brands whose permutations serve as lookalike hosts. */
const LOOKALIKE_BRANDS = 12;

export interface Corpus {
  /** Where the inputs come from, for the report. */
  readonly description: string;
  readonly distinctHosts: number;
  readonly distinctUrls: number;
  /** `n` host names. */
  readonly hosts: readonly string[];
  /** `n` URLs. */
  readonly urls: readonly string[];
  /** `n` inputs: HOST_SHARE hosts, the rest URLs, shuffled together. */
  readonly mixed: readonly string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness

/** A seeded generator of floats in [0, 1) (mulberry32: tiny, fast, good enough for test data). */
export type Rng = () => number;

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

/** One of `choices`, each with a relative weight. */
function pickWeighted<T>(rng: Rng, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let r = rng() * total;
  for (const [value, weight] of choices) {
    r -= weight;
    if (r < 0) return value;
  }
  return pick(rng, choices)[0];
}

function shuffleInPlace<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}

/** `n` items: passes over `pool`, each pass in a new random order. */
function cycle(rng: Rng, pool: readonly string[], n: number): string[] {
  if (pool.length === 0) throw new RangeError('cannot cycle an empty pool');
  const out: string[] = [];
  while (out.length < n) {
    const pass = shuffleInPlace(rng, [...pool]);
    for (const item of pass) {
      if (out.length === n) break;
      out.push(item);
    }
  }
  return out;
}

function assemble(rng: Rng, description: string, hostPool: readonly string[], urlPool: readonly string[], n: number): Corpus {
  const hosts = cycle(rng, hostPool, n);
  const urls = cycle(rng, urlPool, n);
  const hostCount = Math.round(n * HOST_SHARE);
  const mixed = shuffleInPlace(rng, [...hosts.slice(0, hostCount), ...urls.slice(0, n - hostCount)]);
  return { description, distinctHosts: hostPool.length, distinctUrls: urlPool.length, hosts, urls, mixed };
}

// ---------------------------------------------------------------------------------------------------------------
// Real corpus

/** Whether `dir` holds every evaluation file a real corpus needs. */
export function hasEvalData(dir: string): boolean {
  return [...HOST_FILES, ...URL_FILES].every((file) => existsSync(join(dir, file)));
}

/** First column of a TSV file, header skipped, empty cells dropped. */
function firstColumn(path: string): string[] {
  const out: string[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const tab = line.indexOf('\t');
    const cell = (tab < 0 ? line : line.slice(0, tab)).trim();
    if (cell.length > 0) out.push(cell);
  }
  return out;
}

function readPool(dir: string, files: readonly string[]): string[] {
  return [...new Set(files.flatMap((file) => firstColumn(join(dir, file))))];
}

/** The shared evaluation sets, cycled to `n` inputs per set. */
export function realCorpus(dir: string, n: number, seed: number): Corpus {
  const hostPool = readPool(dir, HOST_FILES);
  const urlPool = readPool(dir, URL_FILES);
  const files = [...HOST_FILES, ...URL_FILES].map((file) => file.replace('eval/', '')).join(', ');
  return assemble(createRng(seed), `evaluation data in ${dir}/eval (${files})`, hostPool, urlPool, n);
}

// ---------------------------------------------------------------------------------------------------------------
// Synthetic corpus

const COMMON_WORDS = [
  'shop', 'cloud', 'news', 'media', 'home', 'travel', 'food', 'green', 'blue', 'star', 'city', 'digital', 'market',
  'health', 'sport', 'auto', 'photo', 'music', 'daily', 'smart', 'open', 'global', 'data', 'tech', 'life', 'style',
  'world', 'game', 'film', 'book', 'garden', 'energy', 'school', 'mobile', 'design', 'studio', 'web', 'group',
  'example', 'north', 'river', 'stone', 'bright', 'fresh', 'local', 'union', 'metro', 'pixel', 'craft', 'kitchen',
] as const;

const SUBDOMAIN_LABELS = [
  'www', 'cdn', 'static', 'img', 'api', 'mail', 'm', 'app', 'blog', 'shop', 'assets', 'media', 'edge', 'auth',
  'portal', 'docs', 'status', 'news', 'en', 'de', 'eu', 'us', 'files', 'login', 'account', 'support',
] as const;

const POPULAR_SUFFIXES: readonly (readonly [string, number])[] = [
  ['com', 40], ['net', 6], ['org', 6], ['co.uk', 5], ['de', 5], ['fr', 3], ['jp', 2], ['co.jp', 2], ['com.au', 2],
  ['io', 3], ['nl', 2], ['it', 2], ['es', 2], ['ca', 2], ['com.br', 2], ['ru', 2], ['in', 2], ['pl', 1],
  ['info', 1], ['edu', 1], ['gov.uk', 1], ['app', 1], ['dev', 1],
];

/** Suffixes favoured by throw-away and kit-generated domains. */
const CHEAP_SUFFIXES: readonly (readonly [string, number])[] = [
  ['cn', 6], ['top', 6], ['xyz', 5], ['shop', 3], ['online', 3], ['site', 3], ['ru', 3], ['icu', 2], ['buzz', 2],
  ['click', 2], ['live', 2], ['com', 6], ['net', 2], ['cc', 2], ['vip', 2],
];

const IDN_SUFFIXES = ['com', 'net', 'de', 'jp', 'cn', 'ru', 'xn--p1ai' /* .рф */, 'xn--fiqs8s' /* .中国 */] as const;

/** Letters of scripts common in IDN host names. */
const IDN_ALPHABETS = [
  'abcdefghijklmnoprstuvwyzàáâäçèéêëìíîïñòóôöùúûüß',
  'абвгдежзиклмнопрстуфхцчшэюя',
  'αβγδεζηθικλμνξοπρστυφχψω',
  '日本語中文网站東京大学銀行電子商務新聞情報',
  '가나다라마바사아자차카타파하한국어',
] as const;

const LURE_PREFIXES = ['www', 'login', 'secure', 'account', 'verify', 'signin', 'auth', 'update'] as const;

const PATH_WORDS = [
  'signin', 'login', 'account', 'verify', 'update', 'wp-content', 'wp-includes', 'uploads', 'images', 'index.php',
  'secure', 'auth', 'app', 'session', 'home', 'products', 'en-us', 'ja-jp', 'docs', 'search', 'cart', 'checkout',
  'blog', '2024', 'article', 'news', 'static', 'js', 'css', 'api', 'v1', 'user', 'profile', 'help', 'login.html',
] as const;

const QUERY_KEYS = ['id', 'lang', 'ref', 'token', 'session', 'q', 'utm_source', 'utm_medium', 'redirect', 'email', 'page'] as const;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

function randomString(rng: Rng, alphabet: string, min: number, max: number): string {
  const length = randomInt(rng, min, max);
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet.charAt(Math.floor(rng() * alphabet.length));
  return s;
}

/** `cdn-3.static.example-shop.co.uk`: zero to three sub-domain labels on a word-based registrable domain. */
function popularHost(rng: Rng): string {
  const words = rng() < 0.4 ? `${pick(rng, COMMON_WORDS)}-${pick(rng, COMMON_WORDS)}` : pick(rng, COMMON_WORDS) + pick(rng, COMMON_WORDS);
  const registrable = `${words}${rng() < 0.15 ? randomInt(rng, 1, 99) : ''}.${pickWeighted(rng, POPULAR_SUFFIXES)}`;
  const labels: string[] = [];
  const depth = pickWeighted(rng, [[0, 3], [1, 5], [2, 2], [3, 1]]);
  for (let i = 0; i < depth; i++) {
    const label = pick(rng, SUBDOMAIN_LABELS);
    labels.push(rng() < 0.2 ? `${label}-${randomInt(rng, 1, 9)}` : label);
  }
  return [...labels, registrable].join('.');
}

/** `qmfvimzgmh.cn`, sometimes under a padding of sub-domains (`www.il-ekii-co-jp.open.qmfvimzgmh.cn`). */
function randomLabelHost(rng: Rng): string {
  const registrable = `${randomString(rng, rng() < 0.7 ? LETTERS : ALNUM, 6, 14)}.${pickWeighted(rng, CHEAP_SUFFIXES)}`;
  if (rng() < 0.6) return registrable;
  const padding = [pick(rng, LURE_PREFIXES), `${pick(rng, COMMON_WORDS)}-${randomString(rng, LETTERS, 2, 4)}`];
  return [...padding.slice(0, randomInt(rng, 1, 2)), registrable].join('.');
}

/** An IDN host in A-label form, or '' when UTS #46 rejects the random label (the caller tries again). */
function idnHost(rng: Rng): string {
  const label = randomString(rng, pick(rng, IDN_ALPHABETS), 3, 10);
  return domainToASCII(`${label}.${pick(rng, IDN_SUFFIXES)}`);
}

function ipv4(rng: Rng): string {
  return `${randomInt(rng, 1, 223)}.${randomInt(rng, 0, 255)}.${randomInt(rng, 0, 255)}.${randomInt(rng, 1, 254)}`;
}

/** Lookalikes of a few default-catalog brands: typosquats, homoglyphs (ASCII and IDN), combosquats, TLD swaps. */
function lookalikePool(rng: Rng, catalog: Catalog): string[] {
  const brands = shuffleInPlace(rng, [...catalog.brands]).slice(0, LOOKALIKE_BRANDS);
  const pool: string[] = [];
  for (const brand of brands) {
    const domain = brand.domains[0];
    if (domain === undefined) continue;
    try {
      for (const permutation of generatePermutations(domain)) pool.push(permutation.domain);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error; // not a registrable domain: no permutations
    }
  }
  return pool;
}

function officialHost(rng: Rng, catalog: Catalog): string {
  const domain = pick(rng, pick(rng, catalog.brands).domains);
  return rng() < 0.5 ? domain : `${pick(rng, SUBDOMAIN_LABELS)}.${domain}`;
}

type HostKind = 'popular' | 'official' | 'random' | 'lookalike' | 'idn' | 'ip';

interface HostMaker {
  readonly rng: Rng;
  readonly catalog: Catalog;
  readonly lookalikes: readonly string[];
}

function makeHost(maker: HostMaker, kind: HostKind): string {
  const { rng } = maker;
  switch (kind) {
    case 'popular': return popularHost(rng);
    case 'official': return officialHost(rng, maker.catalog);
    case 'random': return randomLabelHost(rng);
    case 'lookalike': {
      const host = pick(rng, maker.lookalikes);
      return rng() < 0.25 ? `${pick(rng, LURE_PREFIXES)}.${host}` : host;
    }
    case 'idn': {
      for (;;) {
        const host = idnHost(rng);
        if (host.length > 0) return host;
      }
    }
    case 'ip': return ipv4(rng);
  }
}

/** Share of each host shape among bare hosts (DNS / CT-log like: mostly ordinary names). */
const HOST_MIX: readonly (readonly [HostKind, number])[] = [
  ['popular', 50], ['official', 10], ['random', 15], ['lookalike', 12], ['idn', 8], ['ip', 5],
];
/** Share of each host shape in URLs (reported-link like: more throw-away domains and raw IPs). */
const URL_HOST_MIX: readonly (readonly [HostKind, number])[] = [
  ['popular', 40], ['official', 10], ['random', 25], ['lookalike', 12], ['idn', 3], ['ip', 10],
];

function urlPath(rng: Rng): string {
  const segments: string[] = [];
  const depth = randomInt(rng, 0, 4);
  for (let i = 0; i < depth; i++) {
    segments.push(rng() < 0.7 ? pick(rng, PATH_WORDS) : randomString(rng, rng() < 0.5 ? HEX : ALNUM, 6, 24));
  }
  return `/${segments.join('/')}`;
}

function urlQuery(rng: Rng): string {
  if (rng() < 0.6) return '';
  const params: string[] = [];
  const count = randomInt(rng, 1, 3);
  for (let i = 0; i < count; i++) {
    const key = pick(rng, QUERY_KEYS);
    const value = key === 'redirect' ? encodeURIComponent(`https://${popularHost(rng)}/`) : randomString(rng, ALNUM, 2, 32);
    params.push(`${key}=${value}`);
  }
  return `?${params.join('&')}`;
}

function makeUrl(maker: HostMaker): string {
  const { rng } = maker;
  const scheme = rng() < 0.75 ? 'https' : 'http';
  const host = makeHost(maker, pickWeighted(rng, URL_HOST_MIX));
  const port = rng() < 0.03 ? `:${pick(rng, [8080, 8443, 2096, 3000])}` : '';
  const userinfo = rng() < 0.02 ? `${officialHost(rng, maker.catalog)}@` : '';
  return `${scheme}://${userinfo}${host}${port}${urlPath(rng)}${urlQuery(rng)}`;
}

function distinct(size: number, make: () => string): string[] {
  const seen = new Set<string>();
  // Bounded: the generators' spaces are far larger than the pools, so collisions are rare.
  for (let attempts = 0; seen.size < size && attempts < size * 4; attempts++) seen.add(make());
  return [...seen];
}

/** Generated inputs (see the header), cycled to `n` per set. `catalog` supplies official domains and lookalike targets. */
export function syntheticCorpus(n: number, seed: number, catalog: Catalog): Corpus {
  const rng = createRng(seed);
  const maker: HostMaker = { rng, catalog, lookalikes: lookalikePool(rng, catalog) };
  const hostPool = distinct(SYNTHETIC_HOST_POOL, () => makeHost(maker, pickWeighted(rng, HOST_MIX)));
  const urlPool = distinct(SYNTHETIC_URL_POOL, () => makeUrl(maker));
  const shapes = HOST_MIX.map(([kind, weight]) => `${kind} ${weight} %`).join(', ');
  return assemble(rng, `synthetic, seed 0x${seed.toString(16)} (hosts: ${shapes}; URLs with paths and queries)`, hostPool, urlPool, n);
}

// ---------------------------------------------------------------------------------------------------------------
// Synthetic catalog

/** A brand as written in a catalog file. */
export interface BrandEntry {
  readonly id: string;
  readonly name: string;
  readonly domains: readonly string[];
  readonly keywords: readonly string[];
  readonly generic?: boolean;
}

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'tr', 'st', 'pl', 'gr', 'ch', 'sh'] as const;
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou'] as const;
const CODAS = ['', '', '', 'n', 'r', 's', 'l', 'm', 'x', 'k'] as const;

/** A pronounceable made-up word of two or three syllables (`velmora`, `trosken`). */
function pronounceable(rng: Rng): string {
  let word = '';
  const syllables = randomInt(rng, 2, 3);
  for (let i = 0; i < syllables; i++) word += pick(rng, ONSETS) + pick(rng, VOWELS) + pick(rng, CODAS);
  return word;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function toEntry(brand: Brand): BrandEntry {
  const entry = { id: brand.id, name: brand.name, domains: brand.domains, keywords: brand.keywords };
  return brand.generic === undefined ? entry : { ...entry, generic: brand.generic };
}

/** Brand number `n` of a synthetic catalog: `{id: 'brand-n', domains: ['<word>-<word>n.com'], ...}`. */
function syntheticBrand(rng: Rng, n: number): BrandEntry {
  const first = pronounceable(rng);
  const second = pronounceable(rng);
  const keywords = [`${first}${second}`];
  if (first.length >= 6) keywords.push(first);
  return {
    id: `brand-${n}`,
    name: `${capitalise(first)} ${capitalise(second)}`,
    domains: [`${first}-${second}${n}.com`],
    keywords,
  };
}

/** `base`'s brands followed by generated ones, `size` in all (as a catalog file's content: `{brands: [...]}`). */
export function syntheticCatalog(base: Catalog, size: number, seed: number): { brands: BrandEntry[] } {
  const rng = createRng(seed);
  const brands = base.brands.slice(0, size).map(toEntry);
  for (let n = brands.length + 1; brands.length < size; n++) brands.push(syntheticBrand(rng, n));
  return { brands };
}
