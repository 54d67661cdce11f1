/**
 * Messages forwarded inline: the quoted header block is parsed (several mail programs and languages) and its sender
 * judged as a From would be. Hand-written fixtures only, positive and negative.
 */
import { describe, test } from 'node:test';
import assert from '../test-assert.js';
import { forwardedHeader, MAX_FORWARD_SCAN_CHARS } from './forward.js';
import { createMailAnalyser, type EmailAnalysis } from './index.js';
import { CATALOG, eml } from './test-fixtures.js';

const analyser = createMailAnalyser({ catalog: CATALOG });
const weighted = (r: EmailAnalysis, kind: string): string[] => r.signals.filter((s) => s.kind === kind && s.weight > 0).map((s) => s.detail);

function report(body: string, subject = 'Fwd: check this', type = 'text/plain'): Buffer {
  return eml(['From: Anna Colleague <anna@company.example.com>', 'To: <security@company.example.com>', `Subject: ${subject}`,
    'Message-ID: <f@company.example.com>', 'Date: Tue, 03 Dec 2024 10:00:00 +0000', `Content-Type: ${type}; charset=utf-8`], body);
}

describe('forwardedHeader', () => {
  test('Gmail (en), Outlook (pt, de, fr), Apple Mail: sender and subject', () => {
    const gmail = forwardedHeader('FYI\n\n---------- Forwarded message ---------\nFrom: PayPal Service <service@secure-mailer.example.net>\nDate: Mon, 2 Dec 2024 at 09:12\nSubject: Your account is limited\nTo: <anna@company.example.com>\n\nDear customer');
    assert.deepEqual(gmail, { name: 'PayPal Service', address: 'service@secure-mailer.example.net', domain: 'secure-mailer.example.net', subject: 'Your account is limited' });
    const pt = forwardedHeader('________________________________\nDe: Darya <support@fashion.example.com>\nEnviado: sábado, 26 de agosto de 2023 21:21\nPara: anna <anna@company.example.com>\nAssunto: Olá, tudo bem?\n\nOi');
    assert.equal(pt?.address, 'support@fashion.example.com');
    assert.equal(pt.subject, 'Olá, tudo bem?');
    const de = forwardedHeader('-----Ursprüngliche Nachricht-----\nVon: "Sparkasse Kundenservice" <info@sparkasse-check.example.org>\nGesendet: Montag, 2. Dezember 2024 09:12\nAn: Anna\nBetreff: Ihr Konto wurde gesperrt');
    assert.equal(de?.name, 'Sparkasse Kundenservice');
    assert.equal(de.domain, 'sparkasse-check.example.org');
    const fr = forwardedHeader('-------- Message transféré --------\nDe : Service Client [mailto:client@banque-fr.example.net]\nEnvoyé : lundi 2 décembre 2024 09:12\nÀ : Anna\nObjet : Vérifiez votre compte');
    assert.equal(fr?.name, 'Service Client');
    assert.equal(fr.address, 'client@banque-fr.example.net');
    const apple = forwardedHeader('Begin forwarded message:\n\nFrom: Acme Bank <alerts@acme-secure.example.net>\nSubject: Unusual sign-in\nDate: 2 December 2024 at 09:12:00 CET\nTo: Anna <anna@company.example.com>');
    assert.equal(apple?.domain, 'acme-secure.example.net');
  });

  test('Outlook "on behalf of" takes the From; HTML text collapsed to one line still parses', () => {
    const behalf = forwardedHeader('De: admin@relay.example.org <admin@relay.example.org> em nome de Bed Shop <mail@shop-promo.example.net>\nEnviado: segunda-feira\nAssunto: Give away');
    assert.equal(behalf?.address, 'mail@shop-promo.example.net');
    assert.equal(behalf.name, 'Bed Shop');
    const flat = forwardedHeader('see below ________________________________ From: PayPal <pp@mailer.example.net> Sent: Monday, 2 December 2024 09:12 To: Anna <anna@company.example.com> Subject: Limited access Dear customer');
    assert.equal(flat?.address, 'pp@mailer.example.net');
    assert.equal(flat.name, 'PayPal');
  });

  test('no block: a From line without Date and Subject, a reply quote, prose that says "from:"', () => {
    assert.equal(forwardedHeader('From: Xin Long <lucien@example.net>\n\nsctp: fix a leak in the stream reset path'), null);
    assert.equal(forwardedHeader('On Mon, 2 Dec 2024, Bob <bob@example.net> wrote:\n> looks good'), null);
    assert.equal(forwardedHeader('Quote from: the manual, page 3. Date: tomorrow. Subject: none.'), null);
    assert.equal(forwardedHeader(''), null);
  });

  test('bounded: a megabyte of labels and a block after the scanned prefix', () => {
    const start = performance.now();
    assert.equal(forwardedHeader('From: x@y.example.com Date: '.repeat(40_000)), null);
    assert.equal(forwardedHeader(`${'x'.repeat(MAX_FORWARD_SCAN_CHARS)}\nFrom: a <a@b.example.com>\nDate: d\nSubject: s`), null);
    const ms = performance.now() - start;
    assert.ok(ms < 500, `${ms} ms`);
  });
});

