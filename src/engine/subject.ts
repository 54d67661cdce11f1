/**
 * Input normalisation: one attacker-supplied string (a URL, a host name, an e-mail address or its domain part)
 * becomes a Subject, parsed once, or an input error with a stable code.
 *
 * Design note: bare ASCII host names are the hot path (CT logs, NRD feeds, DNS logs), so they are validated with
 * one pass over char codes and never go through the WHATWG URL parser. Anything else (a scheme, a path, an IP
 * literal in any notation, non-ASCII) goes through `URL`, which is the browsers' own parser: it decodes IPv4 in
 * every notation (0x7f.1, 2130706433, 0177.0.0.1), maps Unicode with UTS #46 and rejects what browsers reject.
 */
import { parse as parseDomain } from 'tldts';
import punycode from 'punycode/punycode.js';
import type { EngineError } from './types.js';
import { errorMessage, type ErrorCode } from '../errors.js';

/** Longest input judged; longer lines are errors. Browsers and servers cap request lines near 8 KiB (Apache's
 * LimitRequestLine is 8190), so a longer "URL" cannot be a working link. */
export const MAX_INPUT_CHARS = 8192;
/** DNS limits (RFC 1035 §2.3.4). */
export const MAX_HOST_CHARS = 253;
export const MAX_LABEL_CHARS = 63;

/**
 * `mailto:` repeated after the first one (`mailto:mailto:a@b.example`), blanks between: removed in one pass. Taking
 * them off one call at a time cost a pass over the rest of the line each: an 8 KiB line of them took 50 ms, 100
 * times any other line. Linear: the literal `mailto:` ends each repetition.
 */
const MORE_MAILTO_SCHEMES = /^(?:\s*mailto:)+/i;
/** A URL scheme at the start of a line (`data:`, `https:`), the scheme in group 1. */
const SCHEME = /^([a-z][a-z0-9+.-]{0,31}):/i;
/** h, t, t, p with one letter dropped or doubled, optional s: `htp`, `htps`, `hhttps`, `ttp`, `httpss`. Anchored, no nesting. */
const MISTYPED_WEB_SCHEME = /^(?:h{1,2}t{1,3}p{1,2}|t{1,2}p{1,2})s{0,2}$/;
/** Schemes whose URLs name a host we can judge. Defanged `hxxp`/`hxxps` are accepted as analysts write them. */
const HOST_SCHEMES = new Set(['http', 'https', 'ftp', 'ftps', 'ws', 'wss', 'hxxp', 'hxxps', 'sftp']);
/**
 * Schemes the URL standard does not treat as special: it keeps their host as written (case, percent-encoding, no
 * IDNA), so their host is read as an http URL's would be (`FTPS://PAYPA1.COM/` is paypa1.com).
 */
const OPAQUE_HOST_SCHEMES = new Set(['ftps', 'sftp']);

export interface Subject {
  readonly input: string;
  /** Lowercase ASCII (A-label) host, without a trailing dot; IPv6 in brackets. */
  readonly host: string;
  /** The host as a reader sees it (U-labels), equal to `host` when no label is an IDN. */
  readonly unicodeHost: string;
  readonly isIp: boolean;
  /** Registrable domain, hosting platforms' user sub-domains included (`x.github.io`); '' for IPs and bare suffixes. */
  readonly domain: string;
  /** Public suffix (ICANN or private, e.g. `co.uk`, `github.io`). */
  readonly suffix: string;
  /** The suffix is a private one: the registrable domain is a customer's name on a platform. */
  readonly privateSuffix: boolean;
  /** Labels left of the registrable domain joined with dots ('' when none). */
  readonly subdomain: string;
  /** The registrable domain without its suffix (`paypal` for paypal.co.uk). */
  readonly domainLabel: string;
  /** For URL inputs: lowercase, percent-decoded path + query + fragment ('' for bare hosts). */
  readonly path: string;
  /** For URL inputs: the userinfo part before `@` ('' when none). */
  readonly userinfo: string;
  /**
   * For URL inputs: the query as written, without its `?`: percent-encoded and case kept (`path` has it decoded and
   * lowercased), for values that must be read exactly, such as a URL carried in a parameter. '' when none.
   */
  readonly query: string;
  /**
   * For URL inputs: the path as the URL parser writes it, case kept and percent-encoded, without query or fragment
   * (`/Login/x%20y`); '' for bare hosts and the root. What tells two URLs of one host apart (the worker's indicator key).
   */
  readonly pathname: string;
  /** For URL inputs: the fragment as written, without its `#`: percent-encoded and case kept. '' when none. */
  readonly fragment: string;
  readonly isUrl: boolean;
}

