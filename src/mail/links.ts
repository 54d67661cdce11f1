/**
 * Links written as text (in a report's pasted text or a message's plain-text part). Shared by the report worker and
 * the e-mail analyser.
 */
import { lowerKeepingIndexes } from '../engine/index.js';

/**
 * Links in free text: http(s) and defanged hxxp(s) URLs up to the next whitespace, quote or bracket. A linear scan
 * with indexOf, no regular expression over attacker text. The search runs in a lower-cased copy whose indexes are the
 * text's (lowerKeepingIndexes): with a plain toLowerCase() copy, four `İ` before a link put it out of reach.
 */
export function extractLinks(text: string, limit: number): string[] {
  const links: string[] = [];
  const lower = lowerKeepingIndexes(text);
  let from = 0;
  while (links.length < limit) {
    const http = lower.indexOf('http', from);
    const hxxp = lower.indexOf('hxxp', from);
    const start = http < 0 ? hxxp : hxxp < 0 ? http : Math.min(http, hxxp);
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
  const lower = lowerKeepingIndexes(text);
  let start = lower.indexOf('mailto:');
  while (start >= 0 && out.length < limit) {
    const end = linkEnd(text, start + 7);
    if (end > start + 7) out.push(text.slice(start, end));
    start = lower.indexOf('mailto:', end); // past this link: `mailto:mailto:…` is one link, read once
  }
  return out;
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

