import assert from '../test-assert.js';
import { describe, it } from 'node:test';
import { inProcessFixture, runQueueConformance } from './conformance.js';
import type { QueueFixture } from './conformance.js';
import { memoryJobStore } from './job-store.js';
import type { JobStore } from './job-store.js';
import { runJobStoreConformance } from './job-store-conformance.js';
import { INTERRUPTED_ERROR, inProcessQueue } from './in-process.js';
import type { Clock, InProcessQueueOptions } from './in-process.js';
import type { RetryPolicy } from './queue.js';

function fixture(store: JobStore = memoryJobStore()): QueueFixture {
  return inProcessFixture(store, failOnError);
}

function failOnError(error: unknown): void {
  // No store failure is expected in these tests: make one fail loudly instead of being logged and lost.
  process.nextTick(() => { throw error; });
}

runQueueConformance('in-process over memoryJobStore', () => Promise.resolve(fixture()));

runJobStoreConformance('memoryJobStore', () => Promise.resolve(memoryJobStore()));

/** A clock the test moves by hand. */
function manualClock(start = Date.UTC(2026, 10, 25)): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => { now += ms; } };
}

async function until(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('in-process queue', () => {
  const options = (store: JobStore, clock: Clock, retry: Partial<RetryPolicy>): InProcessQueueOptions =>
    ({ store, clock, retry, onError: failOnError, pollIntervalMs: 5 });

  it('waits base · 2^(n−1) after the n-th failure, capped, by the injected clock', async () => {
    const store = memoryJobStore();
    const clock = manualClock();
    const queue = inProcessQueue(options(store, clock, { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 3_000 }));
    await queue.start();
    let runs = 0;
    await queue.work('analyse-report', () => { runs += 1; return Promise.reject(new Error('down')); });
    const id = await queue.send('analyse-report', { reportId: 'r' });
    try {
      for (const [run, wait] of [[1, 1_000], [2, 2_000], [3, 3_000], [4, 3_000]] as const) {
        await until(`run ${run}`, async () => runs === run && (await store.get(id))?.state === 'retry');
        const job = await store.get(id);
        assert.equal(job?.runAfter, clock.now() + wait, `wait after run ${run}`);
        clock.advance(wait - 1);
        await new Promise((resolve) => setTimeout(resolve, 30)); // several polls: not due yet, so nothing runs
        assert.equal(runs, run);
        clock.advance(1);
      }
      await until('the dead letter', async () => (await store.get(id))?.state === 'failed');
      assert.equal(runs, 5);
      assert.equal((await queue.deadLetters())[0]?.failedAt, new Date(clock.now()).toISOString());
    } finally {
      await queue.stop();
    }
  });

  it('on start, re-queues a job its crashed predecessor left active, or dead-letters it when that was its last attempt', async () => {
    const store = memoryJobStore();
    const clock = manualClock();
    const now = clock.now();
    await store.insert({ id: 'again', name: 'analyse-report', payload: { reportId: 'a' }, singletonKey: null, runAfter: now }, now);
    await store.insert({ id: 'poison', name: 'analyse-report', payload: { reportId: 'p' }, singletonKey: null, runAfter: now }, now);
    // "poison" has already crashed the process twice: this is its third, and last, run.
    await store.claim('analyse-report', 2, now);
    await store.fail('poison', INTERRUPTED_ERROR, now, now);
    await store.claim('analyse-report', 1, now);
    await store.fail('poison', INTERRUPTED_ERROR, now, now);
    assert.equal((await store.claim('analyse-report', 1, now))[0]?.id, 'poison');

    const queue = inProcessQueue(options(store, clock, { maxAttempts: 3 }));
    await queue.start();
    try {
      assert.equal((await store.get('again'))?.state, 'retry');
      const [dead] = await queue.deadLetters();
      assert.equal(dead?.id, 'poison');
      assert.equal(dead.attempts, 3);
      assert.equal(dead.lastError, INTERRUPTED_ERROR);
    } finally {
      await queue.stop();
    }
  });

  it('reports a store failure to onError and delivers the job again on the next start', async () => {
    const store = memoryJobStore();
    const errors: unknown[] = [];
    const failingComplete: JobStore = { ...store, complete: () => Promise.reject(new Error('disk I/O error')) };
    const first = inProcessQueue({ store: failingComplete, onError: (error) => { errors.push(error); }, pollIntervalMs: 5 });
    await first.start();
    let runs = 0;
    await first.work('analyse-report', () => { runs += 1; return Promise.resolve(); });
    const id = await first.send('analyse-report', { reportId: 'r' });
    await until('the failed acknowledgement', () => errors.length === 1);
    assert.match(String(errors[0]), /disk I\/O error/);
    assert.equal((await store.get(id))?.state, 'active', 'an unrecorded outcome leaves the job active');
    await first.stop();

    const second = inProcessQueue({ store, onError: failOnError, pollIntervalMs: 5 });
    await second.start();
    await second.work('analyse-report', () => { runs += 1; return Promise.resolve(); });
    await until('the redelivery', async () => (await store.get(id))?.state === 'completed');
    assert.equal(runs, 2);
    await second.stop();
  });

  it('forgets completed jobs after the retention period', async () => {
    const store = memoryJobStore();
    const clock = manualClock();
    const queue = inProcessQueue({ ...options(store, clock, {}), completedRetentionMs: 60_000 });
    await queue.start();
    await queue.work('analyse-report', () => Promise.resolve());
    const id = await queue.send('analyse-report', { reportId: 'r' });
    await until('completion', async () => (await store.get(id))?.state === 'completed');
    clock.advance(61_000); // past the retention and the prune interval
    await queue.send('analyse-report', { reportId: 'wake the dispatcher' });
    await until('the prune', async () => (await store.get(id)) === undefined);
    await queue.stop();
  });

  it('a graceful stop that times out leaves the job active for the next start and says so', async () => {
    const store = memoryJobStore();
    const errors: unknown[] = [];
    const queue = inProcessQueue({ store, onError: (error) => { errors.push(error); }, pollIntervalMs: 5, stopTimeoutMs: 50 });
    await queue.start();
    let release: () => void = () => undefined;
    const hang = new Promise<void>((resolve) => { release = resolve; });
    await queue.work('analyse-report', () => hang);
    const id = await queue.send('analyse-report', { reportId: 'slow' });
    await until('the job to start', async () => (await store.get(id))?.state === 'active');
    await queue.stop({ graceful: true });
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal((await store.get(id))?.state, 'active');
    assert.match(String(errors[0]), /graceful stop gave up/);
  });

  it('refuses a bad option', () => {
    const store = memoryJobStore();
    assert.throws(() => inProcessQueue({ store, onError: failOnError, retry: { maxAttempts: 0 } }), RangeError);
    assert.throws(() => inProcessQueue({ store, onError: failOnError, retry: { baseDelayMs: 10, maxDelayMs: 5 } }), RangeError);
    assert.throws(() => inProcessQueue({ store, onError: failOnError, pollIntervalMs: 0 }), RangeError);
  });
});
