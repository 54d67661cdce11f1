/**
 * SPF, DKIM, DMARC and ARC results, in RFC vocabulary, from one of two sources:
 *   - offline: the receiving server's own `Authentication-Results` (RFC 8601) — the topmost one, which the last
 *     server prepended — or, without one, the newest `ARC-Authentication-Results` (RFC 8617). Nothing is
 *     re-verified, and the analysis says so: a sender can forge headers *below* the receiver's, so only the topmost
 *     is read, and an operator who knows their receiving server's authserv-id can require it.
 *   - online: mailauth re-verifies the message with an injected DNS resolver (tests use a local fake). SPF needs the
 *     connecting IP, taken from the message's newest `Received` line (mailauth `trustReceived`); DKIM and DMARC
 *     need only the message and DNS.
 */
import { authenticate, type DNSResolver } from 'mailauth';

export type AuthResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy';

const RESULTS: ReadonlySet<string> = new Set(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy']);

export interface MethodResult {
  readonly result: AuthResult;
  /** The domain the result is about: SPF's MAIL FROM domain, DKIM's d=, DMARC's header.from. '' when unknown. */
  readonly domain: string;
}

export interface AuthSummary {
  /** `header`: read from the receiving server's header; `verified`: re-verified with DNS here; `none`: no evidence. */
  readonly source: 'header' | 'verified' | 'none';
  /** Which header or which check, in words (e.g. "Authentication-Results by mx.example.net (not re-verified)"). */
  readonly basis: string;
  readonly spf: MethodResult | null;
  readonly dkim: readonly MethodResult[];
  readonly dmarc: MethodResult | null;
  readonly arc: MethodResult | null;
}

export const NO_AUTH: AuthSummary = { source: 'none', basis: 'no authentication results in the message', spf: null, dkim: [], dmarc: null, arc: null };

interface ParsedResults {
  readonly authservId: string;
  readonly methods: readonly { readonly method: string; readonly result: string; readonly props: ReadonlyMap<string, string> }[];
}

/** Removes RFC 5322 comments (nested parentheses, backslash escapes) in one pass. */
function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    if (c === '\\') { if (depth === 0) out += value.slice(i, i + 2); i++; continue; }
    if (depth === 0 && c === '"') quoted = !quoted;
    if (!quoted && c === '(') { depth++; continue; }
    if (!quoted && c === ')' && depth > 0) { depth--; continue; }
    if (depth === 0) out += c;
  }
  return out;
}

/** Parses one Authentication-Results value (RFC 8601 §2.2); unknown syntax yields fewer methods, never a throw. */
export function parseAuthenticationResults(value: string): ParsedResults {
  const pieces = stripComments(value).split(';');
  const authservId = (pieces[0] ?? '').trim().split(/\s+/)[0] ?? '';
  const methods: { method: string; result: string; props: Map<string, string> }[] = [];
  for (const piece of pieces.slice(1, 64)) {
    const tokens = piece.trim().split(/\s+/).filter((t) => t !== '');
    const first = tokens[0];
    if (first === undefined) continue;
    const eq = first.indexOf('=');
    if (eq <= 0) continue;
    const props = new Map<string, string>();
    for (const token of tokens.slice(1, 32)) {
      const e = token.indexOf('=');
      if (e > 0) props.set(token.slice(0, e).toLowerCase(), token.slice(e + 1).replace(/^"|"$/g, ''));
    }
    methods.push({ method: first.slice(0, eq).toLowerCase(), result: first.slice(eq + 1).toLowerCase(), props });
  }
  return { authservId, methods };
}

function vocabulary(result: string): AuthResult {
  if (RESULTS.has(result)) return result as AuthResult;
  if (result === 'hardfail') return 'fail';
  return 'neutral';
}

function domainOf(value: string | undefined): string {
  if (value === undefined) return '';
  const at = value.lastIndexOf('@');
  return (at < 0 ? value : value.slice(at + 1)).toLowerCase().replace(/[<>]/g, '');
}

function summarise(parsed: ParsedResults, basis: string): AuthSummary {
  let spf: MethodResult | null = null;
  const dkim: MethodResult[] = [];
  let dmarc: MethodResult | null = null;
  let arc: MethodResult | null = null;
  for (const m of parsed.methods) {
    const result = vocabulary(m.result);
    if (m.method === 'spf' && spf === null) spf = { result, domain: domainOf(m.props.get('smtp.mailfrom') ?? m.props.get('smtp.helo')) };
    else if (m.method === 'dkim') dkim.push({ result, domain: domainOf(m.props.get('header.d') ?? m.props.get('header.i')) });
    else if (m.method === 'dmarc' && dmarc === null) dmarc = { result, domain: domainOf(m.props.get('header.from')) };
    else if (m.method === 'arc' && arc === null) arc = { result, domain: '' };
  }
  if (spf === null && dkim.length === 0 && dmarc === null && arc === null) return NO_AUTH;
  return { source: 'header', basis, spf, dkim, dmarc, arc };
}

/**
 * Offline: the topmost Authentication-Results (or the newest ARC-Authentication-Results). `trustedAuthservIds`,
 * when given, restricts which receiving servers are believed.
 */
export function authFromHeaders(
  headers: readonly { readonly key: string; readonly value: string }[],
  trustedAuthservIds: readonly string[] = [],
): AuthSummary {
  const trusted = (id: string): boolean => trustedAuthservIds.length === 0 || trustedAuthservIds.includes(id.toLowerCase());
  const ar = headers.find((h) => h.key === 'authentication-results');
  if (ar !== undefined) {
    const parsed = parseAuthenticationResults(ar.value);
    if (trusted(parsed.authservId)) {
      return summarise(parsed, `the receiving server's Authentication-Results header (${parsed.authservId || 'no authserv-id'}), not re-verified`);
    }
  }
  let newest: { i: number; value: string } | null = null;
  for (const h of headers) {
    if (h.key !== 'arc-authentication-results') continue;
    const m = /^\s*i\s*=\s*(\d{1,3})\s*;/.exec(h.value);
    const i = m === null ? 0 : Number(m[1]);
    if (newest === null || i > newest.i) newest = { i, value: m === null ? h.value : h.value.slice(m[0].length) };
  }
  if (newest !== null) {
    const parsed = parseAuthenticationResults(`${newest.value.includes(';') ? '' : 'unknown;'}${newest.value}`);
    if (trusted(parsed.authservId)) {
      return summarise(parsed, `the newest ARC-Authentication-Results (i=${newest.i}, ${parsed.authservId || 'no authserv-id'}), not re-verified`);
    }
  }
  return NO_AUTH;
}

/** Online: re-verifies with mailauth and the injected resolver (no other network access). */
export async function verifyAuth(raw: Uint8Array, resolver: DNSResolver): Promise<AuthSummary> {
  const result = await authenticate(Buffer.from(raw.buffer, raw.byteOffset, raw.length), {
    resolver,
    trustReceived: true,
    mta: 'hookwatch',
    disableBimi: true,
  });
  const spf = result.spf === false ? null : { result: vocabulary(result.spf.status.result), domain: result.spf.domain };
  const dkim = result.dkim.results.map((r) => ({ result: vocabulary(r.status.result), domain: r.signingDomain }));
  const dmarc = result.dmarc === false ? null : { result: vocabulary(result.dmarc.status.result), domain: result.dmarc.domain };
  const arc = result.arc === false ? null : { result: vocabulary(result.arc.status.result), domain: '' };
  return { source: 'verified', basis: 're-verified here with DNS (mailauth; client IP from the newest Received line)', spf, dkim, dmarc, arc };
}
