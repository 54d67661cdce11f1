/**
 * A cheap structural pass over the raw bytes before mailparser sees them (mailparser#202: a million parts exhaust
 * it; its maintainer warns against untrusted input, mailparser#378). One forward scan over lines, O(bytes × depth)
 * with depth ≤ MAX_MIME_DEPTH, no regular expressions, no allocation per line beyond the header fields it keeps.
 *
 * Design note: the scan follows MIME just enough to count what mailparser would build. Each entity starts with a
 * header block; a `multipart/*` entity with a boundary pushes it on a stack, an unencoded `message/rfc822` entity
 * nests one more entity; a line `--B` for a boundary B on the stack starts a part of that multipart (closing any
 * inner ones left open), `--B--` closes it. Counts are upper bounds of mailparser's (a boundary line is matched by
 * prefix), so a message the scan accepts cannot be a bigger tree inside mailparser. The scan stops at the first
 * entity over a limit and reports its offset: the caller cuts the raw message there.
 */
import {
  MAX_HEADER_BLOCK_BYTES,
  MAX_HEADER_FIELD_BYTES,
  MAX_MESSAGE_BYTES,
  MAX_MIME_DEPTH,
  MAX_MIME_PARTS,
} from './limits.js';

export type PrescanLimit = 'parts' | 'depth' | 'part-header';

export type Prescan =
  | {
    readonly ok: true;
    /** MIME entities seen (the message itself is one), up to the cut. */
    readonly parts: number;
    /** Deepest nesting seen (the message itself is 1). */
    readonly depth: number;
    /** Where the raw message must be cut, and why; null when it is within every limit. */
    readonly cut: { readonly at: number; readonly limit: PrescanLimit } | null;
    /** A multipart entity that declared no boundary, or a multipart left unterminated. */
    readonly malformed: readonly string[];
  }
  | {
    readonly ok: false;
    readonly code: 'HW_ERR_MAIL_TOO_LARGE' | 'HW_ERR_MAIL_HEADER_TOO_LARGE';
    readonly params: Readonly<Record<string, string | number>>;
  };

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

interface Entity {
  contentType: string;
  transferEncoding: string;
}

