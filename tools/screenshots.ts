/**
 * Regenerates docs/screenshots/*.png: each main page of the portal and the console, in Debian's Chromium, against
 * a fresh `hookwatch serve` filled with made-up reports. Run: `npm run screenshots`.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { buildIfStale, createUser, launchBrowser, newContext, signIn, startServer } from '../test/browser/harness.js';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const PASSWORD = 'correct horse battery staple';
/** Made-up lookalikes in the shapes phishing takes (typosquat, combosquat, brand in a sub-domain, homoglyph, shortener). */
const REPORTED = [
  'http://paypa1-secure-login.com/signin',
  'https://www.paypal.com.account-verify.ru/webapps/auth',
  'http://binance-support-verify.com/login',
  'https://xn--bnance-bwa.com/en/login',
  'http://coinbase-wallet-restore.app/seed',
  'https://microsoft365-mailbox-upgrade.com/owa',
  'http://royalmail-redelivery-fee.info/pay',
  'https://hmrc-tax-refund.claim-online.co/refund',
  'https://bit.ly/3xPhish',
  'http://203.0.113.7/netflix/billing/update',
  'https://docs.example.org/shared/report.pdf',
];

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${OUT}${name}.png`, fullPage });
  console.log(`docs/screenshots/${name}.png`);
}

async function main(): Promise<void> {
  buildIfStale();
  await mkdir(OUT, { recursive: true });
  const server = await startServer({ env: { HOOKWATCH_UI_NAME: 'Example Bank', HOOKWATCH_UI_SUPPORT_URL: 'https://help.example.org/', HOOKWATCH_UI_SUPPORT_EMAIL: 'security@example.org' } });
  const browser = await launchBrowser();
  try {
    createUser(server, 'admin@example.org', 'admin', PASSWORD);
    for (const url of REPORTED) {
      const response = await fetch(`${server.url}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url }) });
      if (response.status !== 201) throw new Error(`report ${url}: ${response.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));

    const { page } = await newContext(browser, server);
    await page.goto('/');
    await shot(page, 'portal-home');
    await page.goto('/report');
    await page.getByLabel('The link').fill('http://paypa1-secure-login.com/signin');
    await shot(page, 'portal-report');
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.locator('#reference').waitFor();
    await shot(page, 'portal-status');
    await page.goto('/check');
    await page.getByLabel(/A link, a web address/).fill('PayPal Service <service@paypa1-secure-login.com>');
    await page.getByRole('button', { name: 'Check' }).click();
    await page.locator('#verdict').waitFor();
    await shot(page, 'portal-check');

    const phone = await newContext(browser, server, { width: 390, height: 844 });
    await phone.page.goto('/report');
    await shot(phone.page, 'portal-report-phone', false);

    await page.goto('/console');
    await page.getByLabel('E-mail').waitFor();
    await shot(page, 'console-sign-in');
    await page.getByLabel('E-mail').fill('admin@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#mfa-secret').waitFor();
    await shot(page, 'console-mfa-enrol');
    await signIn(page, 'admin@example.org', PASSWORD);
    await page.locator('table.queue tbody tr').first().waitFor();
    await shot(page, 'console-queue');
    await page.locator('table.queue tbody a', { hasText: 'paypa1-secure-login' }).first().click();
    await page.locator('ol.signals').waitFor();
    await page.getByLabel(/^Note/).fill('PayPal credential kit');
    await page.getByRole('button', { name: 'Confirm phishing' }).click();
    await page.locator('#indicator-status', { hasText: 'confirmed phishing' }).waitFor();
    await shot(page, 'console-indicator');
    await page.goto('/console/brands');
    await page.getByLabel('Id').fill('examplebank');
    await page.getByLabel('Name').fill('Example Bank');
    await page.getByLabel('Official domains').fill('examplebank.com');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('#preview').waitFor();
    await page.locator('#b-keywords').scrollIntoViewIfNeeded();
    await shot(page, 'console-brands', false);
    await page.goto('/console/dashboard');
    await page.locator('svg.chart').waitFor();
    await shot(page, 'console-dashboard');
    await page.goto('/console/admin');
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await shot(page, 'console-admin');
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
