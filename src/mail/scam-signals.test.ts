/**
 * The scam-family and sender/link-shape signals added for the "E-mail analysis" issue: for each, a hand-written
 * message that must trigger it and an ordinary one that must not. No evaluation data is used here.
 */
import { describe, test } from 'node:test';
import assert from '../test-assert.js';
import { createMailAnalyser, type EmailAnalysis } from './index.js';
import { CATALOG, eml } from './test-fixtures.js';

const analyser = createMailAnalyser({ catalog: CATALOG });
const kinds = (r: EmailAnalysis): string[] => r.signals.filter((s) => s.weight > 0).map((s) => s.kind);
const signal = (r: EmailAnalysis, kind: string): EmailAnalysis['signals'][number] | undefined => r.signals.find((s) => s.kind === kind);

function plain(from: string, subject: string, body: string, extra: readonly string[] = []): Buffer {
  return eml([`From: ${from}`, 'To: <you@example.org>', `Subject: ${subject}`, 'Message-ID: <t@example.net>', 'Date: Tue, 03 Dec 2024 10:00:00 +0000',
    ...extra, 'Content-Type: text/plain; charset=utf-8'], body);
}

describe('lures in the display name', () => {
  test('the sender\'s display name is read for lures like the subject and the body', async () => {
    const named = await analyser.analyse(plain('ONLINE PHARMACY <x9k2@shop.example>', 'Men shop', 'Best prices this week. http://shop.example/'));
    assert.ok(kinds(named).includes('health-lure'), kinds(named).join(','));
    const ordinary = await analyser.analyse(plain('Mia Chen <mia@shop.example>', 'Men shop', 'Best prices this week. http://shop.example/'));
    assert.ok(!kinds(ordinary).includes('health-lure'), kinds(ordinary).join(','));
  });
});