export function prescan(raw: Uint8Array): Prescan {
  if (raw.length > MAX_MESSAGE_BYTES) {
    return { ok: false, code: 'HW_ERR_MAIL_TOO_LARGE', params: { limit: MAX_MESSAGE_BYTES, bytes: raw.length } };
  }
  // latin1 maps each byte to one UTF-16 unit: offsets in the string are offsets in the bytes.
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.length).toString('latin1');
  const stack: (string | null)[] = []; // boundaries of open multiparts; null for an attached message
  const malformed: string[] = [];
  let parts = 1;
  let depth = 1;
  let inHeaders = true;
  let entityStart = 0;
  let headerBytes = 0;
  let field = '';
  let entity: Entity = { contentType: '', transferEncoding: '' };
  let pos = 0;

  const finishField = (): void => {
    if (field === '') return;
    const colon = field.indexOf(':');
    if (colon > 0) {
      const name = field.slice(0, colon).trim().toLowerCase();
      if (name === 'content-type') entity.contentType = field.slice(colon + 1);
      else if (name === 'content-transfer-encoding') entity.transferEncoding = field.slice(colon + 1).trim().toLowerCase();
    }
    field = '';
  };

  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    let lineEnd = end;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === CR) lineEnd--;
    const lineStart = pos;
    pos = end + 1;

    if (inHeaders) {
      headerBytes += end - lineStart + 1;
      const topLevel = entityStart === 0;
      if (lineEnd === lineStart) {
        // End of this entity's header block.
        finishField();
        inHeaders = false;
        headerBytes = 0;
        const opened = openEntity(entity, malformed);
        if (opened !== undefined) {
          if (stack.length + 2 > MAX_MIME_DEPTH) {
            // The children of this entity would be deeper than the limit: keep this entity's headers only.
            return { ok: true, parts, depth, cut: { at: pos, limit: 'depth' }, malformed };
          }
          stack.push(opened);
          depth = Math.max(depth, stack.length + 1);
          if (opened === null) {
            // An attached message: its own header block starts now.
            if (parts + 1 > MAX_MIME_PARTS) return { ok: true, parts, depth, cut: { at: pos, limit: 'parts' }, malformed };
            parts++;
            inHeaders = true;
            entityStart = pos;
            entity = { contentType: '', transferEncoding: '' };
          }
        }
        continue;
      }
      const c = text.charCodeAt(lineStart);
      if (c === SPACE || c === TAB) {
        field += text.slice(lineStart, lineEnd);
      } else {
        finishField();
        field = text.slice(lineStart, lineEnd);
      }
      if (field.length > MAX_HEADER_FIELD_BYTES || headerBytes > MAX_HEADER_BLOCK_BYTES) {
        if (topLevel) {
          const limit = field.length > MAX_HEADER_FIELD_BYTES ? MAX_HEADER_FIELD_BYTES : MAX_HEADER_BLOCK_BYTES;
          return { ok: false, code: 'HW_ERR_MAIL_HEADER_TOO_LARGE', params: { limit } };
        }
        return { ok: true, parts, depth, cut: { at: entityStart, limit: 'part-header' }, malformed };
      }
      continue;
    }

    // Body line: only lines starting with "--" can be boundaries.
    if (stack.length === 0 || lineEnd - lineStart < 3 || text.charCodeAt(lineStart) !== 45 || text.charCodeAt(lineStart + 1) !== 45) continue;
    for (let i = stack.length - 1; i >= 0; i--) {
      const boundary = stack[i];
      if (boundary === null || boundary === undefined) continue;
      if (lineEnd - lineStart - 2 < boundary.length || !text.startsWith(boundary, lineStart + 2)) continue;
      const after = lineStart + 2 + boundary.length;
      const closing = after + 1 < lineEnd + 1 && text.charCodeAt(after) === 45 && text.charCodeAt(after + 1) === 45;
      if (closing) {
        stack.length = i;
      } else {
        stack.length = i + 1;
        if (parts + 1 > MAX_MIME_PARTS) return { ok: true, parts, depth, cut: { at: lineStart, limit: 'parts' }, malformed };
        parts++;
        inHeaders = true;
        entityStart = lineStart;
        headerBytes = 0;
        entity = { contentType: '', transferEncoding: '' };
      }
      break;
    }
  }
  if (stack.some((b) => b !== null)) malformed.push('a multipart part is not closed by its final boundary');
  return { ok: true, parts, depth, cut: null, malformed };
}

/**
 * What an entity opens: its boundary (multipart), null (an unencoded attached message, parsed as a nested entity),
 * or undefined (a leaf).
 */
function openEntity(entity: Entity, malformed: string[]): string | null | undefined {
  const type = entity.contentType;
  if (type === '') return undefined;
  const lower = type.toLowerCase();
  const semi = lower.indexOf(';');
  const media = (semi < 0 ? lower : lower.slice(0, semi)).trim();
  if (media.startsWith('multipart/')) {
    const boundary = boundaryOf(type, lower);
    if (boundary === '') {
      malformed.push(`a ${media} part declares no boundary`);
      return undefined;
    }
    return boundary;
  }
  if (media === 'message/rfc822' || media === 'message/global') {
    const cte = entity.transferEncoding;
    return cte === 'base64' || cte === 'quoted-printable' ? undefined : null;
  }
  return undefined;
}

/** The boundary parameter of a Content-Type value (quoted or token), '' when absent. */
export function boundaryOf(type: string, lower = type.toLowerCase()): string {
  let at = lower.indexOf('boundary');
  while (at >= 0) {
    let i = at + 8;
    while (i < type.length && (type.charCodeAt(i) === SPACE || type.charCodeAt(i) === TAB)) i++;
    const prev = at === 0 ? 59 : lower.charCodeAt(at - 1);
    if (type.charCodeAt(i) === 61 /* '=' */ && (prev === 59 || prev === SPACE || prev === TAB || prev === LF || prev === CR)) {
      i++;
      while (i < type.length && (type.charCodeAt(i) === SPACE || type.charCodeAt(i) === TAB)) i++;
      if (type.charCodeAt(i) === 34 /* '"' */) {
        const close = type.indexOf('"', i + 1);
        return close < 0 ? type.slice(i + 1) : type.slice(i + 1, close);
      }
      let j = i;
      while (j < type.length && type.charCodeAt(j) !== 59 && type.charCodeAt(j) !== SPACE && type.charCodeAt(j) !== TAB) j++;
      return type.slice(i, j);
    }
    at = lower.indexOf('boundary', at + 8);
  }
  return '';
}
