/**
 * Raw RFC 5322 bytes → the fields the analyser judges. The prescan (prescan.ts) runs first and either rejects the
 * message (too large, header block too large) or cuts it before the first MIME part over a limit; only then does
 * mailparser decode MIME, transfer encodings and charsets, with its own limits set to ours. mailparser's HTML→text
 * conversion and text→HTML linkification are off (PA-7, mailparser#412): the HTML is scanned by html.ts.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import {
  MAX_ADDRESSES_PER_HEADER,
  MAX_ATTACHMENTS,
  MAX_HEADER_BLOCK_BYTES,
  MAX_HTML_CHARS,
  MAX_MIME_PARTS,
  MAX_PARSE_MS,
  MAX_TEXT_CHARS,
} from './limits.js';
import { prescan, type PrescanLimit } from './prescan.js';

export interface MailAddress {
  /** Display name as decoded (may be empty). */
  readonly name: string;
  /** The address (`local@domain`), lowercased domain; '' when the header held no parsable address. */
  readonly address: string;
  /** Domain part, lowercase, without brackets or trailing dot; '' when none. */
  readonly domain: string;
}

export interface MailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  readonly content: Buffer;
}

export interface ParsedMessage {
  readonly sha256: string;
  readonly bytes: number;
  readonly messageId: string | null;
  /** Date header as ISO 8601 when it parses, else null (the raw header is attacker-controlled anyway). */
  readonly date: string | null;
  readonly subject: string;
  readonly from: MailAddress | null;
  /** Addresses in From beyond the first (a From with several mailboxes needs a Sender). */
  readonly extraFrom: number;
  /** Every From mailbox as written (name and address), for the analyst. */
  readonly fromAll: readonly string[];
  /**
   * The From header as written has a comma outside quoted strings and comments before its address, which
   * mailparser read as one display name (`Fgehen69, jehd <x@y>`): RFC 5322 §3.4 needs such a name quoted.
   */
  readonly fromUnquotedComma: boolean;
  /** A From header is present but holds no address at all (`From: Rachid Ramiro`). */
  readonly fromWithoutAddress: boolean;
  readonly replyTo: readonly MailAddress[];
  readonly returnPath: MailAddress | null;
  /** Header fields in message order (topmost first), keys lowercase, values unfolded. */
  readonly headers: readonly { readonly key: string; readonly value: string }[];
  readonly html: string;
  readonly text: string;
  readonly attachments: readonly MailAttachment[];
  /** Structure problems, each in words: a cut at a limit, an undecodable header, a part without boundary. */
  readonly malformed: readonly string[];
  readonly cut: { readonly limit: PrescanLimit; readonly atByte: number } | null;
}

export type ParseOutcome =
  | { readonly ok: true; readonly message: ParsedMessage }
  | {
    readonly ok: false;
    readonly sha256: string;
    readonly bytes: number;
    readonly code: 'HW_ERR_MAIL_TOO_LARGE' | 'HW_ERR_MAIL_HEADER_TOO_LARGE' | 'HW_ERR_MAIL_UNPARSABLE';
    readonly params: Readonly<Record<string, string | number>>;
  };

export function sha256Hex(raw: Uint8Array): string {
  return createHash('sha256').update(raw).digest('hex');
}

