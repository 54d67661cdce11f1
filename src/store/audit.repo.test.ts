/**
 * The audit log (EV-4): appends chain, verification passes on an untouched log and names the first bad entry after
 * each kind of tampering done behind the application's back (raw SQL, with the append-only triggers dropped first,
 * as someone with DDL rights could), and concurrent appends keep the chain whole.
 */
import assert from '../test-assert.js';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { AUDIT_GENESIS_HASH } from './audit.repo.js';
import type { Store } from './store.js';
import { forEachStore, steppingClock } from './test-stores.js';
import type { TestStore } from './test-stores.js';

/** Removes the database's append-only guard, as an attacker with DDL rights could. */
async function dropAppendOnlyGuard(store: Store): Promise<void> {
  const on = store.dialect.name === 'postgres' ? ' on audit_events' : '';
  await sql.raw(`drop trigger audit_events_no_update${on}`).execute(store.db);
  await sql.raw(`drop trigger audit_events_no_delete${on}`).execute(store.db);
}

async function appendMany(store: Store, count: number): Promise<void> {
  await store.transaction(async (repos) => {
    for (let i = 1; i <= count; i++) {
      await repos.audit.append({
        actor: `user:${i % 3}`,
        action: 'test.appended',
        target: `thing:${i}`,
        details: { i, note: `entry ${i}` },
        ip: '192.0.2.1',
      });
    }
  });
}

/** Swaps two entries' seq numbers in three steps (a one-statement swap trips the primary key mid-update). */
async function swapSeq(store: Store, a: number, b: number): Promise<void> {
  await sql`update audit_events set seq = ${-a} where seq = ${a}`.execute(store.db);
  await sql`update audit_events set seq = ${a} where seq = ${b}`.execute(store.db);
  await sql`update audit_events set seq = ${b} where seq = ${-a}`.execute(store.db);
}

