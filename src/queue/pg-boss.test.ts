/**
 * pg-boss adapter tests: the conformance suite and a real kill -9 against PostgreSQL, plus option checks that need
 * no database.
 *
 * Database: HOOKWATCH_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test). Each run uses its own
 * schema, hw_boss_test_<random>, emptied between tests and dropped at the end. When PostgreSQL is unreachable the
 * database tests fail if CI is set, and are skipped with a warning otherwise.
 *
 * This file is also the crashing worker of the kill -9 test: run with HW_QUEUE_TEST_CHILD=crash-worker it starts a
 * worker instead of registering tests (so the child is type-checked and never shipped).
 */
import assert from '../test-assert.js';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { runQueueConformance } from './conformance.js';
import type { QueueFixture } from './conformance.js';
import { pgBossQueue, pgBossRetryOptions } from './pg-boss.js';
import type { PgBossQueueOptions } from './pg-boss.js';
import { DEFAULT_RETRY_POLICY, errorText, retryPolicy } from './queue.js';
import type { Job, JobQueue, QueueTransaction, RetryPolicy } from './queue.js';

const DATABASE_URL = process.env['HOOKWATCH_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const CHILD_ENV = 'HW_QUEUE_TEST_CHILD';
const SCHEMA_ENV = 'HW_QUEUE_TEST_SCHEMA';

/** pg-boss's smallest retry delay is 1 s; 3 attempts keep a dead letter within ~7 s. */
const TEST_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 4_000 };
/** A polling interval (0.5 s, pg-boss's minimum) plus query time, with room for a slow CI machine. */
const LATENCY_MS = 3_000;
/** For the kill -9 test: a dead worker's job comes back after this (plus a maintenance tick and a retry delay). */
const KILL_TEST_ACTIVE_TIMEOUT_SECONDS = 2;

function queueOptions(schema: string, onError: (error: unknown) => void): PgBossQueueOptions {
  return {
    connectionString: DATABASE_URL, schema, onError, retry: TEST_RETRY,
    pollingIntervalSeconds: 0.5, stopTimeoutMs: 5_000, activeTimeoutSeconds: 30, maxConnections: 4,
    applicationName: 'hookwatch-queue-test',
  };
}

function killTestOptions(schema: string, onError: (error: unknown) => void): PgBossQueueOptions {
  return { ...queueOptions(schema, onError), activeTimeoutSeconds: KILL_TEST_ACTIVE_TIMEOUT_SECONDS, maintenanceIntervalSeconds: 1 };
}

if (process.env[CHILD_ENV] === 'crash-worker') await runCrashWorker();
else await registerTests();

// --- option checks (no database) -----------------------------------------------------------------------------

function registerOptionTests(): void {
  describe('pg-boss retry options', () => {
    it('maps the default policy: 2 retries, 1 s base, backoff', () => {
      assert.deepEqual(pgBossRetryOptions(DEFAULT_RETRY_POLICY), { retryLimit: 2, retryDelay: 1, retryBackoff: true });
    });

    it('refuses what pg-boss 10 cannot do: sub-second or fractional delays, waits beyond the cap', () => {
      assert.throws(() => pgBossRetryOptions(retryPolicy({ baseDelayMs: 500 })), /whole number of seconds/);
      assert.throws(() => pgBossRetryOptions(retryPolicy({ baseDelayMs: 1_500 })), /whole number of seconds/);
      // 7 attempts from 1 s may wait 64 s: more than the 60 s cap, which pg-boss 10 cannot enforce.
      assert.throws(() => pgBossRetryOptions(retryPolicy({ maxAttempts: 7 })), /cannot cap/);
      assert.deepEqual(pgBossRetryOptions(retryPolicy({ maxAttempts: 6 })), { retryLimit: 5, retryDelay: 1, retryBackoff: true });
      assert.deepEqual(pgBossRetryOptions(retryPolicy({ maxAttempts: 1 })), { retryLimit: 0, retryDelay: 1, retryBackoff: true });
    });

    it('refuses a schema name it would have to quote', () => {
      assert.throws(() => pgBossQueue({ connectionString: DATABASE_URL, schema: 'x; drop table y', onError: () => undefined }), /schema/);
    });
  });
}

// --- database tests --------------------------------------------------------------------------------------------

