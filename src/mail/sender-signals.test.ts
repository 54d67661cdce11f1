/**
 * Signals of analyser 1.2 about who writes and to whom: a From glued from two names or without an address, a
 * greeting by e-mail address, replies to another webmail mailbox, an official sender whose links all leave the
 * brand. Hand-written messages only (positive and negative, several languages); no evaluation data.
 */
import { describe, test } from 'node:test';
import assert from '../test-assert.js';
import { createMailAnalyser, type EmailAnalysis } from './index.js';
import { generatedSender, greetingAddress, listTagOfReplyTo, roleMailbox, webmailContact, webmailMailto } from './analyse.js';
import { extractMailto } from './links.js';
import { unquotedCommaBeforeAddress } from './parse.js';
import { CATALOG, eml } from './test-fixtures.js';

const analyser = createMailAnalyser({ catalog: CATALOG });
const details = (r: EmailAnalysis, kind: string): string[] => r.signals.filter((s) => s.kind === kind && s.weight > 0).map((s) => s.detail);

function message(headers: readonly string[], body: string, type = 'text/plain'): Buffer {
  return eml([...headers, 'To: <anna@example.org>', 'Message-ID: <t@example.net>', 'Date: Tue, 03 Dec 2024 10:00:00 +0000', `Content-Type: ${type}; charset=utf-8`], body);
}

describe('From header shape', () => {
  test('an unquoted comma glues two names; a quoted one does not; no address at all', async () => {
    assert.equal(unquotedCommaBeforeAddress('Fgehen69, jehd <service@example.net>'), true);
    assert.equal(unquotedCommaBeforeAddress('"Doe, John" <john@example.net>'), false);
    assert.equal(unquotedCommaBeforeAddress('John (Sales, EMEA) <john@example.net>'), false);
    assert.equal(unquotedCommaBeforeAddress('"a\\", b" <x@example.net>'), false);
    const glued = await analyser.analyse(message(['From: Gewinnspiel, _ <x7@promo.example>', 'Subject: Hallo'], 'Hallo'));
    assert.equal(details(glued, 'malformed-mime').filter((d) => d.includes('comma outside quotes')).length, 1);
    const quoted = await analyser.analyse(message(['From: "Doe, John" <john@example.net>', 'Subject: Lunch'], 'Lunch at one?'));
    assert.deepEqual(details(quoted, 'malformed-mime'), []);
    const bare = await analyser.analyse(message(['From: Rachid Ramiro', 'Reply-To: <rachid.r@gmail.com>', 'Subject: Contact'], 'Dear friend, contact me.'));
    assert.ok(details(bare, 'malformed-mime').some((d) => d.includes('gives no address')));
    assert.ok(details(bare, 'reply-to-mismatch').some((d) => d.includes('gives no address')));
    const missing = await analyser.analyse(eml(['To: <anna@example.org>', 'Subject: x', 'Content-Type: text/plain'], 'no From at all'));
    assert.deepEqual(details(missing, 'malformed-mime'), [], 'a missing From header is not evidence');
  });
});

describe('a sender address generated per message', () => {
  test('a name with a serial number, letters of random case, a random sub-domain label', () => {
    assert.match(generatedSender('Trujillo_Edmundo_99550@mail.hantaro.live', 'mail.hantaro.live', 'hantaro.live', false), /name with a serial number/);
    assert.match(generatedSender('renew_LgKNzHdjiTJ@shop.example.de', 'shop.example.de', 'example.de', false), /random case \("LgKNzHdjiTJ"\)/);
    assert.match(generatedSender('news@asdhbsvjldmopsfjij76.hantaro.live', 'asdhbsvjldmopsfjij76.hantaro.live', 'hantaro.live', false), /random label "asdhbsvjldmopsfjij76"/);
  });

  test('people\'s and companies\' addresses: none', () => {
    const none = [
      ['maria_lopez_123@gmail.com', 'gmail.com', 'gmail.com', true],
      ['John.McDonald@example.com', 'example.com', 'example.com', false],
      ['iPhoneNews@apple.example', 'apple.example', 'apple.example', false],
      ['BloodHealthGummies@shop.example', 'shop.example', 'shop.example', false],
      ['first_last@mail.example.com', 'mail.example.com', 'example.com', false],
      ['noreply@smtp.mktg.example.com', 'smtp.mktg.example.com', 'example.com', false],
      ['bounces@lists.strengths.example.org', 'lists.strengths.example.org', 'example.org', false],
    ] as const;
    for (const [address, domain, org, webmail] of none) assert.equal(generatedSender(address, domain, org, webmail), '', address);
  });

  test('in a message: odd-sender-host, supporting evidence only', async () => {
    const r = await analyser.analyse(message(['From: Health News <For_You_46962@zlnh.mtci-wa.example.com>', 'Subject: Tips'], 'Hello.'));
    const found = r.signals.filter((s) => s.kind === 'odd-sender-host');
    assert.equal(found.length, 1);
    assert.match(found[0]?.detail ?? '', /a sender made up for this message/);
    assert.equal(r.verdict, 'benign');
  });
});