describe('the forwarded sender is judged as a From would be', () => {
  test('display-name impersonation in the forward: signal, said to come from the forwarded part, brand attributed', async () => {
    const r = await analyser.analyse(report('Is this real?\n\n---------- Forwarded message ---------\nFrom: PayPal Service <service@secure-mailer.example.net>\nDate: Mon, 2 Dec 2024 at 09:12\nSubject: Your account is limited\nTo: <anna@company.example.com>\n\nPlease verify your account.'));
    const d = weighted(r, 'display-name-brand');
    assert.equal(d.length, 1);
    assert.match(d[0] ?? '', /^in the forwarded message quoted in the body, the display name "PayPal Service" names PayPal/);
    assert.equal(r.brand, 'paypal');
  });

  test('freemail organisation in a forward (de, pt)', async () => {
    const de = await analyser.analyse(report('-----Ursprüngliche Nachricht-----\nVon: Kundenservice Team <kundenservice.team@gmail.com>\nGesendet: Montag, 2. Dezember 2024 09:12\nAn: Anna\nBetreff: Konto\n\nHallo', 'WG: Konto'));
    assert.equal(weighted(de, 'freemail-organisation').length, 1);
    const pt = await analyser.analyse(report('________________________________\nDe: Atendimento Suporte <atendimento.suporte@hotmail.com>\nEnviado: sábado\nPara: anna\nAssunto: Aviso\n\nOlá', 'ENC: Aviso'));
    assert.equal(weighted(pt, 'freemail-organisation').length, 1);
  });

  test('no double count: the From and the forward naming the same brand give one display-name-brand', async () => {
    const raw = eml(['From: PayPal <alerts@pp-mailer.example.net>', 'To: <anna@company.example.com>', 'Subject: Fwd: limited', 'Content-Type: text/plain; charset=utf-8'],
      '---------- Forwarded message ---------\nFrom: PayPal Service <service@secure-mailer.example.net>\nDate: Mon\nSubject: limited\n\nhello');
    const r = await analyser.analyse(raw);
    assert.equal(weighted(r, 'display-name-brand').length, 1);
  });

  test('a colleague forwarding a legitimate message stays clean (en, de)', async () => {
    const en = await analyser.analyse(report('Here is the receipt for the expense report.\n\n---------- Forwarded message ---------\nFrom: PayPal <service@paypal.com>\nDate: Mon, 2 Dec 2024 at 09:12\nSubject: Receipt for your payment\nTo: <anna@company.example.com>\n\nYou sent a payment of 12.00 EUR to Coffee Shop.', 'Fwd: Receipt for your payment'));
    assert.deepEqual(weighted(en, 'display-name-brand'), []);
    assert.equal(en.verdict, 'benign', JSON.stringify(en.signals));
    const de = await analyser.analyse(report('Zur Info, siehe unten.\n\n-----Ursprüngliche Nachricht-----\nVon: Müller, Jan <jan.mueller@partner.example.org>\nGesendet: Montag, 2. Dezember 2024 09:12\nAn: Anna\nBetreff: Termin am Freitag\n\nHallo Anna, passt Freitag um 10 Uhr?', 'WG: Termin am Freitag'));
    assert.equal(de.verdict, 'benign', JSON.stringify(de.signals));
    assert.equal(de.signals.filter((s) => s.weight > 0).length, 0, JSON.stringify(de.signals));
  });
});
