/**
 * The header block of a message forwarded inline: users forward phishing to the security team, so the lure's real
 * sender and subject sit in the body, after `---------- Forwarded message ---------`, `-----Original Message-----`,
 * `Begin forwarded message:` or Outlook's `From: … Sent: … To: … Subject:` block, in the mail program's language
 * (`De: … Enviado: … Assunto:`, `Von: … Gesendet: … Betreff:`, `De : … Envoyé : … Objet :` …).
 *
 * What counts as a quoted header block is its shape, not a marker: a From label with an address, then a Date/Sent
 * label and a Subject label (in either order) within `FORWARD_BLOCK_CHARS`. Markers vary and are often lost (HTML to text, mail
 * programs that translate them); the three labels together are what every forward carries. Works on plain text
 * (one field a line) and on HTML text collapsed to one line (the labels are found between spaces).
 *
 * Bounded: only the first `MAX_FORWARD_SCAN_CHARS` characters are searched, at most `MAX_FORWARD_CANDIDATES` From
 * labels are tried, each on a window of `FORWARD_BLOCK_CHARS`; the regular expressions are alternations of literal
 * labels (no nested quantifiers), linear on any input. Pure: no state between calls.
 */

/** Characters of the body searched for a forwarded header block (a forward's block comes first, after a short note). */
export const MAX_FORWARD_SCAN_CHARS = 20_000;
/** Characters after a From label in which the Date/Sent and Subject labels must appear (Outlook's block with a long To/Cc list fits). */
const FORWARD_BLOCK_CHARS = 1_500;
/** From labels tried: a body that says `From:` a thousand times costs at most this many windows. */
const MAX_FORWARD_CANDIDATES = 16;

export interface ForwardedHeader {
  /** The forwarded message's display name (quotes removed), '' when none. */
  readonly name: string;
  /** `local@domain`, domain lowercased. */
  readonly address: string;
  readonly domain: string;
  /** The forwarded Subject, ≤ 200 characters ('' when empty). */
  readonly subject: string;
}

// Labels as mail programs write them (Gmail, Outlook, Apple Mail, Thunderbird) in en, pt, es, fr, de, nl, it, sv/da/no, pl, ja.
const FROM_LABEL = /(?:^|[\s>*|_-])(from|de|von|van|da|fra|från|od|expéditeur|remitente|mittente|afzender|差出人)\s?:\s*/giu;
const DATE_LABEL = /(?:^|[\s>*|])(sent|date|enviado|enviada|data|datum|gesendet|envoyé|fecha|verzonden|verstuurd|inviato|skickat|sendt|wysłano|送信日時|日付)\s?:/iu;
const SUBJECT_LABEL = /(?:^|[\s>*|])(subject|assunto|betreff|objet|asunto|onderwerp|oggetto|ämne|emne|temat|件名)\s?:[ \t]*/iu;
/** A following label ends a collapsed (one-line) field value. */
const NEXT_LABEL = /\s(?:to|para|an|à|a|aan|till|til|do|cc|宛先|sent|date|enviado|enviada|data|datum|gesendet|envoyé|fecha|verzonden|inviato|skickat|sendt|subject|assunto|betreff|objet|asunto|onderwerp|oggetto)\s?:/iu;
/** Outlook's `X on behalf of Y` (`em nome de`, `im Auftrag von`, `de la part de`, `namens`, `en nombre de`, `per conto di`): Y is the From. */
const ON_BEHALF = /\s(?:on behalf of|em nome de|im auftrag von|de la part de|namens|en nombre de|per conto di)\s/iu;
const ADDRESS = /([a-z0-9._%+'-]{1,64})@((?:[a-z0-9-]{1,63}\.){1,10}[a-z0-9-]{2,63})/i;

/** The first forwarded header block of `text`, or null. */
export function forwardedHeader(text: string): ForwardedHeader | null {
  const t = text.length > MAX_FORWARD_SCAN_CHARS ? text.slice(0, MAX_FORWARD_SCAN_CHARS) : text;
  FROM_LABEL.lastIndex = 0;
  for (let n = 0; n < MAX_FORWARD_CANDIDATES; n++) {
    const label = FROM_LABEL.exec(t);
    if (label === null) return null;
    const start = label.index + label[0].length;
    const window = t.slice(start, start + FORWARD_BLOCK_CHARS);
    const header = parseBlock(window);
    if (header !== null) return header;
  }
  return null;
}

function parseBlock(window: string): ForwardedHeader | null {
  // The From value: to the end of its line, or (collapsed text) to the next label.
  const date = DATE_LABEL.exec(window);
  const subject = SUBJECT_LABEL.exec(window);
  if (date === null || subject === null) return null;
  // Outlook and Gmail write Date before Subject, Apple Mail after it: the From value ends at whichever comes first.
  let value = window.slice(0, Math.min(date.index, subject.index));
  const newline = value.indexOf('\n');
  if (newline >= 0 && value.slice(newline).trim() !== '') {
    // A line-structured block: the From field is its first line (folded To/Cc lines may follow before Date).
    const next = NEXT_LABEL.exec(value);
    if (next === null || next.index >= newline) value = value.slice(0, newline);
  }
  const next = NEXT_LABEL.exec(value);
  if (next !== null) value = value.slice(0, next.index);
  const behalf = ON_BEHALF.exec(value);
  if (behalf !== null) value = value.slice(behalf.index + behalf[0].length);
  value = value.slice(0, 400);
  const address = ADDRESS.exec(value);
  if (address === null || address.index > 300) return null;
  const local = address[1] ?? '';
  const domain = (address[2] ?? '').toLowerCase();
  // The display name: what stands before the address, without `<`, `[mailto:`, quotes and the address repeated.
  let name = value.slice(0, address.index).replace(/(?:<|\[|\()\s*(?:mailto:)?\s*$/i, '').trim();
  if (name.includes('@') && ADDRESS.exec(name)?.[0]?.toLowerCase() === address[0].toLowerCase()) name = '';
  name = name.replace(/^["'\s]+|["'\s]+$/g, '').replace(/\s+/g, ' ').slice(0, 200);
  const after = window.slice(subject.index + subject[0].length, subject.index + subject[0].length + 400);
  let subjectValue = after.split(/\r?\n/, 1)[0] ?? '';
  const end = NEXT_LABEL.exec(subjectValue);
  if (end !== null) subjectValue = subjectValue.slice(0, end.index);
  return { name, address: `${local}@${domain}`, domain, subject: subjectValue.trim().slice(0, 200) };
}
