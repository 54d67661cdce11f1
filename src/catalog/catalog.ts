/**
 * Brand catalog loader: parses a catalog file (JSON, or YAML when the text is not JSON), checks it against the file
 * contract (../shared/DESIGN.md "Brand catalog file") and returns a deeply frozen `Catalog`.
 *
 * Design note. The text is untrusted (`--brands FILE`, later uploads through the API), so:
 * - objects are rebuilt from the known fields only, each read as an own property: a `__proto__` or `constructor` key
 *   in the file never reaches a prototype, and unknown fields are dropped (the contract says loaders ignore them);
 * - every limit is a named constant below; YAML is parsed with the core schema, no custom or YAML 1.1 tags and a
 *   small alias budget (billion-laughs bombs);
 * - every rejection is one `HW_ERR_CATALOG_INVALID` whose reason names the origin, the brand and the field, e.g.
 *   `brands.json: brand "paypal" (#3): field "domains[1]": "pay pal.com" is not a valid host name`. Brands are
 *   numbered from 1 (`#3` is the third brand); array fields are indexed from 0 (`domains[1]` is the second domain).
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { domainToASCII } from 'node:url';
import { parse as parseHost } from 'tldts';
import { parseDocument } from 'yaml';
import type { DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import type { Brand, Catalog } from '../engine/types.js';
import { HookwatchError } from '../errors.js';
import defaultCatalogJson from './default-catalog.json' with { type: 'json' };

/**
 * Largest catalog accepted, in bytes (and, for `parseCatalog`, in UTF-16 code units, which never outnumber the UTF-8
 * bytes). A brand takes ~100-300 bytes, so this holds MAX_BRANDS with a wide margin while bounding the memory a
 * hostile or mistaken file (a log, a disk image) can make us read.
 */
export const MAX_CATALOG_BYTES = 8 * 1024 * 1024;

/** Most brands in one catalog: the engine builds per-brand indexes at load, so this bounds start-up time and memory. */
export const MAX_BRANDS = 10_000;

/**
 * YAML alias expansions allowed per document (as counted by the `yaml` package: uses of an anchor times the aliases
 * inside it). Hand-written catalogs use few or none; the cap stops "billion laughs" alias bombs before they expand.
 */
const MAX_YAML_ALIASES = 100;

/** Longest brand display name, in UTF-16 code units: names are shown in reports and terminals. */
const MAX_NAME_CHARS = 200;

/** Host name limits of RFC 1035 §2.3.4 (253 = 255 octets of wire format minus the length and root bytes). */
const MAX_HOST_CHARS = 253;
const MAX_LABEL_CHARS = 63;

/** Longest value quoted back in an error message: enough to recognise it, bounded for hostile input. */
const MAX_QUOTED_CHARS = 80;

/** Read size for catalog files; the file is read in chunks so an oversized one is stopped at the limit. */
const READ_CHUNK_BYTES = 64 * 1024;

const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const KEYWORD_PATTERN = /^[a-z0-9]{2,63}$/;
/** One LDH label (letters, digits, hyphen; no hyphen at either end). Linear: one anchored start, length ≤ 63 checked first. */
const LABEL_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
/** Separators a person may write inside a keyword ("pay-pal", "pay.pal", "pay pal"): removed before checking. */
const KEYWORD_SEPARATORS = /[-. ]/g;
/** Control characters and bidirectional overrides/isolates: they would let a name rewrite a terminal or a report. */
const UNSAFE_NAME_CHARS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/** tldts options, shared with nothing else on purpose: hosting platforms' suffixes (github.io) count as public. */
const HOST_PARSE_OPTIONS = { allowPrivateDomains: true } as const;

/**
 * YAML options: the YAML 1.2 core schema only (strings, numbers, booleans, null, maps, sequences), no custom tags and
 * no YAML 1.1 extras (`!!binary`, `!!set`, `!!timestamp`, `<<` merge keys); keys must be unique scalars. Warnings
 * (for example an unresolved `!tag`) are treated as errors below. A stream of several documents is an error.
 */
const YAML_OPTIONS: Readonly<ParseOptions & DocumentOptions & SchemaOptions> = {
  version: '1.2',
  schema: 'core',
  customTags: [],
  resolveKnownTags: false,
  merge: false,
  uniqueKeys: true,
  stringKeys: true,
  strict: true,
  prettyErrors: true,
  // 'error', not 'silent': under 'silent' parseDocument drops its "multiple documents" error. Warnings are not
  // logged at this level either.
  logLevel: 'error',
};

const DEFAULT_CATALOG_ORIGIN = 'built-in catalog (src/catalog/default-catalog.json)';