export async function parseMessage(raw: Uint8Array): Promise<ParseOutcome> {
  const sha256 = sha256Hex(raw);
  const scan = prescan(raw);
  if (!scan.ok) return { ok: false, sha256, bytes: raw.length, code: scan.code, params: scan.params };
  const malformed = [...scan.malformed];
  let input = Buffer.from(raw.buffer, raw.byteOffset, raw.length);
  if (scan.cut !== null) {
    input = input.subarray(0, scan.cut.at);
    malformed.push(cutNote(scan.cut.limit, scan.cut.at));
  }
  let mail: ParsedMail;
  let timer: NodeJS.Timeout | undefined;
  try {
    const stalled = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => { reject(new Error(`not parsed within ${MAX_PARSE_MS} ms`)); }, MAX_PARSE_MS);
    });
    mail = await Promise.race([stalled, simpleParser(input, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
      keepCidLinks: true,
      maxHtmlLengthToParse: MAX_HTML_CHARS,
      maxHeadSize: MAX_HEADER_BLOCK_BYTES,
      // The prescan's count is an upper bound of mailparser's; this is a second fence, never the first.
      maxChildNodes: MAX_MIME_PARTS + 1,
      checksumAlgo: false,
    })]);
  } catch (error) {
    return { ok: false, sha256, bytes: raw.length, code: 'HW_ERR_MAIL_UNPARSABLE', params: { reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' } };
  } finally {
    clearTimeout(timer);
  }

  const headers: { key: string; value: string }[] = [];
  for (const { key, line } of mail.headerLines) {
    const colon = line.indexOf(':');
    headers.push({ key: key.toLowerCase(), value: unfold(colon < 0 ? '' : line.slice(colon + 1)) });
  }
  const subject = mail.subject ?? '';
  if (subject.includes('\uFFFD')) malformed.push('the Subject has characters that do not decode in its declared charset');
  const fromList = addresses(mail.from);
  const from = fromList[0] ?? null;
  const fromRaw = headers.find((h) => h.key === 'from')?.value ?? '';
  if (from?.name.includes('\uFFFD') === true) malformed.push('the From display name has characters that do not decode in its declared charset');
  const returnPathValue = headers.find((h) => h.key === 'return-path')?.value ?? '';
  const returnPath = returnPathValue === '' ? null : parseBareAddress(returnPathValue);

  const html = typeof mail.html === 'string' ? mail.html.slice(0, MAX_HTML_CHARS) : '';
  if (typeof mail.html === 'string' && mail.html.length > MAX_HTML_CHARS) malformed.push(`HTML longer than ${MAX_HTML_CHARS} characters: the rest was not scanned`);
  const text = (mail.text ?? '').slice(0, MAX_TEXT_CHARS);
  const attachments = mail.attachments.slice(0, MAX_ATTACHMENTS).map((a) => ({
    filename: a.filename ?? '',
    // mailparser gives `false`, not a string, for a part whose Content-Type is empty (`Content-Type:` or `;`).
    contentType: typeof a.contentType === 'string' ? a.contentType : '',
    size: a.size,
    content: a.content,
  }));
  return {
    ok: true,
    message: {
      sha256,
      bytes: raw.length,
      messageId: mail.messageId ?? null,
      date: mail.date !== undefined && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null,
      subject,
      from,
      extraFrom: Math.max(0, fromList.length - 1),
      fromAll: fromList.slice(0, 10).map((a) => (a.name === '' ? a.address : `${a.name} <${a.address}>`)),
      fromUnquotedComma: fromList.length === 1 && from !== null && from.name.includes(',') && unquotedCommaBeforeAddress(fromRaw),
      fromWithoutAddress: fromRaw !== '' && fromList.every((a) => a.domain === ''),
      replyTo: addresses(mail.replyTo),
      returnPath,
      headers,
      html,
      text,
      attachments,
      malformed,
      cut: scan.cut === null ? null : { limit: scan.cut.limit, atByte: scan.cut.at },
    },
  };
}

function cutNote(limit: PrescanLimit, at: number): string {
  switch (limit) {
    case 'parts': return `more than ${MAX_MIME_PARTS} MIME parts: analysed the first ${MAX_MIME_PARTS} (up to byte ${at})`;
    case 'depth': return `MIME parts nested deeper than the limit: analysed down to it (up to byte ${at})`;
    case 'part-header': return `a MIME part's header block is over the limit: analysed the message up to it (byte ${at})`;
  }
}

/**
 * True when a header value has a comma outside quoted strings and comments before its last `<`: one pass over
 * the characters (bounded by MAX_HEADER_FIELD_BYTES through the prescan), backslash escapes honoured.
 */
export function unquotedCommaBeforeAddress(value: string): boolean {
  const end = value.lastIndexOf('<');
  let quoted = false;
  let comment = 0;
  for (let i = 0; i < (end < 0 ? value.length : end); i++) {
    const c = value.charCodeAt(i);
    if (c === 92 /* \\ */) { i++; continue; }
    if (quoted) { if (c === 34) quoted = false; continue; }
    if (c === 34 /* " */) quoted = true;
    else if (c === 40 /* ( */) comment++;
    else if (c === 41 /* ) */ && comment > 0) comment--;
    else if (c === 44 /* , */ && comment === 0) return true;
  }
  return false;
}

function unfold(value: string): string {
  return value.replace(/\r?\n[ \t]*/g, ' ').trim();
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (value === undefined) return [];
  const out: MailAddress[] = [];
  for (const object of Array.isArray(value) ? value : [value]) {
    for (const entry of object.value) {
      for (const a of entry.group ?? [entry]) {
        if (out.length >= MAX_ADDRESSES_PER_HEADER) return out;
        out.push(toAddress(a.name, a.address ?? ''));
      }
    }
  }
  return out;
}

function toAddress(name: string, address: string): MailAddress {
  const at = address.lastIndexOf('@');
  const domain = at < 0 ? '' : address.slice(at + 1).toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  return { name: name.trim(), address: at < 0 ? address : `${address.slice(0, at)}@${domain}`, domain };
}

/** `<local@domain>` or a bare address, as in Return-Path; `<>` (bounce) has no address. */
function parseBareAddress(value: string): MailAddress | null {
  const lt = value.indexOf('<');
  const gt = value.indexOf('>', lt + 1);
  const inner = (lt >= 0 && gt > lt ? value.slice(lt + 1, gt) : value).trim();
  if (inner === '') return null;
  return toAddress('', inner);
}
