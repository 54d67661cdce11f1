/** Staff accounts: unique e-mail whatever its case, password hashes only, disabling. */
import assert from '../test-assert.js';
import { after, before, describe, it } from 'node:test';
import { forEachStore, steppingClock } from './test-stores.js';
import type { TestStore } from './test-stores.js';

const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';

forEachStore((name, open) => {
  describe(`users (${name})`, () => {
    let store: TestStore;
    before(async () => {
      store = await open({ now: steppingClock() });
    });
    after(() => store.close());

    it('creates a user and finds it by e-mail in any case', async () => {
      const created = await store.users.create({ email: ' Ana@Example.ORG ', passwordHash: HASH, role: 'analyst' });
      assert.ok(!created.conflict);
      assert.deepEqual(created.user, {
        id: created.user.id,
        email: 'ana@example.org',
        passwordHash: HASH,
        role: 'analyst',
        disabled: false,
        createdAt: new Date('2025-01-01T00:00:00.000Z'),
        failedLogins: 0,
        lastFailedLoginAt: null,
        totpSecret: null,
        totpLastStep: null,
      });
      assert.deepEqual(await store.users.findByEmail('ANA@example.org'), created.user);
      assert.deepEqual(await store.users.get(created.user.id), created.user);
      assert.equal(await store.users.findByEmail('nobody@example.org'), undefined);
    });

    it('reports a taken e-mail as a conflict', async () => {
      assert.deepEqual(await store.users.create({ email: 'ANA@example.org', passwordHash: HASH, role: 'admin' }), {
        conflict: true,
      });
    });

    it('disables and re-enables a user', async () => {
      const user = await store.users.findByEmail('ana@example.org');
      assert.ok(user);
      assert.equal(await store.users.setDisabled(user.id, true), true);
      assert.equal((await store.users.get(user.id))?.disabled, true);
      assert.equal(await store.users.setDisabled(user.id, false), true);
      assert.equal((await store.users.get(user.id))?.disabled, false);
      assert.equal(await store.users.setDisabled('missing', true), false);
    });

    it('refuses a plaintext password, an oversized e-mail and hostile text', async () => {
      await assert.rejects(store.users.create({ email: 'b@example.org', passwordHash: 'hunter2', role: 'admin' }), TypeError);
      await assert.rejects(
        store.users.create({ email: `${'b'.repeat(250)}@example.org`, passwordHash: HASH, role: 'admin' }),
        { code: 'HW_ERR_INPUT_TOO_LONG' },
      );
      await assert.rejects(store.users.create({ email: 'b\0@example.org', passwordHash: HASH, role: 'admin' }), {
        code: 'HW_ERR_INPUT_ENCODING',
      });
      const sneaky = "x'); DROP TABLE users;--@example.org";
      const created = await store.users.create({ email: sneaky, passwordHash: HASH, role: 'liaison' });
      assert.ok(!created.conflict);
      assert.equal((await store.users.findByEmail(sneaky))?.email, sneaky.toLowerCase());
    });
  });
});
