/**
 * Destinations carried inside a URL. Open redirects (`google.com/url?q=…`, `disq.us/url?url=…`,
 * `slack-redir.net/link?url=…`), the link wrappers of mail gateways (Microsoft Safe Links, Proofpoint URL Defense) and
 * page viewers (`google.com/amp/s/HOST/…`) write the address the reader ends up on inside their own. Kits use
 * well-known sites' redirects to carry a phishing address past filters that judge only the first host. forwardsOf()
 * reads the destinations out; the engine judges them as inputs of their own (engine.ts, `redirect`).
 */
import { parseInput, safeDecode, type Subject } from './subject.js';

/** Query components read per URL for carried destinations. */
export const MAX_FORWARD_PARAMS = 64;
/** Destinations read out of one URL (the first ones in the query). */
export const MAX_FORWARDS = 4;
/** URLs followed inside one input (a redirect's destination that is itself a redirect: `slack-redir.net` → `bit.ly`). */
export const MAX_FORWARD_DEPTH = 3;
/** Rounds of percent-decoding of one value (`https%253A%252F%252F…` was encoded twice). */
const MAX_DECODE_ROUNDS = 3;
/** Shortest value that can hold a web address (`http://a.b` is 10). */
const MIN_URL_CHARS = 10;

export interface Forward {
  /** Where the URL carries the destination, in words: `its "url" parameter`, `Google's AMP viewer path`. */
  readonly carrier: string;
  /** The destination, parsed as any input is. */
  readonly subject: Subject;
  /**
   * The destination as it stands in the carrying URL's `path` (decoded once, lowercase), so that a caller can judge
   * the URL without it: words of the destination then count once, as the destination's.
   */
  readonly inPath: string;
}

/** What most URLs carry, shared: the engine's hot path allocates nothing for it. */
const NONE: readonly Forward[] = Object.freeze([]);

/** A web address after decoding; one slash after the scheme is what kits and browsers accept too (`http:/www.x.com`). */
const WEB_URL = /^(https?):\/\/?(?=[^/\\\s])/i;

/**
 * The destinations a URL carries, in query order, at most MAX_FORWARDS; none for most URLs. A destination on the URL's own
 * site (`wayfair.com/login?url=https://www.wayfair.com/…`, a sign-in page's way back) forwards nowhere else and is not
 * one. Reads at most MAX_FORWARD_PARAMS query components.
 */
export function forwardsOf(s: Subject): readonly Forward[] {
  if (!s.isUrl || s.path === '') return NONE;
  const wrapped = wrapperForward(s);
  if (wrapped !== null) return [wrapped];
  // `path` is the decoded query too: without `http` in it no value can decode to a web address.
  if (s.query.length < MIN_URL_CHARS || !s.path.includes('http')) return NONE;
  const forwards: Forward[] = [];
  const q = s.query;
  let from = 0;
  for (let n = 0; n < MAX_FORWARD_PARAMS && from < q.length && forwards.length < MAX_FORWARDS; n++) {
    // A query that is a URL itself (`href.li/?https://…?a=1&b=2`) is one destination to its end, `=` and `&` included.
    const bare = startsWithHttp(q, from);
    let end = bare ? q.length : q.indexOf('&', from);
    if (end < 0) end = q.length;
    const eq = bare ? -1 : q.indexOf('=', from);
    const hasKey = eq >= 0 && eq < end;
    // `&amp;` is how URLs copied out of HTML separate their parameters.
    const key = hasKey ? q.slice(q.startsWith('amp;', from) ? from + 4 : from, eq) : '';
    const value = q.slice(hasKey ? eq + 1 : from, end);
    from = end + 1;
    if (value.length < MIN_URL_CHARS || !startsWithHttp(value, 0) || namesAnIdentifier(key)) continue;
    const forward = destination(s, decodeValue(value), key === '' ? 'its query' : `its "${shortKey(key)}" parameter`, safeDecode(value).toLowerCase());
    if (forward !== null) forwards.push(forward);
  }
  return forwards.length === 0 ? NONE : forwards;
}