/** What a URL adds to its host (see Subject); NOT_A_URL for bare hosts, addresses and numeric hosts. */
interface UrlParts {
  readonly path: string;
  readonly userinfo: string;
  readonly query: string;
  readonly pathname: string;
  readonly fragment: string;
}

const NOT_A_URL: UrlParts = { path: '', userinfo: '', query: '', pathname: '', fragment: '' };

export type ParseResult = { readonly ok: true; readonly subject: Subject } | { readonly ok: false; readonly error: EngineError };

function fail(code: ErrorCode, params: Readonly<Record<string, string | number>> = {}): ParseResult {
  return { ok: false, error: { code, message: errorMessage(code, params) } };
}

/** NUL, C0/C1 controls, DEL, replacement characters and unpaired surrogates: never part of a real link. */
function hasBadCodeUnits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // U+FFFD is what a decoder leaves of invalid UTF-8: the line was not text.
    if (c < 32 || c === 127 || (c >= 128 && c < 160) || c === 0xfffd) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

const enum HostShape { Plain, Numeric, NeedsUrlParser, Invalid }

/**
 * Classifies a candidate bare host in one pass: Plain = lowercase-able [a-z0-9._-] with valid label lengths;
 * Numeric = could be an IPv4 literal in some notation; NeedsUrlParser = non-ASCII or uppercase-free but odd.
 */
function hostShape(s: string): HostShape {
  if (s.length === 0 || s.length > MAX_HOST_CHARS + 1) return HostShape.Invalid;
  let labelLength = 0;
  let numericOnly = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 /* '.' */) {
      if (labelLength === 0) return HostShape.Invalid;
      labelLength = 0;
      continue;
    }
    labelLength++;
    if (labelLength > MAX_LABEL_CHARS) return HostShape.Invalid;
    if (c >= 48 && c <= 57) continue;
    const lower = c | 32;
    if (lower >= 97 && lower <= 122) {
      // Hex IPv4 parts (0x7f) use a-f and x; anything else rules out an IPv4 literal.
      if (!(lower <= 102 || lower === 120)) numericOnly = false;
      continue;
    }
    if (c === 45 /* '-' */ || c === 95 /* '_' */) { numericOnly = false; continue; }
    if (c > 127) return HostShape.NeedsUrlParser;
    return HostShape.Invalid;
  }
  if (numericOnly) return HostShape.Numeric;
  return HostShape.Plain;
}

function hasNonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return true;
  return false;
}

/** No empty label (`a..b`, `.a`) and none longer than DNS allows. */
function hasValidLabels(host: string): boolean {
  let length = 0;
  for (let i = 0; i < host.length; i++) {
    if (host.charCodeAt(i) === 46 /* '.' */) {
      if (length === 0) return false;
      length = 0;
    } else if (++length > MAX_LABEL_CHARS) return false;
  }
  return length > 0;
}

/**
 * Letters, digits, hyphens, underscores and dots only (A-labels: the URL parser has encoded any IDN), with `*` only
 * as a whole first label (a wildcard certificate's name, as CT logs list them: `*.example.com`). The URL parser lets
 * more through (`"a.com"`, `a!b.com`, `a$b.com`), which no resolver looks up: such a "host" names no site.
 */
function isDnsName(host: string): boolean {
  for (let i = host.startsWith('*.') ? 2 : 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (c === 46 /* '.' */) continue;
    const k = c < 128 ? HOST_CHAR_CLASS[c] ?? 0 : 0;
    if (k === 0 || (k & CHAR_UPPER) !== 0) return false;
  }
  return true;
}

/**
 * What a line holds inside quotes or angle brackets: links in text and mail (`<https://…>`, RFC 3986 appendix C), a
 * mailbox as a From header writes it (`PayPal <service@example.com>`, `From: PayPal <…>`: what the last `<…>` ending
 * the line holds), a CSV field (`"…"`, `'…'` around the whole line).
 */
