/**
 * E-mail addresses a URL carries in its path, query or fragment. A phishing link sent to one person often carries
 * that person's address, so the fake sign-in page opens with it filled in (`…/login.php?email=jane@acme.com`), and
 * kits that hide it from mail filters write it in base64 (`…/$amFuZUBhY21lLmNvbQ==`). The address also tells the
 * analyst who was targeted.
 *
 * Pure and allocation-light: most URLs hold no `@` and no long run of letters and digits, and leave after one pass.
 */
import { parse as parseDomain } from 'tldts';
import { TLDTS_OPTIONS } from './subject.js';

/** Shortest run of base64 letters read as an encoded address: `jo@acme.io` (10 bytes) takes 14. */
export const MIN_ENCODED_ADDRESS_CHARS = 12;
/** Longest: an address is at most 254 bytes (RFC 5321's path limit), 340 base64 letters without padding. */
export const MAX_ENCODED_ADDRESS_CHARS = 340;
/** Runs of base64 letters decoded per URL at most, so a path made of many short runs costs a bounded amount. */
export const MAX_DECODED_RUNS = 16;
/** `@` signs looked at per URL at most, for the same reason. */
export const MAX_AT_SIGNS = 16;
/** Longest local part (RFC 5321 §4.5.3.1.1) and domain of an address read out of a URL. */
const MAX_LOCAL_CHARS = 64;
const MAX_DOMAIN_CHARS = 253;

/** An address as a whole string: local part, `@`, dot-separated labels, a top-level domain of letters. */
const ADDRESS = /^[a-z0-9._%+-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export interface CarriedAddress {
  /** The address, lowercased. */
  readonly address: string;
  /** Its domain's registrable label (`acme` for jane@mail.acme.co.uk), '' when it has none. */
  readonly organisation: string;
  /** The base64 text it was decoded from, as written; '' when the URL carries it in plain text. */
  readonly encoded: string;
}

function isLocalChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}

function isDomainChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

function isBase64Letter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

function carried(address: string, encoded: string): CarriedAddress {
  const domain = address.slice(address.indexOf('@') + 1);
  const parsed = parseDomain(domain, TLDTS_OPTIONS);
  return { address, organisation: parsed.domainWithoutSuffix ?? '', encoded };
}

/**
 * The first address written out in `path` (lowercase, percent-decoded, as Subject.path), or null. Not an address:
 * a profile handle (`/@jane@social.example`, the `@` before it) or a URL's user name (`?next=https://jane@host/`,
 * `//` before it), which `userinfo` and the redirect reading judge.
 */
export function plainAddressIn(path: string): CarriedAddress | null {
  let seen = 0;
  for (let at = path.indexOf('@'); at >= 0 && seen < MAX_AT_SIGNS; at = path.indexOf('@', at + 1), seen++) {
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL_CHARS && isLocalChar(path.charCodeAt(start - 1))) start--;
    if (start === at || (start > 0 && isLocalChar(path.charCodeAt(start - 1)))) continue;
    const before = start > 0 ? path.charCodeAt(start - 1) : 0;
    if (before === 64 /* @ */ || (before === 47 /* / */ && start > 1 && path.charCodeAt(start - 2) === 47)) continue;
    let end = at + 1;
    while (end < path.length && end - at <= MAX_DOMAIN_CHARS && isDomainChar(path.charCodeAt(end))) end++;
    // A sentence's dot after the address (`…/jane@acme.com.`) is not part of it, nor a file name glued on with a
    // dot (`/ap@acme.com.invoice5253924_open/`): the longest part ending before a dot that reads as an address is.
    for (let cut = end; cut > at + 1; cut = path.lastIndexOf('.', cut - 1)) {
      const address = path.slice(start, cut);
      if (ADDRESS.test(address)) return carried(address, '');
    }
  }
  return null;
}

/**
 * The first address written in base64 in `text` (a URL's path, query or fragment as written: base64 is
 * case-sensitive), or null. Read in runs of letters and digits: the base64 of an ASCII address holds neither `+`
 * nor `/` (the sextets they stand for, 62 and 63, need a byte whose low six bits are 111110 or 111111: `>`, `~`, `?`
 * or DEL), so the runs are the standard and the URL-safe alphabet alike, and a path's slashes end them.
 * Padding (`=`) may be there or not; a line break after the address (`…Cg==`) is allowed, as `base64` writes one.
 */
export function encodedAddressIn(text: string): CarriedAddress | null {
  let decoded = 0;
  let i = 0;
  while (i < text.length && decoded < MAX_DECODED_RUNS) {
    while (i < text.length && !isBase64Letter(text.charCodeAt(i))) i++;
    const start = i;
    while (i < text.length && isBase64Letter(text.charCodeAt(i))) i++;
    const length = i - start;
    if (length < MIN_ENCODED_ADDRESS_CHARS || length > MAX_ENCODED_ADDRESS_CHARS || length % 4 === 1) continue;
    decoded++;
    const run = text.slice(start, i);
    const address = decodedAddress(run);
    if (address !== '') {
      let end = i;
      while (end < text.length && end - i < 2 && text.charCodeAt(end) === 61 /* = */) end++;
      return carried(address, text.slice(start, end));
    }
  }
  return null;
}

/** The address `run` (base64 letters, no padding) decodes to, lowercased, or ''. */
function decodedAddress(run: string): string {
  let bytes: string;
  try {
    bytes = atob(run);
  } catch {
    return '';
  }
  let end = bytes.length;
  while (end > 0 && (bytes.charCodeAt(end - 1) === 10 || bytes.charCodeAt(end - 1) === 13)) end--;
  const text = end === bytes.length ? bytes : bytes.slice(0, end);
  return text.includes('@') && ADDRESS.test(text) ? text.toLowerCase() : '';
}
