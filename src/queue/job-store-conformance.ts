/**
 * The JobStore conformance suite: the contract of job-store.ts, checked method by method. memoryJobStore passes it
 * (in-process.test.ts); the SQLite-backed store must too, along with the queue suite run over it.
 */
import assert from '../test-assert.js';
import { describe, it } from 'node:test';
import type { JobStore, NewStoredJob } from './job-store.js';

const T0 = Date.UTC(2026, 10, 25, 12);

function job(id: string, changes: Partial<NewStoredJob> = {}): NewStoredJob {
  return { id, name: 'analyse-report', payload: { reportId: id }, singletonKey: null, runAfter: T0, ...changes };
}

export function runJobStoreConformance(name: string, makeStore: () => Promise<JobStore>): void {
  describe(`JobStore conformance: ${name}`, () => {
    it('stores a new job as created, with its payload as JSON', async () => {
      const store = await makeStore();
      const payload = { reportId: 'r-1' };
      assert.equal(await store.insert(job('a', { payload }), T0), 'a');
      payload.reportId = 'changed after send';
      const stored = await store.get('a');
      assert.deepEqual(stored, {
        id: 'a', name: 'analyse-report', payload: { reportId: 'r-1' }, state: 'created', attempts: 0, singletonKey: null,
        runAfter: T0, createdAt: T0, updatedAt: T0, lastError: null,
      });
      assert.equal(await store.get('missing'), undefined);
    });

    it('keeps one created job per name and singletonKey', async () => {
      const store = await makeStore();
      assert.equal(await store.insert(job('a', { singletonKey: 'k' }), T0), 'a');
      assert.equal(await store.insert(job('b', { singletonKey: 'k' }), T0), 'a');
      assert.equal(await store.get('b'), undefined);
      assert.equal(await store.insert(job('c', { name: 'rescore-indicators', payload: { reason: 'x' }, singletonKey: 'k' }), T0), 'c');
      assert.equal(await store.insert(job('d'), T0), 'd', 'jobs without a key never collide');
      assert.equal(await store.insert(job('e'), T0), 'e');
      await store.claim('analyse-report', 1, T0); // "a" starts: the key is free again
      assert.equal(await store.insert(job('f', { singletonKey: 'k' }), T0), 'f');
    });

    it('claims due jobs in order, up to the limit, each once', async () => {
      const store = await makeStore();
      await store.insert(job('late', { runAfter: T0 + 1_000 }), T0);
      await store.insert(job('second', { runAfter: T0 + 10 }), T0);
      await store.insert(job('first', { runAfter: T0 }), T0 + 5);
      await store.insert(job('other-name', { name: 'rescore-indicators', payload: { reason: 'x' } }), T0);
      await store.insert(job('third', { runAfter: T0 + 10 }), T0 + 1);
      const claimed = await store.claim('analyse-report', 2, T0 + 20);
      assert.deepEqual(claimed.map((j) => j.id), ['first', 'second']);
      assert.deepEqual(claimed.map((j) => [j.state, j.attempts, j.updatedAt]), [['active', 1, T0 + 20], ['active', 1, T0 + 20]]);
      const [a, b] = await Promise.all([store.claim('analyse-report', 5, T0 + 20), store.claim('analyse-report', 5, T0 + 20)]);
      assert.deepEqual([...a, ...b].map((j) => j.id), ['third']);
      assert.deepEqual(await store.claim('analyse-report', 5, T0 + 999), []);
    });

    it('completes and fails only active jobs', async () => {
      const store = await makeStore();
      await store.insert(job('a'), T0);
      await store.complete('a', T0 + 1);
      assert.equal((await store.get('a'))?.state, 'created', 'not active: left alone');
      await store.claim('analyse-report', 1, T0);
      await store.fail('a', 'boom', T0 + 500, T0 + 2);
      assert.deepEqual(pick(await store.get('a')), { state: 'retry', attempts: 1, runAfter: T0 + 500, lastError: 'boom', updatedAt: T0 + 2 });
      assert.deepEqual(await store.claim('analyse-report', 1, T0 + 499), []);
      assert.equal((await store.claim('analyse-report', 1, T0 + 500))[0]?.attempts, 2);
      await store.fail('a', 'boom again', null, T0 + 600);
      assert.deepEqual(pick(await store.get('a')), { state: 'failed', attempts: 2, runAfter: T0 + 500, lastError: 'boom again', updatedAt: T0 + 600 });
      await store.insert(job('b'), T0);
      await store.claim('analyse-report', 1, T0);
      await store.complete('b', T0 + 700);
      await store.fail('b', 'late failure', null, T0 + 800);
      assert.deepEqual(pick(await store.get('b')), { state: 'completed', attempts: 1, runAfter: T0, lastError: null, updatedAt: T0 + 700 });
    });

    it('recovers active jobs: retry now, or failed once maxAttempts runs are used', async () => {
      const store = await makeStore();
      await store.insert(job('young'), T0);
      await store.insert(job('old'), T0);
      await store.insert(job('waiting', { runAfter: T0 + 10_000 }), T0);
      await store.claim('analyse-report', 2, T0); // both at attempt 1
      await store.fail('old', 'x', T0, T0);
      await store.claim('analyse-report', 1, T0); // "old" at attempt 2
      assert.equal(await store.recoverActive(2, 'interrupted', T0 + 50), 2);
      assert.deepEqual(pick(await store.get('young')), { state: 'retry', attempts: 1, runAfter: T0 + 50, lastError: 'interrupted', updatedAt: T0 + 50 });
      assert.equal((await store.get('old'))?.state, 'failed');
      assert.equal((await store.get('waiting'))?.state, 'created');
      assert.equal(await store.recoverActive(2, 'interrupted', T0 + 60), 0);
    });

    it('lists dead letters newest first and re-queues one as a fresh retry', async () => {
      const store = await makeStore();
      for (const [id, failedAt] of [['old', T0 + 1], ['new', T0 + 3], ['mid', T0 + 2]] as const) {
        await store.insert(job(id), T0);
        await store.claim('analyse-report', 1, T0);
        await store.fail(id, `failed ${id}`, null, failedAt);
      }
      await store.insert(job('rescore', { name: 'rescore-indicators', payload: { reason: 'x' } }), T0);
      await store.claim('rescore-indicators', 1, T0);
      await store.fail('rescore', 'x', null, T0 + 9);
      assert.deepEqual((await store.listFailed(['analyse-report'], 10)).map((j) => j.id), ['new', 'mid', 'old']);
      assert.deepEqual((await store.listFailed(['analyse-report', 'rescore-indicators'], 2)).map((j) => j.id), ['rescore', 'new']);
      assert.equal(await store.requeueFailed('mid', T0 + 20), true);
      assert.deepEqual(pick(await store.get('mid')), { state: 'retry', attempts: 0, runAfter: T0 + 20, lastError: 'failed mid', updatedAt: T0 + 20 });
      assert.equal(await store.requeueFailed('mid', T0 + 21), false);
      assert.equal(await store.requeueFailed('missing', T0 + 21), false);
    });

    it('counts by state, finds the next due time and deletes old completed jobs', async () => {
      const store = await makeStore();
      assert.deepEqual(await store.countByState(), { created: 0, retry: 0, active: 0, completed: 0, failed: 0 });
      assert.equal(await store.nextRunAt(['analyse-report']), null);
      await store.insert(job('done-early'), T0);
      await store.insert(job('done-late'), T0);
      await store.claim('analyse-report', 2, T0);
      await store.complete('done-early', T0 + 1);
      await store.complete('done-late', T0 + 100);
      await store.insert(job('soon', { runAfter: T0 + 30 }), T0);
      await store.insert(job('later', { runAfter: T0 + 40 }), T0);
      await store.insert(job('rescore', { name: 'rescore-indicators', payload: { reason: 'x' }, runAfter: T0 + 5 }), T0);
      assert.equal(await store.nextRunAt(['analyse-report']), T0 + 30);
      assert.equal(await store.nextRunAt(['analyse-report', 'rescore-indicators']), T0 + 5);
      assert.deepEqual(await store.countByState(), { created: 3, retry: 0, active: 0, completed: 2, failed: 0 });
      assert.equal(await store.deleteCompleted(T0 + 50), 1);
      assert.equal(await store.get('done-early'), undefined);
      assert.equal((await store.get('done-late'))?.state, 'completed');
    });
  });
}

function pick(stored: { state: string; attempts: number; runAfter: number; lastError: string | null; updatedAt: number } | undefined): unknown {
  if (stored === undefined) return undefined;
  const { state, attempts, runAfter, lastError, updatedAt } = stored;
  return { state, attempts, runAfter, lastError, updatedAt };
}
