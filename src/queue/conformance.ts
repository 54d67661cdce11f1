/**
 * The JobQueue conformance suite (STYLE.md: "Every port has one conformance suite"): every adapter, and any test
 * double, registers it from its own test file with a factory for fresh queues.
 *
 * Timing: the suite never assumes a speed. It asserts retry waits against their lower bound (base · 2^(n−1), which
 * both adapters guarantee; pg-boss adds jitter on top), and waits for everything else up to the fixture's
 * `latencyMs` (how long "right away" may take: a polling interval plus slack), returning as soon as it holds.
 */
import assert from '../test-assert.js';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { backoffDelayMs } from './queue.js';
import type { Job, JobName, JobPayloads, JobQueue, QueueTransaction, RetryPolicy } from './queue.js';
import { inProcessQueue } from './in-process.js';
import type { JobStore } from './job-store.js';

export interface QueueFixture {
  /** A queue over fresh, empty storage; not started. */
  readonly queue: JobQueue;
  /** Another queue over the same storage, as a restarted process (or another worker) would build it; not started. */
  readonly reopen: () => Promise<JobQueue>;
  /** Stops every queue this fixture built (without draining) and releases the storage. */
  readonly cleanup: () => Promise<void>;
  /** The retry policy the queues use; needs maxAttempts ≥ 3. */
  readonly retry: RetryPolicy;
  /** Longest wait for something that should happen right away (e.g. a pickup after a send). */
  readonly latencyMs: number;
  /**
   * Runs `work` in a transaction on the queue's database and commits it; if `work` throws, rolls it back and rejects
   * with that error. A real transaction wherever the adapter has a database.
   */
  readonly transaction: <T>(work: (tx: QueueTransaction) => Promise<T>) => Promise<T>;
}

/**
 * A transaction for storage without one (memoryJobStore): it runs no statements, and "commits" by running its
 * afterCommit hooks when `work` resolves (none when it throws).
 */
async function hookOnlyTransaction<T>(work: (tx: QueueTransaction) => Promise<T>): Promise<T> {
  const hooks: (() => void)[] = [];
  const tx: QueueTransaction = {
    executeSql: () => Promise.reject(new Error('hookOnlyTransaction: no database to run statements on')),
    afterCommit: (callback) => { hooks.push(callback); },
  };
  const result = await work(tx);
  for (const hook of hooks) hook();
  return result;
}

/** Small delays so the conformance suite runs in well under a second per test. */
export const FAST_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 };

/**
 * A fixture of in-process queues over one JobStore (each `reopen` is a restarted process over the same storage).
 * `onError` receives store failures outside handlers; tests make them fail loudly.
 */
export function inProcessFixture(
  store: JobStore, onError: (error: unknown) => void, transaction: QueueFixture['transaction'] = hookOnlyTransaction,
): QueueFixture {
  const built: JobQueue[] = [];
  const build = (): JobQueue => {
    const queue = inProcessQueue({ store, onError, retry: FAST_RETRY, pollIntervalMs: 50, stopTimeoutMs: 2_000 });
    built.push(queue);
    return queue;
  };
  return {
    queue: build(),
    reopen: () => Promise.resolve(build()),
    cleanup: async () => { for (const queue of built) await queue.stop({ graceful: false }); },
    retry: FAST_RETRY,
    latencyMs: 1_000,
    transaction,
  };
}

/** Generous: a failing wait reports well before this. */
const TEST_TIMEOUT_MS = 120_000;
/** Slack on measured waits: timers fire up to a few ms early relative to performance.now(). */
const TIMER_SLACK_MS = 5;

