/**
 * Links in PDF attachments (analyser 1.9): URI actions in plain objects and in Flate-compressed streams, their string
 * escapes, the bounds against hostile files, and a PDF lure's link judged as the message's. Hand-made PDFs only.
 */
import { describe, test } from 'node:test';
import assert from '../test-assert.js';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { createMailAnalyser } from './index.js';
import { isPdf, MAX_PDF_INFLATED_BYTES, pdfLinks } from './pdf.js';
import { CATALOG, eml } from './test-fixtures.js';

/** A PDF whose body is `objects` as written, and each of `streams` as a Flate-compressed stream object. */
function pdf(objects: readonly string[], streams: readonly (string | Buffer)[] = []): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let n = 1;
  for (const o of objects) parts.push(Buffer.from(`${n++} 0 obj\n${o}\nendobj\n`, 'latin1'));
  for (const s of streams) {
    const data = typeof s === 'string' ? deflateSync(Buffer.from(s, 'latin1')) : s;
    parts.push(Buffer.from(`${n++} 0 obj\n<< /Type /ObjStm /Filter /FlateDecode /Length ${data.length} >>\nstream\r\n`, 'latin1'), data, Buffer.from('\r\nendstream\nendobj\n', 'latin1'));
  }
  parts.push(Buffer.from('trailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'));
  return Buffer.concat(parts);
}
const annotation = (uri: string): string => `<< /Type /Annot /Subtype /Link /Rect [0 0 200 50] /A << /S /URI /URI ${uri} >> >>`;

describe('links in a PDF', () => {
  test('URI actions in plain objects: literal strings with escapes, hex strings; only web links', () => {
    const file = pdf([
      annotation('(https://paypa1-login.com/view?doc=1)'),
      annotation('(https://example.net/a\\(b\\)/\\150ello)'),
      annotation('<68747470733A2F2F6865782E6578616D706C652F>'),
      annotation('(mailto:someone@example.org)'),
      annotation('(javascript:app.alert\\(1\\))'),
      annotation('(https://paypa1-login.com/view?doc=1)'),
    ]);
    assert.equal(isPdf(file), true);
    assert.deepEqual(pdfLinks(file, 100), ['https://paypa1-login.com/view?doc=1', 'https://example.net/a(b)/hello', 'https://hex.example/']);
    assert.deepEqual(pdfLinks(file, 1), ['https://paypa1-login.com/view?doc=1']);
  });

  test('URI actions inside Flate-compressed object streams; a broken or foreign stream is skipped', () => {
    const file = pdf([], [
      Buffer.from('\xff\xd8\xff\xe0 not zlib at all (a JPEG)', 'latin1'),
      deflateSync(Buffer.from(annotation('(https://broken.example/)'))).subarray(0, 12), // cut short
      `5 0 6 80 ${annotation('(https://compressed.example/login)')} ${annotation('(https://second.example/)')}`,
    ]);
    const links = pdfLinks(file, 100);
    assert.ok(links.includes('https://compressed.example/login') && links.includes('https://second.example/'), JSON.stringify(links));
  });

  test('a stream that inflates without end stops at the bound, quickly', () => {
    const bomb = deflateSync(Buffer.concat([Buffer.alloc(MAX_PDF_INFLATED_BYTES + 1024 * 1024), Buffer.from(annotation('(https://after-the-bomb.example/)'))]));
    const file = pdf([annotation('(https://before.example/)')], [bomb, bomb]);
    const start = performance.now();
    const links = pdfLinks(file, 100);
    assert.ok(performance.now() - start < 2000);
    assert.deepEqual(links, ['https://before.example/']);
  });

  test('strings that never end, or end in nothing, are read a bounded way each', () => {
    for (const unit of ['/URI (\\\n', '/URI <', '/URI (((']) {
      const file = Buffer.from(`%PDF-1.4\n${unit.repeat(Math.floor(4_000_000 / unit.length))}`, 'latin1');
      const start = performance.now();
      assert.deepEqual(pdfLinks(file, 10), []);
      assert.ok(performance.now() - start < 2000, `${JSON.stringify(unit)}: ${(performance.now() - start).toFixed(0)} ms`);
    }
  });

  test('not a PDF, or random bytes: no links, never a throw', () => {
    assert.equal(isPdf(Buffer.from('PK\x03\x04 a zip')), false);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), fc.constantFrom('', '/URI (', 'stream\n', '/URI <'), (bytes, prefix) => {
      const links = pdfLinks(Buffer.concat([Buffer.from(`%PDF-1.4\n${prefix}`), Buffer.from(bytes)]), 10);
      assert.ok(links.every((l) => /^h[tx]{2}ps?:\/\//i.test(l)));
    }), { numRuns: 300 });
  });

  test("a PDF lure's link is judged as the message's, and says it was in the PDF", async () => {
    const analyser = createMailAnalyser({ catalog: CATALOG });
    const attachment = pdf([], [annotation('(https://paypa1-login.com/view?doc=1)')]).toString('base64').replace(/.{76}/g, '$&\r\n');
    const message = eml([
      'From: "Billing" <billing@invoices.example>', 'To: <anna@example.org>', 'Subject: Invoice 4471', 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="p"',
    ], ['--p', 'Content-Type: text/plain', '', 'Please find the invoice attached.', '--p',
      'Content-Type: application/octet-stream; name="Invoice 4471.pdf"', 'Content-Disposition: attachment; filename="Invoice 4471.pdf"',
      'Content-Transfer-Encoding: base64', '', attachment, '--p--', ''].join('\r\n'));
    const r = await analyser.analyse(message);
    assert.deepEqual(r.links, ['https://paypa1-login.com/view?doc=1']);
    const risky = r.signals.find((s) => s.kind === 'risky-link');
    assert.match(risky?.detail ?? '', /^a link in the PDF attachment "Invoice 4471\.pdf" to paypa1-login\.com is a lookalike/);
    assert.equal(r.brand, 'paypal');
  });
});
