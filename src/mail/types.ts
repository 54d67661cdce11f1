/** Public types of the e-mail analyser: its verdict is the engine's vocabulary, its signals are e-mail evidence. */
import type { Verdict } from '../engine/index.js';
import type { AuthSummary } from './auth.js';

export type MailSignalKind =
  // Authentication (RFC vocabulary in the detail)
  | 'auth-dmarc' | 'auth-spf' | 'auth-dkim' | 'auth-arc' | 'auth-verified-sender' | 'unverified-official-sender'
  // Who the message says it is from
  | 'display-name-brand' | 'sender-address-brand' | 'display-name-site' | 'display-name-address' | 'lookalike-sender' | 'lookalike-reply-to' | 'lookalike-return-path'
  | 'reply-to-mismatch' | 'return-path-mismatch' | 'brand-not-sender' | 'bogus-domain'
  | 'display-name-domain' | 'freemail-organisation' | 'odd-sender-host' | 'greeting-address' | 'official-sender-foreign-links'
  | 'webmail-contact'
  // Links
  | 'link-text-mismatch' | 'risky-link' | 'form-in-body' | 'meta-refresh' | 'link-shape' | 'image-only'
  // Words
  | 'credential-lure' | 'payment-lure' | 'urgency' | 'threat' | 'prize-lure' | 'obfuscated-text'
  | 'bitcoin-address' | 'dating-lure' | 'health-lure' | 'crypto-lure' | 'gambling-lure' | 'advance-fee-lure' | 'extortion-lure' | 'offer-lure' | 'job-lure' | 'callback-lure'
  // Attachments and tracking
  | 'html-attachment' | 'double-extension' | 'executable-attachment' | 'encrypted-archive' | 'tracking-pixel'
  | 'attached-message'
  // Operator policy
  | 'anti-phishing-code-missing'
  // Structure
  | 'malformed-mime' | 'mime-limit'
  // Combination: independent kinds of evidence agreeing (computed from the signals above)
  | 'evidence-agreement';

/** The engine's Signal shape with e-mail kinds: `{kind, detail, weight, caveat?}`. */
export interface MailSignal {
  readonly kind: MailSignalKind;
  /** What was seen, in words an analyst can check against the message. */
  readonly detail: string;
  /** Contribution to the score, 0-100 (noisy-OR, as in the engine). */
  readonly weight: number;
  readonly caveat?: string;
}

export interface MessageIdentity {
  readonly messageId: string | null;
  readonly date: string | null;
  /** The From header's address (display name in `fromName`). */
  readonly from: string | null;
  readonly fromName: string | null;
  readonly subject: string | null;
  /** SHA-256 of the raw bytes as given (before any cut at a limit). */
  readonly sha256: string;
  readonly bytes: number;
}

export interface EmailAnalysis {
  readonly verdict: Verdict;
  readonly score: number;
  /** Catalog id of the impersonated (or, for `official`, sending) brand; null when none. */
  readonly brand: string | null;
  readonly signals: readonly MailSignal[];
  readonly message: MessageIdentity;
  /** `offline`: the receiving server's headers were read; `online`: re-verified with DNS. */
  readonly mode: 'offline' | 'online';
  readonly auth: AuthSummary;
  /** The sender's domain (From), for indicators; null when the From has none. */
  readonly senderDomain: string | null;
  /**
   * Distinct http(s) links found (HTML targets and plain-text URLs), then those of the attached messages, at most
   * MAX_LINKS, in message order.
   */
  readonly links: readonly string[];
  /**
   * The analyses of the messages attached to this one (message/rfc822 parts and `.eml` files: a report forwarded
   * as an attachment), at most MAX_ATTACHED_MESSAGES, MAX_ATTACHED_DEPTH deep; absent when there are none.
   */
  readonly attached?: readonly EmailAnalysis[];
  readonly error?: { readonly code: string; readonly message: string };
}
