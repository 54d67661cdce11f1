/** Shared by the e-mail tests: a two-brand catalog and a builder of hand-written messages (no evaluation data). */
import type { Catalog } from '../engine/index.js';

export const CATALOG: Catalog = {
  brands: [
    { id: 'paypal', name: 'PayPal', domains: ['paypal.com'], keywords: ['paypal'] },
    { id: 'acme', name: 'Acme Bank', domains: ['acme-bank.com'], keywords: ['acmebank'] },
  ],
};

/** A message from header lines and a body (CRLF line ends, as on the wire). */
export function eml(headers: readonly string[], body: string): Buffer {
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}`, 'utf8');
}
