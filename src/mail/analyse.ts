/**
 * The e-mail analyser: is this message phishing, and who does it imitate?
 *
 * Design note: pure except for the injected DNS resolver (online mode). parse.ts turns bytes into fields within the
 * limits of limits.ts; this module gathers evidence in five groups — authentication, who the message claims to be
 * from, links, words, attachments — each as a signal in words an analyst can check, and combines them like the
 * engine (noisy-OR of weights; `phishing` ≥ 70, `suspicious` ≥ 40), plus one `evidence-agreement` signal when
 * independent families of evidence (asks, links, sender, build) agree (docs/mail.md "How scores combine"). Domains and links are judged by the engine
 * (`engine.check`), so a lookalike sender and a lookalike link mean the same thing as in `hookwatch check`.
 * No signal depends on a mailbox provider's own spam verdict, and a missing header is never evidence by itself:
 * authentication counts only when a result is present and says fail; mismatches need both headers present.
 */
import type { DNSResolver } from 'mailauth';
import { createEngine, forwardsOf, isCommonWord, lowerKeepingIndexes, MAX_FORWARD_DEPTH, parseInput, safeDecode, scoreOf, verdictOf, WELL_KNOWN_DOMAINS, type Brand, type Catalog, type CheckResult, type Engine, type Signal, type SignalKind, type Verdict } from '../engine/index.js';
import { errorMessage, type ErrorCode } from '../errors.js';
import { authFromHeaders, NO_AUTH, verifyAuth, type AuthSummary } from './auth.js';
import { forwardedHeader } from './forward.js';
import { scanHtml, type HtmlScan } from './html.js';
import { DOCUMENT_EXTENSIONS, EXECUTABLE_EXTENSIONS, FREEMAIL_DOMAINS, LURE_LISTS, ZIP_EXTENSIONS, type LureKind } from './lexicon.js';
import { MAX_ATTACHED_DEPTH, MAX_ATTACHED_MESSAGES, MAX_ATTACHMENT_SCAN_BYTES, MAX_LINKS, MAX_TEXT_CHARS, MAX_ZIP_ENTRIES_SCANNED } from './limits.js';
import { extractLinks, extractMailto } from './links.js';
import { parse as parseHost } from 'tldts';
import { isPdf, MAX_PDFS, pdfLinks } from './pdf.js';
import { imageKind, MAX_QR_IMAGES, qrLink } from './qr.js';
import { parseMessage, sha256Hex, type MailAddress, type MailAttachment, type ParsedMessage } from './parse.js';
import { isInvisible, normaliseText, PhraseIndex } from './phrases.js';
import type { EmailAnalysis, MailSignal, MailSignalKind, MessageIdentity } from './types.js';

/** Bumped whenever a change can alter a verdict; stored with every analysis (with the engine's version). */
export const MAIL_ANALYSER_VERSION = '1.14.1';

/** A per-customer secret phrase that the organisation's genuine mail carries (see docs/mail.md). */
export interface AntiPhishingCode {
  /** Catalog id of the brand whose mail carries it. */
  readonly brand: string;
  readonly phrase: string;
}

export interface MailAnalyserOptions {
  readonly catalog: Catalog;
  /** The engine for `catalog`; built here when absent. */
  readonly engine?: Engine;
  /** Online mode: re-verify SPF, DKIM, DMARC and ARC with this resolver. Offline (headers only) when absent. */
  readonly resolver?: DNSResolver;
  /** Believe only Authentication-Results written by these authserv-ids (offline mode); any topmost one when empty. */
  readonly trustedAuthservIds?: readonly string[];
  readonly antiPhishingCodes?: readonly AntiPhishingCode[];
}

export interface MailAnalyser {
  readonly version: string;
  analyse(raw: Uint8Array): Promise<EmailAnalysis>;
}

/** Signal weights, 0-100. Set on the whole evaluation sets (docs/mail.md), never per message. */
export const MAIL_WEIGHTS = {
  dmarcFail: 50,
  dmarcFailOfficial: 85,
  spfFail: 25,
  spfSoftfail: 10,
  dkimFail: 20,
  arcFail: 10,
  displayNameBrand: 65,
  /**
   * The sender's address itself names a brand (`paypal.security@gmail.com`, `netflix-billing@mailer.example`) that its
   * domain is not: shown where there is no display name. Less than a display name's claim (a shop's `paypal-orders@`
   * mailbox is about the brand, not posing as it), more at free webmail, where no brand writes from.
   */
  senderAddressBrand: 30,
  senderAddressBrandWebmail: 40,
  displayNameSite: 45,
  displayNameAddress: 45,
  lookalikeSenderFactor: 0.9,
  lookalikeOtherFactor: 0.8,
  /** A sender, Reply-To or link host the engine finds risky without naming a brand (dynamic DNS, abused TLD …). */
  riskOnlyFactor: 0.6,
  replyToFreemail: 40,
  replyToOther: 15,
  returnPathOther: 5,
  brandNotSender: 15,
  brandInSubject: 20,
  linkTextMismatch: 45,
  linkTextMismatchOfficial: 75,
  riskyLinkFactor: 0.7,
  formInBody: 50,
  passwordInBody: 75,
  metaRefresh: 40,
  lure: [0, 15, 30, 40] as readonly number[],
  credentialLure: [0, 20, 35, 45] as readonly number[],
  htmlAttachment: 30,
  htmlAttachmentScript: 50,
  htmlAttachmentForm: 75,
  doubleExtension: 70,
  executable: 50,
  encryptedArchive: 50,
  trackingPixel: 5,
  antiPhishingCodeMissing: 70,
  malformed: 10,
  multipleFrom: 40,
  bogusDomain: 40,
  mixedScript: 50,
  styledLetters: 40,
  /** Content pushed tens of thousands of pixels or screens away (OFFSCREEN_MIN_PX): like styled letters, a trick no real sender needs. */
  offscreenContent: 40,
  mimeLimit: 30,
  /** Scam families (dating, pharmacy, crypto, casino, advance-fee, extortion): by distinct phrases, like the lures. */
  scamLure: [0, 20, 40, 45] as readonly number[],
  displayNameDomain: 40,
  freemailOrganisation: 40,
  spelledOutHost: 40,
  /** A From address generated per message (generatedSender): supporting evidence. */
  generatedSender: 20,
  /**
   * Link hosts that hide or cheapen the destination (raw IP, shortener, abused TLD, free or dynamic-DNS hosting):
   * the engine's weight × this, + `linkShapeMore` when several hosts. Supporting evidence only (mailing lists link
   * goo.gl and self-hosted dynamic-DNS services too).
   */
  linkShapeFactor: 0.5,
  linkShapeMore: 5,
  /** A sender's domain on an abused TLD, free hosting or dynamic DNS that the engine lets through: its weight × this. */
  senderShapeFactor: 0.6,
  imageOnly: 40,
  bitcoinAddress: 40,
  /** A From whose display name holds an unquoted comma (two names glued, one without address), or no address at all. */
  fromGlued: 30,
  fromWithoutAddress: 30,
  /** The subject or the greeting calls the reader by an e-mail address instead of a name. */
  greetingAddress: 25,
  /** An unverified official brand sender none of whose links leads to the brand. */
  officialForeignLinks: 40,
  /** Replies go to another webmail mailbox than the sender's own (or the From has no address). */
  replyToOtherMailbox: 30,
  /** The text asks the reader to write to a free webmail mailbox that is not the sender's: the Reply-To pattern in words. */
  webmailContact: 30,
  /**
   * `evidence-agreement`, by how many independent families of evidence (what the message asks for, where its links
   * go, who sent it, how it is built) each hold a signal of at least `AGREEMENT_MIN_WEIGHT`: 2 → 15 (one more ordinary
   * piece of evidence), 3+ → 30. Measured on the dev half (docs/mail.md).
   */
  agreement: [0, 0, 15, 30, 30] as readonly number[],
} as const;

/** The independent families of evidence; a signal belongs to at most one. */
type EvidenceFamily = 'asks' | 'links' | 'sender' | 'build';

const FAMILY_WORDS: Readonly<Record<EvidenceFamily, string>> = {
  asks: 'what it asks for', links: 'where its links go', sender: 'who sent it', build: 'how it is built',
};

const EVIDENCE_FAMILY: Readonly<Partial<Record<MailSignalKind, EvidenceFamily>>> = {
  'credential-lure': 'asks', 'payment-lure': 'asks', urgency: 'asks', threat: 'asks', 'prize-lure': 'asks', 'dating-lure': 'asks',
  'health-lure': 'asks', 'crypto-lure': 'asks', 'gambling-lure': 'asks', 'advance-fee-lure': 'asks', 'extortion-lure': 'asks',
  'offer-lure': 'asks', 'job-lure': 'asks', 'callback-lure': 'asks', 'bitcoin-address': 'asks',
  'risky-link': 'links', 'link-shape': 'links', 'link-text-mismatch': 'links', 'form-in-body': 'links', 'meta-refresh': 'links',
  'auth-dmarc': 'sender', 'auth-spf': 'sender', 'display-name-brand': 'sender', 'sender-address-brand': 'sender', 'display-name-site': 'sender', 'display-name-address': 'sender',
  'display-name-domain': 'sender', 'lookalike-sender': 'sender', 'lookalike-reply-to': 'sender', 'lookalike-return-path': 'sender',
  'reply-to-mismatch': 'sender', 'bogus-domain': 'sender', 'freemail-organisation': 'sender', 'odd-sender-host': 'sender',
  'greeting-address': 'sender', 'official-sender-foreign-links': 'sender', 'webmail-contact': 'sender',
  'anti-phishing-code-missing': 'sender',
  'obfuscated-text': 'build', 'image-only': 'build', 'malformed-mime': 'build', 'mime-limit': 'build', 'html-attachment': 'build',
  'double-extension': 'build', 'executable-attachment': 'build', 'encrypted-archive': 'build',
};

/**
 * The weight a signal needs to count as its family's evidence for `evidence-agreement` (default
 * `AGREEMENT_MIN_WEIGHT`). Context that ordinary mail raises all the time never counts — a brand named in the text
 * (141 of the 2,172 legitimate dev messages), a Reply-To or bounce address at another organisation (264: lists, help
 * desks), a tracking pixel (newsletters), a DKIM or ARC failure (forwarding breaks them) — nor do the weak variants of
 * a kind: an SPF softfail, a malformed-MIME note of 10 (broken mailers).
 */
const AGREEMENT_MIN_WEIGHT = 10;
const AGREEMENT_NEVER = 101;
const AGREEMENT_WEIGHT_OF: Readonly<Partial<Record<MailSignalKind, number>>> = {
  'brand-not-sender': AGREEMENT_NEVER, 'return-path-mismatch': AGREEMENT_NEVER, 'tracking-pixel': AGREEMENT_NEVER,
  'auth-dkim': AGREEMENT_NEVER, 'auth-arc': AGREEMENT_NEVER,
  'reply-to-mismatch': MAIL_WEIGHTS.replyToOther + 1, 'auth-spf': MAIL_WEIGHTS.spfSoftfail + 1, 'malformed-mime': MAIL_WEIGHTS.malformed + 1,
};

/** The families that hold at least one counting signal, each with the kinds that count (in signal order). */
export function agreeingFamilies(signals: readonly MailSignal[]): Map<EvidenceFamily, string[]> {
  const out = new Map<EvidenceFamily, string[]>();
  for (const s of signals) {
    const family = EVIDENCE_FAMILY[s.kind];
    if (family === undefined || s.weight < (AGREEMENT_WEIGHT_OF[s.kind] ?? AGREEMENT_MIN_WEIGHT)) continue;
    const kinds = out.get(family) ?? [];
    if (!kinds.includes(s.kind)) kinds.push(s.kind);
    out.set(family, kinds);
  }
  return out;
}

