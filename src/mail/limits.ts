/**
 * Every limit the e-mail analyser applies to attacker-controlled messages, with its reason (SECURITY.md PA-7).
 * A message over MAX_MESSAGE_BYTES or with an oversized header block is rejected with a coded error; a message with
 * too many or too deeply nested MIME parts is cut before the first part over the limit (prescan.ts) and analysed,
 * with a `mime-limit` signal saying what was left out. Nothing over these limits reaches mailparser.
 */

/**
 * Wall-clock milliseconds mailparser may take for one message; then the message is HW_ERR_MAIL_UNPARSABLE. A
 * 25 MB message parses in about 1 s; this catches a parser that never settles (mailparser 3.14.2 waits for ever on
 * an inline message/rfc822 part with no message in it), so the analysis promise always settles.
 */
export const MAX_PARSE_MS = 10_000;

/** Raw message bytes (PA-7: 25 MB). Real mail servers refuse far smaller messages (Gmail 25 MB incl. encoding). */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/** MIME parts, all levels together (PA-7: 500). A real message has a few dozen; mailparser#202 is a million. */
export const MAX_MIME_PARTS = 500;

/** MIME nesting depth, multiparts and attached messages (PA-7: 20). Real mail rarely nests more than 5. */
export const MAX_MIME_DEPTH = 20;

/** Bytes of one entity's header block (PA-7: 256 KB). Long DKIM/ARC/Received chains stay far below it. */
export const MAX_HEADER_BLOCK_BYTES = 256 * 1024;

/** Bytes of one unfolded header field (PA-7: 64 KB). Bounds the address parser's input (CVE-2025-14874). */
export const MAX_HEADER_FIELD_BYTES = 64 * 1024;

/** Addresses kept from one address header (PA-7: 1,000); the rest are counted, not parsed further. */
export const MAX_ADDRESSES_PER_HEADER = 1000;

/** HTML characters scanned for links, forms and text (PA-7: 2 MB, mailparser's `maxHtmlLengthToParse`). */
export const MAX_HTML_CHARS = 2 * 1024 * 1024;

/** Plain-text characters searched for lures and brand names: a phishing lure sits in the first screens. */
export const MAX_TEXT_CHARS = 256 * 1024;

/** Links judged by the engine per message: enough for any newsletter, bounded against link bombs. */
export const MAX_LINKS = 200;

/** Attachments inspected (names, HTML forms, ZIP flags) per message. */
export const MAX_ATTACHMENTS = 100;

/** Attached messages (message/rfc822, `.eml`) analysed per message: a report forwarded as an attachment. */
export const MAX_ATTACHED_MESSAGES = 4;

/** How deep attached messages are opened: 2 reaches a forward of a forward. */
export const MAX_ATTACHED_DEPTH = 2;

/** Bytes of an HTML attachment scanned for forms and scripts. */
export const MAX_ATTACHMENT_SCAN_BYTES = 2 * 1024 * 1024;

/** ZIP local headers read when looking for the encryption flag (a header is ≥ 30 bytes; this bounds the loop). */
export const MAX_ZIP_ENTRIES_SCANNED = 1000;

/** Messages read from one mbox file; the rest are reported as one error line. */
export const MAX_MBOX_MESSAGES = 1_000_000;