export function runQueueConformance(name: string, makeQueue: () => Promise<QueueFixture>): void {
  describe(`JobQueue conformance: ${name}`, () => {
    const test = (title: string, body: (fixture: QueueFixture) => Promise<void>): void => {
      it(title, { timeout: TEST_TIMEOUT_MS }, async () => {
        const fixture = await makeQueue();
        try {
          await body(fixture);
        } finally {
          await fixture.cleanup();
        }
      });
    };

    test('delivers every job at least once, with its payload, and counts it completed', deliversEveryJob);
    test('rejects an invalid name, payload or option, and a second handler for a name', rejectsInvalidInput);
    test('retries a failing handler after growing delays until it succeeds', retriesWithBackoff);
    test('makes a job that always fails a dead letter after maxAttempts; retryDeadLetter re-queues it', deadLetters);
    test('a singletonKey dedupes sends while its job waits, even concurrent ones', singletonKeyDedupes);
    test('never runs more handlers of a name at once than its concurrency', respectsConcurrency);
    test('startAfterMs delays a job without holding up others', startAfterDelays);
    test('a graceful stop waits for the running handler and takes no new job', gracefulStopDrains);
    test('after a stop without draining (a crash) a new instance delivers the running job again', redeliversAfterCrash);
    test('duplicate deliveries are harmless to an idempotent handler', idempotentHandler);
    test('sendWithin stores a job if and only if the caller\'s transaction commits, deduped like send', sendWithinCommits);
    test('completeWithin acknowledges a job in the handler\'s transaction; rolled back, the job runs again', completeWithinAcknowledges);
    test('a stop while start() is still running leaves the queue stopped: start settles, sends are refused', stopDuringStart);
  });
}

// --- the tests ---------------------------------------------------------------------------------------------------

async function stopDuringStart({ reopen }: QueueFixture): Promise<void> {
  const queue = await reopen();
  const starting = queue.start();
  await queue.stop({ graceful: false });
  await starting.catch(() => undefined); // whether start() completed or gave up, the queue must now be stopped
  await assert.rejects(queue.send('analyse-report', { reportId: 'after-stop' }), /stopped|not started|closed/i);
}