describe('a brand named in the sender\'s address itself', () => {
  const weighted = async (from: string): Promise<{ details: string[]; weights: number[]; brand: string | null }> => {
    const r = await analyser.analyse(message([`From: ${from}`, 'Subject: Notice'], 'Hello.'));
    const found = r.signals.filter((s) => s.kind === 'sender-address-brand');
    return { details: found.map((s) => s.detail), weights: found.map((s) => s.weight), brand: r.brand };
  };

  test('the local part names a brand its domain is not: more at free webmail', async () => {
    const webmail = await weighted('<paypal.security.team@gmail.com>');
    assert.equal(webmail.details.length, 1);
    assert.ok(webmail.details[0]?.includes('free webmail'), webmail.details[0]);
    assert.equal(webmail.brand, 'paypal');
    const elsewhere = await weighted('<paypal-billing@mailer-notify.example>');
    assert.ok(elsewhere.details[0]?.includes('mailer-notify.example, not a domain of PayPal'), elsewhere.details[0]);
    assert.ok((elsewhere.weights[0] ?? 0) < (webmail.weights[0] ?? 0));
  });

  test('the brand\'s own domain, a glued name, no brand, or a display name that makes the claim: nothing', async () => {
    assert.deepEqual((await weighted('<paypal.receipts@paypal.com>')).details, []);
    assert.deepEqual((await weighted('<paypalfan99@gmail.com>')).details, []);
    assert.deepEqual((await weighted('<anna.smith@gmail.com>')).details, []);
    assert.deepEqual((await weighted('"PayPal Service" <paypal.service@mailer-notify.example>')).details, []);
  });
});

describe('display names of generic brands (their name an ordinary word)', () => {
  const generic = createMailAnalyser({ catalog: { brands: [
    { id: 'ledger', name: 'Ledger', domains: ['ledger.com'], keywords: ['ledger'], generic: true },
    { id: 'chase', name: 'Chase', domains: ['chase.com'], keywords: ['chase'], generic: true },
    { id: 'celsius', name: 'Celsius Network', domains: ['celsius.network'], keywords: ['celsius'], generic: true },
  ] } });
  const claimed = async (from: string, subject: string): Promise<string[]> =>
    (await generic.analyse(message([`From: ${from}`, `Subject: ${subject}`], 'Hello.'))).signals.filter((s) => s.kind === 'display-name-brand').map((s) => s.detail);

  test('the name with sender-role words, or alone when the subject names the brand too, claims the brand', async () => {
    assert.equal((await claimed('Ledger Support <help@wallet-help.example>', 'Your device')).length, 1);
    assert.equal((await claimed('"Chase Alerts" <alerts@notify.example>', 'Statement ready')).length, 1);
    assert.equal((await claimed('Ledger <rodrigo@shop.example>', 'Ledger data breach')).length, 1);
    assert.equal((await claimed('Ledger Live <feyfi@outlook.example>', 'Your Ledger Live device suspended')).length, 1);
    assert.equal((await claimed('Team Ledger <hello@wallet-news.example>', 'Discover the new app')).length, 1, 'role words before the name');
    assert.equal((await claimed('Ledger News <rodrigo@shop.example>', 'Upgrade your device')).length, 1);
    assert.equal((await claimed('Celsius Support <claims@portal.example>', 'Withdrawals')).length, 1, 'a one-word keyword of a brand whose name has two');
  });

  test('a person of that name, other words after it, or the brand\'s own domain claim nothing', async () => {
    assert.deepEqual(await claimed('Chase <chase.miller@gmail.com>', 'Lunch tomorrow?'), []);
    assert.deepEqual(await claimed('Chase Miller <chase.miller@gmail.com>', 'Chase here: lunch tomorrow?'), []);
    assert.deepEqual(await claimed('The Ledger <news@theledger.example>', 'The Ledger: morning edition'), []);
    assert.deepEqual(await claimed('Team Chase Miller <chase.miller@gmail.com>', 'Team Chase Miller here'), []);
    assert.deepEqual(await claimed('Ledger Support <support@ledger.com>', 'Your device'), []);
  });
});

