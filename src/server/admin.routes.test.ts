/** Administration through the API on SQLite and PostgreSQL: users, keys (shown once, revocable), audit, roles. */
import { after, before, test } from 'node:test';
import assert from '../test-assert.js';
import type { FastifyInstance } from 'fastify';
import { forEachStore, type TestStore } from '../store/test-stores.js';
import { openTestApp, type TestApp } from './test-app.js';

forEachStore((name, open) => {
  let fixture: TestApp;
  let store: TestStore;
  let app: FastifyInstance;
  let admin = '';

  before(async () => {
    fixture = await openTestApp(open);
    ({ store, app } = fixture);
    admin = await fixture.bearer('admin');
  });
  after(() => fixture.close());

  test(`${name}: an admin creates a key (shown once), it works, revoking it stops it, all audited`, async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/admin/keys', headers: { authorization: admin }, payload: { name: 'soc', role: 'analyst' } });
    assert.equal(created.statusCode, 201, created.body);
    const body = JSON.parse(created.body) as { id: string; key: string };
    assert.match(body.key, /^hw_/);
    const listed = await app.inject({ method: 'GET', url: '/api/v1/admin/keys', headers: { authorization: admin } });
    assert.equal(listed.body.includes(body.key), false, 'the key is never shown again');
    const use = () => app.inject({ method: 'GET', url: '/api/v1/indicators', headers: { authorization: `Bearer ${body.key}` } });
    assert.equal((await use()).statusCode, 200);
    const revoked = await app.inject({ method: 'DELETE', url: `/api/v1/admin/keys/${body.id}`, headers: { authorization: admin } });
    assert.equal(revoked.statusCode, 204);
    assert.equal((await use()).statusCode, 401);
    const audit = JSON.parse((await app.inject({ method: 'GET', url: '/api/v1/admin/audit', headers: { authorization: admin } })).body) as { events: { action: string }[] };
    const actions = audit.events.map((e) => e.action);
    assert.ok(actions.includes('api_key.created') && actions.includes('api_key.revoked'), actions.join());
    const verify = JSON.parse((await app.inject({ method: 'GET', url: '/api/v1/admin/audit/verify', headers: { authorization: admin } })).body) as { ok: boolean };
    assert.equal(verify.ok, true);
  });

  test(`${name}: users get argon2id hashes; short passwords, duplicates and bad roles are refused`, async () => {
    const ok = await app.inject({ method: 'POST', url: '/api/v1/admin/users', headers: { authorization: admin }, payload: { email: 'ana@example.org', password: 'correct horse battery staple', role: 'analyst' } });
    assert.equal(ok.statusCode, 201, ok.body);
    const user = await store.users.findByEmail('ana@example.org');
    assert.ok(user?.passwordHash.startsWith('$argon2id$'), user?.passwordHash);
    assert.equal(ok.body.includes('argon2'), false, 'no hash in the response');
    for (const payload of [
      { email: 'b@example.org', password: 'short', role: 'analyst' },
      { email: 'ana@example.org', password: 'correct horse battery staple', role: 'analyst' },
      { email: 'c@example.org', password: 'correct horse battery staple', role: 'root' },
      { email: 'not-an-email', password: 'correct horse battery staple', role: 'analyst' },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/admin/users', headers: { authorization: admin }, payload });
      assert.equal(res.statusCode, 400, `${JSON.stringify(payload)} → ${res.body}`);
    }
  });

  test(`${name}: non-admins get 403, nobody gets in without a key`, async () => {
    const analyst = `Bearer ${(await store.apiKeys.create({ name: 'a', role: 'analyst' })).key}`;
    for (const url of ['/api/v1/admin/users', '/api/v1/admin/keys', '/api/v1/admin/audit', '/api/v1/admin/dead-letters']) {
      assert.equal((await app.inject({ method: 'GET', url, headers: { authorization: analyst } })).statusCode, 403, url);
      assert.equal((await app.inject({ method: 'GET', url })).statusCode, 401, url);
    }
  });
});