function unwrapped(s: string): string {
  if (s.length < 2) return s;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  if (last === 62 /* '>' */) {
    const open = s.lastIndexOf('<');
    if (open === 0) return s.slice(1, -1).trim();
    // A name in front: only before a mailbox or a link, and not inside a URL (`data:text/html,<b>` stays a data:
    // URL; a header's name before a blank is no scheme: `From: PayPal <service@example.com>`).
    const inner = open < 0 ? '' : s.slice(open + 1, -1).trim();
    const scheme = SCHEME.exec(s);
    const inUrl = scheme !== null && !/\s/.test(s.charAt(scheme[0].length));
    return (inner.includes('@') || inner.includes('://')) && !inUrl ? inner : s;
  }
  return (first === 34 /* '"' */ || first === 39 /* "'" */) && last === first ? s.slice(1, -1).trim() : s;
}

function decodeIdn(host: string): string | null {
  if (!host.includes('xn--')) return host;
  const labels = host.split('.');
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? '';
    if (!label.startsWith('xn--')) continue;
    let decoded: string;
    try {
      decoded = punycode.decode(label.slice(4));
    } catch {
      return null;
    }
    // A valid A-label round-trips and decodes to something that needed encoding.
    if (decoded.length === 0 || punycode.encode(decoded) !== label.slice(4) || !hasNonAscii(decoded)) return null;
    if (hasBadCodeUnits(decoded) || decoded !== decoded.toLowerCase()) return null;
    labels[i] = decoded;
  }
  return labels.join('.');
}

/** Percent-decoded once; as it was when it has no `%` or is malformed. */
export function safeDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * `text` lower-cased with every index kept: a character whose lower case is longer (`İ` is `i̇`, two UTF-16 units)
 * becomes the first unit of it, so a position found in the copy is the same position in `text`. Most text has none
 * and is lower-cased in one call. For finding words in attacker text and slicing them from it.
 */
export function lowerKeepingIndexes(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  const parts: string[] = [];
  for (const ch of text) {
    const l = ch.toLowerCase();
    parts.push(l.length === ch.length ? l : l.slice(0, ch.length));
  }
  return parts.join('');
}

/** Options for tldts: hosts reach it validated, lowercased and without a trailing dot (built once, not per call). */
export const TLDTS_OPTIONS = { allowPrivateDomains: true, extractHostname: false, validateHostname: false } as const;

function ipSubject(input: string, host: string, isUrl: boolean, url: UrlParts): ParseResult {
  const { path, userinfo, query, pathname, fragment } = url;
  return { ok: true, subject: { input, host, unicodeHost: host, isIp: true, domain: '', suffix: '', privateSuffix: false, subdomain: '', domainLabel: '', path, userinfo, query, pathname, fragment, isUrl } };
}

/** The Subject of a valid lowercase host (labels checked, IDN decoded): public-suffix split by tldts. */
function subjectOf(input: string, host: string, unicodeHost: string, isUrl: boolean, url: UrlParts): ParseResult {
  const parsed = parseDomain(host, TLDTS_OPTIONS);
  if (parsed.isIp === true) return ipSubject(input, host, isUrl, url);
  return {
    ok: true,
    subject: {
      input,
      host,
      unicodeHost,
      isIp: false,
      domain: parsed.domain ?? '',
      suffix: parsed.publicSuffix ?? '',
      privateSuffix: parsed.isPrivate === true,
      subdomain: parsed.subdomain ?? '',
      domainLabel: parsed.domainWithoutSuffix ?? '',
      path: url.path,
      userinfo: url.userinfo,
      query: url.query,
      pathname: url.pathname,
      fragment: url.fragment,
      isUrl,
    },
  };
}

function build(input: string, host: string, isUrl: boolean, url: UrlParts): ParseResult {
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.length === 0 || host.length > MAX_HOST_CHARS) return fail('HW_ERR_INPUT_HOST');
  if (host.startsWith('[')) return ipSubject(input, host, isUrl, url);
  if (!hasValidLabels(host) || !isDnsName(host)) return fail('HW_ERR_INPUT_HOST');
  const unicodeHost = decodeIdn(host);
  if (unicodeHost === null) return fail('HW_ERR_INPUT_PUNYCODE');
  return subjectOf(input, host, unicodeHost, isUrl, url);
}

/** Bits of plainHostFlags(). */
const PLAIN = 1;
const HAS_UPPER = 2;
/** Some label starts with `xn--` in any case: decodeIdn() has work to do. */
const HAS_IDN_LABEL = 4;
const TRAILING_DOT = 8;