/**
 * Parses and validates a catalog text: JSON, or YAML when the text is not JSON.
 * `origin` (a file name, "request body", ...) prefixes every error reason.
 * @throws HookwatchError HW_ERR_CATALOG_INVALID, and nothing else, whatever the text.
 */
export function parseCatalog(text: string, origin: string): Catalog {
  return validateCatalog(parseText(text, origin), origin);
}

/**
 * Reads a catalog file (at most MAX_CATALOG_BYTES, UTF-8, an optional BOM) and parses it with `parseCatalog`.
 * @throws HookwatchError HW_ERR_CATALOG_UNREADABLE when the file cannot be read or is too large,
 *   HW_ERR_CATALOG_INVALID when its content is not a valid catalog.
 */
export async function loadCatalogFile(path: string): Promise<Catalog> {
  const bytes = await readBounded(path);
  let text: string;
  try {
    // fatal: invalid UTF-8 is an error, never silently replaced with U+FFFD; the BOM, if any, is dropped.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return invalid(path, 'the file is not valid UTF-8 text');
  }
  return parseCatalog(text, path);
}

/**
 * The built-in catalog (src/catalog/default-catalog.json), checked by the same validator as files. Each call
 * validates and builds a new frozen catalog (no module-level cache): call it once, in the composition root, and pass
 * the result down.
 * @throws HookwatchError HW_ERR_CATALOG_INVALID if the shipped file breaks the contract (a build bug).
 */
export function defaultCatalog(): Catalog {
  return validateCatalog(defaultCatalogJson, DEFAULT_CATALOG_ORIGIN);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading and parsing

async function readBounded(path: string): Promise<Uint8Array> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw unreadable(path, ioReason(error), error);
  }
  try {
    const stats = await handle.stat();
    if (stats.isFile() && stats.size > MAX_CATALOG_BYTES) throw unreadable(path, tooLarge());
    // The stat size is only a fast path: pipes and /proc files report 0 and a file may grow while we read, so the
    // limit is enforced again on the bytes actually read.
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = new Uint8Array(READ_CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > MAX_CATALOG_BYTES) throw unreadable(path, tooLarge());
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof HookwatchError) throw error;
    throw unreadable(path, ioReason(error), error);
  } finally {
    // A failed close of a read-only handle loses nothing: the content is already read (or the read already failed).
    await handle.close().catch(() => undefined);
  }
}

function parseText(text: string, origin: string): unknown {
  if (text.length > MAX_CATALOG_BYTES) {
    return invalid(origin, `text longer than ${MAX_CATALOG_BYTES} characters`);
  }
  const body = text.charCodeAt(0) === 0xfeff /* BOM */ ? text.slice(1) : text;
  let jsonError: unknown;
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    jsonError = error;
  }
  let yamlError: unknown;
  try {
    const document = parseDocument(body, YAML_OPTIONS);
    const problem = document.errors[0] ?? document.warnings[0];
    if (problem === undefined) return document.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown;
    yamlError = problem;
  } catch (error) {
    // Alias bombs (ReferenceError), nesting deep enough to exhaust the stack (RangeError), and whatever else the
    // parser throws on hostile text all mean the same thing to the caller: not a catalog.
    yamlError = error;
  }
  // Both parsers failed: report the error of the language the text looks like it was meant to be.
  const firstChar = body.trimStart().charAt(0);
  return firstChar === '{' || firstChar === '['
    ? invalid(origin, `not valid JSON: ${errorSummary(jsonError)}`)
    : invalid(origin, `not valid YAML: ${errorSummary(yamlError)}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

type Fail = (problem: string) => never;

function validateCatalog(value: unknown, origin: string): Catalog {
  const brandsValue = isRecord(value) ? own(value, 'brands') : undefined;
  if (!Array.isArray(brandsValue)) {
    return invalid(origin, 'top level: expected an object with a "brands" array');
  }
  const rawBrands: readonly unknown[] = brandsValue;
  if (rawBrands.length === 0) return invalid(origin, 'top level: "brands" is empty; a catalog needs at least one brand');
  if (rawBrands.length > MAX_BRANDS) {
    return invalid(origin, `top level: ${rawBrands.length} brands, more than the limit of ${MAX_BRANDS}`);
  }

  const firstSeen = new Map<string, number>();
  const brands: Brand[] = [];
  for (const [index, raw] of rawBrands.entries()) {
    const ordinal = index + 1;
    const brand = readBrand(raw, ordinal, origin);
    const previous = firstSeen.get(brand.id);
    if (previous !== undefined) {
      return invalid(origin, `duplicate id ${quote(brand.id)} (brands #${previous} and #${ordinal})`);
    }
    firstSeen.set(brand.id, ordinal);
    brands.push(brand);
  }
  return Object.freeze({ brands: Object.freeze(brands) });
}

