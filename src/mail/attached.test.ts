/**
 * Messages attached to a message (analyser 1.9): a report forwarded as an attachment (message/rfc822, or a `.eml`
 * file) is analysed as a message of its own, said in an `attached-message` signal, and its links join the message's.
 * Hand-written messages only.
 */
import { describe, test } from 'node:test';
import assert from '../test-assert.js';
import { createMailAnalyser, type EmailAnalysis } from './index.js';
import { MAX_ATTACHED_DEPTH, MAX_ATTACHED_MESSAGES } from './limits.js';
import { CATALOG, eml } from './test-fixtures.js';

const analyser = createMailAnalyser({ catalog: CATALOG });
const attachedSignals = (r: EmailAnalysis) => r.signals.filter((s) => s.kind === 'attached-message');

const PHISH = eml([
  'From: "PayPal Service" <service@paypa1-support.com>', 'To: <anna@example.org>', 'Subject: Your account is limited',
  'Message-ID: <p1@paypa1-support.com>', 'Content-Type: text/html; charset=utf-8',
], '<p>Verify your account within 24 hours: <a href="http://paypa1-login.com/signin">https://www.paypal.com/</a></p>').toString('utf8');
const HARMLESS = eml(['From: "Bob" <bob@example.net>', 'To: <anna@example.org>', 'Subject: Lunch', 'Content-Type: text/plain; charset=utf-8'],
  'Lunch at one? https://www.example.net/menu').toString('utf8');

interface Part { readonly body: string; readonly type?: string; readonly filename?: string; readonly base64?: boolean }
let boundaries = 0;

/** A message from `headers` whose body is a note and, after it, each of `parts` as a message/rfc822 attachment. */
function withAttachments(headers: readonly string[], note: string, parts: readonly Part[]): Buffer {
  const b = `b-${++boundaries}`;
  const lines = [...headers, 'MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${b}"`, '', `--${b}`, 'Content-Type: text/plain; charset=utf-8', '', note];
  for (const p of parts) {
    lines.push(`--${b}`, `Content-Type: ${p.type ?? 'message/rfc822'}`, `Content-Disposition: attachment${p.filename === undefined ? '' : `; filename="${p.filename}"`}`);
    if (p.base64 === true) lines.push('Content-Transfer-Encoding: base64', '', Buffer.from(p.body).toString('base64').replace(/.{76}/g, '$&\r\n'));
    else lines.push('', p.body);
  }
  lines.push(`--${b}--`, '');
  return Buffer.from(lines.join('\r\n'), 'utf8');
}
const REPORTER = ['From: "Anna" <anna@example.org>', 'To: <security@acme-bank.com>', 'Subject: FW: Your account is limited', 'Message-ID: <r1@example.org>'];

describe('a message attached to a message', () => {
  test('a report forwarded as an attachment is judged by the message it carries', async () => {
    const alone = await analyser.analyse(Buffer.from(PHISH));
    const r = await analyser.analyse(withAttachments(REPORTER, 'Is this real?', [{ body: PHISH, filename: 'limited.eml' }]));
    assert.equal(r.verdict, 'phishing');
    assert.equal(r.brand, 'paypal');
    assert.equal(r.message.from, 'anna@example.org', 'the identity is the outer message');
    const signal = attachedSignals(r).at(0);
    assert.equal(signal?.weight, alone.score);
    assert.match(signal.detail, /^the attached message "Your account is limited" from service@paypa1-support\.com is phishing \(score \d+, PayPal\): /);
    assert.deepEqual(r.links, ['http://paypa1-login.com/signin']);
    assert.equal(r.attached?.length, 1);
    assert.equal(r.attached.at(0)?.verdict, 'phishing');
    assert.equal(r.attached.at(0)?.message.subject, 'Your account is limited');
  });

  test('a .eml file sent as an octet stream is a message too', async () => {
    const r = await analyser.analyse(withAttachments(REPORTER, 'See attached.', [{ body: PHISH, type: 'application/octet-stream', filename: 'Suspicious.EML' }]));
    assert.equal(r.attached?.length, 1);
    assert.equal(r.verdict, 'phishing');
  });

  test('a harmless attached message is said at weight 0 and changes nothing', async () => {
    const r = await analyser.analyse(withAttachments(REPORTER, 'Forwarding this.', [{ body: HARMLESS }]));
    assert.equal(r.verdict, 'benign');
    const signal = attachedSignals(r).at(0);
    assert.equal(signal?.weight, 0);
    assert.match(signal.detail, /^the attached message "Lunch" from bob@example\.net is judged benign \(score \d+\)$/);
    assert.ok(r.links.includes('https://www.example.net/menu'));
  });

  test("a verified brand sender carrying a phishing message is not 'official'", async () => {
    const verified = ['Authentication-Results: mx.receiver.example; spf=pass smtp.mailfrom=acme-bank.com; dkim=pass header.d=acme-bank.com; dmarc=pass header.from=acme-bank.com',
      'From: Acme Bank Security <security@acme-bank.com>', 'To: <soc@acme-bank.com>', 'Subject: Reported message', 'Message-ID: <v1@acme-bank.com>'];
    const plain = await analyser.analyse(withAttachments(verified, 'A customer reported this.', [{ body: HARMLESS }]));
    assert.equal(plain.verdict, 'official');
    const r = await analyser.analyse(withAttachments(verified, 'A customer reported this.', [{ body: PHISH }]));
    assert.equal(r.verdict, 'phishing');
    assert.equal(r.brand, 'paypal');
    assert.ok(r.signals.some((s) => s.kind === 'auth-verified-sender'), 'the outer sender is still said to be verified');
  });

  test(`attached messages are opened ${MAX_ATTACHED_DEPTH} deep and at most ${MAX_ATTACHED_MESSAGES} per message`, async () => {
    const forwardOfForward = withAttachments(REPORTER, 'Fwd of a fwd', [{ body: withAttachments(['From: <c@example.com>', 'Subject: fw'], 'fw', [{ body: PHISH }]).toString('utf8') }]);
    const two = await analyser.analyse(forwardOfForward);
    assert.equal(two.verdict, 'phishing', 'a forward of a forward is read');
    assert.equal(two.attached?.at(0)?.attached?.at(0)?.verdict, 'phishing');
    const deeper = withAttachments(REPORTER, 'three deep', [{ body: forwardOfForward.toString('utf8') }]);
    const three = await analyser.analyse(deeper);
    assert.equal(three.attached?.at(0)?.attached?.at(0)?.attached, undefined, 'the third level is not opened');
    assert.equal(three.verdict, 'benign');

    const many = await analyser.analyse(withAttachments(REPORTER, 'many', Array.from({ length: MAX_ATTACHED_MESSAGES + 6 }, () => ({ body: HARMLESS }))));
    assert.equal(many.attached?.length, MAX_ATTACHED_MESSAGES);
  });

  test('an attached message that cannot be read is said, and the message is still analysed', async () => {
    // Encoded, so that only its own parse sees its header block: a Subject over the header field limit.
    const oversized = `From: <x@example.com>\r\nSubject: ${'a'.repeat(70_000)}\r\n\r\nhi`;
    const r = await analyser.analyse(withAttachments(REPORTER, 'Is this real?', [{ body: oversized, base64: true }, { body: PHISH }]));
    assert.equal(r.attached?.at(0)?.verdict, 'error');
    assert.match(attachedSignals(r)[0]?.detail ?? '', /^an attached message could not be analysed \(HW_ERR_MAIL_HEADER_TOO_LARGE: /);
    assert.equal(r.verdict, 'phishing');
  });
});
