/**
 * The web UI in a real browser (Debian's Chromium through playwright-core) against a real `hookwatch serve`:
 * a customer reports a URL and follows its status; an analyst signs in, finds it in the queue, reads the signals
 * and confirms it; an admin adds a brand and an indicator is rescored; a liaison cannot see the queue; hostile
 * input never executes (SECURITY.md WA-*, PA-11, PA-12).
 */
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import assert from '../../src/test-assert.js';
import type { Browser, Page } from 'playwright-core';
import { buildIfStale, CHROMIUM_PATH, createUser, launchBrowser, newContext, signIn, startServer, type Server } from './harness.js';

const PASSWORD = 'correct horse battery staple';
/** How long a page may take to show what the test waits for. */
const UI_TIMEOUT_MS = 15_000;

/**
 * Without Chromium (a developer's machine) the suite is skipped with a reason; in CI (CI set) it must run: .ci/run
 * installs Debian's chromium.
 */
const noBrowser = existsSync(CHROMIUM_PATH) || process.env['CI'] !== undefined ? false : `${CHROMIUM_PATH} is missing (apt-get install -y chromium)`;

describe('the web UI in Chromium', { skip: noBrowser }, () => {
  let server: Server;
  let browser: Browser;

  before(async () => {
    buildIfStale();
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
    await server.stop();
  });

  let accounts = 0;
  /** A new staff account (each test its own: a TOTP code is accepted once, so accounts are not shared). */
  function staff(role: 'admin' | 'analyst' | 'liaison'): string {
    const email = `${role}-${++accounts}@example.org`;
    createUser(server, email, role, PASSWORD);
    return email;
  }

  /** Every form control on the page has an accessible name (a label, aria-label or aria-labelledby). */
  async function assertLabelled(page: Page): Promise<void> {
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
      .filter((el) => {
        const control = el as HTMLInputElement;
        return control.labels?.length === 0 && !control.hasAttribute('aria-label') && !control.hasAttribute('aria-labelledby');
      })
      .map((el) => el.outerHTML.slice(0, 80)));
    assert.deepEqual(unlabelled, []);
  }

  async function reportUrl(page: Page, url: string): Promise<string> {
    await page.goto('/');
    await page.getByRole('link', { name: 'Report something suspicious' }).click();
    await assertLabelled(page);
    await page.getByLabel('The link').fill(url);
    await page.getByRole('button', { name: 'Send report' }).click();
    const reference = (await page.locator('#reference').textContent({ timeout: UI_TIMEOUT_MS })) ?? '';
    assert.match(reference, /^HW-[0-9A-Z]{10}$/);
    return reference;
  }

  async function waitForStatus(page: Page, reference: string, title: string): Promise<void> {
    const deadline = Date.now() + UI_TIMEOUT_MS;
    for (;;) {
      await page.goto(`/status/${reference}`);
      const shown = await page.locator('#status').textContent({ timeout: UI_TIMEOUT_MS });
      if (shown === title) return;
      if (Date.now() > deadline) assert.fail(`status of ${reference} stayed "${String(shown)}", expected "${title}"`);
      await page.waitForTimeout(300);
    }
  }

  test('a customer reports a URL, follows it; an analyst finds it, reads the signals and confirms it', async () => {
    const customer = await newContext(browser, server);
    const reference = await reportUrl(customer.page, 'http://paypa1-secure-login.com/signin');
    assert.match(await customer.page.locator('h1').innerText(), /Thank you/);
    await waitForStatus(customer.page, reference, 'Being reviewed');

    const analyst = await newContext(browser, server);
    await signIn(analyst.page, staff('analyst'), PASSWORD);
    await assertLabelled(analyst.page);
    await analyst.page.getByRole('searchbox', { name: 'Search indicators' }).fill('paypa1-secure');
    await analyst.page.getByRole('button', { name: 'Apply' }).click();
    const row = analyst.page.locator('table.queue tbody tr', { hasText: 'paypa1-secure-login[.]com' });
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.match(await row.innerText(), /phishing/);
    await row.getByRole('link').click();
    const signals = analyst.page.locator('ol.signals');
    await signals.waitFor({ timeout: UI_TIMEOUT_MS });
    const explained = await signals.innerText();
    assert.match(explained, /paypal/i, 'the signals name the brand');
    assert.match(await analyst.page.locator('h1').innerText(), /hxxp:\/\/paypa1-secure-login\[\.\]com/, 'defanged');
    assert.equal(await analyst.page.locator('h1 a').count(), 0, 'the reported URL is not a link');
    await analyst.page.getByLabel(/^Note/).fill('credential phishing, PayPal kit');
    await analyst.page.getByRole('button', { name: 'Confirm phishing' }).click();
    await analyst.page.locator('#indicator-status', { hasText: 'confirmed phishing' }).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.match(await analyst.page.locator('ol.history').innerText(), /indicator\.decided → confirmed_phishing: “credential phishing, PayPal kit”/);
    assert.match(await analyst.page.locator('section', { hasText: 'Reports (' }).innerText(), new RegExp(reference));

    await waitForStatus(customer.page, reference, 'Confirmed as phishing');
    assert.deepEqual([...customer.dialogs, ...analyst.dialogs], []);
    assert.deepEqual([...customer.foreignRequests, ...analyst.foreignRequests], []);
    await customer.context.close();
    await analyst.context.close();
  });

  test('a report forwarded as an attachment: the analyst sees the attached message, its signals and its link', async () => {
    const phish = [
      'From: "PayPal Service" <service@paypa1-account-help.com>', 'To: <anna@example.org>', 'Subject: Your account is on hold',
      'Message-ID: <hold@paypa1-account-help.com>', 'Content-Type: text/html; charset=utf-8', '',
      '<p>Verify your account within 24 hours: <a href="http://paypa1-account-help.com/signin">https://www.paypal.com/</a></p>',
    ].join('\r\n');
    const report = [
      'From: "Anna" <anna@example.org>', 'To: <report@bank.example>', 'Subject: FW: Your account is on hold', 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="fw"', '', '--fw', 'Content-Type: text/plain', '', 'Is this really PayPal?',
      '--fw', 'Content-Type: message/rfc822', 'Content-Disposition: attachment; filename="on-hold.eml"', '', phish, '--fw--', '',
    ].join('\r\n');
    const customer = await newContext(browser, server);
    await customer.page.goto('/report');
    await customer.page.getByLabel('An e-mail file (.eml)').check();
    await customer.page.getByLabel('The e-mail file').setInputFiles({ name: 'report.eml', mimeType: 'message/rfc822', buffer: Buffer.from(report) });
    await customer.page.getByRole('button', { name: 'Send report' }).click();
    await customer.page.locator('#reference').waitFor({ timeout: UI_TIMEOUT_MS });

    const analyst = await newContext(browser, server);
    await signIn(analyst.page, staff('analyst'), PASSWORD);
    await analyst.page.getByRole('searchbox', { name: 'Search indicators' }).fill('paypa1-account-help');
    await analyst.page.getByRole('button', { name: 'Apply' }).click();
    const row = analyst.page.locator('table.queue tbody tr', { hasText: 'paypa1-account-help[.]com/signin' });
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
    await row.getByRole('link').click();
    await analyst.page.locator('section', { hasText: 'Reports (' }).getByRole('link').first().click();
    const analyses = analyst.page.locator('ol.analyses').first();
    await analyses.waitFor({ timeout: UI_TIMEOUT_MS });
    const shown = await analyses.innerText();
    assert.match(shown, /attached-message the attached message "Your account is on hold" from service@paypa1-account-help\.com is phishing/);
    const attached = analyst.page.locator('section.attached').first();
    assert.match(await attached.locator('h3').innerText(), /^Attached message$/);
    const inner = await attached.innerText();
    assert.match(inner, /Subject\s+Your account is on hold/, 'the attached message\'s own facts');
    assert.match(inner, /display-name-brand/, 'and its own signals');
    assert.deepEqual([...customer.dialogs, ...analyst.dialogs], []);
    assert.deepEqual([...customer.foreignRequests, ...analyst.foreignRequests], []);
    await customer.context.close();
    await analyst.context.close();
  });

  test('the queue is driven from the keyboard: / searches, c confirms the selected row', async () => {
    const customer = await newContext(browser, server);
    await reportUrl(customer.page, 'http://binance-verify-wallet.com/');
    await customer.context.close();
    const analyst = await newContext(browser, server);
    await signIn(analyst.page, staff('analyst'), PASSWORD);
    await analyst.page.keyboard.press('/');
    await analyst.page.keyboard.type('binance-verify');
    await analyst.page.keyboard.press('Enter');
    const row = analyst.page.locator('table.queue tbody tr.selected', { hasText: 'binance-verify-wallet[.]com' });
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
    await analyst.page.locator('h1').click();
    await analyst.page.keyboard.press('c');
    await analyst.page.locator('table.queue tbody tr', { hasText: 'confirmed phishing' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await analyst.context.close();
  });

  test('an admin adds a brand after previewing it, and the indicator is rescored', async () => {
    const customer = await newContext(browser, server);
    await reportUrl(customer.page, 'http://acmebank-secure-login.com/account');
    await customer.context.close();

    const admin = await newContext(browser, server);
    await signIn(admin.page, staff('admin'), PASSWORD);
    await admin.page.getByRole('link', { name: 'Brands' }).click();
    await admin.page.getByLabel('Id').fill('acmebank');
    await admin.page.getByLabel('Name').fill('Acme Bank');
    await admin.page.getByLabel('Official domains').fill('acmebank.com');
    await admin.page.getByLabel('Keywords').fill('acmebank');
    await assertLabelled(admin.page);
    await admin.page.getByRole('button', { name: 'Preview' }).click();
    const preview = admin.page.locator('#preview');
    await preview.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.match(await admin.page.locator('#newly-flagged').innerText(), /^[1-9]\d* newly flagged$/);
    assert.match(await preview.innerText(), /acmebank-secure-login\[\.\]com/);
    await admin.page.getByRole('button', { name: 'Save' }).click();
    await admin.page.locator('#brands-outcome', { hasText: 'Saved Acme Bank' }).waitFor({ timeout: UI_TIMEOUT_MS });

    const deadline = Date.now() + UI_TIMEOUT_MS;
    for (;;) {
      await admin.page.goto('/console?brand=acmebank');
      const rows = admin.page.locator('table.queue tbody tr', { hasText: 'acmebank-secure-login[.]com' });
      await admin.page.locator('table.queue tbody tr').first().waitFor({ timeout: UI_TIMEOUT_MS });
      if (await rows.count() > 0) {
        assert.match(await rows.first().innerText(), /acmebank/);
        break;
      }
      if (Date.now() > deadline) assert.fail('the indicator was not rescored for the new brand');
      await admin.page.waitForTimeout(500);
    }
    await admin.context.close();
  });

  test('a liaison officer signs in but sees no queue; the API refuses it too', async () => {
    const liaison = await newContext(browser, server);
    await signIn(liaison.page, staff('liaison'), PASSWORD);
    await liaison.page.locator('#no-access').waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await liaison.page.locator('table.queue').count(), 0);
    assert.equal(await liaison.page.getByRole('link', { name: 'Queue' }).count(), 0);
    const status = await liaison.page.evaluate(async () => (await fetch('/api/v1/indicators')).status);
    assert.equal(status, 403);
    await liaison.context.close();
  });

  test('signing out ends the session: the old cookie is refused; signing in again takes a fresh code', async () => {
    const analyst = await newContext(browser, server);
    const email = staff('analyst');
    await signIn(analyst.page, email, PASSWORD);
    const cookies = await analyst.context.cookies();
    const sid = cookies.find((c) => c.name === '__Host-sid');
    assert.ok(sid?.httpOnly === true && sid.secure && sid.sameSite === 'Lax');
    await analyst.page.getByRole('button', { name: 'Sign out' }).click();
    await analyst.page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: UI_TIMEOUT_MS });
    const replay = await fetch(`${server.url}/api/v1/session`, { headers: { cookie: `__Host-sid=${sid.value}` } });
    assert.equal(replay.status, 401);
    await signIn(analyst.page, email, PASSWORD);
    assert.match(await analyst.page.locator('header .who').innerText(), new RegExp(email));
    await analyst.context.close();
  });

  test('hostile URLs, message text and .eml fields never execute anywhere in the portal or the console', async () => {
    const payloads = [
      'http://x.example/?"onmouseover="alert(1)',
      'http://evil.example/<img src=x onerror=alert(1)>',
      'javascript:alert(1)',
      'http://xn--80ak6aa92e.com/login',
      'http://evil.example/invoice\u202Efdp.exe',
    ];
    const customer = await newContext(browser, server);
    for (const payload of payloads) await reportUrl(customer.page, payload);
    await customer.page.goto('/report');
    await customer.page.getByLabel('A message I received').check();
    await customer.page.getByLabel('The message').fill('<img src=x onerror=alert(1)><svg onload=alert(1)> <script>alert(1)</script> http://paypal.com.evil.example/"><img src=x onerror=alert(2)>');
    await customer.page.getByRole('button', { name: 'Send report' }).click();
    await customer.page.locator('#reference').waitFor({ timeout: UI_TIMEOUT_MS });
    const eml = [
      'From: "<img src=x onerror=alert(1)>" <attacker@evil.example>',
      'To: victim@example.org',
      'Subject: <svg onload=alert(1)> Your account',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<html><body><script>alert(1)</script><img src="https://tracker.evil.example/p.gif">',
      '<a href="javascript:alert(1)">verify</a> http://x?"onmouseover="alert(1) </body></html>',
      '',
    ].join('\r\n');
    await customer.page.goto('/report');
    await customer.page.getByLabel('An e-mail file (.eml)').check();
    await customer.page.getByLabel('The e-mail file').setInputFiles({ name: '<img src=x onerror=alert(1)>.eml', mimeType: 'message/rfc822', buffer: Buffer.from(eml) });
    await customer.page.getByRole('button', { name: 'Send report' }).click();
    await customer.page.locator('#reference').waitFor({ timeout: UI_TIMEOUT_MS });
    await customer.page.goto('/check');
    await customer.page.getByLabel(/A link, a web address/).fill('"><img src=x onerror=alert(1)>@evil.example');
    await customer.page.getByRole('button', { name: 'Check' }).click();
    await customer.page.locator('#verdict, .notice').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await customer.page.goto('/status/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
    await customer.page.locator('.notice').waitFor({ timeout: UI_TIMEOUT_MS });

    const analyst = await newContext(browser, server);
    await signIn(analyst.page, staff('analyst'), PASSWORD);
    await analyst.page.locator('table.queue tbody tr').first().waitFor({ timeout: UI_TIMEOUT_MS });
    const links = await analyst.page.locator('table.queue tbody a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    assert.ok(links.length >= 5);
    /** Elements that only markup parsed from attacker text could have created. */
    const injected = (page: Page) => page.evaluate(() => document.querySelectorAll('img[src=x], svg[onload], [onerror], [onmouseover], script:not([src]), a[href^="javascript:"]').length);
    assert.equal(await injected(customer.page), 0);
    let escapedBidi = false;
    for (const href of [...links, '/console']) {
      assert.match(href, /^\/console(\/indicators\/|$)/, 'queue links only lead inside the console');
      await analyst.page.goto(href);
      await analyst.page.locator('ol.signals, table.queue').first().waitFor({ timeout: UI_TIMEOUT_MS });
      await analyst.page.locator('h1').hover();
      const h1 = await analyst.page.locator('h1').innerText();
      assert.ok(!h1.includes('\u202E'), 'bidi controls are never shown raw');
      if (h1.includes('<U+202E>')) escapedBidi = true;
      assert.equal(await injected(analyst.page), 0, `no markup from attacker text on ${href}`);
    }
    assert.ok(escapedBidi, 'the bidi override is shown as <U+202E>');
    // The pasted message, on its report page: shown as text, inert.
    await analyst.page.goto('/console?q=evil.example');
    await analyst.page.locator('table.queue tbody a', { hasText: 'paypal[.]com[.]evil[.]example' }).first().click();
    await analyst.page.locator('section', { hasText: 'Reports (' }).getByRole('link').first().click();
    const text = await analyst.page.locator('#report-text').innerText({ timeout: UI_TIMEOUT_MS });
    assert.ok(text.includes('<img src=x onerror=alert(1)>') && text.includes('<script>alert(1)</script>'), 'the markup is shown as text');
    assert.equal(await injected(analyst.page), 0, 'no markup from the message on its report page');
    const all = [...customer.dialogs, ...analyst.dialogs];
    assert.deepEqual(all, [], 'no dialog ever opened');
    assert.deepEqual([...customer.foreignRequests, ...analyst.foreignRequests], [], 'no request left the server');
    assert.deepEqual([...customer.cspViolations, ...analyst.cspViolations], [], 'nothing even tried to run');
    await customer.context.close();
    await analyst.context.close();
  });

  test('an IDN homograph is shown in punycode, with its disguise spelled out (PA-12)', async () => {
    const customer = await newContext(browser, server);
    await reportUrl(customer.page, 'https://аррӏе.com/signin');
    await customer.context.close();
    const analyst = await newContext(browser, server);
    await signIn(analyst.page, staff('analyst'), PASSWORD);
    const row = analyst.page.locator('table.queue tbody tr', { hasText: 'xn--80ak6aa92e[.]com/signin' });
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal((await analyst.page.locator('table.queue').innerText()).includes('аррӏе'), false, 'never the look-alike form in the queue');
    await row.getByRole('link').click();
    assert.match(await analyst.page.locator('h1').innerText(), /xn--80ak6aa92e\[\.\]com/);
    assert.equal(await analyst.page.locator('#unicode-host code').innerText(), 'аррӏе.com');
    await analyst.context.close();
  });

  test('"is this really us?" reads a sender as mail shows it, a From line, a link in angle brackets', async () => {
    const customer = await newContext(browser, server);
    await customer.page.goto('/check');
    const cases: readonly (readonly [pasted: string, headline: RegExp])[] = [
      ['PayPal Service <service@paypa1-secure-login.com>', /^Fake: paypa1-secure-login\[\.\]com imitates PayPal/],
      ['From: PayPal <service@paypa1.com>', /^Fake: paypa1\[\.\]com imitates PayPal/],
      ['<https://www.paypal.com/signin>', /^Official: www\[\.\]paypal\[\.\]com belongs to PayPal/],
    ];
    for (const [pasted, headline] of cases) {
      await customer.page.getByLabel(/A link, a web address/).fill(pasted);
      await customer.page.getByRole('button', { name: 'Check' }).click();
      const verdict = customer.page.locator('#verdict h2');
      await verdict.filter({ hasText: headline }).waitFor({ timeout: UI_TIMEOUT_MS });
      assert.match(await verdict.innerText(), headline, pasted);
    }
    await customer.context.close();
  });

  test('the portal fits a phone screen without sideways scrolling', async () => {
    const phone = await newContext(browser, server, { width: 375, height: 740 });
    for (const path of ['/', '/report', '/check']) {
      await phone.page.goto(path);
      await phone.page.locator('h1').waitFor({ timeout: UI_TIMEOUT_MS });
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
      await assertLabelled(phone.page);
    }
    await phone.context.close();
  });

  test('the queue shows a new indicator within seconds, without a reload', async () => {
    const analyst = await newContext(browser, server);
    await signIn(analyst.page, staff('analyst'), PASSWORD);
    await analyst.page.locator('table.queue tbody tr[data-id]').first().waitFor({ timeout: UI_TIMEOUT_MS });
    const response = await fetch(`${server.url}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'http://netflix-billing-update.live/' }) });
    assert.equal(response.status, 201);
    await analyst.page.locator('table.queue tbody tr', { hasText: 'netflix-billing-update[.]live' }).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.match(await analyst.page.locator('.live').innerText(), /new indicator/);
    await analyst.context.close();
  });

  test('an admin creates an API key: shown once, it works, and it is not shown again', async () => {
    const admin = await newContext(browser, server);
    await signIn(admin.page, staff('admin'), PASSWORD);
    await admin.page.getByRole('link', { name: 'Admin' }).click();
    await admin.page.getByLabel('Name').fill('takedown bot');
    await admin.page.locator('#k-role').selectOption('analyst');
    await admin.page.getByRole('button', { name: 'Create API key' }).click();
    const key = (await admin.page.locator('#new-key-value').textContent({ timeout: UI_TIMEOUT_MS })) ?? '';
    assert.match(key, /^hw_[0-9A-Za-z]{32}$/);
    const use = await fetch(`${server.url}/api/v1/indicators`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(use.status, 200);
    await admin.page.reload();
    await admin.page.getByRole('heading', { name: 'API keys' }).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal((await admin.page.content()).includes(key), false, 'never shown again');
    assert.match(await admin.page.locator('section', { hasText: 'Hash chain' }).innerText(), /Hash chain verified/);
    await admin.context.close();
  });

  // Last: it replaces the whole catalog.
  test('an admin imports a YAML catalog file and exports it again', async () => {
    const admin = await newContext(browser, server);
    await signIn(admin.page, staff('admin'), PASSWORD);
    await admin.page.goto('/console/brands');
    admin.acceptNextDialog();
    const yamlCatalog = 'brands:\n  - id: paypal\n    name: PayPal\n    domains: [paypal.com]\n  - id: acmebank\n    name: Acme Bank\n    domains: [acmebank.com]\n    keywords: [acmebank]\n';
    await admin.page.locator('#b-import').setInputFiles({ name: 'brands.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yamlCatalog) });
    await admin.page.locator('#brands-outcome', { hasText: 'Imported 2 brands' }).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.match(await admin.page.locator('h1').innerText(), /Brands \(2\)/);
    const download = admin.page.waitForEvent('download');
    await admin.page.getByRole('button', { name: 'Export JSON' }).click();
    const exported = JSON.parse(await (await (await download).createReadStream()).toArray().then((chunks) => Buffer.concat(chunks as Buffer[]).toString('utf8'))) as { brands: { id: string }[] };
    assert.deepEqual(exported.brands.map((b) => b.id).sort(), ['acmebank', 'paypal']);
    await admin.context.close();
  });
});
