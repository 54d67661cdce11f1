/** API keys: shown once, stored as SHA-256 only, found by plaintext, refused once revoked. */
import assert from '../test-assert.js';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { forEachStore, steppingClock } from './test-stores.js';
import type { TestStore } from './test-stores.js';

forEachStore((name, open) => {
  describe(`API keys (${name})`, () => {
    let store: TestStore;
    before(async () => {
      store = await open({ now: steppingClock() });
    });
    after(() => store.close());

    it('returns the key once and stores only its SHA-256', async () => {
      const { key, apiKey } = await store.apiKeys.create({ name: 'SIEM export', role: 'analyst' });
      assert.match(key, /^hw_[0-9A-Za-z]{32}$/);
      assert.equal(apiKey.prefix, key.slice(0, 9));
      const { rows } = await sql<Record<string, unknown>>`select * from api_keys`.execute(store.db);
      assert.equal(rows.length, 1);
      const stored = JSON.stringify(rows);
      assert.ok(!stored.includes(key), 'the plaintext key is not stored');
      assert.equal(rows[0]?.['key_hash'], createHash('sha256').update(key).digest('hex'));
      assert.deepEqual(await store.apiKeys.find(key), apiKey);
    });

    it('draws distinct keys', async () => {
      const keys = await Promise.all(Array.from({ length: 20 }, () => store.apiKeys.create({ name: 'n', role: 'admin' })));
      assert.equal(new Set(keys.map(({ key }) => key)).size, 20);
    });

    it('finds nothing for unknown or malformed keys', async () => {
      assert.equal(await store.apiKeys.find(`hw_${'A'.repeat(32)}`), undefined);
      for (const junk of ['', 'hw_', "hw_' OR 1=1 --", `hw_${'A'.repeat(33)}`, `HW_${'A'.repeat(32)}`]) {
        assert.equal(await store.apiKeys.find(junk), undefined);
      }
    });

    it('refuses a revoked key and keeps the first revocation time', async () => {
      const { key, apiKey } = await store.apiKeys.create({ name: 'to revoke', role: 'liaison' });
      assert.equal(await store.apiKeys.revoke(apiKey.id), true);
      assert.equal(await store.apiKeys.find(key), undefined);
      assert.equal(await store.apiKeys.revoke(apiKey.id), false);
      assert.equal(await store.apiKeys.revoke('missing'), false);
      const listed = (await store.apiKeys.list()).find((listedKey) => listedKey.id === apiKey.id);
      assert.ok(listed?.revokedAt instanceof Date);
      assert.ok(listed.revokedAt > listed.createdAt);
    });
  });
});
