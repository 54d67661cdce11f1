/**
 * Precompiled statements (prepared.ts) on both databases: parameters bound by name, constants kept, a statement
 * compiled per database, and a parameter the statement does not bind refused instead of silently dropped.
 */
import assert from '../test-assert.js';
import { after, before, describe, it } from 'node:test';
import { prepare } from './prepared.js';
import { forEachStore } from './test-stores.js';
import type { TestStore } from './test-stores.js';

const insertBrand = prepare<{ id: string; name: string; at: string }, never>(['id', 'name', 'at'], (db, p) =>
  db.insertInto('brands').values({ id: p.id, name: p.name, domains: '["example.org"]', keywords: '[]', generic: 0, updated_at: p.at }));

const brandName = prepare<{ id: string }, { name: string; domains: string }>(['id'], (db, p) =>
  db.selectFrom('brands').select(['name', 'domains']).where('id', '=', p.id));

forEachStore((name, open) => {
  describe(`prepared statements (${name})`, () => {
    let store: TestStore;
    before(async () => {
      store = await open();
    });
    after(() => store.close());

    it('runs with each call\'s parameters and keeps the constants it was built with', async () => {
      await insertBrand.execute(store.db, { id: 'prep-a', name: 'Prepared A', at: '2025-01-01T00:00:00.000Z' });
      await store.write((trx) => insertBrand.execute(trx, { id: 'prep-b', name: 'Prepared B', at: '2025-01-01T00:00:00.000Z' }));
      assert.deepEqual(await brandName.first(store.db, { id: 'prep-a' }), { name: 'Prepared A', domains: '["example.org"]' });
      assert.deepEqual(await brandName.first(store.db, { id: 'prep-b' }), { name: 'Prepared B', domains: '["example.org"]' });
      assert.equal(await brandName.first(store.db, { id: 'prep-none' }), undefined);
    });

    it('treats a value as data, whatever it contains', async () => {
      const hostile = "x'); drop table brands; --";
      await insertBrand.execute(store.db, { id: 'prep-c', name: hostile, at: '2025-01-01T00:00:00.000Z' });
      assert.equal((await brandName.first(store.db, { id: 'prep-c' }))?.name, hostile);
    });

    it('refuses a parameter the statement does not bind', async () => {
      const unused = prepare<{ id: string; other: string }, { name: string }>(['id', 'other'], (db, p) =>
        db.selectFrom('brands').select('name').where('id', '=', p.id));
      await assert.rejects(unused.first(store.db, { id: 'prep-a', other: 'x' }), /parameter "other" is not a bound parameter/);
    });
  });
});