describe('display names of well-known sites that are no catalog brand', () => {
  const site = async (from: string): Promise<string[]> =>
    details(await analyser.analyse(message([`From: ${from}`, 'Subject: Your reward'], 'Hello.')), 'display-name-site');

  test('the name of a shipped well-known site (role words after it allowed) from an address elsewhere', async () => {
    assert.ok((await site('Costco <deals@promo-mail.example>'))[0]?.includes('costco.com') === true);
    assert.equal((await site('"Harbor Freight Customer Support" <x@shop.example>')).length, 1);
  });

  test('not from the site\'s own mail domains, not for ordinary words, people or catalog brands', async () => {
    assert.deepEqual(await site('Costco <news@email.costco.com>'), []);
    assert.deepEqual(await site('Costco <news@costco-mail.example>'), []);
    assert.deepEqual(await site('Target <jane@gmail.com>'), []);
    assert.deepEqual(await site('John Lowes <john@gmail.com>'), []);
    assert.deepEqual(await site('PayPal <service@pay.example>'), []);
  });
});

describe('freemail-organisation', () => {
  test('an organisation in the display name of a webmail address, also when the webmail is a catalog brand\'s', async () => {
    const withGoogle = createMailAnalyser({ catalog: { brands: [...CATALOG.brands, { id: 'google', name: 'Google', domains: ['google.com', 'gmail.com'], keywords: ['google', 'gmail'] }] } });
    const claim = message(['From: "Setor de suporte ao cliente" <nusec9066@gmail.com>', 'Subject: Prioritário'], 'Contate-nos.');
    assert.equal(details(await withGoogle.analyse(claim), 'freemail-organisation').length, 1);
    const person = message(['From: "Ana Souza" <ana.souza@gmail.com>', 'Subject: Almoço'], 'Amanhã?');
    assert.deepEqual(details(await withGoogle.analyse(person), 'freemail-organisation'), []);
  });

  test('a bank named in Portuguese, Spanish or French (Banco, Banque) is an organisation too', async () => {
    for (const name of ['Banco NU.  Protocolo - 7793574292872', 'Banque Populaire']) {
      const r = await analyser.analyse(message([`From: "${name}" <fidhkwwjy@gmail.com>`, 'Subject: Transação pendente'], 'Veja.'));
      assert.equal(details(r, 'freemail-organisation').length, 1, name);
    }
  });

  test('the webmail brand\'s own name from one of its webmail mailboxes is a customer posing as the brand', async () => {
    const withGoogle = createMailAnalyser({ catalog: { brands: [{ id: 'google', name: 'Google', domains: ['google.com', 'gmail.com'], keywords: ['google', 'gmail'] }] } });
    const posing = await withGoogle.analyse(message(['From: "Google Security" <alerts.team7@gmail.com>', 'Subject: Sign-in attempt'], 'Check it.'));
    assert.ok(details(posing, 'display-name-brand')[0]?.includes('free webmail') === true);
    const own = await withGoogle.analyse(message(['From: "Google" <no-reply@google.com>', 'Subject: Security alert'], 'Check it.'));
    assert.deepEqual(details(own, 'display-name-brand'), []);
  });
});

