/**
 * SECURITY.md WA-12 against a real `hookwatch serve` logging at trace level: after sign-ins (password, second
 * factor), session and API-key requests and hostile user names, no log line holds a password, a TOTP secret or code,
 * a sign-in challenge, a session token or an API key, and a user name with CR/LF and JSON in it stays inside one line.
 */
import { test } from 'node:test';
import assert from '../src/test-assert.js';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import { freePort } from './support.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = [join(ROOT, 'src', 'cli', 'run.ts')];
const PASSWORD = 'Tr0ub4dor&3 is not a good passphrase';

test('logs never carry credentials, and hostile input cannot forge a log line', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hw-logs-'));
  const env = { ...process.env, HOOKWATCH_DATABASE_URL: '', HOOKWATCH_LOG_LEVEL: 'trace', HOOKWATCH_PASSWORD: PASSWORD };
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', ...CLI, ...args, '--data', dataDir], { env, encoding: 'utf8' });
  assert.equal(cli('users', 'create', '--email', 'admin@example.org', '--role', 'admin').status, 0);
  const key = cli('keys', 'create', '--role', 'analyst', '--name', 'logs').stdout.trim().split('\n').at(-1) ?? '';
  assert.match(key, /^hw_/);

  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', ...CLI, 'serve', '--port', String(port), '--data', dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  server.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 200 && !(await fetch(`${url}/readyz`).then((r) => r.ok, () => false)); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

    const first = await (await post('/api/v1/session', { email: 'admin@example.org', password: PASSWORD })).json() as { challenge: string; secret: string };
    const code = await generate({ secret: first.secret });
    const second = await post('/api/v1/session/mfa', { challenge: first.challenge, code });
    assert.equal(second.status, 200);
    const cookie = (second.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const token = cookie.split('=')[1] ?? '';
    const { csrfToken, recoveryCodes } = await second.json() as { csrfToken: string; recoveryCodes: string[] };
    assert.equal((await fetch(`${url}/api/v1/session`, { headers: { cookie } })).status, 200);
    assert.equal((await fetch(`${url}/api/v1/indicators`, { headers: { authorization: `Bearer ${key}` } })).status, 200);
    assert.equal((await post('/api/v1/session', { email: 'x\r\n{"fake":1}@example.org', password: PASSWORD })).status, 401);
    assert.equal((await post('/api/v1/session', { email: 'admin@example.org', password: `${PASSWORD}!` })).status, 401);
    assert.equal((await fetch(`${url}/api/v1/indicators?x=1`, { headers: { authorization: `Bearer ${key}x` } })).status, 401);
    assert.equal((await post('/api/v1/reports', { url: 'http://evil.example/\r\n{"fake":1}' })).status, 201);
    await fetch(`${url}/api/v1/session`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrfToken } });

    await new Promise((resolve) => setTimeout(resolve, 300));
    const secrets = { password: PASSWORD, key, token, csrfToken, secret: first.secret, challenge: first.challenge, code: `"${code}"`, recovery: recoveryCodes[0] ?? 'none' };
    for (const [what, value] of Object.entries(secrets)) assert.equal(output.includes(value), false, `the ${what} appears in the logs`);
    const lines = output.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('hookwatch:'));
    assert.ok(lines.length > 10, 'the server logged');
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      assert.equal('fake' in entry, false, `a forged entry: ${line}`);
    }
    assert.ok(lines.some((line) => line.includes('"action":"login"') && line.includes('"outcome":"failure"')), 'failed sign-ins are logged');
    assert.ok(lines.some((line) => line.includes('"outcome":"denied"')), 'refusals are logged');
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