describe('scam-family lures', () => {
  const cases: readonly { kind: string; lure: Buffer; ordinary: Buffer }[] = [
    {
      kind: 'dating-lure',
      lure: plain('Anna <anna@dating-mail.example>', 'New private message', 'Hi! I am a lonely woman, looking for a man. See my private photos and find your match tonight.'),
      ordinary: plain('Tom <tom@example.org>', 'Dinner', 'We met the new neighbours yesterday; they are lovely. Dinner on Friday?'),
    },
    {
      kind: 'health-lure',
      lure: plain('Shop <deals@pills.example>', 'Weight loss without effort', 'Burn fat fast with keto gummies! Viagra and Cialis with no prescription.'),
      ordinary: plain('Dr Lee <lee@clinic.example>', 'Your appointment', 'Your appointment is confirmed for Monday at 9:00. Bring your insurance card.'),
    },
    {
      kind: 'crypto-lure',
      lure: plain('Token Team <team@drop.example>', 'Claim your tokens', 'The airdrop is live: connect your wallet and claim your tokens from the allocation program.'),
      ordinary: plain('Ana <ana@example.org>', 'Build failed', 'The wallet module fails to build on arm64; the token parser needs a fix.'),
    },
    {
      kind: 'gambling-lure',
      lure: plain('Club <vip@spin.example>', '100 free spins', 'Your welcome bonus: 100 free spins and a 300% deposit bonus at our casino.'),
      ordinary: plain('Ana <ana@example.org>', 'RAM', 'The board has two free memory slots; I will add 16 GB.'),
    },
    {
      kind: 'advance-fee-lure',
      lure: plain('Mrs Grace <grace@mail.example>', 'Dear beneficiary', 'My name is Grace. My late husband left a fund; you are the beneficiary. Send your full name and your phone number to claim the funds via an ATM card.'),
      ordinary: plain('Ana <ana@example.org>', 'Class design', 'Prefer composition over inheritance here; the base class is doing too much.'),
    },
    {
      kind: 'extortion-lure',
      lure: plain('you <you@example.org>', 'Your device was hacked', 'I hacked your phone. Your webcam recorded you on adult websites. Send 1000 USD to my bitcoin wallet or all your contacts get the video.'),
      ordinary: plain('IT <it@example.org>', 'Webcam driver', 'The webcam driver update is on the share. Reboot afterwards.'),
    },
    {
      kind: 'job-lure',
      lure: plain('HR Team <hr@jobs-now.example>', 'Part-time job offer', 'Earn $500 a day from home! Simple tasks on your phone, daily salary, no experience required.'),
      // A real vacancy may be part-time, from home and for beginners: the job is no lure, the easy money is.
      ordinary: plain('Recruiting <jobs@example.org>', 'Part-time position', 'We are hiring a part-time support assistant. You can work from home; no experience required, we train you.'),
    },
    {
      kind: 'callback-lure',
      lure: plain('Billing <billing@renewals.example>', 'Invoice #88231', 'Your subscription has been renewed for $399.99. If you did not authorize this charge, call our billing department at +1 888 555 0100.'),
      // A customer service's footer names where to call, and denies no charge.
      ordinary: plain('Shop <orders@shop.example>', 'Your order has shipped', 'Your order 1234 has shipped and arrives on Thursday. Questions? Call our billing department at our toll-free number, 1-800-555-0100.'),
    },
  ];
  for (const c of cases) {
    test(`${c.kind}: fires on the lure, not on ordinary mail`, async () => {
      const lure = await analyser.analyse(c.lure);
      assert.ok(kinds(lure).includes(c.kind), `${c.kind} in ${kinds(lure).join(',')}`);
      assert.match(signal(lure, c.kind)?.detail ?? '', /: "/);
      const ordinary = await analyser.analyse(c.ordinary);
      assert.ok(!kinds(ordinary).includes(c.kind), `${c.kind} not in ${kinds(ordinary).join(',')}`);
    });
  }
});

function html(from: string, subject: string, body: string): Buffer {
  return eml([`From: ${from}`, 'To: <you@example.org>', `Subject: ${subject}`, 'Message-ID: <h@example.net>', 'Date: Tue, 03 Dec 2024 10:00:00 +0000',
    'MIME-Version: 1.0', 'Content-Type: text/html; charset=utf-8'], body);
}

describe('sender shape', () => {
  test('display-name-domain: a web address in the display name that is not the sender', async () => {
    const r = await analyser.analyse(plain('"Stellar.org Team" <news@unrelated-mailer.example.com>', 'Staking', 'Hello'));
    assert.ok(kinds(r).includes('display-name-domain'), kinds(r).join(','));
    assert.match(signal(r, 'display-name-domain')?.detail ?? '', /stellar\.org/);
    const same = await analyser.analyse(plain('"Example.org News" <news@lists.example.org>', 'News', 'Hello'));
    assert.ok(!kinds(same).includes('display-name-domain'), kinds(same).join(','));
    const person = await analyser.analyse(plain('"J. R. Smith" <jr@example.org>', 'Hi', 'Hello'));
    assert.ok(!kinds(person).includes('display-name-domain'), kinds(person).join(','));
  });

  test('freemail-organisation: an organisation name on a free webmail address, not a person', async () => {
    const r = await analyser.analyse(plain('"Blockchain Support" <helper.desk2231@gmail.com>', 'Case', 'Hello'));
    assert.ok(kinds(r).includes('freemail-organisation'), kinds(r).join(','));
    const person = await analyser.analyse(plain('"Maria Santos" <maria.santos@gmail.com>', 'Case', 'Hello'));
    assert.ok(!kinds(person).includes('freemail-organisation'), kinds(person).join(','));
    const company = await analyser.analyse(plain('"Acme Support" <support@acme-tools.example.com>', 'Case', 'Hello'));
    assert.ok(!kinds(company).includes('freemail-organisation'), kinds(company).join(','));
  });

  test('odd-sender-host: a From domain spelled out in single-letter labels', async () => {
    const r = await analyser.analyse(plain('Costco <win@o.n.e.k.e.y.12.mailer.example.com>', 'Reward', 'Hello'));
    assert.ok(kinds(r).includes('odd-sender-host'), kinds(r).join(','));
    const normal = await analyser.analyse(plain('Ana <ana@a.b.example.com>', 'Hi', 'Hello'));
    assert.ok(!kinds(normal).includes('odd-sender-host'), kinds(normal).join(','));
  });

  test('odd-sender-host: a From domain on an abused TLD or free hosting that the engine lets through, weakly', async () => {
    const cheap = await analyser.analyse(plain('Offers <deals@promo.talaba.click>', 'Hi', 'Hello'));
    const shape = signal(cheap, 'odd-sender-host');
    assert.ok(shape?.detail.includes('"promo.talaba.click" is on a cheap or abused kind of domain (.click is among'), shape?.detail);
    assert.ok(shape !== undefined && shape.weight > 0 && shape.weight < 20, String(shape?.weight));
    assert.equal(cheap.verdict, 'benign', 'supporting evidence only');
    const hosted = await analyser.analyse(plain('Ana <ana@anna-shop.blogspot.com>', 'Hi', 'Hello'));
    assert.ok(signal(hosted, 'odd-sender-host')?.detail.includes('blogspot.com hosts content anyone can publish'), kinds(hosted).join(','));
    // A sender the engine itself finds risky is lookalike-sender's, once.
    const dyn = await analyser.analyse(plain('Ana <ana@home.duckdns.org>', 'Hi', 'Hello'));
    assert.ok(kinds(dyn).includes('lookalike-sender') && !kinds(dyn).includes('odd-sender-host'), kinds(dyn).join(','));
    for (const from of ['Ana <ana@mail.example.com>', 'Ana <ana@example.co.uk>']) {
      const ordinary = await analyser.analyse(plain(from, 'Hi', 'Hello'));
      assert.ok(!kinds(ordinary).includes('odd-sender-host'), `${from}: ${kinds(ordinary).join(',')}`);
    }
  });
});

describe('link and body shape', () => {
  test('link-shape: a shortener or raw-IP link the engine lets through', async () => {
    const r = await analyser.analyse(plain('Ana <ana@example.org>', 'Look', 'See http://192.0.2.7/offer and https://bit.ly/3xYz12'));
    assert.ok(kinds(r).includes('link-shape'), kinds(r).join(','));
    assert.match(signal(r, 'link-shape')?.detail ?? '', /1 other such host/);
    const normal = await analyser.analyse(plain('Ana <ana@example.org>', 'Look', 'See https://www.example.org/docs/page'));
    assert.ok(!kinds(normal).includes('link-shape'), kinds(normal).join(','));
  });

  test('image-only: one remote image with a link and no words', async () => {
    const r = await analyser.analyse(html('Shop <shop@store.example.com>', 'Hi', '<a href="http://store.example.com/go"><img src="http://img.example.com/offer.png" width="600"></a>'));
    assert.ok(kinds(r).includes('image-only'), kinds(r).join(','));
    const newsletter = await analyser.analyse(html('Shop <shop@store.example.com>', 'Hi', `<img src="http://img.example.com/logo.png"><p>${'Our winter catalogue has new boots, coats and scarves for the whole family. '.repeat(3)}</p><a href="http://store.example.com/cat">Catalogue</a>`));
    assert.ok(!kinds(newsletter).includes('image-only'), kinds(newsletter).join(','));
  });

  test('bitcoin-address: a Bitcoin address beside the word bitcoin; not a random token', async () => {
    const r = await analyser.analyse(plain('x <x@example.net>', 'Payment', 'Send the bitcoin to 1BoatSLRHtKNngkdXEeobR76b53LETtpyT today.'));
    assert.ok(kinds(r).includes('bitcoin-address'), kinds(r).join(','));
    const token = await analyser.analyse(plain('x <x@example.net>', 'Build', 'The build id is 1BoatSLRHtKNngkdXEeobR76b53LETtpyT.'));
    assert.ok(!kinds(token).includes('bitcoin-address'), kinds(token).join(','));
  });
});

describe('spelled-out words', () => {
  test('obfuscated-text: a display name or subject spelled letter by letter; initials and acronyms are not', async () => {
    const r = await analyser.analyse(plain('"E n t r e g a fallida" <info@mailer.example.com>', 'Paquete', 'Hola'));
    assert.match(signal(r, 'obfuscated-text')?.detail ?? '', /"E n t r e g a"/);
    const dotted = await analyser.analyse(plain('"F.e.d.E.x" <info@mailer.example.com>', 'Paquete', 'Hola'));
    assert.ok(kinds(dotted).includes('obfuscated-text'), kinds(dotted).join(','));
    const initials = await analyser.analyse(plain('"J. R. R. Tolkien" <jrr@example.org>', 'U.S.A. tour, A B C', 'Hello'));
    assert.ok(!kinds(initials).includes('obfuscated-text'), kinds(initials).join(','));
  });
});

describe('content placed out of sight', () => {
  const html = (css: string): Buffer => eml(['From: Tools <news@tools.example.com>', 'To: <you@example.org>', 'Subject: Newsletter', 'Message-ID: <o@example.net>',
    'Date: Tue, 03 Dec 2024 10:00:00 +0000', 'Content-Type: text/html; charset=utf-8'], `<html><head><style>${css}</style></head><body><p>Thanks for subscribing to our newsletter.</p></body></html>`);

  test('obfuscated-text: a margin of 470,500 px makes the message suspicious on its own', async () => {
    const r = await analyser.analyse(html('.belowView { margin-top: 470500px; }'));
    assert.match(signal(r, 'obfuscated-text')?.detail ?? '', /margin-top: 470500px/);
    assert.equal(r.verdict, 'suspicious');
  });

  test('an ordinary newsletter layout with a hidden preheader is not', async () => {
    const r = await analyser.analyse(html('.pre{display:none;max-height:0} body{width:600px;margin:0 auto}'));
    assert.ok(!kinds(r).includes('obfuscated-text'), kinds(r).join(','));
    assert.equal(r.verdict, 'benign');
  });
});

describe('scam families by distinct phrases (analyser 1.3: two phrases reach the suspicious threshold alone)', () => {
  test('two phrases of one family: 40, suspicious (en, nl); one phrase: 20, benign', async () => {
    const two = await analyser.analyse(plain('Maria <maria@mail-hub.example.com>', 'Hello', 'Hi, a lonely woman here, looking for a man. Write soon.'));
    assert.equal(signal(two, 'dating-lure')?.weight, 40);
    assert.equal(two.verdict, 'suspicious');
    const nl = await analyser.analyse(plain('Mining <info@hash.example.com>', 'Rendement', 'Start vandaag met cloud mining: onze mining service betaalt dagelijks.'));
    assert.equal(signal(nl, 'crypto-lure')?.weight, 40);
    const one = await analyser.analyse(plain('Tom <tom@example.org>', 'Talk', 'Slides of my talk on cloud mining economics are online.'));
    assert.equal(signal(one, 'crypto-lure')?.weight, 20);
    assert.equal(one.verdict, 'benign');
  });

  test('a phrase found only inside a longer one of its kind is the same words: counted once', async () => {
    const nested = await analyser.analyse(plain('Bank <info@bank-mail.example.com>', 'Notice', 'Your account will be suspended.'));
    assert.equal(signal(nested, 'threat')?.detail, 'the message threatens loss of access or other harm: "account will be suspended"');
    const apart = await analyser.analyse(plain('Bank <info@bank-mail.example.com>', 'Notice', 'The card will be suspended and your account has been blocked.'));
    assert.ok(signal(apart, 'threat')?.detail.includes('"will be suspended", "account has been blocked"'), signal(apart, 'threat')?.detail);
    assert.ok((signal(apart, 'threat')?.weight ?? 0) > (signal(nested, 'threat')?.weight ?? 0));
  });
});

describe('analyser 1.14 vocabulary (romance and dating letters, 419 letters, casino, NFT and prize mail)', () => {
  const weightOf = async (kind: string, subject: string, body: string): Promise<number> =>
    signal(await analyser.analyse(plain('Mira <mira@mail.example>', subject, body)), kind)?.weight ?? 0;

  test('two phrases of the family in each language: 40 (a scam family), 30 (prize, an ordinary lure)', async () => {
    assert.equal(await weightOf('dating-lure', 'Hello', 'I am seeking a guy from USA. What state are you from? I will send you my picture.'), 40);
    assert.equal(await weightOf('dating-lure', 'Treffen Sie Singles in Ihrer Nähe!', 'Über 1000 Profile, keine Fake-Profile.'), 40);
    assert.equal(await weightOf('dating-lure', 'Vanavond?', 'Wees naakt als ik langskom. Geen nepprofielen.'), 40);
    assert.equal(await weightOf('advance-fee-lure', 'Bom dia', 'Sou uma viúva doente e quero doar um fundo para ajudar os órfãos.'), 40);
    assert.equal(await weightOf('advance-fee-lure', 'Collaboration', 'The contracts were over invoiced; your part is 100% risk free.'), 40);
    assert.equal(await weightOf('gambling-lure', 'Daily jackpot', 'Make your first deposit; wagering volume decides the winner.'), 40);
    assert.equal(await weightOf('crypto-lure', 'Whitelist', 'Join our NFT drop by connecting your wallet.'), 40);
    assert.equal(await weightOf('prize-lure', 'RE: gift', "You've been selected! Please confirm the receipt of your gift."), 30);
  });

  test('ordinary mail that shares a word: nothing', async () => {
    assert.equal(await weightOf('dating-lure', 'Photos', 'The state archive sent my passport photo; the portrait is in the album.'), 0);
    assert.equal(await weightOf('advance-fee-lure', 'Relatório', 'O relatório das instituições financeiras está no anexo.'), 0);
    assert.equal(await weightOf('gambling-lure', 'Deposit', "I'd wager the first payment arrives Monday."), 0);
  });
});