describe('display-name-brand by a three-letter name', () => {
  const withShort = createMailAnalyser({ catalog: { brands: [
    ...CATALOG.brands,
    { id: 'dhl', name: 'DHL', domains: ['dhl.com', 'dhl.de'], keywords: ['dhl'] },
    { id: 'ing', name: 'ING', domains: ['ing.com'], keywords: ['ing'] },
  ] } });
  test('a display name that starts with the name in capitals claims the brand', async () => {
    for (const name of ['DHL Paket', '"DHL" Express', 'DHL', 'DHLExpress Team.']) {
      const r = await withShort.analyse(message([`From: ${name.startsWith('"') ? name : `"${name}"`} <uafzka@centobox.example>`, 'Subject: Ihre Sendung'], 'Bitte bestätigen.'));
      assert.deepEqual(details(r, 'display-name-brand').length, 1, name);
      assert.equal(r.brand, 'dhl', name);
    }
    const own = await withShort.analyse(message(['From: "DHL Paket" <noreply@dhl.de>', 'Subject: Ihre Sendung'], 'Bitte bestätigen.'));
    assert.deepEqual(details(own, 'display-name-brand'), []);
  });
  test('not a title or a name written in lower case, nor the letters later in a name', async () => {
    for (const name of ['Ing. Jan Novak', 'Dhl fan club', 'Ede n F ann ING', 'Jan Novak, ING', 'DHLX Labs', 'DHLtech', 'INGrid Svensson']) {
      const r = await withShort.analyse(message([`From: "${name}" <jan@example.org>`, 'Subject: Meeting'], 'See you.'));
      assert.deepEqual(details(r, 'display-name-brand'), [], name);
    }
  });
});

describe('greeting-address', () => {
  test('the To address in the subject, a greeting followed by an address (en, de, pt), an opening address', () => {
    assert.equal(greetingAddress('anna@example.org, your parcel is waiting', '', '<anna@example.org>'), 'anna@example.org');
    assert.equal(greetingAddress('Update', 'Hallo anna@example.org! Wir haben versucht, Sie zu erreichen.', ''), 'anna@example.org');
    assert.equal(greetingAddress('Aviso', 'prezado joao.silva@example.com.br, sua conta', ''), 'joao.silva@example.com.br');
    assert.equal(greetingAddress('Notice', 'bob@example.net: your mailbox is full', ''), 'bob@example.net');
  });
  test('the greeted address is judged where it stands, even when an earlier address ends with the same text', () => {
    // `a@b.example` is also the end of `xa@b.example`: the words before the second one are "Dear", not "From x".
    assert.equal(greetingAddress('Notice', 'From xa@b.example to you. Dear a@b.example, your parcel is waiting', ''), 'a@b.example');
  });
  test('not for addresses in running text, signatures or quoted headers', async () => {
    assert.equal(greetingAddress('Re: patch', 'On Monday, anna@example.org wrote: the patch looks fine', '<list@example.org>'), '');
    assert.equal(greetingAddress('Meeting', 'Hi Anna, write to bob@example.net for the room.', '<anna@example.org>'), '');
    assert.equal(greetingAddress('Report', 'Dear team, see the report.', '<anna@example.org>'), '');
    const r = await analyser.analyse(message(['From: Shop <news@shop.example>', 'Subject: Hello anna@example.org, a gift for you'], 'Open it.'));
    assert.equal(details(r, 'greeting-address').length, 1);
  });
});

describe('reply-to another webmail mailbox', () => {
  test('From one Gmail mailbox, replies to another: signal; the same mailbox, or no Reply-To: none', async () => {
    const other = await analyser.analyse(message(['From: Mr. Leo <kate.b@gmail.com>', 'Reply-To: <mr.leo.office@gmail.com>', 'Subject: Hello'], 'Is this email still valid?'));
    assert.equal(details(other, 'reply-to-mismatch').length, 1);
    const same = await analyser.analyse(message(['From: Kate <Kate.B@gmail.com>', 'Reply-To: <kate.b@gmail.com>', 'Subject: Hello'], 'See you soon.'));
    assert.deepEqual(details(same, 'reply-to-mismatch'), []);
  });
});

