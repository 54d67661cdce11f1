/**
 * Group commit (group-commit.ts), through the store: many concurrent writes all acknowledged and all there, one
 * linear audit chain, idempotency inside one batch, a failing write rolled back alone, and a batch whose transaction
 * fails as a whole retried write by write.
 */
import assert from '../test-assert.js';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { MAX_BATCH_ITEMS } from './group-commit.js';
import type { NewReport } from './reports.repo.js';
import { forEachStore } from './test-stores.js';
import type { TestStore } from './test-stores.js';

function report(n: number, fields: Partial<NewReport> = {}): NewReport {
  const url = `http://paypa1.example/signin?n=${n}`;
  return { url, payloadHash: createHash('sha256').update(url).digest('hex'), actor: 'public', ...fields };
}

async function count(store: TestStore, table: 'reports' | 'report_contacts' | 'audit_events'): Promise<number> {
  const { rows } = await sql<{ n: number }>`select cast(count(*) as integer) as n from ${sql.table(table)}`.execute(store.db);
  return rows[0]?.n ?? -1;
}

forEachStore((name, open) => {
  describe(`group commit (${name})`, () => {
    let store: TestStore;
    before(async () => {
      store = await open();
    });
    after(() => store.close());

    it('acknowledges every one of many concurrent writes, and each is stored with its audit entry', async () => {
      const before = { reports: await count(store, 'reports'), audit: await count(store, 'audit_events') };
      // More than one batch's worth, all submitted in the same tick.
      const total = MAX_BATCH_ITEMS + 44;
      const results = await Promise.all(Array.from({ length: total }, (_, n) => store.reports.create(report(n, { contact: `r${n}@example.org` }))));
      const ids = new Set(results.map((r) => (r.conflict ? assert.fail('no conflict expected') : r.id)));
      assert.equal(ids.size, total);
      for (const id of [...ids].slice(0, 20)) assert.equal((await store.reports.get(id))?.status, 'submitted');
      assert.equal(await count(store, 'reports'), before.reports + total);
      assert.equal(await count(store, 'audit_events'), before.audit + total);
      const verification = await store.audit.verify();
      assert.ok(verification.ok, JSON.stringify(verification));
      assert.equal(verification.count, before.audit + total);
    });

    it('keeps the audit chain linear and verifiable when writes of every kind share batches', async () => {
      const writes = Array.from({ length: 60 }, (_, n) =>
        n % 3 === 0
          ? store.audit.append({ actor: 'system', action: 'test.batched', target: `test:${n}` })
          : store.transaction(async (repos) => {
            await repos.reports.create(report(1_000 + n));
            await repos.audit.append({ actor: 'system', action: 'test.batched', target: `test:${n}` });
          }));
      await Promise.all(writes);
      const verification = await store.audit.verify();
      assert.equal(verification.ok, true, JSON.stringify(verification));
      const { rows } = await sql<{ seq: number }>`select seq from audit_events order by seq`.execute(store.db);
      assert.deepEqual(rows.map((r) => r.seq), rows.map((_, i) => i + 1), 'gap-free, one chain');
    });

    it('answers idempotent duplicates inside one batch: same payload → same report, other payload → conflict', async () => {
      const key = `key-${name}-batch`;
      const same = report(2_000, { idempotencyKey: key });
      const results = await Promise.all([
        ...Array.from({ length: 10 }, () => store.reports.create(same)),
        store.reports.create(report(2_001, { idempotencyKey: key })),
      ]);
      const ids = new Set(results.slice(0, 10).map((r) => (r.conflict ? 'conflict' : r.id)));
      assert.equal(ids.size, 1);
      assert.equal(results.filter((r) => !r.conflict && r.created).length, 1);
      assert.deepEqual(results[10], { conflict: true });
    });

    it('rolls back a failing write alone: the others in its batch commit, the caller gets its own error', async () => {
      const reportsBefore = await count(store, 'reports');
      const auditBefore = await count(store, 'audit_events');
      const outcomes = await Promise.allSettled(Array.from({ length: 21 }, (_, n) =>
        store.transaction(async (repos) => {
          const created = await repos.reports.create(report(3_000 + n, { contact: 'someone@example.org' }));
          if (n === 10) throw new Error(`write ${n} fails after writing`);
          return created;
        })));
      const rejected = outcomes.flatMap((o, n) => (o.status === 'rejected' ? [n] : []));
      assert.deepEqual(rejected, [10]);
      const failure = outcomes[10];
      assert.ok(failure?.status === 'rejected' && failure.reason instanceof Error);
      assert.equal(failure.reason.message, 'write 10 fails after writing');
      assert.equal(await count(store, 'reports'), reportsBefore + 20);
      assert.equal(await count(store, 'audit_events'), auditBefore + 20);
      assert.equal((await store.audit.verify()).ok, true);
    });

    it('rolls back the write whose audit entry read the chain head: the next one reads it again', async () => {
      const auditBefore = await count(store, 'audit_events');
      // The first write of the batch makes the batch's first audit entry (the one that reads, and on PostgreSQL
      // locks, the head) and then fails; the others must chain onto the head as it was before it.
      const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, n) =>
        store.transaction(async (repos) => {
          await repos.audit.append({ actor: 'system', action: 'test.first_fails', target: `test:${n}` });
          if (n === 0 || n === 7) throw new Error(`write ${n} fails after its audit entry`);
        })));
      assert.deepEqual(outcomes.map((o) => o.status), ['rejected', ...Array.from({ length: 6 }, () => 'fulfilled'), 'rejected']);
      assert.equal(await count(store, 'audit_events'), auditBefore + 6);
      const verification = await store.audit.verify();
      assert.ok(verification.ok, JSON.stringify(verification));
      assert.equal(verification.count, auditBefore + 6);
      const { rows } = await sql<{ target: string }>`select target from audit_events where action = 'test.first_fails' order by seq`.execute(store.db);
      assert.deepEqual(rows.map((r) => r.target), [1, 2, 3, 4, 5, 6].map((n) => `test:${n}`));
    });

    it('refuses invalid input before it joins a batch, without touching the others', async () => {
      const outcomes = await Promise.allSettled([
        store.reports.create(report(4_000)),
        store.reports.create(report(4_001, { payloadHash: 'not a hash' })),
        store.reports.create(report(4_002, { url: 'nul\u0000inside' })),
        store.reports.create(report(4_003)),
      ]);
      assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      assert.equal((await store.audit.verify()).ok, true);
    });

    it('runs each write alone again when the batch transaction itself fails', async () => {
      const reportsBefore = await count(store, 'reports');
      // A write that ends the shared transaction behind the batch's back: the savepoint bookkeeping (or the commit)
      // then fails, so nothing of the batch is written, and each write is retried in its own transaction.
      const saboteur = store.write(async (trx) => {
        await sql`rollback`.execute(trx);
      });
      const others = Array.from({ length: 10 }, (_, n) => store.reports.create(report(5_000 + n)));
      const settled = await Promise.allSettled([saboteur, ...others]);
      assert.deepEqual(settled.slice(1).map((o) => o.status), Array.from({ length: 10 }, () => 'fulfilled'));
      assert.equal(await count(store, 'reports'), reportsBefore + 10);
      assert.equal((await store.audit.verify()).ok, true);
    });
  });
});
