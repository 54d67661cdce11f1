/**
 * Links in a PDF attachment: the targets of its URI actions (`/URI (https://…)`), which is where a PDF lure's "View
 * document" button leads. Read from plain objects and from Flate-compressed streams (object streams hold most
 * dictionaries of PDFs written since PDF 1.5).
 *
 * Hand-written on purpose: a PDF library (pdf.js and its wrappers) interprets the whole hostile file, fonts,
 * images and scripts included, to render it; all that is wanted here is one kind of string, found by a linear scan
 * with a bounded inflate of each stream. Nothing is rendered, run or fetched. Bounded: MAX_PDFS per message, at most
 * MAX_PDF_SCAN_BYTES of each file, MAX_PDF_STREAMS streams and MAX_PDF_INFLATED_BYTES inflated in all.
 */
import { constants, inflateSync } from 'node:zlib';

/** PDF attachments read for links, for a message and the messages attached to it together (each may inflate MAX_PDF_INFLATED_BYTES). */
export const MAX_PDFS = 4;
/** Bytes of a PDF attachment read for links. */
export const MAX_PDF_SCAN_BYTES = 8 * 1024 * 1024;
/** Streams of one PDF tried for compressed links. */
export const MAX_PDF_STREAMS = 256;
/** Bytes inflated from one PDF's streams in all (a zip bomb of a stream stops here). */
export const MAX_PDF_INFLATED_BYTES = 16 * 1024 * 1024;
/** Characters of one URI string read. */
const MAX_URI_CHARS = 2048;

/** Whether an attachment is a PDF: its magic bytes (a name or a type can lie either way). */
export function isPdf(content: Uint8Array): boolean {
  const head = Buffer.from(content.buffer, content.byteOffset, Math.min(content.length, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

/** The http(s) targets of a PDF's URI actions, in file order, distinct, at most `limit`. */
export function pdfLinks(content: Uint8Array, limit: number): string[] {
  const bytes = Buffer.from(content.buffer, content.byteOffset, Math.min(content.length, MAX_PDF_SCAN_BYTES));
  const links: string[] = [];
  const add = (text: string): void => {
    for (const uri of urisIn(text)) {
      if (links.length >= limit) return;
      if (/^h[tx]{2}ps?:\/\//i.test(uri) && !links.includes(uri)) links.push(uri);
    }
  };
  const text = bytes.toString('latin1');
  add(text);
  let budget = MAX_PDF_INFLATED_BYTES;
  let from = 0;
  for (let n = 0; n < MAX_PDF_STREAMS && budget > 0 && links.length < limit; n++) {
    const start = streamStart(text, from);
    if (start < 0) break;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    from = end + 9;
    let inflated: Buffer;
    try {
      // Z_SYNC_FLUSH: a stream cut short still gives what it holds.
      inflated = inflateSync(bytes.subarray(start, end), { maxOutputLength: budget, finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      continue; // not Flate (an image, an encrypted file) or broken: nothing to read
    }
    budget -= inflated.length;
    add(inflated.toString('latin1'));
  }
  return links;
}

/** Where the data of the next `stream` keyword begins (after its end of line), or -1. */
function streamStart(text: string, from: number): number {
  for (let at = text.indexOf('stream', from); at >= 0; at = text.indexOf('stream', at + 6)) {
    if (at >= 3 && text.startsWith('end', at - 3)) continue;
    const after = at + 6;
    if (text.startsWith('\r\n', after)) return after + 2;
    if (text.charCodeAt(after) === 10 || text.charCodeAt(after) === 13) return after + 1;
  }
  return -1;
}

/**
 * The strings after each `/URI` key: literal `( … )` with PDF escapes, or `< hex >`. Linear: the search goes on after
 * the end of each string read (a `/URI` inside a string is text, not a key).
 */
function urisIn(text: string): string[] {
  const out: string[] = [];
  let at = text.indexOf('/URI', 0);
  while (at >= 0) {
    let i = at + 4;
    while (i < text.length && text.charCodeAt(i) <= 32) i++;
    let next = i;
    if (text.charAt(i) === '(') {
      const read = literalString(text, i + 1);
      out.push(read.value);
      next = read.end;
    } else if (text.charAt(i) === '<' && text.charAt(i + 1) !== '<') {
      const read = hexString(text, i + 1);
      out.push(read.value);
      next = read.end;
    }
    at = text.indexOf('/URI', Math.max(next, at + 4));
  }
  return out;
}

interface Read { readonly value: string; readonly end: number }

/** A PDF literal string from just after its `(`: balanced parentheses, backslash escapes, octal codes. */
function literalString(text: string, from: number): Read {
  let out = '';
  let depth = 0;
  // Escapes that produce nothing (a backslash before a line end) must not make one string read the whole file.
  const last = Math.min(text.length, from + 4 * MAX_URI_CHARS);
  let i = from;
  for (; i < last && out.length < MAX_URI_CHARS; i++) {
    const c = text.charAt(i);
    if (c === '\\') {
      const next = text.charAt(i + 1);
      const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
      if (octal !== null) {
        out += String.fromCharCode(parseInt(octal[0], 8) & 0xff);
        i += octal[0].length;
      } else {
        out += next === 'n' ? '\n' : next === 'r' ? '\r' : next === 't' ? '\t' : next === '\r' || next === '\n' ? '' : next;
        i++;
      }
    } else if (c === '(') {
      depth++;
      out += c;
    } else if (c === ')') {
      if (depth === 0) break;
      depth--;
      out += c;
    } else {
      out += c;
    }
  }
  return { value: out.trim(), end: i };
}

/** A PDF hex string from just after its `<`, up to `>`. */
function hexString(text: string, from: number): Read {
  const last = Math.min(text.length, from + 2 * MAX_URI_CHARS);
  let end = from;
  while (end < last && text.charCodeAt(end) !== 62 /* '>' */) end++;
  const hex = text.slice(from, end).replace(/\s+/g, '');
  let out = '';
  for (let i = 0; i < hex.length; i += 2) {
    const byte = parseInt((hex.slice(i, i + 2) + '0').slice(0, 2), 16);
    if (Number.isNaN(byte)) break;
    out += String.fromCharCode(byte);
  }
  return { value: out.trim(), end };
}