describe('reply-to a mailing list the subject tag names', () => {
  test('the tag and the Reply-To mailbox name the same list (after Re:/AW:/Fwd: prefixes)', () => {
    assert.equal(listTagOfReplyTo('[zzzzteana] Nobel astrophysicists', 'zzzzteana@yahoogroups.example'), 'zzzzteana');
    assert.equal(listTagOfReplyTo('Re: AW: [RPM-List] Paket kaputt', 'rpm_list@lists.example'), 'RPM-List');
    assert.equal(listTagOfReplyTo('RES: [grupo-linux] dúvida', 'grupo-linux@googlegroups.example'), 'grupo-linux');
  });
  test('no tag, another tag, or a tag that only looks like one: none', () => {
    assert.equal(listTagOfReplyTo('[URGENT] verify your account', 'claims@collector.example'), '');
    assert.equal(listTagOfReplyTo('[EXTERNAL] invoice', 'bernard@gmail.example'), '');
    assert.equal(listTagOfReplyTo('Nobel astrophysicists [zzzzteana]', 'zzzzteana@yahoogroups.example'), '');
    assert.equal(listTagOfReplyTo('[] x', '@x.example'), '');
    assert.equal(listTagOfReplyTo(`[${'a'.repeat(100)}] x`, `${'a'.repeat(100)}@x.example`), '');
  });
  test('the list reply-to weighs nothing; another organisation still does', async () => {
    const list = await analyser.analyse(message(['From: Tim <tim@uni.example.net>', 'Reply-To: forteana@groups.example.com', 'Subject: [forteana] Bigfoot'], 'Seen in Maine.'));
    assert.deepEqual(details(list, 'reply-to-mismatch'), []);
    assert.match(list.signals.find((s) => s.kind === 'reply-to-mismatch')?.detail ?? '', /mailing list the subject's tag "\[forteana\]" names/);
    const other = await analyser.analyse(message(['From: Tim <tim@uni.example.net>', 'Reply-To: claims@collector.example.com', 'Subject: [URGENT] Paket'], 'Bitte antworten.'));
    assert.equal(details(other, 'reply-to-mismatch').length, 1);
  });
});

describe('webmail-contact', () => {
  const free = (d: string): boolean => ['gmail.com', 'hotmail.com', 'yahoo.com'].includes(d);
  test('the text asks to write to a webmail mailbox (en, pt, de): the address', () => {
    assert.equal(webmailContact('i will send you my photo. write at lena.k92@gmail.com have a good day', free, ['x@shop.example.com']), 'lena.k92@gmail.com');
    assert.equal(webmailContact('por favor, escreva para o meu e-mail: dr.paulo.adv@hotmail.com', free, []), 'dr.paulo.adv@hotmail.com');
    assert.equal(webmailContact("what state are you from? it's my e-mail for response anngosa80@gmail.com .", free, []), 'anngosa80@gmail.com');
    assert.equal(webmailContact('bitte schreiben sie mir an meine private e-mail-adresse herr.weber55@yahoo.com', free, []), 'herr.weber55@yahoo.com');
  });
  test('none for a signature, the sender\'s own mailbox, a company address, or an address without an ask', () => {
    assert.equal(webmailContact('thanks, john -- e-mail: john.doe@gmail.com phone: 555', free, []), '');
    assert.equal(webmailContact('reply to lena.k92@gmail.com', free, ['lena.k92@gmail.com']), '');
    assert.equal(webmailContact('write to support@company.example.com', free, []), '');
    assert.equal(webmailContact('reported-by: dev.person@gmail.com tested on 6.1', free, []), '');
  });
  test('in a message: 30, and not when the Reply-To already names the mailbox', async () => {
    const r = await analyser.analyse(message(['From: Darya <support@fashion.example.com>', 'Subject: Hi'], 'Are you there? Write at lena.k92@gmail.com'));
    assert.deepEqual(r.signals.filter((s) => s.kind === 'webmail-contact').map((s) => s.weight), [30]);
    const rt = await analyser.analyse(message(['From: Darya <support@fashion.example.com>', 'Reply-To: lena.k92@gmail.com', 'Subject: Hi'], 'Are you there? Write at lena.k92@gmail.com'));
    assert.deepEqual(details(rt, 'webmail-contact'), []);
  });
});

describe('webmail-contact by a mailto: link', () => {
  const free = (d: string): boolean => ['gmail.com', 'hotmail.com', 'yahoo.com'].includes(d);
  test('a link that writes a message to a webmail mailbox, subject or copy prepared: the address', () => {
    assert.equal(webmailMailto(['https://shop.example/', 'mailto:fwrakib03@gmail.com?cc=fwrakib03@gmail.com&subject=Report%20User%20Now.'], free, []), 'fwrakib03@gmail.com');
    assert.equal(webmailMailto(['MAILTO:Claims.Desk%40hotmail.com?&Subject=Request%20Number%20010694'], free, []), 'claims.desk@hotmail.com');
    assert.equal(webmailMailto(['mailto:office@firm.example,unsub.list@yahoo.com?subject=Unsubscribe'], free, []), 'unsub.list@yahoo.com');
  });
  test('none for a bare mailto: (a quoted reply\'s sender), a company mailbox, the sender\'s own, or broken escapes', () => {
    assert.equal(webmailMailto(['mailto:paul.l@yahoo.com'], free, []), '');
    assert.equal(webmailMailto(['mailto:support@company.example?subject=Help'], free, []), '');
    assert.equal(webmailMailto(['mailto:kate.b@gmail.com?subject=Hi'], free, ['kate.b@gmail.com']), '');
    assert.equal(webmailMailto(['mailto:%E0%A4%A@gmail.com?subject=x', 'mailto:@gmail.com?subject=x', 'mailto:?subject=x'], free, []), '');
  });
  test('mailto: links in plain text, each read once, to the next space or bracket', () => {
    assert.deepEqual(extractMailto('[Report] <mailto:a.b@gmail.com?subject=Hi%20there> or MAILTO:c@d.example.', 10),
      ['mailto:a.b@gmail.com?subject=Hi%20there', 'MAILTO:c@d.example.']);
    assert.equal(extractMailto('mailto:'.repeat(100_000), 200).length, 1);
    assert.equal(extractMailto('mailto:x@y.example '.repeat(1_000), 200).length, 200);
    assert.deepEqual(extractMailto('mailto: nothing', 10), []);
  });
  test('in a message, as an HTML link or as a plain-text part shows one: 30', async () => {
    const inHtml = await analyser.analyse(message(['From: Security Notice <news@mag.example.com>', 'Subject: Unusual sign-in'],
      '<p>Was this you?</p><a href="mailto:fwrakib03@gmail.com?subject=Report%20User%20Now">Report user</a>', 'text/html'));
    assert.deepEqual(inHtml.signals.filter((s) => s.kind === 'webmail-contact').map((s) => s.weight), [30]);
    const inText = await analyser.analyse(message(['From: Security Notice <news@mag.example.com>', 'Subject: Unusual sign-in'],
      'Was this you?\n[Report User] <mailto:fwrakib03@gmail.com?subject=Report%20User%20Now.>'));
    assert.match(details(inText, 'webmail-contact')[0] ?? '', /fwrakib03@gmail\.com/);
    const company = await analyser.analyse(message(['From: Security Notice <news@mag.example.com>', 'Subject: Unusual sign-in'],
      'Was this you?\n[Report] <mailto:abuse@mag.example.com?subject=Report>'));
    assert.deepEqual(details(company, 'webmail-contact'), []);
  });
});

describe('official-sender-foreign-links', () => {
  const html = (href: string): string => `<p>Your account needs attention.</p><a href="${href}">Open</a>`;
  test('a brand role mailbox (unverified) whose every link leaves the brand: signal with the brand', async () => {
    const r = await analyser.analyse(message(['From: PayPal <service@paypal.com>', 'Subject: Notice'], html('https://x-1234.a.run.app/login'), 'text/html'));
    assert.equal(details(r, 'official-sender-foreign-links').length, 1);
    assert.equal(r.brand, 'paypal');
  });
  test('none when a link goes to the brand, for a person at the brand, or for webmail', async () => {
    const own = await analyser.analyse(message(['From: PayPal <service@paypal.com>', 'Subject: Notice'], `${html('https://tracker.example/c/1')}<a href="https://www.paypal.com/help">Help</a>`, 'text/html'));
    assert.deepEqual(details(own, 'official-sender-foreign-links'), []);
    const person = await analyser.analyse(message(['From: Jane Roe <jroe@paypal.com>', 'Subject: Re: patch'], 'See https://lore.kernel.org/netdev/1 for the thread.'));
    assert.deepEqual(details(person, 'official-sender-foreign-links'), []);
    assert.equal(roleMailbox('no-reply@paypal.com'), true);
    assert.equal(roleMailbox('notifica@bank.example'), true);
    assert.equal(roleMailbox('jroe@paypal.com'), false);
  });
});

describe('analyser 1.2 word signals', () => {
  const plain = (from: string, subject: string, body: string): Buffer => message([`From: ${from}`, `Subject: ${subject}`], body);
  test('offer-lure: lead-generation offers in pt, nl, en; not ordinary mail', async () => {
    const pt = await analyser.analyse(plain('Cotar <maria@ofertas.example>', 'Sua cotação', 'Prezado, temos uma proposta exclusiva: tabela promocional do plano de saúde com condição especial. Cote agora!'));
    assert.equal(details(pt, 'offer-lure').length, 1);
    assert.equal(pt.signals.find((s) => s.kind === 'offer-lure')?.weight, 40);
    const nl = await analyser.analyse(plain('Besparingscoach <info@besparen.example>', 'Subsidie', 'Bespaar op uw energierekening met zonnepanelen en subsidie.'));
    assert.equal(details(nl, 'offer-lure').length, 1);
    const en = await analyser.analyse(plain('Deals <deals@offers.example>', 'Car kit', 'Deals inside. The advertiser does not manage your subscription.'));
    assert.equal(details(en, 'offer-lure').length, 1);
    const ordinary = await analyser.analyse(plain('Ana <ana@example.org>', 'Insulation test', 'The process isolation test fails on arm64; the energy model needs a fix.'));
    assert.deepEqual(details(ordinary, 'offer-lure'), []);
  });
  test('HTML Latin-1 entities decode, so accented lures match (pt, de)', async () => {
    const pt = await analyser.analyse(message(['From: Banco <notifica@banco.example>', 'Subject: Aviso'], '<p>Acesso indevido: transa&ccedil;&atilde;o suspeita, sua conta est&aacute; bloqueada.</p>', 'text/html'));
    assert.ok(details(pt, 'threat').some((d) => d.includes('transação suspeita')), JSON.stringify(pt.signals));
    const de = await analyser.analyse(message(['From: Shop <x@shop.example>', 'Subject: Gewinnspiel'], '<p>Ihre Teilnahme best&auml;tigen und gewinne!</p>', 'text/html'));
    assert.ok(details(de, 'prize-lure').some((d) => d.includes('teilnahme bestätigen')), JSON.stringify(de.signals));
  });
  test('obfuscated-text: runs of soft hyphens inside words count once per split', async () => {
    const shy = '\u00ad\u00ad\u00ad';
    const r = await analyser.analyse(plain('Wallet <x@w.example>', 'KYC', `Our comp${shy}any req${shy}uires all us${shy}ers to ver${shy}ify.`));
    assert.ok(details(r, 'obfuscated-text').some((d) => d.includes('4 invisible characters')), JSON.stringify(r.signals));
    const hyphenated = await analyser.analyse(plain('Ana <ana@example.org>', 'Text', 'A single soft\u00adhyphen in a long word is ordinary typesetting.'));
    assert.deepEqual(details(hyphenated, 'obfuscated-text'), []);
  });
});

describe('image-only before an opt-out footer', () => {
  const img = '<a href="https://offers.example/c/1"><img src="https://cdn.example/banner.png" width="600"></a>';
  test('an image and a link, then only a long opt-out footer (en, de): image-only', async () => {
    const en = await analyser.analyse(message(['From: Deals <d@deals.example>', 'Subject: Kit'], `${img}<p>You may unsubscribe at any time. Unsubscribe or write to 9901 Some Lane, Suite 160, Austin, TX 78748, United States of America</p>`, 'text/html'));
    assert.ok(details(en, 'image-only').some((d) => d.includes('before its opt-out footer')), JSON.stringify(en.signals));
    const de = await analyser.analyse(message(['From: Shop <d@shop.example>', 'Subject: Angebot'], `${img}<p>Um die E-Mail abzubestellen, klicken Sie bitte hier; Impressum: Musterstraße 1, 12345 Musterstadt, Deutschland, Geschäftsführer Max Mustermann</p>`, 'text/html'));
    assert.equal(details(de, 'image-only').length, 1);
  });
  test('a newsletter with its own text before the footer: none', async () => {
    const r = await analyser.analyse(message(['From: News <n@news.example>', 'Subject: Issue 12'], `${img}<p>This week: the new release is out, with faster builds, a smaller install and three fixes for the importer that many of you asked for.</p><p>Unsubscribe here.</p>`, 'text/html'));
    assert.deepEqual(details(r, 'image-only'), []);
  });
});