forEachStore((name, open) => {
  describe(`audit log (${name})`, () => {
    let store: TestStore;
    before(async () => {
      store = await open({ now: steppingClock() });
    });
    after(() => store.close());

    it('verifies an empty log', async () => {
      assert.deepEqual(await store.audit.verify(), { ok: true, count: 0, headHash: AUDIT_GENESIS_HASH });
    });

    it('chains appended entries with the documented hash and lists them newest first', async () => {
      await appendMany(store, 5);
      const entries = await store.audit.list({ limit: 10 });
      assert.deepEqual(entries.map((entry) => entry.seq), [5, 4, 3, 2, 1]);
      const first = entries.at(-1);
      assert.ok(first);
      assert.equal(first.prevHash, AUDIT_GENESIS_HASH);
      assert.equal(first.at.toISOString(), '2025-01-01T00:00:00.000Z');
      assert.deepEqual(first.details, { i: 1, note: 'entry 1' });
      // Recomputed independently from the format stated in audit.repo.ts.
      const canonical = JSON.stringify([
        AUDIT_GENESIS_HASH, 1, '2025-01-01T00:00:00.000Z', 'user:1', 'test.appended', 'thing:1',
        '{"i":1,"note":"entry 1"}', '192.0.2.1',
      ]);
      assert.equal(first.hash, createHash('sha256').update(canonical).digest('hex'));
      for (let i = 0; i < entries.length - 1; i++) assert.equal(entries[i]?.prevHash, entries[i + 1]?.hash);
      assert.deepEqual(await store.audit.verify(), { ok: true, count: 5, headHash: entries[0]?.hash });
    });

    it('filters by target and pages by seq', async () => {
      assert.deepEqual((await store.audit.list({ target: 'thing:3', limit: 10 })).map((e) => e.seq), [3]);
      assert.deepEqual((await store.audit.list({ beforeSeq: 4, limit: 2 })).map((e) => e.seq), [3, 2]);
      await assert.rejects(store.audit.list({ limit: 0 }), RangeError);
    });

    it('refuses UPDATE and DELETE inside the database', async () => {
      await assert.rejects(sql`update audit_events set actor = 'mallory'`.execute(store.db), /append-only/);
      await assert.rejects(sql`delete from audit_events where seq = 1`.execute(store.db), /append-only/);
      if (name === 'postgres') await assert.rejects(sql`truncate audit_events`.execute(store.db), /append-only/);
      assert.equal((await store.audit.verify()).ok, true);
    });

    it('refuses NULs in its fields and rolls the append back', async () => {
      await assert.rejects(store.audit.append({ actor: 'a\0b', action: 'x' }), { code: 'HW_ERR_INPUT_ENCODING' });
      await assert.rejects(store.audit.append({ actor: 'a', action: 'x', target: 't'.repeat(256) }), {
        code: 'HW_ERR_INPUT_TOO_LONG',
      });
      assert.deepEqual(await store.audit.verify(), {
        ok: true,
        count: 5,
        headHash: (await store.audit.list({ limit: 1 }))[0]?.hash,
      });
    });

    it('keeps seqs gap-free and the chain whole under 50 concurrent appends', async () => {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.audit.append({ actor: 'system', action: 'test.concurrent', details: { i } })),
      );
      const seqs = (await store.audit.list({ limit: 100 })).map((entry) => entry.seq);
      assert.deepEqual(seqs, Array.from({ length: 55 }, (_, i) => 55 - i));
      assert.equal((await store.audit.verify()).ok, true);
    });
  });

  describe(`audit log tampering (${name})`, () => {
    // 1,200 entries: verification reads in batches of 1,000, so the walk crosses a batch boundary.
    const COUNT = 1200;
    let store: TestStore;
    before(async () => {
      store = await open({ now: steppingClock() });
      await appendMany(store, COUNT);
      await dropAppendOnlyGuard(store);
    });
    after(() => store.close());

    it('passes before tampering', async () => {
      const result = await store.audit.verify();
      assert.ok(result.ok);
      assert.equal(result.count, COUNT);
    });

    it('names an entry whose details changed by one byte, and passes again once restored', async () => {
      await sql`update audit_events set details = '{"i":500,"note":"entry 501"}' where seq = 500`.execute(store.db);
      assert.deepEqual(await store.audit.verify(), {
        ok: false,
        seq: 500,
        reason: 'content does not match its hash (entry changed)',
      });
      await sql`update audit_events set details = '{"i":500,"note":"entry 500"}' where seq = 500`.execute(store.db);
      assert.equal((await store.audit.verify()).ok, true);
    });

    it('names the entry after one rewritten with a matching hash', async () => {
      const [original] = await store.audit.list({ beforeSeq: 701, limit: 1 });
      assert.ok(original);
      const forged = JSON.stringify([
        original.prevHash, 700, original.at.toISOString(), 'mallory', original.action, original.target,
        JSON.stringify(original.details), original.ip,
      ]);
      const forgedHash = createHash('sha256').update(forged).digest('hex');
      await sql`update audit_events set actor = 'mallory', hash = ${forgedHash} where seq = 700`.execute(store.db);
      assert.deepEqual(await store.audit.verify(), {
        ok: false,
        seq: 701,
        reason: "prev_hash is not the previous entry's hash (an entry before it was changed, deleted or reordered)",
      });
      await sql`update audit_events set actor = ${original.actor}, hash = ${original.hash} where seq = 700`.execute(store.db);
      assert.equal((await store.audit.verify()).ok, true);
    });

    it('names the first of two swapped entries (across the batch boundary)', async () => {
      await swapSeq(store, 1000, 1001);
      const result = await store.audit.verify();
      assert.ok(!result.ok);
      assert.equal(result.seq, 1000);
      assert.match(result.reason, /prev_hash/);
      await swapSeq(store, 1000, 1001);
      assert.equal((await store.audit.verify()).ok, true);
    });

    it('names a deleted entry', async () => {
      await sql`delete from audit_events where seq = 1100`.execute(store.db);
      assert.deepEqual(await store.audit.verify(), {
        ok: false,
        seq: 1100,
        reason: 'entry missing (the next entry is seq 1101)',
      });
    });

    it('names a deleted last entry (the head remembers it)', async () => {
      await sql`delete from audit_events where seq = ${COUNT}`.execute(store.db);
      const result = await store.audit.verify();
      // 1100 is still missing and comes first.
      assert.equal(!result.ok && result.seq, 1100);
    });
  });

  describe(`audit log tail and head (${name})`, () => {
    let store: TestStore;
    before(async () => {
      store = await open({ now: steppingClock() });
      await appendMany(store, 3);
      await dropAppendOnlyGuard(store);
    });
    after(() => store.close());

    it('names a changed chain head', async () => {
      await sql`update audit_head set hash = ${'e'.repeat(64)}`.execute(store.db);
      const result = await store.audit.verify();
      assert.equal(!result.ok && result.seq, 3);
    });

    it('names a deleted last entry', async () => {
      await sql`delete from audit_events where seq = 3`.execute(store.db);
      assert.deepEqual(await store.audit.verify(), {
        ok: false,
        seq: 3,
        reason: 'entry missing (the chain head is at seq 3)',
      });
    });

    it('names an entry slipped in before the first', async () => {
      await sql`insert into audit_events (seq, at, actor, action, target, details, ip, prev_hash, hash)
                values (0, '2020-01-01T00:00:00.000Z', 'x', 'x', null, '{}', null, '', '')`.execute(store.db);
      assert.deepEqual(await store.audit.verify(), { ok: false, seq: 0, reason: 'entry outside the chain (seq below 1)' });
    });
  });
});
