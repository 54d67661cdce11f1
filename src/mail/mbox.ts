/**
 * mbox files (RFC 4155): messages separated by a line starting `From ` at the start of the file or after a
 * newline. Lines quoted as `>From ` (mboxrd/mboxo) get one `>` removed. One forward scan with indexOf.
 */
import { MAX_MBOX_MESSAGES } from './limits.js';

/** True when the bytes start like an mbox (`From ` on the first line), not like a single RFC 5322 message. */
export function isMbox(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && Buffer.from(bytes.buffer, bytes.byteOffset, 5).toString('latin1') === 'From ';
}

/**
 * The messages of an mbox in file order, without their `From ` separator lines; `truncated` when there were
 * more than `limit`.
 */
export function splitMbox(bytes: Uint8Array, limit = MAX_MBOX_MESSAGES): { messages: Buffer[]; truncated: boolean } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const starts: number[] = [];
  if (isMbox(buf)) starts.push(0);
  const sep = Buffer.from('\nFrom ', 'latin1');
  for (let at = buf.indexOf(sep); at >= 0; at = buf.indexOf(sep, at + 1)) {
    if (starts.length > limit) break;
    starts.push(at + 1);
  }
  const truncated = starts.length > limit;
  const messages: Buffer[] = [];
  for (let i = 0; i < Math.min(starts.length, limit); i++) {
    const start = starts[i] ?? 0;
    const end = starts[i + 1] ?? buf.length;
    const eol = buf.indexOf(10, start);
    const body = buf.subarray(eol < 0 || eol >= end ? end : eol + 1, end);
    messages.push(unquoteFrom(body));
  }
  return { messages, truncated };
}

/** `>From `, `>>From ` … at a line start lose one `>` (mboxrd). Returns the input when nothing is quoted. */
function unquoteFrom(body: Buffer): Buffer {
  const quoted = Buffer.from('\n>', 'latin1');
  if (body.indexOf(quoted) < 0 && body[0] !== 0x3e) return body;
  const text = body.toString('latin1');
  const out = text.replace(/(^|\n)>(>*From )/g, '$1$2');
  return out.length === text.length ? body : Buffer.from(out, 'latin1');
}