const LURE_SIGNAL: Readonly<Record<LureKind, MailSignalKind>> = {
  credential: 'credential-lure', payment: 'payment-lure', urgency: 'urgency', threat: 'threat', prize: 'prize-lure',
  dating: 'dating-lure', health: 'health-lure', crypto: 'crypto-lure', gambling: 'gambling-lure', 'advance-fee': 'advance-fee-lure',
  extortion: 'extortion-lure', offer: 'offer-lure', job: 'job-lure', callback: 'callback-lure',
};

const LURE_KINDS = Object.keys(LURE_SIGNAL) as readonly LureKind[];
/** Scam families whose single phrases are ordinary words; alone, one of them weighs `lure[1]`, not `scamLure[1]`. */
const LONE_PHRASE_KINDS: ReadonlySet<LureKind> = new Set(['advance-fee']);
const SCAM_KINDS: ReadonlySet<LureKind> = new Set(['dating', 'health', 'crypto', 'gambling', 'advance-fee', 'extortion', 'job', 'callback']);

const LURE_WORDS: Readonly<Record<LureKind, string>> = {
  credential: 'asks the reader to sign in, verify or confirm account details',
  payment: 'talks money: payment, cards, invoices, refunds or fees',
  urgency: 'presses for speed',
  threat: 'threatens loss of access or other harm',
  prize: 'offers a prize or money for nothing, or greets an anonymous "customer"',
  dating: 'is a dating or adult lure',
  health: 'sells pills, diets or miracle cures (pharmacy and diet spam)',
  crypto: 'is a crypto giveaway, airdrop or investment lure',
  gambling: 'advertises casino or betting bonuses',
  'advance-fee': 'reads like an advance-fee letter (a fortune, a beneficiary, your personal details)',
  extortion: 'reads like sextortion or extortion (a hacked device, a recording, your contacts)',
  offer: 'is a cold sales offer of the kind lead-generation spam sends (insurance quotes, loans, solar panels, subsidies), or says an affiliate sent it',
  job: 'offers easy money for simple work from home, the bait of job and task scams and of money-mule recruiting',
  callback: 'speaks of a charge or order the reader did not make and where to call about it: callback phishing, where the call is the scam',
};

class SignalList {
  readonly list: MailSignal[] = [];
  brand: string | null = null;
  brandWeight = 0;
  add(kind: MailSignalKind, detail: string, weight: number, brand: string | null = null, caveat = ''): void {
    const w = Math.max(0, Math.min(100, Math.round(weight)));
    this.list.push(caveat === '' ? { kind, detail, weight: w } : { kind, detail, weight: w, caveat });
    if (brand !== null && w > this.brandWeight) { this.brand = brand; this.brandWeight = w; }
  }
}

/**
 * Shows control characters and invisible ones (isInvisible: bidi controls, zero-width characters …) escaped (PA-12:
 * `invoice\u202Efdp.exe` → `invoice<U+202E>fdp.exe`).
 */
export function escapeInvisible(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || c === 0x7f || isInvisible(c)) {
      out += `<U+${c.toString(16).toUpperCase().padStart(4, '0')}>`;
    } else {
      out += ch;
    }
  }
  return out;
}

/** PDFs and images still to be read for links (MAX_PDFS, MAX_QR_IMAGES), for a message and those attached to it. */
interface ContentBudget {
  pdfs: number;
  images: number;
}

/** An iCalendar invitation (text/calendar, or a file named `.ics`): calendar phishing puts its link there. */
function isCalendar(a: MailAttachment): boolean {
  const type = a.contentType.toLowerCase();
  return type === 'text/calendar' || type === 'application/ics' || a.filename.toLowerCase().endsWith('.ics');
}

/** A message/rfc822 (or message/global) part, or a file named `.eml`: a message of its own. */
function isAttachedMessage(a: MailAttachment): boolean {
  const type = a.contentType.toLowerCase();
  return type === 'message/rfc822' || type === 'message/global' || a.filename.toLowerCase().endsWith('.eml');
}

function quote(text: string, max = 80): string {
  const shown = escapeInvisible(text.length > max ? `${text.slice(0, max)}…` : text);
  return `"${shown}"`;
}

function extension(name: string, fromEnd: number): string {
  const parts = name.toLowerCase().trim().replace(/[.\s]+$/, '').split('.');
  return parts.length > fromEnd ? (parts[parts.length - 1 - fromEnd] ?? '').trim() : '';
}

const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

/** Characters at the start of the body where a brand named by the message counts (phishing names it up front). */
const BRAND_OPENING_CHARS = 1500;

/** Characters of visible text examined for script tricks (subject, display name, the start of the body). */
const MAX_OBFUSCATION_SCAN_CHARS = 20_000;

export interface ScriptTricks {
  /** Words mixing Latin letters with Cyrillic or Greek look-alikes (`Mееt`, with Cyrillic е). */
  readonly mixedWords: readonly string[];
  /** Letters from the mathematical-alphanumeric, enclosed or full-width blocks (`𝐘𝐎𝐔𝐑`), used to dodge word filters. */
  readonly styledLetters: number;
  /** Runs of invisible characters between two Latin letters (`Pay\u200Bpal`, `P\u200F\u200Eay`). */
  readonly hiddenSplits: number;
}

function scriptOf(c: number): 'latin' | 'cyrillic' | 'greek' | 'other' | 'none' {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) return 'latin';
  if (c >= 0x400 && c <= 0x4ff) return 'cyrillic';
  if (c >= 0x370 && c <= 0x3ff) return 'greek';
  if (c < 0x80 || isInvisible(c)) return 'none';
  return 'other';
}

/** One pass over code points: words that mix scripts, styled letters, zero-width splits. */
export function scriptTricks(text: string): ScriptTricks {
  const mixedWords: string[] = [];
  let styledLetters = 0;
  let hiddenSplits = 0;
  let wordStart = 0;
  let latin = false;
  let confusable = false;
  const end = Math.min(text.length, MAX_OBFUSCATION_SCAN_CHARS);
  const closeWord = (at: number): void => {
    if (latin && confusable && mixedWords.length < 5) mixedWords.push(text.slice(wordStart, at));
    latin = false;
    confusable = false;
    wordStart = at + 1;
  };
  for (let i = 0; i < end; i++) {
    const c = text.codePointAt(i) ?? 0;
    if (c > 0xffff) i++;
    if ((c >= 0x1d400 && c <= 0x1d7ff) || (c >= 0x24b6 && c <= 0x24e9) || (c >= 0xff21 && c <= 0xff5a)) { styledLetters++; continue; }
    if (isInvisible(c)) {
      // A run of invisible characters (`comp\u00AD\u00AD\u00ADany`) is one split: look past the run both ways.
      if (i > 0 && isInvisible(text.charCodeAt(i - 1))) continue;
      let after = i + 1;
      while (after < end && after - i < 64 && isInvisible(text.charCodeAt(after))) after++;
      const prev = i > 0 ? scriptOf(text.charCodeAt(i - 1)) : 'none';
      const next = after < end ? scriptOf(text.charCodeAt(after)) : 'none';
      if (prev === 'latin' && next === 'latin') hiddenSplits++;
      continue;
    }
    const script = scriptOf(c);
    if (script === 'latin') latin = true;
    else if (script === 'cyrillic' || script === 'greek') confusable = true;
    else closeWord(i);
  }
  closeWord(end);
  return { mixedWords, styledLetters, hiddenSplits };
}

/** True when a ZIP archive (by magic bytes) has an entry with the encryption flag (general-purpose bit 0). */
export function zipHasEncryptedEntry(content: Buffer): boolean {
  const signature = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
  let at = content.indexOf(signature);
  for (let n = 0; at >= 0 && n < MAX_ZIP_ENTRIES_SCANNED; n++) {
    if (at + 8 <= content.length && (content.readUInt16LE(at + 6) & 1) === 1) return true;
    at = content.indexOf(signature, at + 4);
  }
  return false;
}

function isZip(content: Buffer): boolean {
  return content.length >= 4 && content[0] === 0x50 && content[1] === 0x4b && content[2] === 0x03 && content[3] === 0x04;
}

function looksLikeHtml(a: MailAttachment): boolean {
  const ext = extension(a.filename, 0);
  if (ext === 'html' || ext === 'htm' || ext === 'shtml' || ext === 'xhtml' || ext === 'svg') return true;
  if (a.contentType.toLowerCase() === 'text/html') return true;
  const head = a.content.subarray(0, 512).toString('latin1').toLowerCase();
  return head.includes('<html') || head.includes('<form') || head.includes('<script');
}

