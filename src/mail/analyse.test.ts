/**
 * The e-mail analyser on hand-written messages: every signal, the verdict vocabulary, offline and online
 * authentication (a local fake resolver), the anti-phishing code. No evaluation data is used here.
 */
import { describe, test } from 'node:test';
import assert from '../test-assert.js';
import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth';
import { createMailAnalyser, escapeInvisible, type EmailAnalysis } from './index.js';
import { sha256Hex } from './parse.js';
import { CATALOG, eml } from './test-fixtures.js';

const analyser = createMailAnalyser({ catalog: CATALOG });

const kinds = (r: EmailAnalysis): string[] => r.signals.filter((s) => s.weight > 0).map((s) => s.kind);

const PHISH = eml([
  'From: "PayPal Service" <service@secure-mailer.example>',
  'To: <you@example.org>',
  'Reply-To: paypal.help.desk@gmail.com',
  'Subject: Your account has been limited',
  'Message-ID: <phish-1@secure-mailer.example>',
  'Date: Tue, 03 Dec 2024 10:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=utf-8',
], `<p>Dear customer,</p><p>We noticed unusual activity. Your account will be suspended within 24 hours
unless you verify your account.</p><p><a href="http://paypa1-login.com/signin">https://www.paypal.com/signin</a></p>
<img src="http://track.example/o.gif" width="1" height="1">`);

const HAM = eml([
  'From: Ana Lopez <ana@example.org>',
  'To: team@example.org',
  'Subject: Minutes of Tuesday\'s meeting',
  'Message-ID: <m-1@example.org>',
  'Date: Tue, 03 Dec 2024 10:00:00 +0000',
  'Content-Type: text/plain; charset=utf-8',
], 'Hi all,\nthe minutes are on the wiki: https://wiki.example.org/meetings/2024-12-03\nAna\n');

/** Each [language, sentence] alone in a plain message from an unknown sender yields a signal of `kind`. */
async function assertReadInEachLanguage(kind: string, lines: readonly (readonly [language: string, body: string])[]): Promise<void> {
  for (const [language, body] of lines) {
    const r = await analyser.analyse(eml(['From: <notice@cloud-notice.example>', 'Subject: notice', 'Content-Type: text/plain; charset=utf-8'], body));
    assert.ok(kinds(r).includes(kind), `${language}: ${kinds(r).join(',')}`);
  }
}

/** `body`, ordinary mail that shares words with a lure, does not raise `kind`. */
async function assertNotRead(kind: string, body: string): Promise<void> {
  const r = await analyser.analyse(eml(['From: <news@desk.example.org>', 'Subject: news', 'Content-Type: text/plain; charset=utf-8'], body));
  assert.ok(!kinds(r).includes(kind), kinds(r).join(','));
}

