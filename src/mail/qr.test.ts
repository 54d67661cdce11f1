/**
 * Links in QR codes (analyser 1.9): PNG and JPEG images carried by a message, decoded and searched for a QR code; a
 * web address in it is a link of the message. Codes made here with the `qrcode` package; no evaluation data.
 */
import { describe, test } from 'node:test';
import assert from '../test-assert.js';
import fc from 'fast-check';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { createMailAnalyser } from './index.js';
import { imageKind, MAX_QR_IMAGE_PIXELS, MAX_QR_IMAGES, qrLink } from './qr.js';
import { CATALOG, eml } from './test-fixtures.js';

const LURE = 'https://paypa1-login.com/verify?id=7';
const qrPng = (text: string): Promise<Buffer> => QRCode.toBuffer(text, { type: 'png', width: 300, margin: 4 });

describe('links in QR codes', () => {
  test('a QR code in a PNG or a JPEG gives its web address; other contents give none', async () => {
    const png = await qrPng(LURE);
    assert.equal(imageKind(png), 'png');
    assert.equal(qrLink(png), LURE);
    const decoded = PNG.sync.read(png);
    const jpg = jpeg.encode({ width: decoded.width, height: decoded.height, data: decoded.data }, 90).data;
    assert.equal(imageKind(jpg), 'jpeg');
    assert.equal(qrLink(jpg), LURE);
    assert.equal(qrLink(await qrPng('otpauth://totp/Acme:anna?secret=JBSWY3DPEHPK3PXP')), null, 'an authenticator code is no link');
    assert.equal(qrLink(await qrPng('WIFI:S:guest;T:WPA;P:secret;;')), null);
  });

  test('an image with no code, a broken image, or one over the pixel bound gives nothing and never throws', async () => {
    const blank = new PNG({ width: 200, height: 200 });
    blank.data.fill(255);
    assert.equal(qrLink(PNG.sync.write(blank)), null);
    const png = await qrPng(LURE);
    assert.equal(qrLink(png.subarray(0, png.length / 2)), null, 'cut in half');
    const huge = Buffer.from(png);
    huge.writeUInt32BE(30_000, 16); // IHDR says 30,000 × 30,000: refused before decoding
    huge.writeUInt32BE(30_000, 20);
    assert.ok(30_000 * 30_000 > MAX_QR_IMAGE_PIXELS);
    assert.equal(qrLink(huge), null);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0xff, 0xd8, 0xff, 0xe0]), (bytes, magic) => {
      const link = qrLink(Buffer.concat([Buffer.from(magic), Buffer.from(bytes)]));
      assert.ok(link === null || /^https?:\/\//i.test(link));
    }), { numRuns: 300 });
  });

  test(`at most MAX_QR_IMAGES images are searched for a message and the messages attached to it together`, async () => {
    const analyser = createMailAnalyser({ catalog: CATALOG });
    let n = 0;
    let boundaries = 0;
    const withImages = async (count: number, attached: readonly Buffer[] = []): Promise<Buffer> => {
      const b = `m${++boundaries}`;
      const parts: string[] = [`--${b}`, 'Content-Type: text/plain', '', 'Scan these.'];
      for (let i = 0; i < count; i++) {
        const image = (await qrPng(`https://site${++n}.example.org/`)).toString('base64').replace(/.{76}/g, '$&\r\n');
        parts.push(`--${b}`, 'Content-Type: image/png', 'Content-Disposition: attachment; filename="c.png"', 'Content-Transfer-Encoding: base64', '', image);
      }
      for (const a of attached) parts.push(`--${b}`, 'Content-Type: message/rfc822', 'Content-Disposition: attachment', '', a.toString('utf8'));
      parts.push(`--${b}--`, '');
      return eml(['From: <a@example.net>', 'Subject: codes', 'MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${b}"`], parts.join('\r\n'));
    };
    const inner1 = await withImages(2);
    const inner2 = await withImages(2);
    const outer = await withImages(2, [inner1, inner2]);
    const r = await analyser.analyse(outer);
    const qrLinks = r.links.filter((l) => /^https:\/\/site\d+\.example\.org\/$/.test(l));
    assert.equal(qrLinks.length, MAX_QR_IMAGES, JSON.stringify(r.links));
  });

  test("a QR lure's link is judged as the message's, and says it was in a QR code", async () => {
    const analyser = createMailAnalyser({ catalog: CATALOG });
    const image = (await qrPng(LURE)).toString('base64').replace(/.{76}/g, '$&\r\n');
    const message = eml([
      'From: "IT Service Desk" <helpdesk@mfa-renewal.example>', 'To: <anna@example.org>', 'Subject: Action required: re-enrol MFA', 'MIME-Version: 1.0',
      'Content-Type: multipart/related; boundary="q"',
    ], ['--q', 'Content-Type: text/html; charset=utf-8', '', '<p>Scan the code below with your phone.</p><img src="cid:qr1">', '--q',
      'Content-Type: image/png; name="code.png"', 'Content-ID: <qr1>', 'Content-Disposition: inline; filename="code.png"',
      'Content-Transfer-Encoding: base64', '', image, '--q--', ''].join('\r\n'));
    const r = await analyser.analyse(message);
    assert.deepEqual(r.links, [LURE]);
    const risky = r.signals.find((s) => s.kind === 'risky-link');
    assert.match(risky?.detail ?? '', /^a link in a QR code in the image "code\.png" to paypa1-login\.com is a lookalike/);
    assert.equal(r.brand, 'paypal');
  });
});