/** Classes of the ASCII chars a plain host may hold (0: none; '.' is handled apart). */
const CHAR_OK = 1;
const CHAR_UPPER = 2;
/** Rules out an IPv4 literal: hex IPv4 parts (0x7f) use only digits, a-f and x. */
const CHAR_NOT_NUMERIC = 4;
const HOST_CHAR_CLASS = Uint8Array.from({ length: 128 }, (_, c) => {
  if (c >= 48 /* '0' */ && c <= 57 /* '9' */) return CHAR_OK;
  const lower = c | 32;
  if (lower >= 97 /* 'a' */ && lower <= 122 /* 'z' */) {
    return CHAR_OK | (c <= 90 /* 'Z' */ ? CHAR_UPPER : 0) | (lower <= 102 /* 'f' */ || lower === 120 /* 'x' */ ? 0 : CHAR_NOT_NUMERIC);
  }
  return c === 45 /* '-' */ || c === 95 /* '_' */ ? CHAR_OK | CHAR_NOT_NUMERIC : 0;
});

/**
 * The hot path's one pass over a raw line: PLAIN | flags when it is a bare host name that the general path below
 * would classify HostShape.Plain with nothing to trim, refang or reject, 0 otherwise (then the general path
 * decides, so this may say 0 for anything odd). Plain here: only [A-Za-z0-9._-] (none of which trim(), refang()
 * or hasBadCodeUnits() sees), not starting with `hxxp` (refang rewrites that), no empty label, none longer than
 * 63, at most MAX_HOST_CHARS + 1 chars and not IPv4-like. Keep in sync with hostShape().
 */
function plainHostFlags(s: string): number {
  const n = s.length;
  if (n === 0 || n > MAX_HOST_CHARS + 1) return 0;
  // `hxxp…` is rewritten by refang() (case-sensitive, as refang() tests it).
  if (n >= 4 && s.charCodeAt(0) === 104 /* 'h' */ && s.charCodeAt(1) === 120 /* 'x' */ && s.charCodeAt(2) === 120 /* 'x' */ && s.charCodeAt(3) === 112 /* 'p' */) return 0;
  let flags = PLAIN;
  let classes = 0; // union of the chars' classes
  let labelLength = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 /* '.' */) {
      if (labelLength === 0) return 0;
      labelLength = 0;
      continue;
    }
    const k = c < 128 ? HOST_CHAR_CLASS[c] ?? 0 : 0;
    if (k === 0) return 0;
    classes |= k;
    if (labelLength === 0 && (c | 32) === 120 /* 'x' */ && i + 3 < n && (s.charCodeAt(i + 1) | 32) === 110 /* 'n' */ && s.charCodeAt(i + 2) === 45 /* '-' */ && s.charCodeAt(i + 3) === 45) {
      flags |= HAS_IDN_LABEL;
    }
    if (++labelLength > MAX_LABEL_CHARS) return 0;
  }
  if ((classes & CHAR_NOT_NUMERIC) === 0) return 0;
  if ((classes & CHAR_UPPER) !== 0) flags |= HAS_UPPER;
  return s.charCodeAt(n - 1) === 46 /* '.' */ ? flags | TRAILING_DOT : flags;
}

/** build() for a line plainHostFlags() accepted: the checks it already made are not repeated. */
function buildPlain(input: string, flags: number): ParseResult {
  let host = (flags & HAS_UPPER) !== 0 ? input.toLowerCase() : input;
  if ((flags & TRAILING_DOT) !== 0) host = host.slice(0, -1);
  if (host.length > MAX_HOST_CHARS) return fail('HW_ERR_INPUT_HOST');
  // Without an `xn--` label decodeIdn() returns the host unchanged.
  const unicodeHost = (flags & HAS_IDN_LABEL) !== 0 ? decodeIdn(host) : host;
  if (unicodeHost === null) return fail('HW_ERR_INPUT_PUNYCODE');
  return subjectOf(input, host, unicodeHost, false, NOT_A_URL);
}

function fromUrl(input: string, text: string): ParseResult {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('HW_ERR_INPUT_HOST');
  }
  const host = url.hostname;
  if (host.length === 0) return fail('HW_ERR_INPUT_HOST');
  const userinfo = url.username.length > 0 || url.password.length > 0 ? safeDecode(`${url.username}${url.password.length > 0 ? ':' : ''}${url.password}`).toLowerCase() : '';
  const path = safeDecode(url.pathname + url.search + url.hash).toLowerCase();
  return build(input, host, true, { path: path === '/' ? '' : path, userinfo, query: url.search.slice(1), pathname: url.pathname === '/' ? '' : url.pathname, fragment: url.hash.slice(1) });
}