/** The host a link's visible text shows, when the text is a URL or a bare host name ('' otherwise). */
function shownHost(text: string): string {
  const t = text.trim().toLowerCase();
  if (t.length < 4 || t.length > 300 || t.includes(' ')) return '';
  let candidate = t;
  if (/^https?:\/\//.test(candidate)) candidate = candidate.replace(/^https?:\/\//, '');
  else if (!/^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}(?:[/:?#]|$)/.test(candidate)) return '';
  const end = candidate.search(/[/:?#]/);
  const host = end < 0 ? candidate : candidate.slice(0, end);
  return host.includes('.') ? host : '';
}

function httpHost(href: string): string {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname.toLowerCase() : '';
  } catch {
    return '';
  }
}

/**
 * Words in a display name that claim an organisation rather than a person (`Blockchain Support`, `Ledger Team`,
 * `Atendimento`): from a free-webmail address they are a classic disguise. Matched as whole words, normalised.
 */
const ORGANISATION_WORDS: readonly string[] = [
  'support', 'team', 'service', 'services', 'security', 'department', 'bank', 'banking', 'admin', 'administrator',
  'customer', 'customers', 'helpdesk', 'help desk', 'notification', 'notifications', 'foundation', 'official', 'pharmacy',
  'wallet', 'claims', 'billing', 'accounts', 'management', 'headquarters', 'union', 'ministry', 'government', 'delivery',
  'courier', 'shipping', 'helpline', 'compliance', 'verification', 'inc', 'ltd', 'llc', 'gmbh', 'corp', 'corporation',
  'suporte', 'atendimento', 'equipe', 'soporte', 'servicio', 'equipo', 'kundenservice', 'kundendienst', 'équipe', 'klantenservice',
  'banco', 'banque',
];

/** The words of a normalised text: letters, digits and `&` (AT&T), split at everything else. */
function wordsOf(text: string): string[] {
  return text.split(/[^\p{L}\p{N}&]+/u).filter((w) => w !== '');
}

/** The registrable label of a domain (`costco` of costco.co.uk), as the engine splits it; '' when it is none. */
function domainLabelOf(domain: string): string {
  const parsed = parseInput(domain);
  return parsed.ok ? parsed.subject.domainLabel : '';
}

let siteNameTable: ReadonlyMap<string, string> | undefined;

/**
 * Names of well-known sites (`costco` → costco.com, `tractorsupply`), for display-name-site: the label of each domain
 * of the engine's shipped well-known list, when it is at least WELL_KNOWN_NAME_CHARS letters and no ordinary word
 * (`target`, `medium` name people and things too). Catalog-independent, so built once per process, on the first
 * display name that needs it: parsing the ~5,000 domains takes about 70 ms cold, which every analyser (each sandbox
 * thread, each `scan-email` run) would otherwise pay at start-up.
 */
function siteNames(): ReadonlyMap<string, string> {
  if (siteNameTable === undefined) {
    const table = new Map<string, string>();
    for (const domain of WELL_KNOWN_DOMAINS.split('\n')) {
      const label = domain === '' ? '' : domainLabelOf(domain);
      if (label.length < WELL_KNOWN_NAME_CHARS || !/^[a-z]+$/.test(label) || isCommonWord(label)) continue;
      // One domain per name, the `.com` one when there is one (costco.com rather than costco.ca).
      if (!table.has(label) || domain === `${label}.com`) table.set(label, domain);
    }
    siteNameTable = table;
  }
  return siteNameTable;
}

/** Characters of an address's local part read for brand names (RFC 5321 allows 64). */
const MAX_LOCAL_PART_CHARS = 64;

/** Length of the brand names a display name claims only in capitals as its first word (acronymDisplayBrand). */
const ACRONYM_CHARS = 3;

/** Characters of a display name split into words (site, generic-brand and organisation names are short). */
const DISPLAY_NAME_WORD_CHARS = 200;

/** Shortest well-known site name a display name is compared with: shorter ones (`bbc`, `ikea`) are initials or words too. */
const WELL_KNOWN_NAME_CHARS = 5;

/** Words around a brand's name in a display name that name a sender's role, not a person (`Ledger Support`, `Chase Alerts`, `Team Lido`). */
const SENDER_ROLE_WORDS: ReadonlySet<string> = new Set([
  ...ORGANISATION_WORDS.filter((w) => !w.includes(' ')), 'notice', 'notices', 'alert', 'alerts', 'info', 'noreply', 'news',
]);

/** Link-host signals from the engine that say the destination is hidden or cheap to get (see engine WEIGHTS). */
const LINK_SHAPE_KINDS: ReadonlySet<SignalKind> = new Set<SignalKind>(['ip-host', 'url-shortener', 'risky-tld', 'user-content-host', 'dynamic-dns']);
/** Engine signals that make a sender's domain cheap or abused (odd-sender-host); a shortener or IP is no mail domain. */
const SENDER_SHAPE_KINDS: ReadonlySet<SignalKind> = new Set<SignalKind>(['risky-tld', 'user-content-host', 'dynamic-dns']);

/** Visible words under which an HTML body with a remote image and a link counts as "only an image". */
const IMAGE_ONLY_MAX_WORDS = 12;

/**
 * A Bitcoin address (base58 P2PKH/P2SH, bech32) in a text that also says bitcoin/btc: the payment channel of
 * sextortion and giveaway scams. Linear-time: bounded character classes, no nesting.
 */
const BITCOIN_ADDRESS = /(?<![a-zA-Z0-9])(?:bc1[a-z0-9]{25,59}|[13][a-km-zA-HJ-NP-Z1-9]{25,34})(?![a-zA-Z0-9])/;

/**
 * Letters spaced out to dodge word filters (`E n t r e g a`, `F.e.d.E.x`): a run of at least five single letters
 * each followed by one space or dot. Subject and display name only (bodies hold tables and initials).
 */
export function spacedOutWord(text: string): string {
  let run = 0;
  let start = 0;
  for (let i = 0; i < text.length && i < 1000; i++) {
    const letter = scriptOf(text.charCodeAt(i)) === 'latin' && (i === 0 || scriptOf(text.charCodeAt(i - 1)) !== 'latin');
    const sep = text.charCodeAt(i + 1);
    if (letter && (sep === 32 || sep === 46 /* . */) && (i + 2 >= text.length || scriptOf(text.charCodeAt(i + 2)) === 'latin')) {
      if (run === 0) start = i;
      run++;
      i++;
      continue;
    }
    if (letter && run >= 4) return scriptOf(text.charCodeAt(i + 1)) === 'latin' ? text.slice(start, i - 1) : text.slice(start, i + 1);
    run = 0;
  }
  return '';
}

/** How opt-out footers begin, per language (lowercase): the words before one are the message's own. */
const OPT_OUT_PHRASES: readonly string[] = [
  'unsubscribe', 'no longer wish to receive', 'remove yourself', 'opt out', 'opt-out', 'abmelden', 'abbestellen', 'abzubestellen', 'désinscri',
  'se désabonner', 'afmelden', 'uitschrijven', 'darse de baja', 'cancelar inscrição', 'cancele a sua inscrição', 'descadastr',
];

/** Characters of visible text searched for an opt-out footer (an image message has few words before it). */
const OPT_OUT_SCAN_CHARS = 2000;

/** Index of the first opt-out phrase in the opening of `text`, or -1. */
function optOutAt(text: string): number {
  const head = lowerKeepingIndexes(text.slice(0, OPT_OUT_SCAN_CHARS));
  let first = -1;
  for (const p of OPT_OUT_PHRASES) {
    const at = head.indexOf(p);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  return first;
}

function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length && n <= 1000; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** Local parts of addresses that speak for an organisation, not a person (prefixes, normalised: lowercase, no `-`/`_`/`.`). */
const ROLE_MAILBOXES: readonly string[] = [
  'noreply', 'donotreply', 'notifica', 'notification', 'alert', 'info', 'service', 'support', 'news', 'mail', 'contact',
  'hello', 'team', 'account', 'billing', 'security', 'update', 'offer', 'promo', 'marketing', 'system', 'admin', 'care',
  'help', 'customer', 'atendimento', 'kundenservice', 'aviso', 'avis', 'reply',
];

/** True when the address's local part is a role mailbox (`no-reply@`, `notifica@`, `service@`) rather than a person's. */
export function roleMailbox(address: string): boolean {
  const local = localPart(address).toLowerCase().replace(/[-_.+]/g, '');
  return ROLE_MAILBOXES.some((r) => local.startsWith(r));
}

/** The part of an address before its last `@` (at most 64 characters), or '' when there is none. */
function localPart(address: string): string {
  const at = address.lastIndexOf('@');
  return at > 0 ? address.slice(0, Math.min(at, 64)) : '';
}

/** Reply and forward prefixes before a list's subject tag (`Re: [rpm-list] …`, `AW: WG: [ILUG] …`), at most a few. */
const SUBJECT_PREFIX = /^(?:\s*(?:re|fwd?|aw|wg|tr|rv|res|enc|antw|sv|vs)\s*(?:\[\d{1,3}\])?\s*:)+\s*/i;

/** Letters and digits of a name, lowercased: `[RPM-List]` and `rpm_list@` compare equal. */
function alnum(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The list tag of the subject (`[zzzzteana] Nobel astrophysicists` → `zzzzteana`) when the Reply-To mailbox has the
 * same name, else ''. A mailing list that sets Reply-To to itself also tags its subjects with its name (Mailman's
 * `subject_prefix`, Yahoo! Groups, Google Groups): the reply goes to the conversation the reader is in, not to a
 * collector. Read from the message's own Subject and Reply-To, never from list or delivery fields (which the
 * evaluation copies lack). Bounded: the tag is at most 60 characters, the prefix regex is linear (no nested
 * quantifier over the same characters).
 */
export function listTagOfReplyTo(subject: string, replyAddress: string): string {
  const rest = subject.slice(0, 200).replace(SUBJECT_PREFIX, '');
  if (!rest.startsWith('[')) return '';
  const close = rest.indexOf(']');
  if (close < 2 || close > 61) return '';
  const tag = rest.slice(1, close).trim();
  const local = alnum(localPart(replyAddress));
  return local.length >= 2 && alnum(tag) === local ? tag : '';
}

/** Characters at the start of the body where a contact address is looked for (the ask comes before signatures). */
const CONTACT_SCAN_CHARS = 3000;
/** Addresses examined there: a list of a thousand addresses costs at most this many look-backs. */
const MAX_CONTACT_ADDRESSES = 20;
/** Characters before an address in which the ask must stand (`reply me through my private email: x@…`). */
const CONTACT_CUE_CHARS = 48;

/**
 * Words that ask the reader to write to the address that follows (normalised text: lowercase, one space), en, pt,
 * es, fr, de, nl, it. `e-mail:` alone is not one: signatures say it.
 */
const CONTACT_CUES: readonly string[] = [
  'write at', 'write to', 'write me', 'reply to', 'reply me', 'reply through', 'respond to', 'contact me', 'contact us at',
  'get back to me', 'email me', 'e-mail me', 'mail me', 'private email', 'private e-mail', 'personal email', 'contact email',
  'email for response', 'e-mail for response',
  'escreva para', 'escreva-me', 'responda para', 'me responda', 'entre em contato', 'meu e-mail privado', 'meu email pessoal',
  'escríbeme', 'escribe a', 'responde a', 'contáctame', 'mi correo privado', 'mi correo personal',
  'écrivez-moi', 'écrivez à', 'répondez à', 'contactez-moi', 'mon adresse privée', 'mon e-mail privé',
  'schreib mir', 'schreiben sie mir', 'schreiben sie an', 'antworten sie an', 'kontaktieren sie mich', 'meine private e-mail',
  'schrijf me', 'schrijf naar', 'antwoord naar', 'neem contact op via', 'mijn privé e-mail', 'scrivimi', 'scrivi a', 'contattami',
];

/**
 * A free-webmail address the opening of the text asks the reader to write to, that is not the sender's own (nor the
 * recipient's), or ''. Advance-fee and dating letters are sent from anywhere and collect answers in a webmail
 * mailbox named in the text, the way their Reply-To does.
 */
export function webmailContact(text: string, isFreemail: (domain: string) => boolean, own: readonly string[]): string {
  const t = text.slice(0, CONTACT_SCAN_CHARS);
  let at = t.indexOf('@');
  for (let n = 0; at >= 0 && n < MAX_CONTACT_ADDRESSES; n++, at = t.indexOf('@', at + 1)) {
    const address = addressAround(t, at).toLowerCase();
    if (address === '' || own.includes(address)) continue;
    const localLength = address.indexOf('@');
    if (!isFreemail(address.slice(localLength + 1))) continue;
    const start = at - localLength;
    const before = t.slice(Math.max(0, start - CONTACT_CUE_CHARS), start);
    if (CONTACT_CUES.some((cue) => before.includes(cue))) return address;
  }
  return '';
}

/** The parts of a mailto: link that write the message for the reader (RFC 6068): the link is a prepared answer. */
const MAILTO_PREFILLED: ReadonlySet<string> = new Set(['subject', 'cc', 'bcc', 'body']);

/**
 * A free-webmail address that one of the message's `mailto:` links opens a message to, with its subject, copy or text
 * already written (`mailto:x@gmail.com?subject=Report%20User%20Now`), that is not the sender's own (nor a Reply-To's),
 * or ''. Such a button ("Report user", "Unsubscribe", "Request number …") collects answers in a webmail mailbox the
 * headers do not name, as the text's ask does in webmailContact(). A bare `mailto:` to a person (a quoted reply's
 * `From: Paul [mailto:paul@yahoo.com]`) does not count.
 */
export function webmailMailto(links: Iterable<string>, isFreemail: (domain: string) => boolean, own: readonly string[]): string {
  for (const link of links) {
    if (!link.toLowerCase().startsWith('mailto:')) continue;
    const rest = link.slice('mailto:'.length);
    const q = rest.indexOf('?');
    if (q < 0) continue;
    const prepared = [...new URLSearchParams(rest.slice(q + 1)).keys()].some((k) => MAILTO_PREFILLED.has(k.toLowerCase()));
    if (!prepared) continue;
    for (const part of rest.slice(0, q).split(',')) {
      const address = safeDecode(part).trim().toLowerCase();
      const at = address.lastIndexOf('@');
      if (at <= 0 || address.includes('%') || own.includes(address) || !isFreemail(address.slice(at + 1))) continue; // '%': escapes that do not decode
      return address;
    }
  }
  return '';
}

/** Greeting words after which a name is expected (`Hi`, `Dear`, `Hallo`, `Olá` …): normalised, as in lexicon.ts. */
const GREETINGS: ReadonlySet<string> = new Set([
  'hi', 'hello', 'hey', 'dear', 'attention', 'hallo', 'liebe', 'lieber', 'achtung', 'hoi', 'beste', 'ola', 'olá', 'oi', 'prezado', 'prezada',
  'caro', 'cara', 'hola', 'estimado', 'estimada', 'querido', 'querida', 'bonjour', 'salut', 'cher', 'chère', 'ciao', 'gentile',
]);

/** An e-mail address at `at` in `text` (the index of its '@'), or '' (bounded: 64 characters either side). */
function addressAround(text: string, at: number): string {
  const span = addressSpan(text, at);
  return span === null ? '' : text.slice(span.start, span.end);
}

/** Where addressAround() finds the address around the `@` at `at`, or null when there is none. */
function addressSpan(text: string, at: number): { start: number; end: number } | null {
  const word = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 46 || c === 45 || c === 95 || c === 43;
  let start = at;
  while (start > 0 && at - start < 64 && word(text.charCodeAt(start - 1))) start--;
  let end = at + 1;
  while (end < text.length && end - at < 64 && word(text.charCodeAt(end))) end++;
  while (end > at + 1 && text.charCodeAt(end - 1) === 46) end--;
  return start < at && end > at + 1 ? { start, end } : null;
}

/** Characters at the start of the body where a greeting is looked for. */
const GREETING_CHARS = 400;

/**
 * The e-mail address a message greets the reader by, or '': the To address inside the Subject, an address
 * right after a greeting word (`Hallo anna@example.org!`) at the start of the body or subject, or a subject or
 * body that opens with an address followed by `,` `!` or `:` (`anna@example.org, your parcel …`).
 */
export function greetingAddress(subject: string, body: string, to: string): string {
  const toAt = to.indexOf('@');
  const toAddress = toAt < 0 ? '' : addressAround(to, toAt).toLowerCase();
  const subjectLower = subject.toLowerCase();
  if (toAddress !== '' && subjectLower.includes(toAddress)) return toAddress;
  for (const text of [subjectLower.slice(0, GREETING_CHARS), body.slice(0, GREETING_CHARS)]) {
    for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      const span = addressSpan(text, at);
      if (span === null || !text.slice(at, span.end).includes('.')) continue;
      const { start } = span;
      const address = text.slice(start, span.end);
      const before = text.slice(Math.max(0, start - 16), start).replace(/[\s,:]+$/, '');
      const lastWord = before.slice(before.lastIndexOf(' ') + 1).toLowerCase();
      const after = text.charCodeAt(start + address.length);
      const opens = text.slice(0, start).trim() === '' && (after === 44 || after === 33 || after === 58 || after === 32 && text.charCodeAt(start + address.length + 1) === 33);
      if (opens || GREETINGS.has(lastWord)) return address;
    }
  }
  return '';
}

/** True when a host spells its name out in single-character labels (`o.n.e.k.e.y.i.n.12.example.com`): four or more in a row. */
export function spelledOutHost(host: string): boolean {
  let run = 0;
  let label = 0;
  for (let i = 0; i <= host.length; i++) {
    if (i === host.length || host.charCodeAt(i) === 46 /* . */) {
      run = label === 1 ? run + 1 : 0;
      if (run >= 4) return true;
      label = 0;
    } else {
      label++;
    }
  }
  return false;
}

/** Six letters in a row without a vowel (y counts as a vowel), which no pronounceable host label has: `xvcbnhjhgngbfd15`. */
const RANDOM_CONSONANTS = /[bcdfghjklmnpqrstvwxz]{6}/;
/**
 * Case changes inside one run of letters, one of them a lower-case letter between capitals, that no name has
 * (`LgKNzHdjiTJ`, `sERvICe`; `McDonald` has 2 changes, CamelCase words such as `BloodHealthGummies` no lower-case
 * letter alone between capitals).
 */
const RANDOM_CASE_CHANGES = 4;

/**
 * What makes a sender's address look generated per message, as bulk mailers that rotate senders make them, or '':
 * a local part `Given_Family_12345` (a name with a serial number: `Trujillo_Edmundo_99550@…`, `For_You_46962@…`) or
 * with letters of random case (`renew_LgKNzHdjiTJ@…`), or a sub-domain label of random consonants in front of the
 * sender's domain (`…@asdhbsvjldmopsfjij76.hantaro.live`). People choose names like `maria_lopez_123` at webmail
 * providers, so `webmail` addresses are judged by their sub-domains only (they have none).
 */
export function generatedSender(address: string, domain: string, registrableDomain: string, webmail: boolean): string {
  const at = address.lastIndexOf('@');
  const local = at < 0 ? '' : address.slice(0, Math.min(at, MAX_LOCAL_PART_CHARS));
  if (!webmail && /^[A-Za-z]+_[A-Za-z]+_\d{3,}$/.test(local)) return `the address ${quote(address, 80)} is a name with a serial number`;
  for (const run of local.split(/[^A-Za-z]+/)) {
    let changes = 0;
    let lowerAlone = false;
    for (let i = 1; i < run.length; i++) {
      const upper = run.charCodeAt(i) < 97;
      if (upper !== run.charCodeAt(i - 1) < 97) changes++;
      if (!upper && i + 1 < run.length && run.charCodeAt(i - 1) < 97 && run.charCodeAt(i + 1) < 97) lowerAlone = true;
    }
    if (changes >= RANDOM_CASE_CHANGES && lowerAlone) return `the address ${quote(address, 80)} has letters of random case ("${run}")`;
  }
  if (registrableDomain === '' || domain.length <= registrableDomain.length) return '';
  for (const label of domain.slice(0, domain.length - registrableDomain.length - 1).split('.')) {
    if (RANDOM_CONSONANTS.test(label)) return `the sender's domain ${quote(domain, 100)} has the random label "${label}"`;
  }
  return '';
}

/** The analysis of a message that could not be judged: its identity is its SHA-256 and size only. */
export function errorAnalysis(
  mode: EmailAnalysis['mode'], sha256: string, bytes: number, code: ErrorCode, params: Readonly<Record<string, string | number>>,
): EmailAnalysis {
  return {
    verdict: 'error', score: 0, brand: null, signals: [], mode, auth: NO_AUTH, senderDomain: null, links: [],
    message: { messageId: null, date: null, from: null, fromName: null, subject: null, sha256, bytes },
    error: { code, message: errorMessage(code, params) },
  };
}

export function createMailAnalyser(options: MailAnalyserOptions): MailAnalyser {
  const engine = options.engine ?? createEngine(options.catalog);
  const brands: readonly Brand[] = options.catalog.brands;
  const brandById = new Map(brands.map((b) => [b.id, b]));
  const freemail = new Set(FREEMAIL_DOMAINS);
  const docExt = new Set(DOCUMENT_EXTENSIONS);
  const exeExt = new Set(EXECUTABLE_EXTENSIONS);
  const zipExt = new Set(ZIP_EXTENSIONS);
  const lures = new PhraseIndex(LURE_LISTS.flatMap((list) => list.phrases.map((phrase) => ({ phrase, value: list.kind }))));
  // Brand names in text: names and keywords of 4+ letters; a generic brand (an ordinary word such as `chase`) only
  // by a name of several words or 8+ letters, never by its keyword alone.
  const brandPhrases: { phrase: string; value: string }[] = [];
  for (const b of brands) {
    const name = normaliseText(b.name);
    const strongName = name.includes(' ') || name.length >= 8;
    if ((b.generic !== true || strongName) && name.length >= 4) brandPhrases.push({ phrase: name, value: b.id });
    if (b.generic === true) continue;
    for (const k of b.keywords) if (k.length >= 4 && k !== name) brandPhrases.push({ phrase: k, value: b.id });
  }
  const brandIndex = new PhraseIndex(brandPhrases);
  /** Names that are the catalog's own (keywords, official labels): `display-name-brand` judges them, not display-name-site. */
  const catalogNames = new Set(brands.flatMap((b) => [...b.keywords, ...b.domains.map(domainLabelOf)]));
  /**
   * Names only a display name claims, normalised, first brand first: one-word names and keywords of generic brands
   * (`ledger`, `chase`, `celsius` of Celsius Network; genericDisplayBrand), and three-character names of the others
   * (`dhl`, `dpd`, `ftx`), which the text index leaves out as too short for prose (acronymDisplayBrand).
   */
  const genericNames = new Map<string, string>();
  const acronyms = new Map<string, string>();
  for (const b of brands) {
    for (const name of [normaliseText(b.name), ...b.keywords]) {
      if (b.generic === true) {
        if (name.length >= 3 && !/[^\p{L}\p{N}&]/u.test(name) && !genericNames.has(name)) genericNames.set(name, b.id);
      } else if (name.length === ACRONYM_CHARS && /^[a-z0-9]+$/.test(name) && !acronyms.has(name)) {
        acronyms.set(name, b.id);
      }
    }
  }
  const organisationIndex = new PhraseIndex(ORGANISATION_WORDS.map((phrase) => ({ phrase, value: phrase })));
  const codes = options.antiPhishingCodes ?? [];
  const trusted = (options.trustedAuthservIds ?? []).map((id) => id.toLowerCase());
  const cache = new Map<string, CheckResult>();
  const mode: EmailAnalysis['mode'] = options.resolver === undefined ? 'offline' : 'online';

  /** engine.check with a small per-analyser cache (domains repeat across a mailbox). */
  function check(input: string): CheckResult {
    let result = cache.get(input);
    if (result === undefined) {
      result = engine.check(input);
      if (cache.size > 10_000) cache.clear();
      cache.set(input, result);
    }
    return result;
  }

  function registrable(domain: string): string {
    if (domain === '') return '';
    const r = check(domain);
    return r.domain ?? r.host ?? domain;
  }

  function officialBrandOf(domain: string): string | null {
    if (domain === '') return null;
    const r = check(domain);
    return r.verdict === 'official' ? r.brand : null;
  }

  /**
   * A brand name in running text, not part of an address, host name or path (`x@gmail.com`, `lore.kernel.org/…`
   * name Gmail only as infrastructure).
   */
  function inProse(text: string, start: number, end: number): boolean {
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    const after = end < text.length ? text.charCodeAt(end) : 32;
    if (before === 64 /* @ */ || before === 46 /* . */ || before === 47 /* / */ || after === 64 || after === 47) return false;
    if (after === 46 /* . */ && end + 1 < text.length) {
      const next = text.charCodeAt(end + 1);
      if ((next >= 97 && next <= 122) || (next >= 48 && next <= 57)) return false;
    }
    return true;
  }

  /** A domain whose last label is no top-level domain at all (not in the Public Suffix List): no one can own it. */
  function bogusDomain(domain: string): boolean {
    if (domain === '' || domain.startsWith('[') || /^[\d.]+$/.test(domain)) return false;
    const p = parseHost(domain, { allowPrivateDomains: true });
    return p.isIcann !== true && p.isPrivate !== true;
  }

  function brandName(id: string): string {
    return brandById.get(id)?.name ?? id;
  }

  /**
   * Never rejects: a defect that throws on one message becomes that message's HW_ERR_MAIL_INTERNAL result, so a
   * mailbox scan or the report queue goes on with the next message.
   */
  async function analyse(raw: Uint8Array): Promise<EmailAnalysis> {
    try {
      return await analyseOrThrow(raw, 0, { pdfs: MAX_PDFS, images: MAX_QR_IMAGES });
    } catch (error) {
      const reason = error instanceof Error ? error.message.slice(0, 200) : 'unknown';
      return failed(sha256Hex(raw), raw.length, 'HW_ERR_MAIL_INTERNAL', { reason });
    }
  }

  function failed(sha256: string, bytes: number, code: ErrorCode, params: Readonly<Record<string, string | number>>): EmailAnalysis {
    return errorAnalysis(mode, sha256, bytes, code, params);
  }

  /**
   * `depth` > 0: a message attached to another, read offline (a person relayed it: DNS now says nothing of then).
   * `budget`: the PDFs and images still to be read for links, shared by a message and the messages attached to it,
   * so that nesting does not multiply the costliest work.
   */
  async function analyseOrThrow(raw: Uint8Array, depth: number, budget: ContentBudget): Promise<EmailAnalysis> {
    const parsed = await parseMessage(raw);
    if (!parsed.ok) return depth === 0 ? failed(parsed.sha256, parsed.bytes, parsed.code, parsed.params) : errorAnalysis('offline', parsed.sha256, parsed.bytes, parsed.code, parsed.params);
    const m = parsed.message;
    let auth: AuthSummary;
    if (options.resolver === undefined || depth > 0) {
      auth = authFromHeaders(m.headers, trusted);
    } else {
      try {
        auth = await verifyAuth(raw, options.resolver);
      } catch (error) {
        auth = { ...NO_AUTH, basis: `re-verification failed: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown'}` };
      }
    }
    const own = judge(m, auth, depth === 0 ? mode : 'offline', budget);
    if (depth >= MAX_ATTACHED_DEPTH) return own;
    const attached: EmailAnalysis[] = [];
    for (const a of m.attachments) {
      if (attached.length >= MAX_ATTACHED_MESSAGES) break;
      if (isAttachedMessage(a)) attached.push(await analyseOrThrow(a.content, depth + 1, budget));
    }
    return attached.length === 0 ? own : withAttached(own, attached);
  }

  /**
   * A message with messages attached (a report forwarded as an attachment, as Outlook's "Report phishing" and every
   * mail program's "Forward as attachment" send it; or a lure hidden one level down): each attached message is
   * analysed as a message of its own and said in an `attached-message` signal weighing its score when it is risky.
   * What a message delivers is part of it: a colleague's verified mail carrying a phishing message is not `official`.
   */
  function withAttached(own: EmailAnalysis, attached: readonly EmailAnalysis[]): EmailAnalysis {
    const signals: MailSignal[] = [...own.signals];
    let worst: EmailAnalysis | null = null;
    for (const a of attached) {
      const risky = a.verdict === 'phishing' || a.verdict === 'suspicious';
      signals.push({ kind: 'attached-message', detail: describeAttached(a), weight: risky ? a.score : 0 });
      if (risky && (worst === null || a.score > worst.score)) worst = a;
    }
    const links = [...new Set([...own.links, ...attached.flatMap((a) => a.links)])].slice(0, MAX_LINKS);
    if (worst === null) return { ...own, signals, links, attached };
    const score = scoreOf(signals);
    const brand = own.brand !== null && own.score >= worst.score ? own.brand : worst.brand ?? own.brand;
    return { ...own, verdict: verdictOf(score), score, brand, signals, links, attached };
  }

  function describeAttached(a: EmailAnalysis): string {
    if (a.error !== undefined) return `an attached message could not be analysed (${a.error.code}: ${a.error.message})`;
    const subject = a.message.subject === null || a.message.subject === '' ? '' : ` ${quote(a.message.subject)}`;
    const from = a.message.from === null ? '' : ` from ${a.message.from}`;
    let top: MailSignal | undefined;
    for (const s of a.signals) if (top === undefined || s.weight > top.weight) top = s;
    const judged = a.verdict === 'benign' || a.verdict === 'official' ? `judged ${a.verdict}` : a.verdict;
    return `the attached message${subject}${from} is ${judged} (score ${a.score}${a.brand === null ? '' : `, ${brandName(a.brand)}`})${top === undefined || top.weight === 0 ? '' : `: ${top.detail}`}`;
  }

  function judge(m: ParsedMessage, auth: AuthSummary, mode: EmailAnalysis['mode'], budget: ContentBudget): EmailAnalysis {
    const signals = new SignalList();
    const from = m.from;
    const fromDomain = from?.domain ?? '';
    const fromOrg = registrable(fromDomain);
    const fromOfficial = officialBrandOf(fromDomain);
    const html: HtmlScan | null = m.html === '' ? null : scanHtml(m.html);
    const bodyText = normaliseText(`${m.text} ${html?.text ?? ''}`.slice(0, MAX_TEXT_CHARS));
    const subjectText = normaliseText(m.subject);
    const identity: MessageIdentity = {
      messageId: m.messageId, date: m.date, from: from?.address ?? null, fromName: from?.name ?? null,
      subject: m.subject, sha256: m.sha256, bytes: m.bytes,
    };
    const { links, origins } = collectLinks(m, html, budget);
    const result = (verdict: Verdict, score: number, brand: string | null): EmailAnalysis => ({
      verdict, score, brand, signals: signals.list, message: identity, mode, auth,
      senderDomain: fromDomain === '' ? null : fromDomain, links,
    });

    // ── Authentication ──
    const dkimPassOfficial = fromOfficial !== null && auth.dkim.some((d) => d.result === 'pass' && officialBrandOf(d.domain) === fromOfficial);
    if (fromOfficial !== null && (auth.dmarc?.result === 'pass' || dkimPassOfficial)) {
      signals.add('auth-verified-sender', `From ${fromDomain} is an official domain of ${brandName(fromOfficial)} and ${auth.dmarc?.result === 'pass' ? 'DMARC passes' : 'an aligned DKIM signature passes'} (${auth.basis})`, 0, fromOfficial);
      return result('official', 0, fromOfficial);
    }
    if (auth.dmarc?.result === 'fail') {
      if (fromOfficial !== null) {
        signals.add('auth-dmarc', `DMARC fail for ${fromDomain}, an official domain of ${brandName(fromOfficial)}: the message is not from ${brandName(fromOfficial)} (${auth.basis})`, MAIL_WEIGHTS.dmarcFailOfficial, fromOfficial);
      } else {
        signals.add('auth-dmarc', `DMARC fail for ${auth.dmarc.domain || fromDomain}: the From domain's owner does not vouch for this message (${auth.basis})`, MAIL_WEIGHTS.dmarcFail);
      }
    }
    if (auth.spf?.result === 'fail') signals.add('auth-spf', `SPF fail for ${auth.spf.domain || 'the envelope sender'}: the sending server is not allowed to send for it (${auth.basis})`, MAIL_WEIGHTS.spfFail);
    else if (auth.spf?.result === 'softfail') signals.add('auth-spf', `SPF softfail for ${auth.spf.domain || 'the envelope sender'} (${auth.basis})`, MAIL_WEIGHTS.spfSoftfail);
    if (auth.dkim.length > 0 && auth.dkim.every((d) => d.result === 'fail' || d.result === 'permerror')) {
      signals.add('auth-dkim', `DKIM ${auth.dkim.map((d) => `${d.result}${d.domain === '' ? '' : ` (d=${d.domain})`}`).join(', ')}: no signature verifies (${auth.basis})`, MAIL_WEIGHTS.dkimFail,
        null, 'forwarding and mailing lists can break signatures');
    }
    if (auth.arc?.result === 'fail') signals.add('auth-arc', `ARC fail: the forwarding chain's seals do not verify (${auth.basis})`, MAIL_WEIGHTS.arcFail);
    if (fromOfficial !== null && auth.dmarc?.result !== 'fail') {
      signals.add('unverified-official-sender', `From ${fromDomain} is an official domain of ${brandName(fromOfficial)}, but nothing here verifies it (${auth.basis})`, 0, null,
        'a From address is easy to forge; only DMARC or an aligned DKIM pass proves it');
    }

    // ── Who it claims to be ──
    const displayBrands = from === null ? [] : senderSignals(signals, from, '', subjectText);
    // A message forwarded inline (a user's report to the security team): the quoted header block's sender is judged
    // as the From is, and a kind the From already raised is not counted twice.
    const forwarded = forwardedHeader(m.text !== '' ? m.text : html?.text ?? '');
    if (forwarded !== null && registrable(forwarded.domain) !== fromOrg) {
      const quoted = new SignalList();
      const quotedBrands = senderSignals(quoted, forwarded, 'in the forwarded message quoted in the body, ', subjectText);
      const raised = new Set(signals.list.filter((s) => s.weight > 0).map((s) => s.kind));
      for (const s of quoted.list) {
        if (raised.has(s.kind)) continue;
        signals.add(s.kind, s.detail, s.weight, s.kind === 'display-name-brand' || s.kind === 'sender-address-brand' || s.kind.startsWith('lookalike') ? quoted.brand : null, s.caveat ?? '');
      }
      // Brands the quoted display name claims falsely are judged there; one at its own (unverifiable) domain stays a name the text drops.
      const quotedOfficial = officialBrandOf(forwarded.domain);
      displayBrands.push(...quotedBrands.filter((b) => !displayBrands.includes(b) && b !== quotedOfficial));
    }
    const replyOrgs = new Set<string>();
    for (const r of m.replyTo) {
      const org = registrable(r.domain);
      if (org !== '' && freemail.has(org) && !replyOrgs.has(org) && (fromOrg === '' || (org === fromOrg && r.address.toLowerCase() !== (from?.address ?? '').toLowerCase()))) {
        // Another webmail mailbox than the one that wrote (or a From with no address at all): the reply reaches
        // someone the sender's address does not name, the way advance-fee letters collect their answers.
        replyOrgs.add(org);
        signals.add('reply-to-mismatch', fromOrg === '' ? `the From gives no address, and replies go to a free webmail address (${r.address})`
          : `replies go to another free webmail mailbox (${r.address}) than the one that sent the message (${from?.address ?? ''})`, MAIL_WEIGHTS.replyToOtherMailbox);
        continue;
      }
      if (org === '' || org === fromOrg || replyOrgs.has(org)) continue;
      replyOrgs.add(org);
      if (bogusDomain(r.domain)) {
        signals.add('bogus-domain', `replies go to ${quote(r.address)}, at a domain under no existing top-level domain: a fake header`, MAIL_WEIGHTS.bogusDomain);
        continue;
      }
      domainSignal(signals, 'lookalike-reply-to', 'Reply-To', r.domain, MAIL_WEIGHTS.lookalikeOtherFactor);
      if (fromOrg === '') continue;
      if (freemail.has(org) && !freemail.has(fromOrg)) {
        signals.add('reply-to-mismatch', `replies go to a free webmail address (${r.address}), not to the sender's domain ${fromOrg}`, MAIL_WEIGHTS.replyToFreemail);
      } else {
        const list = listTagOfReplyTo(m.subject, r.address);
        if (list !== '') {
          signals.add('reply-to-mismatch', `replies go to ${r.address}, the mailing list the subject's tag ${quote(`[${list}]`, 64)} names, not to the sender's domain ${fromOrg}: a list's own Reply-To`, 0);
        } else {
          signals.add('reply-to-mismatch', `replies go to ${org}, not to the sender's domain ${fromOrg}`, MAIL_WEIGHTS.replyToOther, null,
            'mailing lists, help desks and marketing platforms often set a Reply-To elsewhere');
        }
      }
    }
    if (m.returnPath !== null && fromOrg !== '') {
      const org = registrable(m.returnPath.domain);
      if (org !== '' && org !== fromOrg && !replyOrgs.has(org)) {
        domainSignal(signals, 'lookalike-return-path', 'Return-Path', m.returnPath.domain, MAIL_WEIGHTS.lookalikeOtherFactor);
        signals.add('return-path-mismatch', `bounces go to ${org}, not to the sender's domain ${fromOrg}`, MAIL_WEIGHTS.returnPathOther, null,
          'bulk-mail services use their own bounce domains');
      }
    }
    const subjectBrands = brandIndex.scan(subjectText, inProse).map((h) => h.value).filter((b) => b !== fromOfficial);
    // Only the opening of the body: footers, signatures and quoted threads name other companies all the time.
    const bodyBrands = brandIndex.scan(bodyText.slice(0, BRAND_OPENING_CHARS), inProse).map((h) => h.value).filter((b) => b !== fromOfficial && !subjectBrands.includes(b));
    const namedBrands = [...new Set([...subjectBrands, ...bodyBrands])].filter((b) => !displayBrands.includes(b));
    if (namedBrands.length > 0 && fromDomain !== '' && !namedBrands.some((b) => registrable(fromDomain).includes(b))) {
      const first = namedBrands[0] ?? '';
      const inSubject = subjectBrands.includes(first);
      signals.add('brand-not-sender', `${inSubject ? 'the subject' : 'the text'} names ${namedBrands.slice(0, 3).map(brandName).join(', ')}, but the message is from ${fromDomain}`,
        inSubject ? MAIL_WEIGHTS.brandInSubject : MAIL_WEIGHTS.brandNotSender, first, 'newsletters and forwarded mail name other companies all the time');
    }

    const greeted = greetingAddress(m.subject, bodyText, m.headers.find((h) => h.key === 'to')?.value ?? '');
    if (greeted !== '') {
      signals.add('greeting-address', `the message calls the reader by an e-mail address (${quote(greeted, 80)}), not by a name: it was written for a list of addresses`, MAIL_WEIGHTS.greetingAddress, null,
        'a few sign-up confirmations greet by address too');
    }

    const isFreemail = (d: string): boolean => freemail.has(registrable(d));
    const ownAddresses = [(from?.address ?? '').toLowerCase(), ...m.replyTo.map((r) => r.address.toLowerCase()), ...(forwarded === null ? [] : [forwarded.address.toLowerCase()])];
    const contact = webmailContact(bodyText, isFreemail, ownAddresses);
    const mailto = contact === '' ? webmailMailto([...(html?.links.map((l) => l.href) ?? []), ...extractMailto(m.text, MAX_LINKS)], isFreemail, ownAddresses) : '';
    if (contact !== '') {
      signals.add('webmail-contact', `the text asks the reader to write to a free webmail address (${contact}) that is not the sender's: answers go to a mailbox the headers do not name`,
        MAIL_WEIGHTS.webmailContact);
    } else if (mailto !== '') {
      signals.add('webmail-contact', `a link opens a message to a free webmail address (${mailto}), its subject already written, that is not the sender's: answers go to a mailbox the headers do not name`,
        MAIL_WEIGHTS.webmailContact);
    }

    // ── Links ──
    linkSignals(signals, html, links, m.text, origins);
    // Only for the brand's own voice — its name in the display name, or a role mailbox (`notifica@`, `no-reply@`):
    // the brand's employees write to lists and colleagues from the same domain about other sites all day.
    if (fromOfficial !== null && !freemail.has(fromOrg) && links.length > 0 && (displayBrands.includes(fromOfficial) || roleMailbox(from?.address ?? ''))) {
      const hosts = links.map(httpHost);
      if (!hosts.some((host) => registrable(host) === fromOrg || officialBrandOf(host) === fromOfficial)) {
        const foreign = [...new Set(hosts)].slice(0, 3);
        signals.add('official-sender-foreign-links', `the From ${fromDomain} is an official domain of ${brandName(fromOfficial)} (not verified here), but none of the message's ${links.length} link(s) leads to ${brandName(fromOfficial)}: they go to ${foreign.join(', ')}`,
          MAIL_WEIGHTS.officialForeignLinks, fromOfficial, 'some brands send through click-tracking services on other domains; a verified sender is never judged by this');
      }
    }

    // ── Words ──
    // The sender's display name is text the reader sees first, beside the subject (`ONLINE PHARMACY`, `Casino Bonus`).
    // So are attachments' file names (`Payment_Overdue.html`), with their separators read as spaces.
    const fileNames = m.attachments.map((a) => a.filename.replace(/[_.-]+/g, ' ')).join(' ').slice(0, MAX_TEXT_CHARS);
    const hits = lures.scan(`${normaliseText(from?.name ?? '')} ${subjectText} ${bodyText} ${normaliseText(fileNames)}`);
    let severalPhrases = false;
    let lonePhrase = -1;
    for (const kind of LURE_KINDS) {
      const ofKind = hits.filter((h) => h.value === kind);
      // A phrase inside a longer one of the same kind (`will be suspended` in `account will be suspended`) is the
      // same words: each stretch of text counts once.
      const phrases = [...new Set(ofKind.filter((h) => !ofKind.some((o) => o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start)).map((h) => h.phrase))];
      if (phrases.length === 0) continue;
      if (phrases.length > 1) severalPhrases = true;
      else if (LONE_PHRASE_KINDS.has(kind)) lonePhrase = signals.list.length;
      const table = kind === 'credential' ? MAIL_WEIGHTS.credentialLure : SCAM_KINDS.has(kind) ? MAIL_WEIGHTS.scamLure : MAIL_WEIGHTS.lure;
      const weight = table[Math.min(phrases.length, table.length - 1)] ?? 0;
      signals.add(LURE_SIGNAL[kind], `the message ${LURE_WORDS[kind]}: ${phrases.slice(0, 4).map((p) => quote(p, 40)).join(', ')}${phrases.length > 4 ? ` and ${phrases.length - 4} more` : ''}`, weight);
    }

    if (bodyText.includes('bitcoin') || bodyText.includes('btc')) {
      const wallet = BITCOIN_ADDRESS.exec(`${m.text.slice(0, MAX_TEXT_CHARS)} ${html?.text.slice(0, MAX_TEXT_CHARS) ?? ''}`);
      if (wallet !== null) signals.add('bitcoin-address', `the message gives a Bitcoin address to pay (${quote(wallet[0], 70)}): the payment channel of extortion and giveaway scams`, MAIL_WEIGHTS.bitcoinAddress);
    }

    const spaced = spacedOutWord(from?.name ?? '') || spacedOutWord(m.subject);
    if (spaced !== '') signals.add('obfuscated-text', `a word spelled out letter by letter (${quote(spaced, 40)}): text disguised against word filters`, MAIL_WEIGHTS.styledLetters);

    const tricks = scriptTricks(`${m.subject}\n${from?.name ?? ''}\n${m.text.slice(0, MAX_OBFUSCATION_SCAN_CHARS)}\n${html?.text.slice(0, MAX_OBFUSCATION_SCAN_CHARS) ?? ''}`);
    if (tricks.mixedWords.length > 0) {
      signals.add('obfuscated-text', `words written with look-alike letters from another script: ${tricks.mixedWords.slice(0, 3).map((w) => quote(w, 30)).join(', ')} (words that read as Latin but would not match a filter)`, MAIL_WEIGHTS.mixedScript);
    }
    if (tricks.styledLetters >= 3 || tricks.hiddenSplits >= 3) {
      const what = [tricks.styledLetters >= 3 ? `${tricks.styledLetters} letters in decorative Unicode styles (e.g. 𝐁𝐎𝐋𝐃)` : '', tricks.hiddenSplits >= 3 ? `${tricks.hiddenSplits} invisible characters inside words` : ''].filter((t) => t !== '').join(' and ');
      signals.add('obfuscated-text', `${what}: text disguised against word filters`, MAIL_WEIGHTS.styledLetters);
    }
    if (html !== null && html.offscreenCss !== '') {
      signals.add('obfuscated-text', `the HTML places content out of any reader's sight (${quote(html.offscreenCss, 60)}): text kept for filters, not for people`, MAIL_WEIGHTS.offscreenContent);
    }

    // ── Attachments ──
    attachmentSignals(signals, m.attachments);
    if (html !== null && html.trackingPixels > 0) {
      signals.add('tracking-pixel', `${html.trackingPixels} remote image(s) of one pixel or hidden: opening the message tells the sender it was read`, MAIL_WEIGHTS.trackingPixel, null,
        'newsletters use them too');
    }

    // ── Operator policy: anti-phishing code ──
    for (const code of codes) {
      const claims = fromOfficial === code.brand || displayBrands.includes(code.brand) || subjectBrands.includes(code.brand);
      if (!claims) continue;
      const phrase = normaliseText(code.phrase);
      if (phrase !== '' && !bodyText.includes(phrase) && !subjectText.includes(phrase)) {
        signals.add('anti-phishing-code-missing', `the message claims to be from ${brandName(code.brand)} but does not carry its anti-phishing code`, MAIL_WEIGHTS.antiPhishingCodeMissing, code.brand);
      }
    }

    // ── Structure ──
    if (m.cut !== null) signals.add('mime-limit', m.malformed.find((t) => t.includes('analysed')) ?? 'a MIME limit was reached', MAIL_WEIGHTS.mimeLimit, null);
    const structural = m.malformed.filter((t) => !t.includes('analysed'));
    if (structural.length > 0) signals.add('malformed-mime', structural.slice(0, 3).join('; '), MAIL_WEIGHTS.malformed, null, 'broken mailers produce malformed messages too');
    if (m.fromUnquotedComma) {
      signals.add('malformed-mime', `the From display name ${quote(from?.name ?? '')} has a comma outside quotes: written as is, the header holds two names glued together, one without an address (RFC 5322 needs such a name quoted; mail programs do)`,
        MAIL_WEIGHTS.fromGlued, null, 'a hand-written "Last, First" name looks like this too');
    }
    if (m.fromWithoutAddress) {
      signals.add('malformed-mime', `the From header (${quote(m.headers.find((h) => h.key === 'from')?.value ?? '', 60)}) gives no address: nobody can answer or check the sender`, MAIL_WEIGHTS.fromWithoutAddress);
    }
    if (m.extraFrom > 0) {
      signals.add('malformed-mime', `the From header lists ${m.extraFrom + 1} mailboxes (${m.fromAll.slice(0, 3).map((a) => quote(a, 60)).join(', ')}): a display name split off its address, a classic disguise`, MAIL_WEIGHTS.multipleFrom);
    }

    // ── Combination: independent kinds of evidence agreeing ──
    const families = agreeingFamilies(signals.list);
    const alone = signals.list[lonePhrase];
    if (alone !== undefined && !severalPhrases && [...families.keys()].every((f) => f === 'asks')) {
      // One advance-fee phrase is ordinary English ("my name is", "donation"): with no stronger phrase and no other
      // kind of evidence it weighs what one ordinary lure phrase weighs.
      signals.list[lonePhrase] = { ...alone, weight: MAIL_WEIGHTS.lure[1] ?? 0,
        detail: `${alone.detail} (one phrase, and no stronger phrase or other kind of evidence agrees: weighed as one ordinary lure phrase)` };
    }
    const agreement = MAIL_WEIGHTS.agreement[Math.min(families.size, MAIL_WEIGHTS.agreement.length - 1)] ?? 0;
    if (agreement > 0) {
      const which = [...families].map(([f, k]) => `${FAMILY_WORDS[f]} (${k.join(', ')})`);
      signals.add('evidence-agreement', `${families.size} independent kinds of evidence agree: ${which.slice(0, -1).join(', ')} and ${which[which.length - 1] ?? ''}`, agreement);
    }

    const score = scoreOf(signals.list);
    return result(verdictOf(score), score, signals.brand);
  }

  /**
   * What a sender's display name and domain claim (display-name-brand, -address, -domain, freemail-organisation,
   * odd-sender-host, lookalike-sender, bogus-domain), for the From or for the sender of a forwarded message
   * (`where` then says so at the start of each detail). Returns the brands the display name names.
   */
  function senderSignals(signals: SignalList, from: { readonly name: string; readonly address: string; readonly domain: string }, where: string, subjectText: string): string[] {
    const fromDomain = from.domain;
    const fromOrg = registrable(fromDomain);
    const fromOfficial = officialBrandOf(fromDomain);
    const webmail = freemail.has(fromOrg);
    const role = where === '' ? 'the From' : 'the forwarded From';
    const displayBrands = from.name === '' ? [] : [...new Set(brandIndex.scan(normaliseText(from.name), inProse).map((h) => h.value))];
    // The display name's first DISPLAY_NAME_WORD_CHARS, normalised once for the word look-ups below.
    const shortName = normaliseText(from.name.slice(0, DISPLAY_NAME_WORD_CHARS));
    const nameWords = wordsOf(shortName);
    const generic = genericDisplayBrand(nameWords, subjectText);
    if (generic !== null && !displayBrands.includes(generic)) displayBrands.push(generic);
    const acronym = acronymDisplayBrand(from.name);
    if (acronym !== null && !displayBrands.includes(acronym)) displayBrands.push(acronym);
    const site = displayBrands.length === 0 ? displayNameSite(nameWords) : '';
    const siteDomain = site === '' ? undefined : siteNames().get(site);
    if (siteDomain !== undefined && !fromDomain.includes(site)) {
      signals.add('display-name-site', `${where}the display name ${quote(from.name)} is the name of the well-known site ${siteDomain}, but the address is at ${fromDomain || 'no domain'}`, MAIL_WEIGHTS.displayNameSite);
    }
    for (const b of displayBrands) {
      // `"Microsoft account team" <x@outlook.com>`: a webmail mailbox is a customer's, not the brand speaking.
      if (b === fromOfficial && !webmail) continue;
      const at = webmail ? `a free webmail address (${from.address})` : `${fromDomain || 'no domain'}, not a domain of ${brandName(b)}`;
      signals.add('display-name-brand', `${where}the display name ${quote(from.name)} names ${brandName(b)}, but the address is at ${at}`, MAIL_WEIGHTS.displayNameBrand, b);
    }
    if (displayBrands.length === 0) addressBrandSignal(signals, from, where, fromOrg, fromOfficial);
    if (from.name.includes('@')) {
      const shown = /[a-z0-9._%+-]+@([a-z0-9.-]+\.[a-z]{2,})/i.exec(from.name.slice(0, 500));
      const shownDomain = shown?.[1]?.toLowerCase() ?? '';
      if (shownDomain !== '' && registrable(shownDomain) !== fromOrg) {
        signals.add('display-name-address', `${where}the display name shows the address ${quote(shown?.[0] ?? '')}, but the message is from ${from.address}`, MAIL_WEIGHTS.displayNameAddress, officialBrandOf(shownDomain));
      }
    } else if (from.name !== '' && fromOrg !== '') {
      // A web address in the display name (`"Stellar.org Team" <x@unrelated.example>`) claims a sender the address is not.
      const shown = /(?<![a-z0-9@.-])((?:[a-z0-9-]+\.)+[a-z]{2,24})(?![a-z0-9.-])/i.exec(from.name.slice(0, 500));
      const shownDomain = shown?.[1]?.toLowerCase() ?? '';
      const p = shownDomain === '' ? null : parseHost(shownDomain, { allowPrivateDomains: true });
      if (p !== null && p.isIcann === true && p.domain !== null && p.domainWithoutSuffix !== null && p.domainWithoutSuffix.length >= 3
        && registrable(shownDomain) !== fromOrg && !fromOrg.startsWith(`${p.domainWithoutSuffix}.`)) {
        signals.add('display-name-domain', `${where}the display name shows the web address ${quote(shownDomain)}, but the message is from ${from.address}`, MAIL_WEIGHTS.displayNameDomain, officialBrandOf(shownDomain));
      }
    }
    // A webmail brand's own domain (gmail.com is Google's) is still anyone's mailbox: it claims no organisation.
    if (webmail && displayBrands.length === 0) {
      const words = [...new Set(organisationIndex.scan(shortName).map((h) => h.value))];
      if (words.length > 0) {
        signals.add('freemail-organisation', `${where}the display name ${quote(from.name)} claims an organisation (${words.slice(0, 3).map((w) => quote(w, 20)).join(', ')}), but the address is a free webmail account (${from.address})`, MAIL_WEIGHTS.freemailOrganisation);
      }
    }
    const spelled = spelledOutHost(fromDomain);
    if (spelled) signals.add('odd-sender-host', `${where}${role} domain ${quote(fromDomain, 100)} is spelled out in single-letter labels, a throwaway name made to dodge filters`, MAIL_WEIGHTS.spelledOutHost);
    const generated = spelled ? '' : generatedSender(from.address, fromDomain, fromOrg, webmail);
    if (generated !== '') signals.add('odd-sender-host', `${where}${generated}: a sender made up for this message, as bulk mailers rotate them`, MAIL_WEIGHTS.generatedSender, null, 'some systems generate addresses too');
    const judged = domainSignal(signals, 'lookalike-sender', where === '' ? 'From' : `${where}the forwarded From`, fromDomain, MAIL_WEIGHTS.lookalikeSenderFactor);
    // A sender the engine lets through, on a cheap or abused kind of domain (`x@offers.talaba.click`): as for links
    // (link-shape), supporting evidence only; organisations send from their own names under ordinary suffixes.
    const shape = judged?.verdict === 'benign' && !spelled ? judged.signals.find((x) => SENDER_SHAPE_KINDS.has(x.kind)) : undefined;
    if (shape !== undefined) {
      signals.add('odd-sender-host', `${where}${role} domain ${quote(fromDomain, 100)} is on a cheap or abused kind of domain (${shape.detail})`,
        shape.weight * MAIL_WEIGHTS.senderShapeFactor, null, 'some small senders use such domains too');
    }
    if (bogusDomain(fromDomain)) signals.add('bogus-domain', `${where}${role} address ${quote(from.address)} is at a domain under no existing top-level domain: nobody can own it`, MAIL_WEIGHTS.bogusDomain);
    return displayBrands;
  }

  /**
   * `sender-address-brand`: the address's local part, its separators read as spaces (`paypal.security.team`), names a
   * brand its domain is not official for. Only when the display name claims none (then that is the claim).
   */
  function addressBrandSignal(signals: SignalList, from: { readonly address: string; readonly domain: string }, where: string, fromOrg: string, fromOfficial: string | null): void {
    const at = from.address.lastIndexOf('@');
    if (at <= 0) return;
    const local = normaliseText(from.address.slice(0, Math.min(at, MAX_LOCAL_PART_CHARS)).replace(/[._+=-]+/g, ' '));
    const b = brandIndex.scan(local, inProse)[0]?.value;
    if (b === undefined || b === fromOfficial) return;
    const webmail = freemail.has(fromOrg);
    signals.add('sender-address-brand', `${where}the sender's address ${quote(from.address)} names ${brandName(b)}, but it is ${webmail ? 'a free webmail address' : `at ${from.domain || 'no domain'}, not a domain of ${brandName(b)}`}`,
      webmail ? MAIL_WEIGHTS.senderAddressBrandWebmail : MAIL_WEIGHTS.senderAddressBrand, b);
  }

  /** The name of the well-known site (siteNames) the display name is, sender-role words after it allowed, or ''. */
  function displayNameSite(nameWords: readonly string[]): string {
    let end = nameWords.length;
    while (end > 1 && SENDER_ROLE_WORDS.has(nameWords[end - 1] ?? '')) end--;
    const name = nameWords.slice(0, end).join('');
    return name.length >= WELL_KNOWN_NAME_CHARS && !catalogNames.has(name) && siteNames().has(name) ? name : '';
  }

  /**
   * The generic brand (its name an ordinary word: Ledger, Chase, Zoom) a display name claims, or null: the display
   * name is the brand's name with only sender-role words around it (`Ledger Support`, `Chase Alerts`, `Team Lido`),
   * or starts with it and the subject repeats the whole display name (`Ledger` writing "Ledger Data Breach", `Ledger
   * Live` writing "Your Ledger Live device suspended"). About something else, it is as likely a person's name (a
   * Chase writing about lunch).
   */
  function genericDisplayBrand(words: readonly string[], subjectText: string): string | null {
    const at = words.findIndex((w) => !SENDER_ROLE_WORDS.has(w));
    const id = genericNames.get(words[at] ?? '');
    if (id === undefined) return null;
    if (words.length > 1 && words.every((w, i) => i === at || SENDER_ROLE_WORDS.has(w))) return id;
    if (at > 0) return null;
    // The whole display name repeated in the subject: the brand's or its product's name (`Ledger Live` writing
    // "Your Ledger Live device suspended"), not a person's.
    return ` ${wordsOf(subjectText).join(' ')} `.includes(` ${words.join(' ')} `) ? id : null;
  }

  /**
   * The brand a display name claims by a three-letter name written in capitals as its first word (`DHL Paket`, `DPD
   * Kundenservice`, `FTX Noticing`), or null. Brands write their short names so; a person's title or name is not
   * (`Ing. Jan Novák`, `Sky Ferreira`), and further on in a name the letters are as likely initials.
   */
  function acronymDisplayBrand(name: string): string | null {
    const word = /^[^\p{L}\p{N}]*([\p{L}\p{N}]+)/u.exec(name)?.[1] ?? '';
    // The name as a word of its own (`FTX Noticing`) or glued to a capitalised word (`FTXTeam`, `DHLExpress`).
    const first = /^\p{Lu}\p{Ll}/u.test(word.slice(ACRONYM_CHARS)) ? word.slice(0, ACRONYM_CHARS) : word;
    if (first.length !== ACRONYM_CHARS || first !== first.toUpperCase() || /^\d+$/.test(first)) return null;
    return acronyms.get(first.toLowerCase()) ?? null;
  }

  /** The engine's result for `domain` (null for none), said as a `kind` signal when the engine finds it risky. */
  function domainSignal(signals: SignalList, kind: MailSignalKind, role: string, domain: string, factor: number): CheckResult | null {
    if (domain === '') return null;
    const r = check(domain);
    if (r.verdict !== 'phishing' && r.verdict !== 'suspicious') return r;
    const top = [...r.signals].sort((a, b) => b.weight - a.weight)[0];
    signals.add(kind, `${role} domain ${domain} is ${r.verdict === 'phishing' ? 'a lookalike' : 'suspicious'} (engine score ${r.score}${top === undefined ? '' : `: ${top.detail}`})`,
      r.score * (r.brand === null ? MAIL_WEIGHTS.riskOnlyFactor : factor), r.brand);
    return r;
  }

  /**
   * engine.check for a link in a message. A brand domain in the path of a URL that carries an address or a
   * Message-ID (`lore.kernel.org/r/123@gmail.com`, `…?to=a%40gmail.com`) names the brand's mail service, not a
   * lure: that `brand-in-path` signal is set aside and the score recombined without it.
   */
  function linkCheck(url: string): CheckResult {
    const r = check(url);
    if (!r.signals.some((s) => s.kind === 'brand-in-path') || (!url.includes('@') && !url.toLowerCase().includes('%40'))) return r;
    const kept = r.signals.filter((s) => s.kind !== 'brand-in-path');
    const score = scoreOf(kept);
    return { ...r, signals: kept, score, verdict: verdictOf(score), brand: kept.length === 0 ? null : r.brand };
  }

  /**
   * Where a link leads, judged: an official host's redirect (`google.com/url?q=…`, Safe Links under outlook.com,
   * `youtube.com/redirect?q=…`) is `official` for the engine (DESIGN.md: everything under an official domain is) and
   * names its destinations in a `redirect` signal; a message's link is judged by its riskiest destination instead,
   * followed up to MAX_FORWARD_DEPTH redirects deep. Other hosts' redirects the engine already weighs itself.
   */
  function followLink(url: string, depth = 0): { url: string; result: CheckResult } {
    const r = linkCheck(url);
    if (r.verdict !== 'official' || depth >= MAX_FORWARD_DEPTH || !r.signals.some((x) => x.kind === 'redirect')) return { url, result: r };
    const parsed = parseInput(url);
    let riskiest: { url: string; result: CheckResult } | null = null;
    for (const forward of parsed.ok ? forwardsOf(parsed.subject) : []) {
      const followed = followLink(forward.subject.input, depth + 1);
      if (followed.result.verdict !== 'official' && (riskiest === null || followed.result.score > riskiest.result.score)) riskiest = followed;
    }
    return riskiest ?? { url, result: r };
  }

  function carriesDestination(url: string): boolean {
    const parsed = parseInput(url);
    return parsed.ok && forwardsOf(parsed.subject).length > 0;
  }

  /**
   * The message's links in order, and for those found only in an attachment's content (a PDF's URI actions, a
   * calendar invitation's text, an image's QR code), where: `the PDF attachment "x.pdf"`, `a QR code in the image "qr.png"`.
   */
  function collectLinks(m: ParsedMessage, html: HtmlScan | null, budget: ContentBudget): { links: string[]; origins: Map<string, string> } {
    const out: string[] = [];
    const origins = new Map<string, string>();
    const seen = new Set<string>();
    const push = (href: string): void => {
      if (out.length >= MAX_LINKS || seen.has(href)) return;
      if (httpHost(href) === '') return;
      seen.add(href);
      out.push(href);
    };
    /** A link found inside an attachment's content, with where (for its first sighting). */
    const pushFound = (href: string, where: string): void => {
      if (!seen.has(href)) origins.set(href, where);
      push(href);
    };
    for (const l of html?.links ?? []) push(l.href);
    for (const a of html?.formActions ?? []) push(a);
    for (const t of html?.refreshTargets ?? []) push(t);
    for (const l of extractLinks(m.text, MAX_LINKS)) push(l);
    for (const a of m.attachments) {
      if (!looksLikeHtml(a)) continue;
      const scan = scanHtml(a.content.subarray(0, MAX_ATTACHMENT_SCAN_BYTES).toString('utf8'));
      for (const l of scan.links) push(l.href);
      for (const f of scan.formActions) push(f);
    }
    // A PDF lure's button (`/URI` actions), the document's own links; an invitation's; a QR code's address in an image.
    for (const a of m.attachments) {
      if (out.length >= MAX_LINKS) break;
      if (isPdf(a.content)) {
        if (budget.pdfs <= 0) continue;
        budget.pdfs--;
        for (const l of pdfLinks(a.content, MAX_LINKS - out.length)) pushFound(l, a.filename === '' ? 'a PDF attachment' : `the PDF attachment ${quote(a.filename)}`);
      } else if (isCalendar(a)) {
        // An invitation's links sit in its DESCRIPTION, URL and ATTACH lines, folded at 75 octets (RFC 5545 §3.1).
        const text = a.content.subarray(0, MAX_ATTACHMENT_SCAN_BYTES).toString('utf8').replace(/\r?\n[ \t]/g, '');
        for (const l of extractLinks(text, MAX_LINKS - out.length)) pushFound(l, `the calendar invitation${a.filename === '' ? '' : ` ${quote(a.filename)}`}`);
      } else if (budget.images > 0 && imageKind(a.content) !== '') {
        budget.images--;
        const l = qrLink(a.content);
        if (l !== null) pushFound(l, `a QR code in the image${a.filename === '' ? '' : ` ${quote(a.filename)}`}`);
      }
    }
    return { links: out, origins };
  }

  function linkSignals(signals: SignalList, html: HtmlScan | null, links: readonly string[], textPart: string, origins: ReadonlyMap<string, string>): void {
    if (html !== null) {
      let mismatches = 0;
      for (const l of html.links) {
        const target = httpHost(l.href);
        const shown = shownHost(l.text);
        if (target === '' || shown === '') continue;
        const shownOrg = registrable(shown);
        if (shownOrg === '' || shownOrg === registrable(target)) continue;
        if (mismatches++ > 0) continue;
        const official = officialBrandOf(shown);
        signals.add('link-text-mismatch', `a link shows ${quote(shown)} but leads to ${target}${official === null ? '' : ` (${shown} is an official domain of ${brandName(official)})`}`,
          official === null ? MAIL_WEIGHTS.linkTextMismatch : MAIL_WEIGHTS.linkTextMismatchOfficial, official, official === null ? 'click-tracking redirects of newsletters do this too' : '');
      }
      if (html.passwordInputs > 0) signals.add('form-in-body', `the message body has a form with ${html.passwordInputs} password field(s)`, MAIL_WEIGHTS.passwordInBody);
      else if (html.forms > 0) signals.add('form-in-body', `the message body has ${html.forms} form(s)${html.formActions[0] ? ` posting to ${quote(html.formActions[0], 100)}` : ''}`, MAIL_WEIGHTS.formInBody);
      if (html.refreshTargets.length > 0) signals.add('meta-refresh', `the HTML redirects to ${quote(html.refreshTargets[0] ?? '', 100)} when opened`, MAIL_WEIGHTS.metaRefresh);
    }
    // Every distinct link host through the engine, an official host's redirect followed to where it leads (each
    // destination host once); the worst one becomes the signal (one bad host, not a sum).
    let worst: { url: string; via: string; where: string; result: CheckResult } | null = null;
    const hosts = new Set<string>();
    /** Link hosts judged as themselves: their other links are judged again only when they carry a destination. */
    const judgedAsThemselves = new Set<string>();
    let risky = 0;
    let shape: { host: string; detail: string; weight: number } | null = null;
    let shapeHosts = 0;
    for (const link of links) {
      const linkHost = httpHost(link);
      if (judgedAsThemselves.has(linkHost) && !carriesDestination(link)) continue;
      const { url, result: r } = followLink(link);
      if (url === link) judgedAsThemselves.add(linkHost);
      const host = url === link ? linkHost : httpHost(url);
      if (hosts.has(host)) continue;
      hosts.add(host);
      // Hosts the engine already finds risky are `risky-link`'s; this is for the ones it lets through.
      let cheap: Signal | undefined;
      if (r.verdict === 'benign') for (const x of r.signals) if (LINK_SHAPE_KINDS.has(x.kind) && x.weight > (cheap?.weight ?? -1)) cheap = x;
      if (cheap !== undefined) {
        shapeHosts++;
        if (shape === null || cheap.weight > shape.weight) shape = { host, detail: cheap.detail, weight: cheap.weight };
      }
      if (r.verdict !== 'phishing' && r.verdict !== 'suspicious') continue;
      risky++;
      if (worst === null || r.score > worst.result.score) worst = { url, via: url === link ? '' : httpHost(link), where: origins.get(link) ?? '', result: r };
    }
    if (worst !== null) {
      const top = [...worst.result.signals].sort((a, b) => b.weight - a.weight)[0];
      signals.add('risky-link', `a link ${worst.where === '' ? '' : `in ${worst.where} `}to ${worst.result.host ?? httpHost(worst.url)}${worst.via === '' ? '' : ` (through a redirect of ${worst.via})`} is ${worst.result.verdict === 'phishing' ? 'a lookalike or phishing host' : 'suspicious'} (engine score ${worst.result.score}${top === undefined ? '' : `: ${top.detail}`})${risky > 1 ? `; ${risky - 1} other risky host(s)` : ''}`,
        worst.result.score * (worst.result.brand === null ? MAIL_WEIGHTS.riskOnlyFactor : MAIL_WEIGHTS.riskyLinkFactor), worst.result.brand);
    }
    if (shape !== null) {
      signals.add('link-shape', `a link to ${shape.host} hides or cheapens its destination (${shape.detail})${shapeHosts > 1 ? `; ${shapeHosts - 1} other such host(s)` : ''}`,
        shape.weight * MAIL_WEIGHTS.linkShapeFactor + (shapeHosts > 1 ? MAIL_WEIGHTS.linkShapeMore : 0), null, 'some newsletters use shorteners or cheap domains too');
    }
    if (html !== null && html.imageUrls.length > 0 && html.links.length > 0 && links.length > 0) {
      const words = wordCount(html.text) + (html.text.trim() === '' ? wordCount(textPart) : 0);
      // The opt-out footer is boilerplate, not the message: count the words before it.
      const footer = words <= IMAGE_ONLY_MAX_WORDS ? -1 : optOutAt(html.text);
      const before = footer < 0 ? words : wordCount(html.text.slice(0, footer));
      if (before <= IMAGE_ONLY_MAX_WORDS) {
        signals.add('image-only', `the HTML body is ${html.imageUrls.length === 1 ? 'one remote image' : `${html.imageUrls.length} remote images`} with a link and ${before} word(s) of text${footer < 0 ? '' : ' before its opt-out footer'}: the message is a picture, so word filters cannot read it`, MAIL_WEIGHTS.imageOnly);
      }
    }
  }

  function attachmentSignals(signals: SignalList, attachments: readonly MailAttachment[]): void {
    for (const a of attachments) {
      const name = a.filename;
      const last = extension(name, 0);
      const previous = extension(name, 1);
      if (BIDI.test(name)) {
        signals.add('double-extension', `the attachment name ${quote(name)} hides its real extension with a right-to-left control character`, MAIL_WEIGHTS.doubleExtension);
      } else if (previous !== '' && docExt.has(previous) && exeExt.has(last)) {
        signals.add('double-extension', `the attachment ${quote(name)} looks like a .${previous} but is a .${last}`, MAIL_WEIGHTS.doubleExtension);
      } else if (exeExt.has(last) && last !== 'html' && last !== 'htm' && last !== 'shtml' && last !== 'xhtml' && last !== 'svg') {
        signals.add('executable-attachment', `the attachment ${quote(name)} runs when opened (.${last})`, MAIL_WEIGHTS.executable);
      }
      if (isZip(a.content) || zipExt.has(last)) {
        if (isZip(a.content) && zipHasEncryptedEntry(a.content)) {
          signals.add('encrypted-archive', `the archive ${quote(name)} is password-protected: scanners cannot look inside`, MAIL_WEIGHTS.encryptedArchive);
        }
        continue;
      }
      if (looksLikeHtml(a)) {
        const scan = scanHtml(a.content.subarray(0, MAX_ATTACHMENT_SCAN_BYTES).toString('utf8'));
        if (scan.forms > 0 || scan.passwordInputs > 0) {
          signals.add('html-attachment', `the HTML attachment ${quote(name)} contains a form${scan.passwordInputs > 0 ? ' with a password field' : ''}${scan.formActions[0] ? ` posting to ${quote(scan.formActions[0], 100)}` : ''}: it opens a local sign-in page`, MAIL_WEIGHTS.htmlAttachmentForm);
        } else if (scan.scripts > 0) {
          signals.add('html-attachment', `the HTML attachment ${quote(name)} contains ${scan.scripts} script(s)`, MAIL_WEIGHTS.htmlAttachmentScript);
        } else {
          signals.add('html-attachment', `the attachment ${quote(name)} is an HTML page`, MAIL_WEIGHTS.htmlAttachment, null, 'some receipts and reports are sent as HTML files');
        }
      }
    }
  }

  return { version: MAIL_ANALYSER_VERSION, analyse };
}

export type { MailAddress };
