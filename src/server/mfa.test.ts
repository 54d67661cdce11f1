/**
 * The second factor of staff sign-in (SECURITY.md WA-3), on SQLite and PostgreSQL: enrolment with the first code,
 * TOTP sign-in, a code replayed within its step refused, single-use recovery codes stored hashed, challenges that
 * expire, an admin's reset.
 */
import { after, before, test } from 'node:test';
import assert from '../test-assert.js';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { forEachStore, type TestStore } from '../store/test-stores.js';
import { openTestApp, type TestApp } from './test-app.js';
import { recoveryCodeHash } from './mfa.js';
import { hashPassword } from './passwords.js';
import { MFA_CHALLENGE_TTL_MS } from './session.routes.js';
import { sha256Hex } from '../store/ids.js';

const PASSWORD = 'correct horse battery staple';
type Json = Record<string, unknown>;

/** The code of a TOTP time step `offset` steps from now (30 s each). */
function totp(secret: string, offset = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset * 30 });
}

/** The authenticator's code at the server's (skewed) time. */
function totpAt(secret: string, skewMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor((Date.now() + skewMs) / 1000) });
}

forEachStore((name, open) => {
  let fixture: TestApp;
  let store: TestStore;
  let app: FastifyInstance;
  let admin = '';
  let skewMs = 0;

  before(async () => {
    fixture = await openTestApp(open, { store: { now: () => new Date(Date.now() + skewMs) } });
    ({ store, app } = fixture);
    admin = await fixture.bearer('admin');
  });
  after(() => fixture.close());

  // Each call from its own address: the per-address sign-in rate limit is not what these tests are about.
  let address = 0;
  const from = () => `10.20.${Math.floor(++address / 250)}.${address % 250}`;
  const password = (email: string) => app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: PASSWORD }, remoteAddress: from() });
  const second = (challenge: string, code: string) => app.inject({ method: 'POST', url: '/api/v1/session/mfa', payload: { challenge, code }, remoteAddress: from() });
  const body = (r: LightMyRequestResponse) => JSON.parse(r.body) as Json;
  const code = (r: LightMyRequestResponse) => (body(r)['error'] as { code: string }).code;

  /** An enrolled account, with the code that enrolled it (a test replays that very code, not one computed later). */
  async function enrolled(email: string): Promise<{ id: string; secret: string; recoveryCodes: string[]; enrolledWith: string }> {
    const made = await store.users.create({ email, passwordHash: await hashPassword(PASSWORD), role: 'analyst' });
    if (made.conflict) return assert.fail('exists');
    const first = body(await password(email));
    assert.equal(first['mfa'], 'enrol');
    const secret = String(first['secret']);
    assert.match(String(first['otpauthUri']), /^otpauth:\/\/totp\//);
    assert.match(String(first['qrDataUrl']), /^data:image\/png;base64,/);
    const enrolledWith = await totp(secret);
    const done = await second(String(first['challenge']), enrolledWith);
    assert.equal(done.statusCode, 200, done.body);
    assert.match(String(done.headers['set-cookie']), /^__Host-sid=/);
    const recoveryCodes = body(done)['recoveryCodes'] as string[];
    assert.equal(recoveryCodes.length, 10);
    return { id: made.user.id, secret, recoveryCodes, enrolledWith };
  }

  test(`${name}: the password alone never starts a session; enrolment needs a first valid code`, async () => {
    await store.users.create({ email: 'new@example.org', passwordHash: await hashPassword(PASSWORD), role: 'admin' });
    const first = await password('new@example.org');
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers['set-cookie'], undefined, 'no cookie before the second factor');
    const offer = body(first);
    const wrong = await second(String(offer['challenge']), (await totp(String(offer['secret']))) === '000000' ? '111111' : '000000');
    assert.equal(wrong.statusCode, 401);
    assert.equal(code(wrong), 'HW_ERR_AUTH_MFA_FAILED');
    assert.equal((await store.users.findByEmail('new@example.org'))?.totpSecret, null, 'not enrolled by a wrong code');
    const ok = await second(String(offer['challenge']), await totp(String(offer['secret'])));
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await store.users.findByEmail('new@example.org'))?.totpSecret, offer['secret']);
  });

  test(`${name}: an enrolled account signs in with a TOTP code; the same code is refused again within its step`, async () => {
    const { secret, enrolledWith } = await enrolled('ana@example.org');
    const again = body(await password('ana@example.org'));
    assert.equal(again['mfa'], 'totp');
    assert.equal(again['secret'], undefined, 'the secret is shown at enrolment only');
    // The very code the enrolment used: one computed now could belong to the next step if a step boundary passed.
    const replay = await second(String(again['challenge']), enrolledWith);
    assert.equal(replay.statusCode, 401, 'the enrolment already used this step\'s code');
    const early = await second(String(again['challenge']), await totp(secret, 2));
    assert.equal(early.statusCode, 401, 'a code from the future');
    skewMs += 30_000;
    const nextCode = await totpAt(secret, skewMs);
    const next = await second(String(again['challenge']), nextCode);
    assert.equal(next.statusCode, 200, `the next step's code: ${next.body}`);
    const reused = await second(String(body(await password('ana@example.org'))['challenge']), nextCode);
    assert.equal(reused.statusCode, 401, 'replayed within its step');
    skewMs = 0;
  });

  test(`${name}: recovery codes are single-use, stored hashed, and work in place of a code`, async () => {
    const { id, recoveryCodes } = await enrolled('rc@example.org');
    const [first, other] = recoveryCodes;
    assert.ok(first !== undefined && other !== undefined);
    const rows = await store.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', id).execute();
    assert.equal(rows.length, 10);
    assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.code_hash) && !recoveryCodes.includes(r.code_hash)));
    const use = async (recovery: string) => second(String(body(await password('rc@example.org'))['challenge']), recovery);
    assert.equal((await use(first.toLowerCase().replaceAll('-', ' '))).statusCode, 200, 'any case, dashes or spaces');
    assert.equal((await use(first)).statusCode, 401, 'single use');
    assert.equal((await use(other)).statusCode, 200);
    assert.deepEqual(new Set(rows.map((r) => r.code_hash)), new Set(recoveryCodes.map(recoveryCodeHash)), 'each code stored as the hash of its normalised form');
    assert.ok(rows.every((r) => r.code_hash !== sha256Hex(first)), 'not the hash of the code as displayed (with dashes)');
  });

  test(`${name}: a challenge is single-use, takes a few attempts at most, and expires`, async () => {
    const { secret } = await enrolled('ch@example.org');
    const challenge = String(body(await password('ch@example.org'))['challenge']);
    for (let i = 0; i < 5; i++) assert.equal((await second(challenge, '000000')).statusCode, 401);
    await store.users.resetLoginFailures((await store.users.findByEmail('ch@example.org'))?.id ?? '');
    assert.equal((await second(challenge, await totp(secret, 1))).statusCode, 401, 'spent after 5 attempts');
    const late = String(body(await password('ch@example.org'))['challenge']);
    skewMs += MFA_CHALLENGE_TTL_MS + 1000;
    assert.equal((await second(late, await totp(secret))).statusCode, 401, 'expired');
    skewMs = 0;
    assert.equal((await second('not-a-challenge', '123456')).statusCode, 401);
  });

  test(`${name}: an admin's reset makes the account enrol again and ends its sessions`, async () => {
    const { id } = await enrolled('lost@example.org');
    const reset = await app.inject({ method: 'POST', url: `/api/v1/admin/users/${id}/mfa/reset`, headers: { authorization: admin } });
    assert.equal(reset.statusCode, 200, reset.body);
    assert.equal((await store.db.selectFrom('sessions').select('id').where('user_id', '=', id).where('revoked_at', 'is', null).execute()).length, 0);
    assert.equal(body(await password('lost@example.org'))['mfa'], 'enrol');
    const users = body(await app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { authorization: admin } }))['users'] as { email: string; mfaEnrolled: boolean }[];
    assert.equal(users.find((u) => u.email === 'lost@example.org')?.mfaEnrolled, false);
    assert.equal(users.find((u) => u.email === 'rc@example.org')?.mfaEnrolled, true);
  });
});