function readBrand(raw: unknown, ordinal: number, origin: string): Brand {
  let where = `brand #${ordinal}`;
  const fail: Fail = (problem) => invalid(origin, `${where}: ${problem}`);
  if (!isRecord(raw)) return fail(`expected an object, got ${typeName(raw)}`);

  const id = requiredString(raw, 'id', fail);
  if (!ID_PATTERN.test(id)) {
    return fail(
      `field "id": ${quote(id)} must be 1-64 characters of a-z, 0-9, "_" and "-", starting with a letter or digit`,
    );
  }
  where = `brand ${quote(id)} (#${ordinal})`;

  const name = requiredString(raw, 'name', fail).trim();
  if (name.length === 0) return fail('field "name" is empty');
  if (name.length > MAX_NAME_CHARS) return fail(`field "name" is longer than ${MAX_NAME_CHARS} characters`);
  if (UNSAFE_NAME_CHARS.test(name)) return fail('field "name" contains control or bidirectional-override characters');

  const { domains, stems } = readDomains(raw, fail);
  const keywords = readKeywords(raw, fail) ?? deriveKeywords(stems);

  const generic = own(raw, 'generic');
  if (generic !== undefined && typeof generic !== 'boolean') {
    return fail(`field "generic": expected true or false, got ${typeName(generic)}`);
  }

  const common = { id, name, domains: Object.freeze(domains), keywords: Object.freeze(keywords) };
  return Object.freeze(generic === undefined ? common : { ...common, generic });
}

function requiredString(record: Readonly<Record<string, unknown>>, field: string, fail: Fail): string {
  const value = own(record, field);
  if (value === undefined) return fail(`field ${quote(field)} is missing`);
  if (typeof value !== 'string') return fail(`field ${quote(field)}: expected a string, got ${typeName(value)}`);
  return value;
}

/** The brand's hosts, normalised and deduplicated in order, with each host's label before its public suffix. */
function readDomains(record: Readonly<Record<string, unknown>>, fail: Fail): { domains: string[]; stems: string[] } {
  const value = own(record, 'domains');
  if (value === undefined) return fail('field "domains" is missing');
  if (!Array.isArray(value)) return fail(`field "domains": expected an array of host names, got ${typeName(value)}`);
  const items: readonly unknown[] = value;
  if (items.length === 0) return fail('field "domains" is empty; a brand needs at least one official domain');

  const seen = new Set<string>();
  const domains: string[] = [];
  const stems: string[] = [];
  for (const [index, item] of items.entries()) {
    const field = `domains[${index}]`;
    if (typeof item !== 'string') return fail(`field ${quote(field)}: expected a string, got ${typeName(item)}`);
    const { host, stem } = normaliseDomain(item, (problem) => fail(`field ${quote(field)}: ${quote(item)} ${problem}`));
    if (seen.has(host)) continue;
    seen.add(host);
    domains.push(host);
    stems.push(stem);
  }
  return { domains, stems };
}

/**
 * Normalises one official domain: trimmed, lowercased, IDN U-labels to A-labels (UTS #46, as browsers do), one trailing
 * dot removed. The host is kept as written otherwise (`www.paypal.com` stays): a brand may list a specific host. Returns
 * the host and its label before the public suffix (`hmrc` for `login.hmrc.gov.uk`).
 */
function normaliseDomain(raw: string, fail: Fail): { host: string; stem: string } {
  const written = raw.trim().toLowerCase();
  if (written.length === 0) return fail('is empty');
  // Only letters, digits, "-" and "." among ASCII: the WHATWG host parser would otherwise quietly percent-decode,
  // read "0x7f.1" as an IPv4 address, or keep "_"; non-ASCII goes on to the IDNA mapping.
  for (let i = 0; i < written.length; i++) {
    const c = written.charCodeAt(i);
    if (c < 0x80 && !isLdhOrDot(c)) return fail(`is not a valid host name (it contains ${quote(written.charAt(i))})`);
  }
  // A host whose last label is a number is an IPv4 address (or an invalid one) to every URL parser.
  if (/(?:^|\.)[0-9]+\.?$/.test(written)) return fail('is an IP address or ends in a number, not a host name');
  let host = domainToASCII(written);
  // Empty: the IDNA (UTS #46) processing rejected it, e.g. a bad "xn--" label or a disallowed code point.
  if (host.length === 0) return fail('is not a valid host name');
  if (host.endsWith('.')) host = host.slice(0, -1);

  const labels = host.split('.');
  if (host.length > MAX_HOST_CHARS) return fail(`is not a valid host name (longer than ${MAX_HOST_CHARS} characters)`);
  for (const label of labels) {
    if (label.length === 0) return fail('is not a valid host name (it has an empty label)');
    if (label.length > MAX_LABEL_CHARS) {
      return fail(`is not a valid host name (label ${quote(label)} is longer than ${MAX_LABEL_CHARS} characters)`);
    }
    if (!LABEL_PATTERN.test(label)) {
      return fail(`is not a valid host name (label ${quote(label)} is not letters, digits and inner hyphens)`);
    }
  }

  const parsed = parseHost(host, HOST_PARSE_OPTIONS);
  if (parsed.isIp === true) return fail('is an IP address, not a host name');
  const knownSuffix = parsed.isIcann === true || parsed.isPrivate === true;
  if (parsed.domain === null || parsed.domainWithoutSuffix === null) {
    if (knownSuffix) {
      return fail(
        'is a public suffix (a registry or hosting platform whose sub-domains belong to others), not a registrable domain',
      );
    }
    return fail('is not a registrable domain (a host name needs at least two labels)');
  }
  // A suffix outside the Public Suffix List (`acme.example`, an internal `corp.lan`) is still a valid host name:
  // its last label is then taken as the suffix, as browsers do.
  return { host, stem: parsed.domainWithoutSuffix };
}