/** Services whose wrapped links do not put the destination in a plain parameter. */
function wrapperForward(s: Subject): Forward | null {
  // Google's AMP viewer shows another site's page under google.com: /amp/s/HOST/PATH (https) or /amp/HOST/PATH.
  if (s.domainLabel === 'google' && s.path.startsWith('/amp/')) {
    const rest = s.path.slice(5);
    return destination(s, rest.startsWith('s/') ? `https://${rest.slice(2)}` : `http://${rest}`, "Google's AMP viewer path", rest);
  }
  // Bing's result links: `u=a1` + the destination in base64url.
  if (s.domain === 'bing.com' && s.path.startsWith('/ck/a')) {
    const value = paramValue(s.query, 'u');
    if (value.startsWith('a1')) return destination(s, decodeBase64Url(value.slice(2)), `Bing's "u" parameter (base64)`, value.toLowerCase());
  }
  // Proofpoint URL Defense v2 (`u=https-3A__host_path`: `-` for `%`, `_` for `/`) and v3 (`/v3/__URL__;…`).
  if (s.host === 'urldefense.proofpoint.com' && s.path.startsWith('/v2/url')) {
    const value = paramValue(s.query, 'u');
    return destination(s, decodeValue(value.replaceAll('-', '%').replaceAll('_', '/')), 'its Proofpoint URL Defense "u" parameter', safeDecode(value).toLowerCase());
  }
  if (s.domain === 'urldefense.com' && s.path.startsWith('/v3/__')) {
    const end = s.path.indexOf('__;', 6);
    const carried = s.path.slice(6, end < 0 ? s.path.length : end);
    return destination(s, carried, 'its Proofpoint URL Defense path', carried);
  }
  return null;
}

function destination(s: Subject, text: string, carrier: string, inPath: string): Forward | null {
  const scheme = WEB_URL.exec(text);
  if (scheme === null) return null;
  const parsed = parseInput(`${(scheme[1] ?? 'http').toLowerCase()}://${text.slice(scheme[0].length)}`);
  if (!parsed.ok || !parsed.subject.isUrl) return null;
  const target = parsed.subject;
  // `https://https://example.com/` (a kit's slip) has the host `https`: no site to lead to.
  if (target.domain === '' && !target.isIp) return null;
  if (target.host === s.host || (target.domain !== '' && target.domain === s.domain)) return null;
  return { carrier, subject: target, inPath };
}

/** Percent-decoded until it reads as a web address or MAX_DECODE_ROUNDS rounds are done; as it was if malformed. */
function decodeValue(value: string): string {
  let v = value;
  for (let round = 0; round < MAX_DECODE_ROUNDS && !WEB_URL.test(v) && v.includes('%'); round++) {
    const decoded = safeDecode(v);
    if (decoded === v) break;
    v = decoded;
  }
  return v;
}

/**
 * Parameters whose URL names something instead of leading anywhere: OpenID 2.0's protocol namespaces and the user's
 * identifier (`openid.ns=http://specs.openid.net/auth/2.0`, on every Amazon-style sign-in page and on the kits that
 * copy them), XML namespaces. Kits write them with `_` as well as `.`.
 */
function namesAnIdentifier(key: string): boolean {
  const k = key.toLowerCase().replaceAll('_', '.');
  return k.startsWith('openid.ns') || k === 'openid.identity' || k === 'openid.claimed.id' || k.startsWith('xmlns');
}

function startsWithHttp(text: string, at: number): boolean {
  return text.length - at >= 4 && text.slice(at, at + 4).toLowerCase() === 'http';
}

function decodeBase64Url(text: string): string {
  try {
    return atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    return '';
  }
}

/** The raw value of the first `name=` component of a query ('' when none). */
function paramValue(query: string, name: string): string {
  let from = 0;
  for (let n = 0; n < MAX_FORWARD_PARAMS && from < query.length; n++) {
    let end = query.indexOf('&', from);
    if (end < 0) end = query.length;
    if (query.startsWith(`${name}=`, from)) return query.slice(from + name.length + 1, end);
    from = end + 1;
  }
  return '';
}

/** A parameter name as an analyst reads it: decoded, at most 32 characters. */
function shortKey(key: string): string {
  const k = safeDecode(key);
  return k.length > 32 ? `${k.slice(0, 32)}…` : k;
}
