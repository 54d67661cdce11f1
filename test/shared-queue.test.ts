/**
 * Two deployments whose pg-boss jobs share one queue schema (docs/operations.md, "Intake figures", round 3): a worker
 * takes the other deployment's `analyse-report` job, and its store has no such report. That job must fail (be
 * retried, and end as a dead letter an admin sees), not be completed: completing it left the other deployment's
 * report `submitted` for good, which is how bench:intake lost reports when another server shared its queue schema.
 *
 * Real PostgreSQL (HOOKWATCH_TEST_DATABASE_URL): two stores in fresh schemas, one fresh pg-boss schema, dropped after.
 */
import assert from '../src/test-assert.js';
import { randomBytes } from 'node:crypto';
import { after, it } from 'node:test';
import pg from 'pg';
import { defaultCatalog } from '../src/catalog/index.js';
import { createEngine } from '../src/engine/index.js';
import { pgBossQueue } from '../src/queue/pg-boss.js';
import type { JobQueue } from '../src/queue/queue.js';
import { forEachStore, TEST_DATABASE_URL } from '../src/store/test-stores.js';
import type { TestStore } from '../src/store/test-stores.js';
import { analyseReport } from '../src/worker/analyse-report.js';

/** pg-boss's smallest retry delay; 3 attempts make a dead letter within ~7 s (1-2 s, then 2-4 s, with jitter). */
const RETRY = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 4_000 };
const DEAD_LETTER_WAIT_MS = 20_000;
const ANALYSIS_WAIT_MS = 10_000;
const POLL_MS = 100;

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

forEachStore((name, open) => {
  if (name !== 'postgres') return; // pg-boss runs on PostgreSQL only

  const queueSchema = `hw_shared_q_${randomBytes(6).toString('hex')}`;
  const stores: TestStore[] = [];
  const queues: JobQueue[] = [];
  const queueErrors: unknown[] = [];
  const engine = createEngine(defaultCatalog());
  const makeQueue = (): JobQueue => {
    const queue = pgBossQueue({
      connectionString: TEST_DATABASE_URL, schema: queueSchema, retry: RETRY, pollingIntervalSeconds: 0.5,
      stopTimeoutMs: 5_000, maxConnections: 4, applicationName: 'hookwatch-queue-test',
      onError: (error) => { queueErrors.push(error); },
    });
    queues.push(queue);
    return queue;
  };
  after(async () => {
    for (const queue of queues) await queue.stop({ graceful: false });
    for (const store of stores) await store.close();
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`drop schema if exists ${queueSchema} cascade`);
    } finally {
      await admin.end();
    }
  });

  it('a worker whose store lacks the report fails the job (dead letter), and the owner analyses it once re-queued', { timeout: 60_000 }, async () => {
    const [storeA, storeB] = [await open(), await open()];
    stores.push(storeA, storeB);
    const created = await storeB.reports.create({ url: 'https://paypa1-login.example/signin', payloadHash: 'c'.repeat(64), actor: 'public' });
    assert.ok(!created.conflict);

    // Deployment A's worker is the only one running: it takes B's job.
    const queueA = makeQueue();
    await queueA.start();
    await queueA.work('analyse-report', (job) => analyseReport(storeA, engine, job.payload.reportId, () => new Date()));
    await queueA.send('analyse-report', { reportId: created.id });

    const [dead] = await waitFor('the dead letter', DEAD_LETTER_WAIT_MS, async () => {
      const letters = await queueA.deadLetters('analyse-report');
      return letters.length > 0 ? letters : undefined;
    });
    assert.ok(dead !== undefined);
    assert.deepEqual(dead.payload, { reportId: created.id });
    assert.match(dead.lastError, new RegExp(`no report ${created.id} in this store`));
    assert.equal((await storeB.reports.get(created.id))?.status, 'submitted');
    await queueA.stop({ graceful: true });

    // Deployment B's worker, with the dead letter re-queued: the report is analysed.
    const queueB = makeQueue();
    await queueB.start();
    await queueB.work('analyse-report', (job) => analyseReport(storeB, engine, job.payload.reportId, () => new Date()));
    assert.equal(await queueB.retryDeadLetter(dead.id), true);
    await waitFor('the analysis', ANALYSIS_WAIT_MS, async () =>
      (await storeB.reports.get(created.id))?.status === 'triaged' ? true : undefined);
    assert.deepEqual(queueErrors, []);
  });
});