/** The file's keywords, normalised and deduplicated; `undefined` when absent or empty (then they are derived). */
function readKeywords(record: Readonly<Record<string, unknown>>, fail: Fail): string[] | undefined {
  const value = own(record, 'keywords');
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return fail(`field "keywords": expected an array of strings, got ${typeName(value)}`);
  const items: readonly unknown[] = value;
  if (items.length === 0) return undefined;

  const keywords = new Set<string>();
  for (const [index, item] of items.entries()) {
    const field = `keywords[${index}]`;
    if (typeof item !== 'string') return fail(`field ${quote(field)}: expected a string, got ${typeName(item)}`);
    const trimmed = item.trim();
    // Checked before lowercasing: toLowerCase maps some non-ASCII letters to ASCII (KELVIN SIGN → "k").
    if (!isAscii(trimmed)) {
      return fail(`field ${quote(field)}: ${quote(item)} is not ASCII; keywords are ASCII letters and digits`);
    }
    const token = trimmed.toLowerCase().replace(KEYWORD_SEPARATORS, '');
    if (!KEYWORD_PATTERN.test(token)) {
      return fail(
        `field ${quote(field)}: ${quote(item)} must be 2-63 letters a-z or digits (after removing "-", "." and spaces)`,
      );
    }
    keywords.add(token);
  }
  return [...keywords];
}

/**
 * Keywords derived from the domains: each host's label before its public suffix, hyphens removed (`acme-bank.co.uk`
 * → `acmebank`, `hmrc.gov.uk` → `hmrc`). A-labels (`xn--…`) give no keyword: their ASCII form is not a word anyone
 * types, and keywords are ASCII; a brand with IDN-only domains lists its keywords explicitly or has none.
 */
function deriveKeywords(stems: readonly string[]): string[] {
  const keywords = new Set<string>();
  for (const stem of stems) {
    if (stem.startsWith('xn--')) continue;
    const token = stem.replaceAll('-', '');
    if (token.length >= 2) keywords.add(token);
  }
  return [...keywords];
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

function invalid(origin: string, reason: string): never {
  throw new HookwatchError('HW_ERR_CATALOG_INVALID', { reason: `${origin}: ${reason}` });
}

function unreadable(path: string, reason: string, cause?: unknown): HookwatchError {
  return new HookwatchError('HW_ERR_CATALOG_UNREADABLE', { path, reason }, cause === undefined ? undefined : { cause });
}

function tooLarge(): string {
  return `the file is larger than ${MAX_CATALOG_BYTES} bytes (${MAX_CATALOG_BYTES / (1024 * 1024)} MiB)`;
}

function ioReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** First line of a parser's error (yaml's pretty errors add a source excerpt on the following lines). */
function errorSummary(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const newline = message.indexOf('\n');
  return (newline === -1 ? message : message.slice(0, newline)).replace(/:\s*$/, '');
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field of an untrusted object, read only if it is the object's own: never from a prototype. */
function own(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** A value for an error message: JSON-quoted (control characters escaped) and cut to MAX_QUOTED_CHARS. */
function quote(value: string): string {
  return JSON.stringify(value.length > MAX_QUOTED_CHARS ? `${value.slice(0, MAX_QUOTED_CHARS - 1)}…` : value);
}

function isAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0x7f) return false;
  return true;
}

function isLdhOrDot(c: number): boolean {
  return (
    (c >= 97 /* 'a' */ && c <= 122) /* 'z' */ ||
    (c >= 48 /* '0' */ && c <= 57) /* '9' */ ||
    c === 45 /* '-' */ ||
    c === 46 /* '.' */
  );
}