async function sendWithinCommits({ queue, transaction, latencyMs }: QueueFixture): Promise<void> {
  await queue.start();
  const delivered: Job<'analyse-report'>[] = [];
  const sentBefore = await queue.send('analyse-report', { reportId: 'sent-before' }, { singletonKey: 'outside' });
  const [committed, sameKey, keptKey] = await transaction(async (tx) => [
    await queue.sendWithin(tx, 'analyse-report', { reportId: 'committed' }, { singletonKey: 'inside' }),
    await queue.sendWithin(tx, 'analyse-report', { reportId: 'committed' }, { singletonKey: 'inside' }),
    await queue.sendWithin(tx, 'analyse-report', { reportId: 'sent-before' }, { singletonKey: 'outside' }),
  ]);
  assert.equal(sameKey, committed, 'a key sent twice in one transaction is one job');
  assert.equal(keptKey, sentBefore, 'a key already waiting outside the transaction is that job');
  await assert.rejects(transaction(async (tx) => {
    await queue.sendWithin(tx, 'analyse-report', { reportId: 'rolled-back' });
    throw new Error('the caller\'s transaction fails');
  }), /the caller's transaction fails/);
  await assert.rejects(transaction((tx) => queue.sendWithin(tx, 'analyse-report', { reportId: '' })), TypeError);
  assert.equal((await queue.stats()).queued, 2);

  await queue.work('analyse-report', (job) => { delivered.push(job); return Promise.resolve(); });
  await waitFor('the two committed jobs', latencyMs, () => delivered.length === 2);
  assert.deepEqual(delivered.map((job) => job.id).sort(), [committed, sentBefore].sort());
  assert.deepEqual(delivered.find((job) => job.id === committed)?.payload, { reportId: 'committed' });
  await waitForStats(queue, latencyMs, { queued: 0, active: 0, failed: 0, completed: 2 });

  // A job sent within a transaction to a queue whose worker is already waiting runs without a send outside it.
  const woken = await transaction((tx) => queue.sendWithin(tx, 'analyse-report', { reportId: 'wakes' }));
  await waitFor('the job sent to a waiting worker', latencyMs, () => delivered.length === 3);
  assert.equal(delivered[2]?.id, woken);
  await sleep(latencyMs / 4);
  assert.equal(delivered.some((job) => job.payload.reportId === 'rolled-back'), false, 'a rolled-back send never runs');
}

async function completeWithinAcknowledges({ queue, transaction, retry, latencyMs }: QueueFixture): Promise<void> {
  await queue.start();
  const attempts: number[] = [];
  await queue.work('analyse-report', async (job) => {
    attempts.push(job.attempt);
    if (job.attempt === 1) {
      await assert.rejects(transaction(async (tx) => {
        await job.completeWithin(tx);
        throw new Error('the handler\'s transaction fails');
      }));
      throw new Error('first attempt failed');
    }
    await transaction((tx) => job.completeWithin(tx));
    // Committed with the acknowledgement: the job is done, whatever the handler does next.
    throw new Error('thrown after the acknowledgement committed');
  });
  await queue.send('analyse-report', { reportId: 'ack-within' });
  await waitForStats(queue, retryBudgetMs(retry, latencyMs), { queued: 0, active: 0, failed: 0, completed: 1 });
  await sleep(latencyMs / 2);
  assert.deepEqual(attempts, [1, 2], 'retried once after the rolled-back acknowledgement, never after the committed one');
  assert.deepEqual(await queue.deadLetters(), []);
}

async function deliversEveryJob({ queue, latencyMs }: QueueFixture): Promise<void> {
  await queue.start();
  const reports = new Map<string, Job<'analyse-report'>>();
  const rescores = new Map<string, Job<'rescore-indicators'>>();
  await queue.work('analyse-report', (job) => { reports.set(job.id, job); return Promise.resolve(); }, { concurrency: 4 });
  await queue.work('rescore-indicators', (job) => { rescores.set(job.id, job); return Promise.resolve(); });

  const sent = new Map<string, string>(); // job id → reportId
  for (let i = 0; i < 20; i += 1) sent.set(await queue.send('analyse-report', { reportId: `report-${i}` }), `report-${i}`);
  const withVersion = await queue.send('rescore-indicators', { reason: 'catalog updated', catalogVersion: '2026-11-25' });
  const withoutVersion = await queue.send('rescore-indicators', { reason: 'manual' });
  assert.equal(sent.size, 20, 'every send returns a new id');

  await waitFor('every job delivered', latencyMs * 5, () => reports.size === 20 && rescores.size === 2);
  for (const [id, reportId] of sent) {
    assert.deepEqual(reports.get(id)?.payload, { reportId });
    assert.equal(reports.get(id)?.attempt, 1);
    assert.equal(reports.get(id)?.name, 'analyse-report');
  }
  assert.deepEqual(rescores.get(withVersion)?.payload, { reason: 'catalog updated', catalogVersion: '2026-11-25' });
  // An absent optional field stays absent (exactOptionalPropertyTypes), not `catalogVersion: undefined`.
  assert.deepEqual(rescores.get(withoutVersion)?.payload, { reason: 'manual' });
  await waitForStats(queue, latencyMs, { queued: 0, active: 0, failed: 0, completed: 22 });
}

async function rejectsInvalidInput({ queue }: QueueFixture): Promise<void> {
  await assert.rejects(queue.send('analyse-report', { reportId: 'r' }), /start/, 'send before start');
  await queue.start();
  await assert.rejects(queue.send('analyse-report', { reportId: '' }), TypeError);
  await assert.rejects(queue.send('analyse-report', {} as JobPayloads['analyse-report']), TypeError);
  await assert.rejects(queue.send('rescore-indicators', { reason: 'x', catalogVersion: 7 } as unknown as JobPayloads['rescore-indicators']), TypeError);
  await assert.rejects(queue.send('no-such-job' as JobName, { reportId: 'r' }), RangeError);
  await assert.rejects(queue.send('analyse-report', { reportId: 'r' }, { startAfterMs: -1 }), RangeError);
  await assert.rejects(queue.send('analyse-report', { reportId: 'r' }, { singletonKey: '' }), RangeError);
  await assert.rejects(queue.work('analyse-report', () => Promise.resolve(), { concurrency: 0 }), RangeError);
  await assert.rejects(queue.deadLetters('analyse-report', 0), RangeError);
  await queue.work('analyse-report', () => Promise.resolve());
  await assert.rejects(queue.work('analyse-report', () => Promise.resolve()), /already registered/);
  assert.equal(await queue.retryDeadLetter('no-such-dead-letter'), false);
  assert.equal(await queue.retryDeadLetter('00000000-0000-4000-8000-000000000000'), false);
}

async function retriesWithBackoff({ queue, retry, latencyMs }: QueueFixture): Promise<void> {
  assert.ok(retry.maxAttempts >= 3, 'the fixture must allow 3 attempts');
  await queue.start();
  const attempts: { attempt: number; at: number }[] = [];
  await queue.work('analyse-report', (job) => {
    attempts.push({ attempt: job.attempt, at: performance.now() });
    return attempts.length <= 2 ? Promise.reject(new Error(`flaky ${attempts.length}`)) : Promise.resolve();
  });
  await queue.send('analyse-report', { reportId: 'flaky' });

  await waitFor('three attempts', retryBudgetMs(retry, latencyMs), () => attempts.length === 3);
  assert.deepEqual(attempts.map((a) => a.attempt), [1, 2, 3]);
  for (let failed = 1; failed <= 2; failed += 1) {
    const waited = (attempts[failed]?.at ?? 0) - (attempts[failed - 1]?.at ?? 0);
    const least = backoffDelayMs(retry, failed) - TIMER_SLACK_MS;
    assert.ok(waited >= least, `retry ${failed} came after ${waited.toFixed(0)} ms, before its ${least} ms backoff`);
  }
  await waitForStats(queue, latencyMs, { queued: 0, active: 0, failed: 0, completed: 1 });
  await sleep(latencyMs / 4);
  assert.equal(attempts.length, 3, 'a completed job is not delivered again');
}

async function deadLetters({ queue, retry, latencyMs }: QueueFixture): Promise<void> {
  await queue.start();
  let healthy = false;
  const deliveries: Job<'analyse-report'>[] = [];
  await queue.work('analyse-report', (job) => {
    deliveries.push(job);
    return healthy ? Promise.resolve() : Promise.reject(new Error(`cannot analyse ${job.payload.reportId}`));
  });
  await queue.send('analyse-report', { reportId: 'poison' });

  await waitFor('a dead letter', retryBudgetMs(retry, latencyMs), async () => (await queue.deadLetters('analyse-report')).length === 1);
  const [dead] = await queue.deadLetters();
  assert.ok(dead !== undefined);
  assert.equal(dead.name, 'analyse-report');
  assert.deepEqual(dead.payload, { reportId: 'poison' });
  assert.equal(dead.attempts, retry.maxAttempts);
  assert.match(dead.lastError, /cannot analyse poison/);
  assert.match(dead.failedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(deliveries.length, retry.maxAttempts);
  assert.deepEqual(await queue.deadLetters('rescore-indicators'), []);
  await waitForStats(queue, latencyMs, { queued: 0, active: 0, failed: 1, completed: 0 });

  healthy = true;
  assert.equal(await queue.retryDeadLetter(dead.id), true);
  await waitFor('the re-queued job delivered', latencyMs, () => deliveries.length === retry.maxAttempts + 1);
  assert.deepEqual(deliveries.at(-1)?.payload, { reportId: 'poison' });
  assert.equal(deliveries.at(-1)?.attempt, 1, 'a re-queued job starts a new series of attempts');
  await waitForStats(queue, latencyMs, { queued: 0, active: 0, failed: 0, completed: 1 });
  assert.deepEqual(await queue.deadLetters(), []);
  assert.equal(await queue.retryDeadLetter(dead.id), false, 'a dead letter is re-queued once');
}

async function singletonKeyDedupes({ queue, latencyMs }: QueueFixture): Promise<void> {
  await queue.start();
  const first = await queue.send('analyse-report', { reportId: 'r-1' }, { singletonKey: 'report:r-1' });
  assert.equal(await queue.send('analyse-report', { reportId: 'r-1' }, { singletonKey: 'report:r-1' }), first);
  // RE-5: a burst of concurrent duplicates (a reporter double-submitting, 50 POSTs of one URL) is one job.
  const burst = await Promise.all(Array.from({ length: 20 }, () =>
    queue.send('analyse-report', { reportId: 'r-2' }, { singletonKey: 'report:r-2' })));
  assert.equal(new Set(burst).size, 1);
  const other = await queue.send('rescore-indicators', { reason: 'same key, other job name' }, { singletonKey: 'report:r-1' });
  assert.notEqual(other, first, 'keys are per job name');
  assert.equal((await queue.stats()).queued, 3);

  const delivered: string[] = [];
  const record = (job: { id: string }): Promise<void> => { delivered.push(job.id); return Promise.resolve(); };
  await queue.work('analyse-report', record);
  await queue.work('rescore-indicators', record);
  await waitForStats(queue, latencyMs, { queued: 0, active: 0, failed: 0, completed: 3 });
  assert.deepEqual([...delivered].sort(), [first, burst[0], other].sort());

  const again = await queue.send('analyse-report', { reportId: 'r-1' }, { singletonKey: 'report:r-1' });
  assert.notEqual(again, first, 'once its job has run, the key enqueues a new one');
  await waitFor('the new job delivered', latencyMs, () => delivered.includes(again));
}

async function respectsConcurrency({ queue, latencyMs }: QueueFixture): Promise<void> {
  const limit = 3;
  await queue.start();
  for (let i = 0; i < 7; i += 1) await queue.send('analyse-report', { reportId: `c-${i}` });
  let running = 0;
  let most = 0;
  let done = 0;
  await queue.work('analyse-report', async () => {
    running += 1;
    most = Math.max(most, running);
    // Hold the slot until the others are busy too (or a while): shows the limit is reached, not just obeyed.
    await waitFor('peers', latencyMs, () => running >= limit).catch(() => undefined);
    await sleep(10);
    running -= 1;
    done += 1;
  }, { concurrency: limit });
  await waitFor('all seven jobs', latencyMs * 6, () => done === 7);
  assert.equal(most, limit);
}

async function startAfterDelays({ queue, retry, latencyMs }: QueueFixture): Promise<void> {
  const delayMs = Math.max(retry.baseDelayMs, 100);
  await queue.start();
  const order: { reportId: string; at: number }[] = [];
  await queue.work('analyse-report', (job) => {
    order.push({ reportId: job.payload.reportId, at: performance.now() });
    return Promise.resolve();
  });
  const sentAt = performance.now();
  await queue.send('analyse-report', { reportId: 'later' }, { startAfterMs: delayMs });
  await queue.send('analyse-report', { reportId: 'now' });
  await waitFor('both jobs', delayMs + latencyMs * 2, () => order.length === 2);
  assert.deepEqual(order.map((o) => o.reportId), ['now', 'later']);
  const waited = (order[1]?.at ?? 0) - sentAt;
  assert.ok(waited >= delayMs - TIMER_SLACK_MS, `the delayed job ran after ${waited.toFixed(0)} ms, not ${delayMs}`);
}

async function gracefulStopDrains({ queue, reopen, latencyMs }: QueueFixture): Promise<void> {
  await queue.start();
  const started = deferred<string>();
  const release = deferred<undefined>();
  let finished = false;
  const ranOnFirst: string[] = [];
  await queue.work('analyse-report', async (job) => {
    ranOnFirst.push(job.payload.reportId);
    started.resolve(job.id);
    await release.promise;
    finished = true;
  });
  try {
    await queue.send('analyse-report', { reportId: 'in-flight' });
    await withTimeout(started.promise, latencyMs, 'the first job to start');

    let stopped = false;
    const stopping = queue.stop({ graceful: true }).then(() => { stopped = true; });
    // Sent while stopping: the queue still accepts it (a finishing handler may enqueue follow-ups) but must not run it.
    await queue.send('analyse-report', { reportId: 'after-stop' });
    await sleep(Math.min(latencyMs, 500));
    assert.equal(stopped, false, 'stop() returned while a handler was running');
    release.resolve(undefined);
    await stopping;
    assert.equal(finished, true);
    assert.deepEqual(ranOnFirst, ['in-flight']);
  } finally {
    release.resolve(undefined);
  }

  const next = await reopen();
  await next.start();
  assert.deepEqual(await next.stats(), { queued: 1, active: 0, failed: 0, completed: 1 }, 'the drained job was acknowledged');
  const ranOnNext: string[] = [];
  await next.work('analyse-report', (job) => { ranOnNext.push(job.payload.reportId); return Promise.resolve(); });
  await waitFor('the job sent while stopping', latencyMs, () => ranOnNext.length === 1);
  assert.deepEqual(ranOnNext, ['after-stop']);
}

async function redeliversAfterCrash({ queue, reopen, retry, latencyMs }: QueueFixture): Promise<void> {
  await queue.start();
  const started = deferred<Job<'analyse-report'>>();
  const release = deferred<undefined>();
  await queue.work('analyse-report', async (job) => {
    started.resolve(job);
    await release.promise; // "the process dies" while this runs
  });
  try {
    const id = await queue.send('analyse-report', { reportId: 'crash' });
    const first = await withTimeout(started.promise, latencyMs, 'the job to start');
    assert.equal(first.id, id);
    await withTimeout(queue.stop({ graceful: false }), latencyMs, 'a stop without draining');

    const next = await reopen();
    await next.start();
    const redelivered: Job<'analyse-report'>[] = [];
    await next.work('analyse-report', (job) => { redelivered.push(job); return Promise.resolve(); });
    await waitFor('the job delivered again', latencyMs + backoffDelayMs(retry, 1) * 2, () => redelivered.length === 1);
    const [again] = redelivered;
    assert.ok(again !== undefined);
    assert.equal(again.id, id);
    assert.equal(again.attempt, 2, 'the interrupted run counts as an attempt');
    assert.deepEqual(again.payload, { reportId: 'crash' });

    release.resolve(undefined); // the "dead" instance's handler returns late: that must change nothing
    await waitForStats(next, latencyMs, { queued: 0, active: 0, failed: 0, completed: 1 });
    await sleep(latencyMs / 4);
    assert.equal(redelivered.length, 1);
  } finally {
    release.resolve(undefined);
  }
}

async function idempotentHandler({ queue, retry, latencyMs }: QueueFixture): Promise<void> {
  await queue.start();
  // The pattern: key the effect on the payload and make it an upsert, so a second delivery rewrites the same row.
  const analyses = new Map<string, string>(); // reportId → verdict: the "table" the handler writes
  let writes = 0;
  let ackLost = false;
  const deliveries: string[] = [];
  await queue.work('analyse-report', (job) => {
    const { reportId } = job.payload;
    deliveries.push(reportId);
    if (!analyses.has(reportId)) writes += 1;
    analyses.set(reportId, 'benign');
    if (reportId === 'ack-lost' && !ackLost) {
      ackLost = true; // the effect is written, then the acknowledgement is lost: at-least-once delivers it again
      return Promise.reject(new Error('connection reset after the write'));
    }
    return Promise.resolve();
  }, { concurrency: 2 });
  await queue.send('analyse-report', { reportId: 'r-1' });
  await queue.send('analyse-report', { reportId: 'r-2' });
  await queue.send('analyse-report', { reportId: 'r-1' }); // a duplicate send (no singletonKey): a second job
  await queue.send('analyse-report', { reportId: 'ack-lost' });

  await waitForStats(queue, latencyMs + backoffDelayMs(retry, 1) * 2, { queued: 0, active: 0, failed: 0, completed: 4 });
  assert.equal(deliveries.length, 5, 'four jobs, one delivered twice');
  assert.equal(writes, 3);
  assert.deepEqual([...analyses.keys()].sort(), ['ack-lost', 'r-1', 'r-2']);
}

// --- helpers -----------------------------------------------------------------------------------------------------

/** Upper bound for a job to use all its attempts: every wait at its largest (pg-boss's jitter doubles it), plus pickups. */
function retryBudgetMs(retry: RetryPolicy, latencyMs: number): number {
  let total = latencyMs * retry.maxAttempts;
  for (let failed = 1; failed < retry.maxAttempts; failed += 1) total += 2 * backoffDelayMs(retry, failed);
  return total;
}

async function waitForStats(queue: JobQueue, withinMs: number, expected: Awaited<ReturnType<JobQueue['stats']>>): Promise<void> {
  let last: unknown;
  try {
    await waitFor('stats', withinMs, async () => {
      last = await queue.stats();
      return isDeepStrictEqual(last, expected);
    });
  } catch {
    assert.deepEqual(last, expected, `stats did not reach the expected counts within ${withinMs} ms`);
  }
}

function isDeepStrictEqual(actual: unknown, expected: unknown): boolean {
  try {
    assert.deepEqual(actual, expected);
    return true;
  } catch {
    return false;
  }
}

/** Polls `condition` every 10 ms; rejects naming `what` when it has not held within `withinMs`. */
async function waitFor(what: string, withinMs: number, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    if (await condition()) return;
    if (performance.now() > deadline) throw new Error(`timed out after ${withinMs.toFixed(0)} ms waiting for ${what}`);
    await sleep(10);
  }
}

async function withTimeout<T>(promise: Promise<T>, withinMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => { reject(new Error(`timed out after ${withinMs} ms waiting for ${what}`)); }, withinMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((settle) => { resolve = settle; });
  return { promise, resolve: (value) => { resolve(value); } };
}