describe('verdicts and signals', () => {
  test('a brand-impersonation message is phishing, attributed to the brand, with every signal explained', async () => {
    const r = await analyser.analyse(PHISH);
    assert.equal(r.verdict, 'phishing');
    assert.equal(r.brand, 'paypal');
    assert.ok(r.score >= 70 && r.score <= 100);
    for (const kind of ['display-name-brand', 'reply-to-mismatch', 'link-text-mismatch', 'risky-link', 'credential-lure', 'urgency', 'threat', 'tracking-pixel']) {
      assert.ok(kinds(r).includes(kind), `${kind} in ${kinds(r).join(',')}`);
    }
    for (const s of r.signals) assert.ok(s.detail.length > 10 && s.weight >= 0 && s.weight <= 100, s.detail);
    assert.equal(r.message.messageId, '<phish-1@secure-mailer.example>');
    assert.equal(r.message.subject, 'Your account has been limited');
    assert.equal(r.message.from, 'service@secure-mailer.example');
    assert.equal(r.message.date, '2024-12-03T10:00:00.000Z');
    assert.equal(r.message.sha256, sha256Hex(PHISH));
    assert.equal(r.senderDomain, 'secure-mailer.example');
    assert.deepEqual(r.links, ['http://paypa1-login.com/signin']);
    assert.equal(r.mode, 'offline');
    const mismatch = r.signals.find((s) => s.kind === 'link-text-mismatch');
    assert.match(mismatch?.detail ?? '', /shows "www\.paypal\.com" but leads to paypa1-login\.com/);
  });

  test('an ordinary message is benign with no weighted signal', async () => {
    const r = await analyser.analyse(HAM);
    assert.equal(r.verdict, 'benign');
    assert.equal(r.score, 0);
    assert.equal(r.brand, null);
    assert.deepEqual(kinds(r), []);
  });

  test('lures in other languages: Japanese and Portuguese', async () => {
    const ja = await analyser.analyse(eml(['From: <info@shop-notice.example>', 'Subject: =?UTF-8?B?44CQ6YeN6KaB44CR44Ki44Kr44Km44Oz44OI5YGc5q2i44Gu44GK55+l44KJ44Gb?=', 'Content-Type: text/plain; charset=utf-8'],
      'お客様のアカウントは不正アクセスのため利用制限されました。24時間以内にログインして本人確認を行ってください。'));
    assert.ok(kinds(ja).includes('credential-lure') && kinds(ja).includes('threat') && kinds(ja).includes('urgency'), kinds(ja).join(','));
    assert.notEqual(ja.verdict, 'benign');
    const pt = await analyser.analyse(eml(['From: <aviso@banco-aviso.example>', 'Subject: Sua conta foi bloqueada', 'Content-Type: text/plain; charset=iso-8859-1'],
      Buffer.from('Prezado cliente, sua conta foi bloqueada. Atualize seus dados imediatamente.', 'latin1').toString('latin1')));
    assert.ok(kinds(pt).includes('credential-lure') && kinds(pt).includes('threat') && kinds(pt).includes('urgency'), kinds(pt).join(','));
  });

  test('the "storage is full" quota lure is read in each language', async () => {
    const lines: readonly [string, string][] = [
      ['en', 'Your iCloud storage is almost full. Upgrade today.'],
      ['es', 'Su almacenamiento está lleno: te estás quedando sin espacio.'],
      ['pt', 'Seu armazenamento está cheio.'],
      ['de', 'Ihr Speicher ist voll.'],
      ['fr', 'Votre espace de stockage est plein.'],
      ['it', 'Lo spazio di archiviazione è pieno.'],
      ['nl', 'Uw opslag is vol.'],
      ['ja', 'ストレージ容量が不足しています。'],
    ];
    await assertReadInEachLanguage('credential-lure', lines);
    const plain = await analyser.analyse(eml(['From: <a@example.org>', 'Subject: disk', 'Content-Type: text/plain'], 'The build box ran out of disk; I cleaned /tmp.'));
    assert.ok(!kinds(plain).includes('credential-lure'), kinds(plain).join(','));
  });

  // Each: one sentence per language that must raise `kind`, and, where a first version read too much, ordinary text that must not.
  const readInEachLanguage: readonly { title: string; kind: string; lines: readonly (readonly [string, string])[]; ordinary?: string }[] = [
    {
      title: 'the threat that files or the account will be deleted is read in each language',
      kind: 'threat',
      lines: [
        ['en', 'Upgrade now or your photos will be deleted.'],
        ['es', 'Actualice antes de que se eliminen los archivos en su iCloud Drive.'],
        ['pt', 'Seus arquivos serão excluídos amanhã.'],
        ['de', 'Ihre Dateien werden gelöscht.'],
        ['fr', 'Vos fichiers seront supprimés demain.'],
        ['it', 'I tuoi file saranno eliminati domani.'],
        ['nl', 'Uw bestanden worden verwijderd.'],
        ['ja', 'ファイルは削除されます。'],
      ],
    },
    {
      title: 'a deadline that expires today or a last chance is urgency in each language',
      kind: 'urgency',
      lines: [
        ['en', 'Your password expires today.'],
        ['es', 'Su suscripción vence hoy.'],
        ['pt', 'Sua senha expira hoje.'],
        ['de', 'Ihr Passwort läuft heute ab.'],
        ['fr', "Votre mot de passe expire aujourd'hui."],
        ['it', 'La tua password scade oggi.'],
        ['nl', 'Uw wachtwoord verloopt vandaag.'],
      ],
    },
    {
      title: 'unusual or suspicious activity on the account is a credential lure in each language',
      kind: 'credential-lure',
      lines: [
        ['en', 'We noticed suspicious activity on your account.'],
        ['es', 'Hemos detectado actividad sospechosa en su perfil.'],
        ['pt', 'Detectamos atividade incomum no seu perfil.'],
        ['de', 'Wir haben ungewöhnliche Aktivität festgestellt.'],
        ['fr', 'Nous avons détecté une activité inhabituelle.'],
        ['it', 'Abbiamo rilevato attività sospetta.'],
        ['nl', 'We hebben verdachte activiteit gezien.'],
      ],
    },
    {
      title: 'easy money for simple work from home is a job lure in each language',
      kind: 'job-lure',
      lines: [
        ['en', 'Earn $300 a day from home with simple tasks.'],
        ['es', 'Trabaja desde casa con tareas sencillas.'],
        ['pt', 'Renda extra: trabalhe de casa.'],
        ['de', 'Nebenjob mit einfachen Aufgaben: Tageslohn garantiert.'],
        ['fr', 'Un revenu complémentaire pour des tâches simples.'],
        ['it', 'Guadagnare da casa con compiti semplici.'],
        ['nl', 'Bijverdienen met eenvoudige taken.'],
      ],
    },
    {
      title: 'a charge the reader did not make, and where to call about it, is a callback lure in each language',
      kind: 'callback-lure',
      lines: [
        ['en', 'If you did not authorize this payment, call our billing department.'],
        ['es', 'Si no reconoce esta compra, llame a nuestro equipo.'],
        ['pt', 'Se você não reconhece esta compra, ligue para nossa central.'],
        ['de', 'Wenn Sie diese Zahlung nicht autorisiert haben, rufen Sie unsere Hotline an.'],
        ['fr', "Si vous n'avez pas autorisé ce paiement, appelez notre service client."],
        ['it', 'Se non hai autorizzato questo pagamento, chiama il nostro numero.'],
        ['nl', 'Heeft u deze aankoop niet gedaan? Bel onze klantenservice.'],
      ],
    },
    {
      title: 'a fake-news investment ad is a crypto lure in each language',
      kind: 'crypto-lure',
      ordinary: 'The big banks report on Friday. Automated trading now makes up most volume, and Quantum AI research drew a record grant.',
      lines: [
        ['en', 'His trading robot can make you a millionaire before the big banks stop it.'],
        ['es', 'Su robot de trading hace que cualquiera sea millonario en meses.'],
        ['pt', 'O robô de trading que pode te fazer ficar milionário.'],
        ['de', 'Mit diesem Handelsroboter zum Millionär.'],
        ['fr', 'Devenir millionnaire avec un robot de trading.'],
        ['it', 'Diventare milionario con un robot di trading.'],
        ['nl', 'Miljonair worden met een handelsrobot.'],
      ],
    },
    {
      title: 'losing the balance with the account is a threat in each language',
      kind: 'threat',
      ordinary: 'Your balance will be updated within a day, and your funds will be available on Monday.',
      lines: [
        ['en', 'Your balance will be cleared upon account deactivation.'],
        ['es', 'Tu saldo se perderá.'],
        ['pt', 'Seu saldo será perdido.'],
        ['de', 'Ihr Guthaben verfällt.'],
        ['fr', 'Votre solde sera perdu.'],
        ['it', 'Il tuo saldo sarà azzerato.'],
        ['nl', 'Uw saldo vervalt.'],
      ],
    },
  ];
  for (const c of readInEachLanguage) {
    test(c.title, async () => {
      await assertReadInEachLanguage(c.kind, c.lines);
      if (c.ordinary !== undefined) await assertNotRead(c.kind, c.ordinary);
    });
  }

  test('the scam families are read in Italian and Japanese, and the advance-fee letter in Dutch, as in the other languages', async () => {
    const families: readonly [kind: string, lines: readonly [string, string][]][] = [
      ['dating-lure', [['it', 'Donne single vicino a te: guarda le mie foto private.'], ['ja', '出会い系で今夜会える人を探そう。']]],
      ['health-lure', [['it', 'Perdere peso senza ricetta.'], ['ja', '飲むだけで痩せるサプリ。']]],
      ['crypto-lure', [['it', 'Investi in criptovalute con rendimento garantito.'], ['ja', '仮想通貨で必ず儲かる方法。']]],
      ['gambling-lure', [['it', 'Giri gratis e bonus di benvenuto.'], ['ja', 'オンラインカジノの入金不要ボーナス。']]],
      ['advance-fee-lure', [['it', 'Sei il beneficiario di una eredità di 5 milioni di dollari.'], ['nl', 'U bent de begunstigde van een erfenis.'], ['ja', '遺産を受取人にお渡しします。']]],
      ['extortion-lure', [['it', 'Ho hackerato la tua webcam.'], ['ja', 'あなたのウェブカメラで録画しました。']]],
      ['offer-lure', [['it', 'Pannelli solari: preventivo gratuito e senza impegno.'], ['ja', '太陽光発電の無料見積もり。']]],
      ['job-lure', [['ja', '在宅ワークで高収入、スマホで簡単。']]],
      ['callback-lure', [['ja', '身に覚えのないご請求について。']]],
    ];
    for (const [kind, lines] of families) await assertReadInEachLanguage(kind, lines);
  });

  test('a QR code that asks to verify or sign in is a credential lure; setting up an authenticator is not', async () => {
    const lures = [
      'Your MFA registration expires today. Scan the QR code to re-authenticate your account.',
      'Bitte scannen Sie den QR-Code zur Bestätigung.',
      'Escanee el código QR para verificar su identidad.',
    ];
    for (const body of lures) {
      const r = await analyser.analyse(eml(['From: <it@helpdesk-notice.example>', 'Subject: notice', 'Content-Type: text/plain; charset=utf-8'], body));
      assert.ok(kinds(r).includes('credential-lure'), `${body}: ${kinds(r).join(',')}`);
    }
    const setup = await analyser.analyse(eml(['From: <a@example.org>', 'Subject: 2FA', 'Content-Type: text/plain'], 'Scan the QR code below with your authenticator app, then type the six digits it shows.'));
    assert.ok(!kinds(setup).includes('credential-lure'), kinds(setup).join(','));
  });

  test('display name showing another address, lookalike sender domain', async () => {
    const r = await analyser.analyse(eml(['From: "service@paypal.com" <notice@paypa1.com>', 'Subject: hello', 'Content-Type: text/plain'], 'hello'));
    assert.ok(kinds(r).includes('display-name-address'));
    assert.ok(kinds(r).includes('lookalike-sender'));
    assert.equal(r.brand, 'paypal');
    assert.equal(r.verdict, 'phishing');
  });

  test('a From or Reply-To under no existing top-level domain', async () => {
    const r = await analyser.analyse(eml(['From: Correios <aviso@correios>', 'Reply-To: <x@help.invalidtld>', 'Subject: hi', 'Content-Type: text/plain'], 'hi'));
    assert.equal(r.signals.filter((s) => s.kind === 'bogus-domain').length, 2);
    const fine = await analyser.analyse(eml(['From: <a@example.co.uk>', 'Reply-To: <b@help.example.org>', 'Content-Type: text/plain'], 'hi'));
    assert.ok(!kinds(fine).includes('bogus-domain'));
  });

  test('brand named in the subject but not in the sender', async () => {
    const r = await analyser.analyse(eml(['From: <billing@random-host.example>', 'Subject: Your PayPal receipt', 'Content-Type: text/plain'], 'see attached'));
    assert.ok(kinds(r).includes('brand-not-sender'));
    assert.equal(r.brand, 'paypal');
  });
});

