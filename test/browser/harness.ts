/**
 * Browser-test harness: a real `hookwatch serve` (the built CLI, SQLite in a temporary data directory, in-process
 * worker) and Debian's Chromium driven by playwright-core with the launch flags of DESIGN.md ("Web UI and browser
 * tests"). Used by the browser tests, tools/screenshots.ts and bench/console.bench.ts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureBuilt } from '../../bench/build.js';
import { freePort } from '../support.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin', 'hookwatch.js');
/** How long a server may take to answer /readyz after start. */
const START_TIMEOUT_MS = 20_000;

export interface Server {
  readonly url: string;
  readonly dataDir: string;
  /** Runs a hookwatch CLI command against this server's data directory; returns stdout. */
  cli(args: readonly string[], env?: Readonly<Record<string, string>>): string;
  stop(): Promise<void>;
}

/** Builds dist/ (CLI and web UI) when a source is newer; throws when the build fails. */
export function buildIfStale(): void {
  const problem = ensureBuilt();
  if (problem !== null) throw new Error(problem);
}

export async function startServer(options: { readonly env?: Readonly<Record<string, string>>; readonly dataDir?: string } = {}): Promise<Server> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hw-browser-'));
  const port = await freePort();
  const env = { ...process.env, HOOKWATCH_LOG_LEVEL: 'warn', HOOKWATCH_DATABASE_URL: '', ...options.env };
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--data', dataDir], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch { /* not listening yet */ }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`hookwatch serve did not start (exit ${String(child.exitCode)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    dataDir,
    cli(args, extraEnv = {}) {
      const result = spawnSync(process.execPath, [CLI, ...args, '--data', dataDir], { env: { ...env, ...extraEnv }, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`hookwatch ${args.join(' ')} failed: ${result.stderr}`);
      return result.stdout;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** alert/confirm/prompt dialogs that opened (dismissed, but for those acceptNextDialog() allowed). */
  readonly dialogs: string[];
  /** The next dialog is accepted (a confirm() the test means to say yes to) instead of dismissed. */
  acceptNextDialog(): void;
  /** Requests to anywhere but the server (data: and blob: aside). */
  readonly foreignRequests: string[];
  /** Content-Security-Policy refusals the browser reported: something tried to run inline script or load elsewhere. */
  readonly cspViolations: string[];
}

/** A fresh context (its own cookies) that records dialogs, CSP refusals and requests leaving the server's origin. */
export async function newContext(browser: Browser, server: Server, viewport = { width: 1280, height: 900 }): Promise<Session> {
  const context = await browser.newContext({ viewport, baseURL: server.url });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const foreignRequests: string[] = [];
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  let accept = false;
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void (accept ? dialog.accept() : dialog.dismiss());
    accept = false;
  });
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  return { context, page, dialogs, foreignRequests, cspViolations, acceptNextDialog: () => { accept = true; } };
}

/** Creates a staff account with the CLI. */
export function createUser(server: Server, email: string, role: 'admin' | 'analyst' | 'liaison', password: string): void {
  server.cli(['users', 'create', '--email', email, '--role', role], { HOOKWATCH_PASSWORD: password });
}

/** The authenticator of each account the harness enrolled: its secret and the last time step it used. */
const authenticators = new Map<string, { secret: string; lastStep: number }>();
const TOTP_STEP_MS = 30_000;

/** A TOTP code for the account, never one of a step already used (the server refuses replays): waits if need be. */
async function nextCode(email: string): Promise<string> {
  const authenticator = authenticators.get(email);
  if (authenticator === undefined) throw new Error(`${email} has no authenticator enrolled by this harness`);
  while (Math.floor(Date.now() / TOTP_STEP_MS) <= authenticator.lastStep) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  authenticator.lastStep = Math.floor(Date.now() / TOTP_STEP_MS);
  return generate({ secret: authenticator.secret, epoch: Math.floor(Date.now() / 1000) });
}

/**
 * Signs in through the console's form like a person with an authenticator app: the first time it enrols (reads the
 * key the page shows, answers with its code, accepts the recovery codes), later it types the current code.
 */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/console');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await page.locator('#mfa-code').or(signOut).first().waitFor();
  if (await signOut.isVisible()) return;
  const secret = page.locator('#mfa-secret');
  if (await secret.isVisible()) {
    authenticators.set(email, { secret: (await secret.textContent()) ?? '', lastStep: 0 });
    await page.locator('#mfa-code').fill(await nextCode(email));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.locator('#recovery-codes').waitFor();
    await page.getByRole('button', { name: /saved them/ }).click();
  } else {
    await page.locator('#mfa-code').fill(await nextCode(email));
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await signOut.waitFor();
}
