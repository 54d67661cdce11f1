/**
 * Evidence combination (analyser 1.4): `evidence-agreement` when independent kinds of evidence agree, and one
 * advance-fee phrase weighed as an ordinary phrase when nothing else agrees. Hand-written messages only.
 */
import { describe, test } from 'node:test';
import assert from '../test-assert.js';
import { agreeingFamilies, createMailAnalyser, MAIL_WEIGHTS } from './analyse.js';
import type { EmailAnalysis, MailSignal } from './types.js';
import { CATALOG, eml } from './test-fixtures.js';

const analyser = createMailAnalyser({ catalog: CATALOG });
const signal = (r: EmailAnalysis, kind: string): MailSignal | undefined => r.signals.find((s) => s.kind === kind);

function plain(from: string, subject: string, body: string, extra: readonly string[] = []): Buffer {
  return eml([`From: ${from}`, 'To: <you@example.org>', `Subject: ${subject}`, 'Message-ID: <a@example.net>', 'Date: Tue, 03 Dec 2024 10:00:00 +0000',
    ...extra, 'Content-Type: text/plain; charset=utf-8'], body);
}

const s = (kind: MailSignal['kind'], weight: number): MailSignal => ({ kind, detail: `${kind} seen`, weight });

describe('agreeingFamilies', () => {
  test('groups counting signals by family, in signal order', () => {
    const f = agreeingFamilies([s('prize-lure', 15), s('link-shape', 13), s('urgency', 15), s('image-only', 40), s('freemail-organisation', 40)]);
    assert.deepEqual([...f], [['asks', ['prize-lure', 'urgency']], ['links', ['link-shape']], ['build', ['image-only']], ['sender', ['freemail-organisation']]]);
  });
  test('context that ordinary mail raises never counts, nor do the weak variants of a kind', () => {
    const f = agreeingFamilies([s('brand-not-sender', 20), s('return-path-mismatch', 5), s('tracking-pixel', 5), s('auth-dkim', 20),
      s('reply-to-mismatch', MAIL_WEIGHTS.replyToOther), s('auth-spf', MAIL_WEIGHTS.spfSoftfail), s('malformed-mime', MAIL_WEIGHTS.malformed), s('link-shape', 9)]);
    assert.equal(f.size, 0);
    const strong = agreeingFamilies([s('reply-to-mismatch', MAIL_WEIGHTS.replyToFreemail), s('malformed-mime', MAIL_WEIGHTS.fromGlued)]);
    assert.deepEqual([...strong.keys()].sort(), ['build', 'sender']);
  });
  test('the agreement signal itself belongs to no family', () => {
    assert.equal(agreeingFamilies([s('evidence-agreement', 30)]).size, 0);
  });
});

describe('evidence-agreement', () => {
  test('a lure phrase and a link through a URL shortener: two kinds agree (15), and the detail names them', async () => {
    const r = await analyser.analyse(plain('Shop <news@mailer-one.net>', 'Good news', 'Hello, your gift card is here: https://bit.ly/3abcDEF'));
    const a = signal(r, 'evidence-agreement');
    assert.equal(a?.weight, MAIL_WEIGHTS.agreement[2]);
    assert.match(a?.detail ?? '', /^2 independent kinds of evidence agree: where its links go \(link-shape\) and what it asks for \(prize-lure\)$/);
  });
  test('three kinds (words, link, sender) weigh 30', async () => {
    const r = await analyser.analyse(plain('"Support Team" <helpdesk.team2024@gmail.com>', 'Good news', 'Hello, your gift card is here: https://bit.ly/3abcDEF'));
    const a = signal(r, 'evidence-agreement');
    assert.equal(a?.weight, MAIL_WEIGHTS.agreement[3]);
    assert.match(a?.detail ?? '', /who sent it \(freemail-organisation\)/);
  });
  test('words alone, words with a brand named in the text, or words with a tracking pixel: no agreement', async () => {
    const words = await analyser.analyse(plain('Ana <ana@example.org>', 'Prize', 'Claim your prize before Friday, act now.'));
    assert.equal(signal(words, 'evidence-agreement'), undefined);
    const brand = await analyser.analyse(plain('Ana <ana@example.org>', 'PayPal fees', 'PayPal raised its fees; claim your refund in the settings.'));
    assert.ok(signal(brand, 'brand-not-sender') !== undefined);
    assert.equal(signal(brand, 'evidence-agreement'), undefined);
    const pixel = await analyser.analyse(eml(['From: Shop <news@shop-news.net>', 'To: <you@example.org>', 'Subject: News', 'Content-Type: text/html; charset=utf-8'],
      '<p>Claim your free gift in our store this week, with many new products for the season.</p><img src="https://shop-news.net/o.gif" width="1" height="1">'));
    assert.ok(signal(pixel, 'tracking-pixel') !== undefined);
    assert.equal(signal(pixel, 'evidence-agreement'), undefined);
  });
  test('an ordinary message raises no agreement', async () => {
    const r = await analyser.analyse(plain('Ana <ana@example.org>', 'Minutes', 'The minutes are on the wiki: https://wiki.example.org/m/3'));
    assert.equal(signal(r, 'evidence-agreement'), undefined);
    assert.equal(r.verdict, 'benign');
  });
});

describe('one advance-fee phrase', () => {
  test('alone it weighs one ordinary lure phrase, and says why', async () => {
    const r = await analyser.analyse(plain('Ana <ana@example.org>', 'Hello', 'Hi, my name is Ana and I joined the team this week.'));
    const a = signal(r, 'advance-fee-lure');
    assert.equal(a?.weight, MAIL_WEIGHTS.lure[1]);
    assert.match(a?.detail ?? '', /"my name is" \(one phrase, and no stronger phrase or other kind of evidence agrees/);
  });
  test('with another kind of evidence, or with a second phrase, it keeps the scam-family weight', async () => {
    const replyElsewhere = await analyser.analyse(plain('Ana <ana@example.org>', 'Hello', 'Hi, my name is Ana, a banker.', ['Reply-To: ana.private77@gmail.com']));
    assert.equal(signal(replyElsewhere, 'advance-fee-lure')?.weight, MAIL_WEIGHTS.scamLure[1]);
    const two = await analyser.analyse(plain('Ana <ana@example.org>', 'Hello', 'Hi, my name is Ana; you are the beneficiary of the fund.'));
    assert.equal(signal(two, 'advance-fee-lure')?.weight, MAIL_WEIGHTS.scamLure[2]);
    const stronger = await analyser.analyse(plain('Ana <ana@example.org>', 'Hello', 'My name is Ana. Send the payment by wire transfer to our bank account.'));
    assert.ok((signal(stronger, 'payment-lure')?.weight ?? 0) >= (MAIL_WEIGHTS.lure[2] ?? 0));
    assert.equal(signal(stronger, 'advance-fee-lure')?.weight, MAIL_WEIGHTS.scamLure[1]);
  });
});