describe('attachments', () => {
  const multipart = (parts: readonly string[]): Buffer => eml(
    ['From: <a@sender.example>', 'Subject: documents', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b1"'],
    `${parts.map((p) => `--b1\r\n${p}`).join('\r\n')}\r\n--b1--\r\n`,
  );
  const attachment = (name: string, type: string, content: Buffer): string =>
    `Content-Type: ${type}; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${content.toString('base64')}\r\n`;

  test('HTML attachment with a password form, double extension, bidi trick, encrypted ZIP', async () => {
    // A minimal ZIP local file header with general-purpose flag bit 0 (encrypted).
    const zip = Buffer.alloc(40);
    zip.writeUInt32LE(0x04034b50, 0);
    zip.writeUInt16LE(0x0001, 6);
    const r = await analyser.analyse(multipart([
      'Content-Type: text/plain\r\n\r\nplease see the attached files\r\n',
      attachment('statement.html', 'text/html', Buffer.from('<form action="https://drop.example/p.php"><input type="password" name="p"></form>')),
      attachment('invoice.pdf.exe', 'application/octet-stream', Buffer.from('MZ')),
      attachment('invoice\u202Efdp.scr', 'application/octet-stream', Buffer.from('MZ')),
      attachment('docs.zip', 'application/zip', zip),
    ]));
    const details = r.signals.map((s) => `${s.kind}: ${s.detail}`).join('\n');
    assert.match(details, /html-attachment: the HTML attachment "statement\.html" contains a form with a password field posting to "https:\/\/drop\.example\/p\.php"/);
    assert.match(details, /double-extension: the attachment "invoice\.pdf\.exe" looks like a \.pdf but is a \.exe/);
    assert.match(details, /double-extension: .*"invoice<U\+202E>fdp\.scr" hides its real extension/);
    assert.match(details, /encrypted-archive: the archive "docs\.zip" is password-protected/);
    assert.ok(r.links.includes('https://drop.example/p.php'));
    assert.equal(r.verdict, 'phishing');
  });

  test('an attachment\'s file name is read for lures, with its separators as spaces', async () => {
    const named = await analyser.analyse(multipart([
      'Content-Type: text/plain\r\n\r\nsee attached\r\n',
      attachment('Payment_Failed-Update-Your-Billing.pdf', 'application/pdf', Buffer.from('%PDF-1.4')),
    ]));
    assert.ok(kinds(named).includes('payment-lure'), kinds(named).join(','));
    const plainName = await analyser.analyse(multipart([
      'Content-Type: text/plain\r\n\r\nsee attached\r\n',
      attachment('minutes_2024-03.pdf', 'application/pdf', Buffer.from('%PDF-1.4')),
    ]));
    assert.ok(!kinds(plainName).includes('payment-lure'), kinds(plainName).join(','));
  });

  test('escapeInvisible shows bidi and zero-width characters', () => {
    assert.equal(escapeInvisible('invoice\u202Efdp.exe'), 'invoice<U+202E>fdp.exe');
    assert.equal(escapeInvisible('pay\u200Bpal'), 'pay<U+200B>pal');
    // Soft hyphens, the combining grapheme joiner and tag characters (text smuggled past readers) show too.
    assert.equal(escapeInvisible('Pay\u00ADPal\u034F \u{E0041}'), 'Pay<U+00AD>Pal<U+034F> <U+E0041>');
  });
});

describe('authentication, offline (headers) and online (fake resolver)', () => {
  test('offline: the topmost Authentication-Results is used, and the analysis says so', async () => {
    const spoof = eml([
      'Authentication-Results: mx.receiver.example; spf=fail smtp.mailfrom=paypal.com; dkim=none; dmarc=fail (p=REJECT) header.from=paypal.com',
      'Authentication-Results: forged.example; dmarc=pass header.from=paypal.com',
      'From: PayPal <service@paypal.com>', 'Subject: notice', 'Content-Type: text/plain',
    ], 'hello');
    const r = await analyser.analyse(spoof);
    assert.equal(r.auth.source, 'header');
    assert.equal(r.auth.dmarc?.result, 'fail');
    assert.equal(r.auth.spf?.result, 'fail');
    assert.match(r.auth.basis, /receiving server's Authentication-Results header \(mx\.receiver\.example\), not re-verified/);
    assert.ok(kinds(r).includes('auth-dmarc') && kinds(r).includes('auth-spf'));
    assert.equal(r.verdict, 'phishing');
    assert.equal(r.brand, 'paypal');

    const genuine = eml([
      'Authentication-Results: mx.receiver.example; spf=pass smtp.mailfrom=paypal.com; dkim=pass header.d=paypal.com; dmarc=pass header.from=paypal.com',
      'From: PayPal <service@paypal.com>', 'Subject: Your receipt', 'Content-Type: text/plain',
    ], 'Thanks for your payment.');
    const g = await analyser.analyse(genuine);
    assert.equal(g.verdict, 'official');
    assert.equal(g.brand, 'paypal');
    assert.equal(g.score, 0);
  });

  test('offline: trusted authserv-ids exclude other receivers; no header is not evidence', async () => {
    const strict = createMailAnalyser({ catalog: CATALOG, trustedAuthservIds: ['mx.mine.example'] });
    const r = await strict.analyse(eml(['Authentication-Results: mx.other.example; dmarc=fail header.from=x-corp.com', 'From: <a@x-corp.com>', 'Content-Type: text/plain'], 'hi'));
    assert.equal(r.auth.source, 'none');
    assert.equal(r.verdict, 'benign');
    const official = await analyser.analyse(eml(['From: PayPal <service@paypal.com>', 'Subject: hi', 'Content-Type: text/plain'], 'hi'));
    assert.equal(official.verdict, 'benign');
    assert.ok(official.signals.some((s) => s.kind === 'unverified-official-sender' && s.weight === 0 && s.caveat !== undefined));
  });

  test('online: DKIM and DMARC re-verified through the injected resolver', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const message = eml(['From: Acme Bank <alerts@acme-bank.com>', 'To: <you@example.org>', 'Subject: Statement ready', 'Date: Tue, 03 Dec 2024 10:00:00 +0000', 'Message-ID: <s@acme-bank.com>'], 'Your statement is ready in online banking.\n');
    // mailauth 4.13.3 reads `signatureData` at run time; its bundled typings describe a flat shape.
    const signOptions = { signatureData: [{ signingDomain: 'acme-bank.com', selector: 's1', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) }] };
    const signed = await dkimSign(message, signOptions as unknown as Parameters<typeof dkimSign>[1]);
    const raw = Buffer.concat([Buffer.from(signed.signatures), message]);
    const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const records = new Map<string, string[][]>([
      ['s1._domainkey.acme-bank.com:TXT', [[`v=DKIM1; k=rsa; p=${p}`]]],
      ['_dmarc.acme-bank.com:TXT', [['v=DMARC1; p=reject']]],
    ]);
    const asked: string[] = [];
    const resolver = (name: string, rrtype: string): Promise<string[][]> => {
      asked.push(`${name}:${rrtype}`);
      const found = records.get(`${name.toLowerCase()}:${rrtype}`);
      if (found !== undefined) return Promise.resolve(found);
      return Promise.reject(Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' }));
    };
    const online = createMailAnalyser({ catalog: CATALOG, resolver });
    const r = await online.analyse(raw);
    assert.equal(r.mode, 'online');
    assert.equal(r.auth.source, 'verified');
    assert.equal(r.auth.dkim[0]?.result, 'pass');
    assert.equal(r.auth.dmarc?.result, 'pass');
    assert.equal(r.verdict, 'official');
    assert.ok(asked.includes('s1._domainkey.acme-bank.com:TXT'));

    // The same message with its body changed after signing: the body hash no longer verifies (mailauth reports
    // RFC 6376's `neutral` for that), DMARC fails, the brand is spoofed.
    const tampered = Buffer.from(raw.toString('utf8').replace('is ready', 'is LOCKED'), 'utf8');
    const t = await online.analyse(tampered);
    assert.equal(t.auth.dkim[0]?.result, 'neutral');
    assert.equal(t.auth.dmarc?.result, 'fail');
    assert.equal(t.verdict, 'phishing');
    assert.equal(t.brand, 'acme');
  });
});

describe('anti-phishing code', () => {
  const withCode = createMailAnalyser({ catalog: CATALOG, antiPhishingCodes: [{ brand: 'acme', phrase: 'Blue Heron 42' }] });
  const claim = (body: string): Buffer => eml(['From: "Acme Bank" <alerts@acme-bank.com>', 'Subject: Your statement', 'Content-Type: text/plain'], body);

  test('missing from mail that claims to be the organisation: signal; present: none; not configured: none', async () => {
    const missing = await withCode.analyse(claim('Your statement is ready.'));
    assert.ok(kinds(missing).includes('anti-phishing-code-missing'));
    assert.equal(missing.brand, 'acme');
    const present = await withCode.analyse(claim('Your statement is ready. Your security phrase: blue  heron 42'));
    assert.ok(!kinds(present).includes('anti-phishing-code-missing'));
    const other = await withCode.analyse(eml(['From: <x@other.example>', 'Subject: hello', 'Content-Type: text/plain'], 'hello'));
    assert.ok(!kinds(other).includes('anti-phishing-code-missing'));
    assert.ok(!kinds(await analyser.analyse(claim('Your statement is ready.'))).includes('anti-phishing-code-missing'));
  });
});