/** Undoes the usual defanging of indicators: `hxxp://`, `[.]`, `(.)`, `[dot]`. */
function refang(s: string): string {
  if (!mayBeDefanged(s)) return s;
  return s.replace(/^hxxp/i, 'http').replaceAll('[.]', '.').replaceAll('(.)', '.').replaceAll('[dot]', '.').replaceAll('[:]', ':');
}

/** Whether refang() has anything to undo: a `[` or `(` anywhere, or a leading `hxxp`. */
function mayBeDefanged(s: string): boolean {
  if (s.startsWith('hxxp')) return true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 91 /* '[' */ || c === 40 /* '(' */) return true;
  }
  return false;
}

/**
 * Whether trim() could remove anything: it removes only ECMAScript white space and line terminators, all of which
 * are ≤ U+0020 or ≥ U+00A0, from either end. Most lines have neither, and skip the call.
 */
function mayNeedTrim(s: string): boolean {
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  return first <= 32 || first >= 0xa0 || last <= 32 || last >= 0xa0;
}

/** Parses one input line. Never throws. */
export function parseInput(raw: string): ParseResult {
  if (raw.length > MAX_INPUT_CHARS) return fail('HW_ERR_INPUT_TOO_LONG', { limit: MAX_INPUT_CHARS });
  // Hot path: a bare host name, judged after one pass over its char codes.
  const flags = plainHostFlags(raw);
  if (flags !== 0) return buildPlain(raw, flags);
  return parseGeneral(raw);
}

/** Every other input: trimmed, refanged, checked for bad code units, then classified. */
function parseGeneral(raw: string): ParseResult {
  const input = raw;
  if (raw.length === 0) return fail('HW_ERR_INPUT_EMPTY');
  const text = refang(unwrapped(mayNeedTrim(raw) ? raw.trim() : raw));
  if (text.length === 0) return fail('HW_ERR_INPUT_EMPTY');
  if (hasBadCodeUnits(text)) return fail('HW_ERR_INPUT_ENCODING');

  // A bare host name with blanks around it or a defanged dot (bare hosts without either took the hot path).
  const shape = hostShape(text);
  if (shape === HostShape.Plain) {
    let host = text;
    for (let i = 0; i < host.length; i++) {
      const c = host.charCodeAt(i);
      if (c >= 65 && c <= 90) { host = host.toLowerCase(); break; }
    }
    return build(input, host, false, NOT_A_URL);
  }
  if (shape === HostShape.Numeric || shape === HostShape.NeedsUrlParser) {
    const result = fromUrl(input, `http://${text}/`);
    if (!result.ok) return result;
    return { ok: true, subject: { ...result.subject, isUrl: false } };
  }

  const scheme = SCHEME.exec(text);
  if (scheme !== null) {
    const name = (scheme[1] ?? '').toLowerCase();
    const rest = text.slice(scheme[0].length);
    if (HOST_SCHEMES.has(name)) {
      if (OPAQUE_HOST_SCHEMES.has(name)) return fromUrl(input, `http:${rest}`);
      return fromUrl(input, name.startsWith('hxxp') ? `http${name.slice(4)}:${rest}` : text);
    }
    // Mistyped web schemes as people paste them into reports (`htps://`, `hhttps://`, `ttp://`): still a web link.
    if (rest.startsWith('//') && MISTYPED_WEB_SCHEME.test(name)) return fromUrl(input, `${name.endsWith('s') ? 'https' : 'http'}:${rest}`);
    if (name === 'mailto') {
      const result = parseInput((rest.split('?')[0] ?? '').replace(MORE_MAILTO_SCHEMES, ''));
      return result.ok ? { ok: true, subject: { ...result.subject, input } } : result;
    }
    // `host:port` and `host:port/path` are not schemes.
    if (!/^\d{1,5}(?:[/?#]|$)/.test(rest)) return fail('HW_ERR_INPUT_SCHEME', { scheme: name });
  }
  // An e-mail address: judge its domain part.
  const at = text.lastIndexOf('@');
  if (at > 0 && !/[/?#:]/.test(text)) {
    const domainPart = text.slice(at + 1);
    if (domainPart.length === 0) return fail('HW_ERR_INPUT_HOST');
    const result = parseInput(domainPart);
    return result.ok ? { ok: true, subject: { ...result.subject, input } } : result;
  }
  if (/\s/.test(text)) return fail('HW_ERR_INPUT_HOST');
  // A host with a path, port or query but no scheme (`paypal.com/login`).
  return fromUrl(input, `http://${text}`);
}
