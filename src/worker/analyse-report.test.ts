/**
 * The analyse-report job on e-mail reports, on SQLite and PostgreSQL: the message's analysis is recorded against
 * the report, its links and sender domain become indicators like a URL report's, the raw bytes stay as uploaded,
 * and a second delivery of the job records nothing twice.
 */
import { after, before, test } from 'node:test';
import assert from '../test-assert.js';
import { createHash } from 'node:crypto';
import { createEngine } from '../engine/index.js';
import { createMailAnalyser, looksLikeRawMessage } from '../mail/index.js';
import { CATALOG, eml } from '../mail/test-fixtures.js';
import { forEachStore, type TestStore } from '../store/test-stores.js';
import { analyseReport } from './analyse-report.js';

const engine = createEngine(CATALOG);
const mail = createMailAnalyser({ catalog: CATALOG, engine });

const MESSAGE = eml([
  'From: "PayPal Service" <service@paypa1-support.com>', 'Subject: Your account is limited', 'Message-ID: <r1@paypa1-support.com>',
  'Content-Type: text/html; charset=utf-8',
], '<p>Verify your account within 24 hours: <a href="http://paypa1-login.com/signin?u=1">https://www.paypal.com/</a></p>');

forEachStore((name, open) => {
  let store: TestStore;
  before(async () => { store = await open(); });
  after(() => store.close());

  test(`${name}: an e-mail report is analysed, recorded, and feeds indicators; the raw message is untouched`, async () => {
    const created = await store.reports.create({ email: MESSAGE, payloadHash: 'a'.repeat(64), actor: 'public' });
    assert.ok(!created.conflict);
    await analyseReport(store, engine, created.id, () => new Date('2025-01-02T00:00:00Z'), mail);
    await analyseReport(store, engine, created.id, () => new Date('2025-01-02T00:00:01Z'), mail); // redelivered: no-op

    const report = await store.reports.get(created.id);
    assert.equal(report?.status, 'triaged');
    const sha = createHash('sha256').update(MESSAGE).digest('hex');
    assert.equal(createHash('sha256').update(report.email ?? Buffer.alloc(0)).digest('hex'), sha);

    const analyses = await store.analyses.list({ reportId: created.id });
    const message = analyses.find((a) => a.indicatorId === null);
    assert.ok(message !== undefined, 'the message analysis is recorded against the report');
    assert.match(message.engineVersion, /^mail-\d+\.\d+\.\d+\+engine-/);
    const result = message.result as { verdict: string; brand: string | null; message: { sha256: string } };
    assert.equal(result.verdict, 'phishing');
    assert.equal(result.brand, 'paypal');
    assert.equal(result.message.sha256, sha);

    const page = await store.indicators.list({ limit: 10 });
    const keys = page.items.map((i) => i.key).sort();
    assert.deepEqual(keys, ['paypa1-login.com/signin', 'paypa1-support.com']);
    for (const i of page.items) assert.equal(i.reportCount, 1);
    assert.equal(analyses.filter((a) => a.indicatorId !== null).length, 2);
  });

  test(`${name}: a message forwarded as an attachment feeds indicators as if it had been uploaded itself`, async () => {
    const forwarded = Buffer.concat([Buffer.from([
      'From: "Anna" <anna@example.org>', 'To: <report@acme-bank.com>', 'Subject: FW: Your account is limited', 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="fw"', '', '--fw', 'Content-Type: text/plain', '', 'Is this real?', '--fw',
      'Content-Type: message/rfc822', 'Content-Disposition: attachment; filename="limited.eml"', '', ''].join('\r\n')), MESSAGE, Buffer.from('\r\n--fw--\r\n')]);
    const created = await store.reports.create({ email: forwarded, payloadHash: 'd'.repeat(64), actor: 'public' });
    assert.ok(!created.conflict);
    await analyseReport(store, engine, created.id, () => new Date('2025-01-04T00:00:00Z'), mail);
    const analyses = await store.analyses.list({ reportId: created.id });
    const message = analyses.find((a) => a.indicatorId === null)?.result as { verdict: string; brand: string | null; attached?: unknown[] } | undefined;
    assert.ok(message !== undefined, 'the message analysis is recorded');
    assert.equal(message.verdict, 'phishing');
    assert.equal(message.brand, 'paypal');
    assert.equal(message.attached?.length, 1);
    const inputs = analyses.filter((a) => a.indicatorId !== null).map((a) => (a.result as { input: string }).input).sort();
    assert.deepEqual(inputs, ['http://paypa1-login.com/signin?u=1', 'paypa1-support.com']);
  });

  test(`${name}: a message's source pasted as text is analysed as the message`, async () => {
    const created = await store.reports.create({ text: `\n${MESSAGE.toString('utf8')}`, payloadHash: 'e'.repeat(64), actor: 'public' });
    assert.ok(!created.conflict);
    await analyseReport(store, engine, created.id, () => new Date('2025-01-05T00:00:00Z'), mail);
    const analyses = await store.analyses.list({ reportId: created.id });
    const message = analyses.find((a) => a.indicatorId === null)?.result as { verdict: string; brand: string | null } | undefined;
    assert.ok(message !== undefined, 'the pasted message is analysed as a message');
    assert.equal(message.verdict, 'phishing');
    assert.equal(message.brand, 'paypal');
    const inputs = analyses.filter((a) => a.indicatorId !== null).map((a) => (a.result as { input: string }).input).sort();
    assert.deepEqual(inputs, ['http://paypa1-login.com/signin?u=1', 'paypa1-support.com']);
  });

  test(`${name}: where a reported redirect leads becomes an indicator of its own`, async () => {
    const url = `https://www.google.com/url?q=${encodeURIComponent('https://paypa1-login.com/signin?id=7')}&sa=D`;
    const created = await store.reports.create({ url, payloadHash: 'c'.repeat(64), actor: 'public' });
    assert.ok(!created.conflict);
    await analyseReport(store, engine, created.id, () => new Date('2025-01-03T00:00:00Z'), mail);
    const indicators = (await store.analyses.list({ reportId: created.id })).filter((a) => a.indicatorId !== null);
    const results = new Map(indicators.map((a) => {
      const r = a.result as { input: string; verdict: string };
      return [r.input, r.verdict];
    }));
    assert.deepEqual([...results.keys()].sort(), ['https://paypa1-login.com/signin?id=7', url]);
    assert.equal(results.get('https://paypa1-login.com/signin?id=7'), 'phishing');
  });

  test(`${name}: one URL written as analysts and mail write it is one indicator, keyed by host and path`, async () => {
    const forms = ['https://paypa1-verify.com/Signin?case=1', '<https://paypa1-verify.com/Signin>', 'hxxps://paypa1-verify[.]com/Signin#x', 'Sign in <https://PAYPA1-VERIFY.COM/Signin>'];
    for (const [i, url] of forms.entries()) {
      const created = await store.reports.create({ url, payloadHash: String(i).repeat(64), actor: 'public' });
      assert.ok(!created.conflict);
      await analyseReport(store, engine, created.id, () => new Date('2025-01-04T00:00:00Z'), mail);
    }
    const bare = await store.reports.create({ url: 'paypa1-verify.com', payloadHash: 'f'.repeat(64), actor: 'public' });
    assert.ok(!bare.conflict);
    await analyseReport(store, engine, bare.id, () => new Date('2025-01-04T00:00:00Z'), mail);
    const page = await store.indicators.list({ limit: 10, search: 'paypa1-verify' });
    assert.deepEqual(page.items.map((i) => [i.key, i.kind, i.reportCount]).sort(), [['paypa1-verify.com', 'host', 1], ['paypa1-verify.com/Signin', 'url', forms.length]]);
  });

  test(`${name}: without an e-mail analyser the message is kept but not analysed (previous behaviour)`, async () => {
    const created = await store.reports.create({ email: MESSAGE, payloadHash: 'b'.repeat(64), actor: 'public' });
    assert.ok(!created.conflict);
    await analyseReport(store, engine, created.id, () => new Date());
    assert.equal((await store.reports.get(created.id))?.status, 'triaged');
    assert.deepEqual(await store.analyses.list({ reportId: created.id }), []);
  });

  // A job for a report this store does not have came from another deployment sharing the queue (docs/operations.md,
  // "Intake figures"): completing it silently left the other deployment's report unanalysed for good.
  test(`${name}: a job for a report the store does not have fails instead of completing silently`, async () => {
    await assert.rejects(analyseReport(store, engine, 'no-such-report', () => new Date(), mail), /no report no-such-report in this store/);
  });
});

test('pasted text is a raw message only when it starts with a header block holding a From and a delivery field', () => {
  assert.equal(looksLikeRawMessage('Delivered-To: a@example.org\r\nReceived: from x\r\n\tby y\r\nFrom: <b@example.net>\r\nSubject: hi\r\n\r\nbody'), true);
  assert.equal(looksLikeRawMessage('From: <b@example.net>\nTo: <a@example.org>\n\nbody'), true);
  assert.equal(looksLikeRawMessage('Hi team, I got this:\nFrom: <b@example.net>\nSubject: hi\n\nbody'), false, 'a note first: text quoting headers');
  assert.equal(looksLikeRawMessage('From: <b@example.net>\n\nbody'), false, 'a From alone is no delivered message');
  assert.equal(looksLikeRawMessage('Subject: hi\nDate: today\n\nbody'), false, 'no From');
  assert.equal(looksLikeRawMessage('From: <b@example.net>\nSubject: hi'), false, 'no end of the header block');
  assert.equal(looksLikeRawMessage('http://paypa1.com/login'), false);
});
