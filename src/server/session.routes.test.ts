/**
 * Staff sessions through the API on SQLite and PostgreSQL (SECURITY.md WA-1, WA-4, WA-5, WA-8): cookie attributes,
 * identical failures, rotation, sign-out, idle timeout, disabled accounts, terminated sessions, role changes,
 * CSRF on state-changing requests, sign-in throttling and re-hashing of weaker password hashes.
 */
import { after, before, test } from 'node:test';
import assert from '../test-assert.js';
import { hash } from '@node-rs/argon2';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { forEachStore, type TestStore } from '../store/test-stores.js';
import { openTestApp, type TestApp } from './test-app.js';
import { ARGON2_OPTIONS, hashPassword } from './passwords.js';
import { LOGIN_FAILURES_BEFORE_DELAY, loginDelayMs } from './session.routes.js';

const PASSWORD = 'correct horse battery staple';
const ORIGIN = 'http://localhost:80';

function sessionCookie(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const cookie = (Array.isArray(header) ? header : [header ?? '']).find((c) => c.startsWith('__Host-sid='));
  assert.ok(cookie !== undefined, `no session cookie in ${JSON.stringify(header)}`);
  return cookie;
}

forEachStore((name, open) => {
  let fixture: TestApp;
  let store: TestStore;
  let app: FastifyInstance;
  let admin = '';
  /** Added to the store's clock: moves time forward for the idle timeout. */
  let skewMs = 0;

  before(async () => {
    // The password-only path; the second factor has its own tests (mfa.test.ts).
    fixture = await openTestApp(open, { store: { now: () => new Date(Date.now() + skewMs) }, flags: { mfaRequired: false } });
    ({ store, app } = fixture);
    admin = await fixture.bearer('admin');
  });
  after(() => fixture.close());

  async function user(email: string, role: 'admin' | 'analyst' | 'liaison' = 'analyst'): Promise<string> {
    const made = await store.users.create({ email, passwordHash: await hashPassword(PASSWORD), role });
    if (made.conflict) return assert.fail(`${email} exists`);
    return made.user.id;
  }

  async function signIn(email: string, password = PASSWORD, cookie?: string): Promise<LightMyRequestResponse> {
    return app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password }, headers: cookie === undefined ? {} : { cookie } });
  }

  /** The cookie pair (`__Host-sid=…`) and anti-CSRF token of a fresh sign-in. */
  async function session(email: string): Promise<{ cookie: string; csrf: string }> {
    const response = await signIn(email);
    assert.equal(response.statusCode, 200, response.body);
    const csrf = (JSON.parse(response.body) as { csrfToken: string }).csrfToken;
    return { cookie: sessionCookie(response).split(';')[0] ?? '', csrf };
  }

  const whoami = (cookie: string) => app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
  const indicators = (cookie: string) => app.inject({ method: 'GET', url: '/api/v1/indicators', headers: { cookie } });

  test(`${name}: sign-in sets a __Host- cookie (Secure, HttpOnly, SameSite=Lax, Path=/) and the session works`, async () => {
    await user('ana@example.org');
    const response = await signIn('ana@example.org');
    assert.equal(response.statusCode, 200, response.body);
    const cookie = sessionCookie(response);
    assert.match(cookie, /^__Host-sid=[0-9A-Za-z]{32};/);
    for (const attribute of ['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/']) assert.ok(cookie.includes(attribute), `${attribute} in ${cookie}`);
    assert.ok(!/Domain=/i.test(cookie));
    const pair = cookie.split(';')[0] ?? '';
    const me = await whoami(pair);
    assert.equal(me.statusCode, 200);
    assert.equal((JSON.parse(me.body) as { user: { email: string; role: string } }).user.role, 'analyst');
    assert.equal((await indicators(pair)).statusCode, 200);
    // The token is stored hashed: the database never holds the cookie's value.
    const token = pair.slice('__Host-sid='.length);
    const rows = await store.db.selectFrom('sessions').select('token_hash').execute();
    assert.ok(rows.length > 0 && rows.every((r) => r.token_hash !== token && /^[0-9a-f]{64}$/.test(r.token_hash)));
  });

  test(`${name}: unknown account, wrong password and disabled account fail alike`, async () => {
    const id = await user('bo@example.org');
    const unknown = await signIn('nobody@example.org');
    const wrong = await signIn('bo@example.org', 'not the password at all');
    await store.users.setDisabled(id, true);
    const disabled = await signIn('bo@example.org');
    for (const response of [unknown, wrong, disabled]) {
      assert.equal(response.statusCode, 401);
      assert.equal(response.body, unknown.body);
      assert.equal(response.headers['set-cookie'], undefined);
    }
    assert.equal((JSON.parse(unknown.body) as { error: { code: string } }).error.code, 'HW_ERR_AUTH_LOGIN_FAILED');
  });

  test(`${name}: every character counts, a 100-character password differing in its last one fails`, async () => {
    const long = `${'x'.repeat(99)}a`;
    await store.users.create({ email: 'long@example.org', passwordHash: await hashPassword(long), role: 'analyst' });
    assert.equal((await signIn('long@example.org', long)).statusCode, 200);
    assert.equal((await signIn('long@example.org', `${'x'.repeat(99)}b`)).statusCode, 401);
  });

  test(`${name}: signing in again rotates the token and ends the session it carried; sign-out ends the new one`, async () => {
    await user('cy@example.org');
    const first = await session('cy@example.org');
    const again = await signIn('cy@example.org', PASSWORD, first.cookie);
    const second = sessionCookie(again).split(';')[0] ?? '';
    assert.notEqual(second, first.cookie);
    assert.equal((await whoami(first.cookie)).statusCode, 401, 'the old token is dead');
    const csrf = (JSON.parse(again.body) as { csrfToken: string }).csrfToken;
    const out = await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie: second, 'x-csrf-token': csrf } });
    assert.equal(out.statusCode, 204);
    assert.equal((await whoami(second)).statusCode, 401, 'replayed after sign-out');
    assert.equal((await indicators(second)).statusCode, 401);
  });

  test(`${name}: disabling the account, terminating its sessions or changing its role ends its sessions`, async () => {
    const id = await user('di@example.org');
    const a = await session('di@example.org');
    const off = await app.inject({ method: 'POST', url: `/api/v1/admin/users/${id}/disabled`, headers: { authorization: admin }, payload: { disabled: true } });
    assert.equal(off.statusCode, 200);
    assert.equal((await whoami(a.cookie)).statusCode, 401);
    await store.users.setDisabled(id, false);
    const b = await session('di@example.org');
    const ended = await app.inject({ method: 'POST', url: `/api/v1/admin/users/${id}/sessions/terminate`, headers: { authorization: admin } });
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal((JSON.parse(ended.body) as { sessionsEnded: number }).sessionsEnded, 1);
    assert.equal((await whoami(b.cookie)).statusCode, 401);
    const c = await session('di@example.org');
    const role = await app.inject({ method: 'POST', url: `/api/v1/admin/users/${id}/role`, headers: { authorization: admin }, payload: { role: 'liaison' } });
    assert.equal(role.statusCode, 200);
    assert.equal((await whoami(c.cookie)).statusCode, 401);
    const d = await session('di@example.org');
    assert.equal((await indicators(d.cookie)).statusCode, 403, 'a liaison has no queue');
  });

  test(`${name}: a session idle for longer than the idle timeout is refused`, async () => {
    await user('id@example.org');
    const s = await session('id@example.org');
    skewMs += 29 * 60_000;
    assert.equal((await whoami(s.cookie)).statusCode, 200, 'within 30 minutes');
    skewMs += 31 * 60_000;
    assert.equal((await whoami(s.cookie)).statusCode, 401, 'idle for 31 minutes');
  });

  test(`${name}: state changes on the cookie need the anti-CSRF token and this origin (WA-8)`, async () => {
    await user('cs@example.org');
    const s = await session('cs@example.org');
    const decide = (headers: Record<string, string>, payload: unknown = { decision: 'benign' }, contentType = 'application/json') => app.inject({
      method: 'POST', url: '/api/v1/indicators/00000000-0000-4000-8000-000000000000/decision',
      headers: { cookie: s.cookie, 'content-type': contentType, ...headers }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
    const code = (r: LightMyRequestResponse) => (JSON.parse(r.body) as { error: { code: string } }).error.code;
    const noToken = await decide({});
    assert.equal(noToken.statusCode, 403);
    assert.equal(code(noToken), 'HW_ERR_AUTH_CSRF');
    const wrongToken = await decide({ 'x-csrf-token': 'x'.repeat(43) });
    assert.equal(wrongToken.statusCode, 403);
    const crossSite = await decide({ 'x-csrf-token': s.csrf, origin: 'https://evil.example' });
    assert.equal(crossSite.statusCode, 403);
    const form = await decide({ origin: 'https://evil.example' }, 'decision=benign', 'application/x-www-form-urlencoded');
    assert.equal(form.statusCode, 403, 'a cross-site form post');
    const plain = await decide({ origin: 'https://evil.example' }, '{"decision":"benign"}', 'text/plain');
    assert.equal(plain.statusCode, 403, 'a text/plain fetch from another origin');
    const ok = await decide({ 'x-csrf-token': s.csrf, origin: ORIGIN });
    assert.equal(ok.statusCode, 404, 'authorised: the indicator just does not exist');
    // Public routes ignore a cookie without a token rather than refusing the reporter.
    const report = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: { cookie: s.cookie }, payload: { url: 'http://example.test/' } });
    assert.equal(report.statusCode, 201);
  });

  test(`${name}: sign-in from another origin is refused (login CSRF)`, async () => {
    await user('lo@example.org');
    const response = await app.inject({ method: 'POST', url: '/api/v1/session', headers: { origin: 'https://evil.example' }, payload: { email: 'lo@example.org', password: PASSWORD } });
    assert.equal(response.statusCode, 403);
  });

  test(`${name}: after ${LOGIN_FAILURES_BEFORE_DELAY} failures the account waits (429, Retry-After); it is never locked for good`, async () => {
    await user('bf@example.org');
    for (let i = 0; i < LOGIN_FAILURES_BEFORE_DELAY; i++) assert.equal((await signIn('bf@example.org', `wrong password ${i}`)).statusCode, 401);
    const throttled = await signIn('bf@example.org');
    assert.equal(throttled.statusCode, 429);
    assert.ok(Number(throttled.headers['retry-after']) >= 1);
    skewMs += 16 * 60_000;
    assert.equal((await signIn('bf@example.org')).statusCode, 200, 'the window passed');
  });

  test(`${name}: a sign-in with a weaker argon2 hash re-hashes it with the current parameters (WA-1)`, async () => {
    const weak = await hash(PASSWORD, { ...ARGON2_OPTIONS, memoryCost: 4096, timeCost: 1 });
    const made = await store.users.create({ email: 'old@example.org', passwordHash: weak, role: 'analyst' });
    assert.equal(made.conflict, false);
    assert.equal((await signIn('old@example.org')).statusCode, 200);
    const stored = (await store.users.findByEmail('old@example.org'))?.passwordHash ?? '';
    assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.notEqual(stored, weak);
    assert.equal((await signIn('old@example.org')).statusCode, 200, 'the new hash verifies');
  });
});

test('loginDelayMs doubles per failure past the threshold, caps at 15 minutes and forgets after the window', () => {
  const t = Date.parse('2026-01-01T00:00:00Z');
  const last = new Date(t);
  assert.equal(loginDelayMs(LOGIN_FAILURES_BEFORE_DELAY - 1, last, t), 0);
  assert.equal(loginDelayMs(LOGIN_FAILURES_BEFORE_DELAY, last, t), 1000);
  assert.equal(loginDelayMs(LOGIN_FAILURES_BEFORE_DELAY + 3, last, t), 8000);
  assert.equal(loginDelayMs(LOGIN_FAILURES_BEFORE_DELAY + 40, last, t), 15 * 60_000);
  assert.equal(loginDelayMs(LOGIN_FAILURES_BEFORE_DELAY + 3, last, t + 5000), 3000);
  assert.equal(loginDelayMs(LOGIN_FAILURES_BEFORE_DELAY + 40, last, t + 15 * 60_000), 0);
  assert.equal(loginDelayMs(50, null, t), 0);
});