/** A real PostgreSQL transaction on one pooled connection, as a QueueTransaction (what the store's would be). */
async function pgTransaction<T>(pool: pg.Pool, work: (tx: QueueTransaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const hooks: (() => void)[] = [];
  const tx: QueueTransaction = {
    executeSql: async (text, values) => ({ rows: (await client.query(text, values)).rows as unknown[] }),
    afterCommit: (callback) => { hooks.push(callback); },
  };
  try {
    await client.query('BEGIN');
    let result: T;
    try {
      result = await work(tx);
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
    await client.query('COMMIT');
    for (const hook of hooks) hook();
    return result;
  } finally {
    client.release();
  }
}

async function registerTests(): Promise<void> {
  registerOptionTests();
  const unreachable = await probe(DATABASE_URL);
  if (unreachable !== undefined) {
    registerUnreachable(unreachable);
    return;
  }

  const schema = `hw_boss_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
  after(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });
  const errors: unknown[] = [];
  const onError = (error: unknown): void => { errors.push(error); };

  const makeFixture = (): Promise<QueueFixture> => {
    const built: JobQueue[] = [];
    const build = (): JobQueue => {
      const queue = pgBossQueue(queueOptions(schema, onError));
      built.push(queue);
      return queue;
    };
    return Promise.resolve({
      queue: build(),
      reopen: () => Promise.resolve(build()),
      cleanup: async () => {
        for (const queue of built) await queue.stop({ graceful: false });
        await emptySchema(admin, schema);
        assert.deepEqual(errors.splice(0), [], 'pg-boss reported errors');
      },
      retry: TEST_RETRY,
      latencyMs: LATENCY_MS,
      transaction: (work) => pgTransaction(admin, work),
    });
  };

  runQueueConformance(`pg-boss on ${redact(DATABASE_URL)}`, makeFixture);

  describe('pg-boss adapter', () => {
    it('a stop while start() runs leaves no pg-boss connection open (nothing keeps the process alive)', { timeout: 30_000 }, async () => {
      const applicationName = `hw-stop-during-start-${randomBytes(4).toString('hex')}`;
      const queue = pgBossQueue({ ...queueOptions(schema, onError), applicationName });
      const starting = queue.start();
      await queue.stop({ graceful: false });
      await starting.catch(() => undefined);
      const open = async (): Promise<number> => Number((await admin.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName])).rows[0]?.n ?? 0);
      // A closed pool's connections leave pg_stat_activity as the server notices; a running pg-boss keeps its own.
      const deadline = Date.now() + 5_000;
      while (await open() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(await open(), 0, 'connections of a queue stopped during its start');
      assert.deepEqual(errors.splice(0), [], 'pg-boss reported errors');
    });

    it('a worker killed mid-job (kill -9) leaves its job active; after the active timeout another worker runs it', { timeout: 60_000 }, async () => {
      const survivor = pgBossQueue(killTestOptions(schema, onError));
      await survivor.start();
      try {
        const id = await survivor.send('analyse-report', { reportId: 'killed' });
        const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
          env: childEnv(schema),
          // Not 'inherit': nothing the child leaves behind may hold the test runner's pipes open.
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let childErrors = '';
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => { childErrors += chunk; });
        const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => { resolve(signal); }));
        const started = await firstLine(child.stdout, 20_000).catch((error: unknown) => {
          child.kill('SIGKILL');
          throw new Error(`${errorText(error)}; its stderr: ${childErrors}`);
        });
        assert.equal(started, `started ${id} 1`);
        child.kill('SIGKILL');
        assert.equal(await exited, 'SIGKILL');
        assert.equal((await survivor.stats()).active, 1, 'nobody acknowledged or failed the job: it is still active');

        const delivered: Job<'analyse-report'>[] = [];
        await survivor.work('analyse-report', (job) => { delivered.push(job); return Promise.resolve(); });
        const deadline = Date.now() + 20_000;
        while (delivered.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        assert.equal(delivered[0]?.id, id);
        assert.equal(delivered[0].attempt, 2);
        assert.deepEqual(delivered[0].payload, { reportId: 'killed' });
      } finally {
        await survivor.stop();
        await emptySchema(admin, schema);
      }
      assert.deepEqual(errors.splice(0), [], 'pg-boss reported errors');
    });
  });
}

/** The environment of the kill -9 test's child: ours, minus the test runner's (the child runs no tests). */
function childEnv(schema: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, [CHILD_ENV]: 'crash-worker', [SCHEMA_ENV]: schema };
  delete env['NODE_TEST_CONTEXT'];
  return env;
}

/** The child of the kill -9 test: takes one job, says so on stdout, and hangs until killed. */
async function runCrashWorker(): Promise<void> {
  const schema = process.env[SCHEMA_ENV];
  if (schema === undefined) throw new Error(`${SCHEMA_ENV} is not set`);
  const queue = pgBossQueue(killTestOptions(schema, (error) => { console.error(error); }));
  await queue.start();
  await queue.work('analyse-report', (job) => {
    process.stdout.write(`started ${job.id} ${job.attempt}\n`);
    return new Promise<void>(() => undefined); // never settles: the parent kills this process meanwhile
  });
}

function registerUnreachable(reason: string): void {
  const message = `PostgreSQL is unreachable at ${redact(DATABASE_URL)} (${reason}); set HOOKWATCH_TEST_DATABASE_URL`;
  if (process.env['CI'] !== undefined && process.env['CI'] !== '') {
    it('PostgreSQL is reachable (required when CI is set)', () => { assert.fail(message); });
    return;
  }
  console.warn(`\n*** SKIPPING the pg-boss queue tests: ${message} ***\n`);
  it('pg-boss queue conformance and kill -9 tests against PostgreSQL', { skip: message }, () => undefined);
}

/** undefined when PostgreSQL answers, else why not. */
async function probe(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function emptySchema(admin: pg.Pool, schema: string): Promise<void> {
  const { rows } = await admin.query<{ installed: boolean }>(`SELECT to_regclass('${schema}.job') IS NOT NULL AS installed`);
  if (rows[0]?.installed === true) await admin.query(`TRUNCATE ${schema}.job, ${schema}.archive`);
}

async function firstLine(stream: NodeJS.ReadableStream, withinMs: number): Promise<string> {
  const lines = createInterface({ input: stream });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      new Promise<string>((resolve) => lines.once('line', resolve)),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => { reject(new Error(`the crash worker printed nothing within ${withinMs} ms`)); }, withinMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    lines.close();
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
