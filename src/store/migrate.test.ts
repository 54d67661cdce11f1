/** Migrations: apply once, then are a no-op; a second process (or store) sees them applied; SQLite runs are atomic. */
import assert from '../test-assert.js';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { sqliteDialect } from './dialect.js';
import { listMigrations, migrateToLatest } from './migrate.js';
import { forEachStore } from './test-stores.js';
import type { TestStore } from './test-stores.js';

async function tableExists(store: TestStore, table: string): Promise<boolean> {
  const tables = await store.db.introspection.getTables();
  return tables.some((candidate) => candidate.name === table);
}

forEachStore((name, open) => {
  describe(`migrations (${name})`, () => {
    let store: TestStore;
    before(async () => {
      store = await open({ migrate: false });
    });
    after(() => store.close());

    it('lists every migration as pending on a new database', async () => {
      assert.deepEqual(await listMigrations(store), [{ name: '0001_initial', executedAt: null }, { name: '0002_jobs', executedAt: null }, { name: '0003_console', executedAt: null }, { name: '0004_mfa', executedAt: null }, { name: '0005_job_claim', executedAt: null }]);
    });

    it('applies them, then applying again does nothing', async () => {
      assert.deepEqual(await migrateToLatest(store), ['0001_initial', '0002_jobs', '0003_console', '0004_mfa', '0005_job_claim']);
      assert.deepEqual(await migrateToLatest(store), []);
      const statuses = await listMigrations(store);
      assert.deepEqual(statuses.map((s) => s.name), ['0001_initial', '0002_jobs', '0003_console', '0004_mfa', '0005_job_claim']);
      assert.ok(statuses.every((s) => s.executedAt instanceof Date));
      assert.equal(await tableExists(store, 'audit_events'), true);
      assert.equal(await tableExists(store, 'jobs'), true);
    });

    it('is seen as applied by a second store on the same database', async () => {
      const second = await store.reopen();
      try {
        assert.deepEqual(await migrateToLatest(second), []);
      } finally {
        await second.close();
      }
    });
  });

  if (name === 'postgres') {
    describe('concurrent migration (postgres)', () => {
      it('applies each migration once when two stores race', async () => {
        const first = await open({ migrate: false });
        const second = await first.reopen();
        try {
          const applied = await Promise.all([migrateToLatest(first), migrateToLatest(second)]);
          assert.deepEqual(applied.flat().sort(), ['0001_initial', '0002_jobs', '0003_console', '0004_mfa', '0005_job_claim']);
        } finally {
          await second.close();
          await first.close();
        }
      });
    });
  } else {
    describe('atomic migration (sqlite)', () => {
      it('rolls back everything a failed migration run did', async () => {
        const store = await open({ migrate: false });
        try {
          const result = await sqliteDialect.atomicMigration(store.db, async () => {
            await sql`create table half_done (x integer)`.execute(store.db);
            return { error: new Error('boom') };
          });
          assert.ok(result.error instanceof Error);
          assert.equal(await tableExists(store, 'half_done'), false);
        } finally {
          await store.close();
        }
      });
    });
  }
});
