/**
 * A message's whole source pasted as text (a mail program's "Show original" / "View source"), told apart from text
 * that merely quotes a few headers. Used by report intake (src/worker/analyse-report.ts).
 */

/** Characters of pasted text searched for the end of a header block. */
const MAX_PASTED_HEADER_CHARS = 64 * 1024;
/** A header field's name (RFC 5322: printable ASCII but the colon) and its colon. */
const HEADER_FIELD = /^[!-9;-~]+:/;
/** Fields of which a pasted header block must hold one besides From: those every delivered message has. */
const DELIVERY_FIELDS = new Set(['subject', 'date', 'message-id', 'received', 'return-path', 'to', 'delivered-to']);

/**
 * Whether pasted text is a whole message: after any leading blank space it starts with a header block (every line a
 * field or a folded continuation, up to an empty line) that holds a From and one of DELIVERY_FIELDS. A note that
 * quotes a few headers after a first line of its own does not start with them.
 */
export function looksLikeRawMessage(text: string): boolean {
  const head = text.slice(0, MAX_PASTED_HEADER_CHARS).trimStart();
  const end = head.search(/\r?\n\r?\n/);
  if (end < 0) return false;
  let from = false;
  let delivery = false;
  for (const line of head.slice(0, end).split(/\r?\n/)) {
    if (line.startsWith(' ') || line.startsWith('\t')) continue;
    if (!HEADER_FIELD.test(line)) return false;
    const name = line.slice(0, line.indexOf(':')).toLowerCase();
    if (name === 'from') from = true;
    else if (DELIVERY_FIELDS.has(name)) delivery = true;
  }
  return from && delivery;
}

/** The message pasted as `text`, from its first header field, as bytes to analyse; null when it is no message. */
export function pastedMessage(text: string): Buffer | null {
  return looksLikeRawMessage(text) ? Buffer.from(text.trimStart(), 'utf8') : null;
}
