/** What the console's pages share: the signed-in user, API types, badges and small widgets. */
import { h, type Child } from '../lib/dom.js';
import { defang } from '../lib/format.js';

export type Role = 'admin' | 'analyst' | 'liaison';

export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
}

export interface Signal {
  readonly kind: string;
  readonly detail: string;
  readonly weight: number;
  readonly caveat?: string;
}

export interface Indicator {
  readonly id: string;
  readonly key: string;
  readonly kind: 'url' | 'host';
  readonly value: string;
  readonly host: string;
  readonly domain: string | null;
  readonly verdict: string;
  readonly score: number;
  readonly brand: string | null;
  readonly signals: readonly Signal[];
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly reportCount: number;
  readonly status: string;
}

/** A catalog brand as the API exports it: the engine's own type (type-only: nothing of src/ is bundled). */
export type { Brand } from '../../src/engine/types.js';

export const STATUS_LABELS: Readonly<Record<string, string>> = {
  new: 'new',
  confirmed_phishing: 'confirmed phishing',
  benign: 'benign',
  duplicate: 'duplicate',
};

export const DECISIONS = [
  { value: 'confirmed_phishing', label: 'Confirm phishing', key: 'c' },
  { value: 'benign', label: 'Benign', key: 'b' },
  { value: 'duplicate', label: 'Duplicate', key: 'd' },
] as const;

export function verdictBadge(verdict: string): HTMLElement {
  return h('span', { class: `badge v-${verdict}` }, verdict);
}

export function statusBadge(status: string): HTMLElement {
  return h('span', { class: `badge s-${status}` }, STATUS_LABELS[status] ?? status);
}

/** Non-ASCII anywhere: the value may hide look-alike characters. */
const NON_ASCII = /[^\t\n\r\u0020-\u007e]/;

/**
 * A URL as the console shows it (SECURITY.md PA-12): a host with non-ASCII characters in its A-label (punycode)
 * form, so `аррӏе.com` (Cyrillic) reads `xn--80ak6aa92e.com` and cannot pass for apple.com. The browser's own URL
 * parser does the IDNA conversion.
 */
export function displayUrl(value: string): string {
  const host = unicodeHost(value);
  if (host === undefined) return value;
  try {
    // Only the host changes: the rest keeps its characters, so bidi controls still show as <U+202E>.
    return value.replace(host, new URL(`http://${host}/`).hostname);
  } catch {
    return value;
  }
}

/** The Unicode form of a URL's host when it differs from what displayUrl shows, for analysts to see the disguise. */
export function unicodeHost(value: string): string | undefined {
  if (!NON_ASCII.test(value)) return undefined;
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#:]+)/i.exec(value);
  return match?.[1] !== undefined && NON_ASCII.test(match[1]) ? match[1] : undefined;
}

/** An attacker's URL or host: defanged text (punycode hosts) with a button copying the raw value (never a link). */
export function defanged(value: string, withCopy = false): HTMLElement {
  const text = h('code', { class: 'defanged', title: 'Defanged: not a link' }, defang(displayUrl(value)));
  if (!withCopy) return text;
  const button = h('button', { type: 'button', class: 'small', 'aria-label': 'Copy the raw value' }, 'Copy raw');
  button.addEventListener('click', () => {
    void navigator.clipboard.writeText(value).then(() => { button.textContent = 'Copied'; }, () => { button.textContent = 'Copy failed'; });
  });
  return h('span', { class: 'copyable' }, text, ' ', button);
}

export function table(head: readonly string[], rows: readonly Child[][], caption?: string): HTMLTableElement {
  return h('table', {},
    caption === undefined ? null : h('caption', {}, caption),
    h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))));
}

export function notice(text: string, tone: 'ok' | 'error' | 'info' = 'info'): HTMLElement {
  return h('div', { class: `notice ${tone}`, role: tone === 'error' ? 'alert' : 'status' }, text);
}
