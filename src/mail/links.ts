/**
 * Links written as text (in a report's pasted text or a message's plain-text part). Shared by the report worker and
 * the e-mail analyser.
 */

/**
 * Links in free text: http(s) and defanged hxxp(s) URLs up to the next whitespace, quote or bracket. A linear scan
 * over char codes, no regular expression over attacker text.
 */
export function extractLinks(text: string, limit: number): string[] {
  const links: string[] = [];
  let from = 0;
  while (links.length < limit) {
    const start = linkStart(text, from);
    if (start < 0) break;
    const end = linkEnd(text, start);
    let stop = end;
    while (stop > start && '.,;:!?'.includes(text.charAt(stop - 1))) stop--; // trailing sentence punctuation
    const candidate = text.slice(start, stop);
    if (/^h[tx]{2}ps?:\/\/./i.test(candidate)) links.push(candidate);
    from = Math.max(end, start + 4);
  }
  return links;
}

/**
 * `mailto:` links in free text (a plain-text part shows an HTML link as `text <mailto:x@y?subject=…>`), up to the next
 * whitespace, quote or bracket, as written. A linear scan like extractLinks().
 */
export function extractMailto(text: string, limit: number): string[] {
  const out: string[] = [];
  let start = indexOfCaseless(text, 'mailto:', 0);
  while (start >= 0 && out.length < limit) {
    const end = linkEnd(text, start + 7);
    if (end > start + 7) out.push(text.slice(start, end));
    start = indexOfCaseless(text, 'mailto:', end); // past this link: `mailto:mailto:…` is one link, read once
  }
  return out;
}

/**
 * Where `needle` (lowercase ASCII) is in `text` from `from` on, its letters in either case; -1 when it is not.
 * Searching a toLowerCase() copy instead shifts every index after a character whose lower case is longer (`İ` is
 * `i̇`, two units): four of them before a link made the link unreadable, an evasion.
 */
export function indexOfCaseless(text: string, needle: string, from: number): number {
  const last = text.length - needle.length;
  for (let i = from; i <= last; i++) {
    let j = 0;
    while (j < needle.length && asciiLower(text.charCodeAt(i + j)) === needle.charCodeAt(j)) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** Where the next `http` or `hxxp`, in any case, starts in `text` from `from` on; -1 when none does. */
function linkStart(text: string, from: number): number {
  for (let i = from; i + 4 <= text.length; i++) {
    if (asciiLower(text.charCodeAt(i)) !== 104 /* h */ || asciiLower(text.charCodeAt(i + 3)) !== 112 /* p */) continue;
    const a = asciiLower(text.charCodeAt(i + 1));
    if ((a === 116 /* t */ || a === 120 /* x */) && asciiLower(text.charCodeAt(i + 2)) === a) return i;
  }
  return -1;
}

function asciiLower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Where a link written in `text` from `from` on ends: the next whitespace, quote or bracket, or the text's end. */
function linkEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && !isLinkEnd(text.charCodeAt(end))) end++;
  return end;
}

function isLinkEnd(c: number): boolean {
  return c <= 32 || c === 34 || c === 39 || c === 60 || c === 62 || c === 40 || c === 41 || c === 91 || c === 93 || c === 123 || c === 125;
}

