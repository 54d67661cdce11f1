/**
 * The pg-boss JobQueue adapter, for scale-out: N `hookwatch serve` and M `hookwatch worker` processes share one
 * PostgreSQL, and every job's state lives there (pg-boss 10, checked against node_modules/pg-boss/types.d.ts and
 * src/{manager,plans,worker}.js of 10.4.2).
 *
 * Design note. How each part of the port maps onto pg-boss:
 * - one pg-boss queue per job name, policy `short`, with the retry policy as retryLimit = maxAttempts − 1, retryDelay
 *   = base in whole seconds, retryBackoff. pg-boss waits base · 2^(n−1) · (1 + random()) after the n-th failure and
 *   cannot cap that (`retryDelayMax` came after 10.x), so the constructor refuses a policy whose largest uncapped
 *   wait exceeds its cap;
 * - dead letters: a `<name>-dead-letter` queue per job name. When a job fails for the last time pg-boss inserts a
 *   copy (data, output = the last error) there under a new id; nothing works those queues, so the rows wait for an
 *   admin. pg-boss archives a waiting row when its keep_until passes (about twice the queue's 14-day retention after
 *   the job was sent) and deletes it 7 days later: dead letters are an admin's to-do list, not an archive;
 * - singletonKey: the `short` policy keeps one `created` job per (name, singleton_key) and treats a missing key as
 *   '', so every send carries a key: the caller's, or one unique to the job (keyless jobs never collide);
 * - sendWithin and Job.completeWithin: pg-boss's `db` option runs its insert (send) and its completion (complete) on
 *   the caller's transaction (a QueueTransaction has pg-boss's Db shape), so they commit with the caller's writes;
 * - concurrency N: N pg-boss workers with batchSize 1, each its own polling loop. A worker that finished a job fetches
 *   again at once (notifyWorker) instead of sleeping a polling interval, and a send wakes one local worker;
 * - a crashed worker's job: it stays `active` until `activeTimeoutSeconds` pass, then maintenance (every
 *   `maintenanceIntervalSeconds`) fails it and it is retried like any failure. A stop without draining fails the
 *   running jobs at once (pg-boss's failWip), so they are retried after the retry delay.
 *
 * Reads that pg-boss 10 has no API for (listing dead letters, counting by state, finding the job a singletonKey
 * matched) are SQL on its `job` table. KEEP IN SYNC with pg-boss's plans.js when upgrading: columns name, id, state,
 * data, output, retry_limit, singleton_key, created_on, and the job_state enum order (created < retry < active).
 */
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import {
  JOB_NAMES, checkJobName, checkSendOptions, concurrencyOf, deadLetterLimitOf, errorText, parsePayload, retryPolicy,
} from './queue.js';
import type {
  DeadJob, JobHandler, JobName, JobPayloads, JobQueue, QueueStats, QueueTransaction, RetryPolicy, SendOptions,
  StopOptions, WorkOptions,
} from './queue.js';

export const DEFAULT_SCHEMA = 'pgboss';
/** pg-boss's own default: a worker that has not finished a job in 15 min is presumed dead and the job is retried. */
export const ACTIVE_TIMEOUT_SECONDS = 15 * 60;
/** pg-boss's default; with ACTIVE_TIMEOUT_SECONDS it bounds how long a killed worker's job waits (~17 min). */
export const MAINTENANCE_INTERVAL_SECONDS = 120;
/** pg-boss's default: how long an idle worker waits between fetches (a local send wakes it at once). */
export const POLLING_INTERVAL_SECONDS = 2;
/** How long a graceful stop waits for running handlers; then pg-boss fails them (they are retried). */
export const STOP_TIMEOUT_MS = 30_000;
/**
 * Rounds of "send, else look up the job the key matched": the lookup misses only if that job was fetched between the
 * two statements, and then the next send succeeds, so two rounds suffice; the third absorbs a second such race.
 */
const SINGLETON_SEND_ROUNDS = 3;

const CALLER_KEY_PREFIX = 'key:';
const UNIQUE_KEY_PREFIX = 'job:';
const REQUEUE_KEY_PREFIX = 'requeue:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** pg-boss's rule for schema names (attorney.js assertPostgresObjectName); we interpolate it into SQL too. */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,49}$/;

export interface PgBossQueueOptions {
  readonly connectionString: string;
  readonly schema?: string;
  /** pg-boss's errors outside handlers (connection loss, a failing maintenance run): log them. */
  readonly onError: (error: unknown) => void;
  /** baseDelayMs must be a whole number of seconds, at least 1 s (pg-boss's unit and its minimum with backoff). */
  readonly retry?: Partial<RetryPolicy>;
  /** Must exceed the slowest handler: pg-boss also fails a handler still running after this long. */
  readonly activeTimeoutSeconds?: number;
  readonly maintenanceIntervalSeconds?: number;
  /** At least 0.5 (pg-boss's minimum). */
  readonly pollingIntervalSeconds?: number;
  readonly stopTimeoutMs?: number;
  readonly applicationName?: string;
  /** Pool size; pg-boss's default is 10. */
  readonly maxConnections?: number;
}

export function pgBossQueue(options: PgBossQueueOptions): JobQueue {
  return new PgBossQueue(options);
}

export function deadLetterQueueOf(name: JobName): string {
  return `${name}-dead-letter`;
}

/** The policy as pg-boss retry options. Throws RangeError for a policy pg-boss 10 cannot honour. */
export function pgBossRetryOptions(policy: RetryPolicy): Required<PgBoss.RetryOptions> {
  if (policy.baseDelayMs < 1_000 || policy.baseDelayMs % 1_000 !== 0) {
    throw new RangeError(`pg-boss queue: retry baseDelayMs must be a whole number of seconds ≥ 1 s, got ${policy.baseDelayMs}`);
  }
  const retryLimit = policy.maxAttempts - 1;
  // Largest wait, after the last failed attempt but one, with the largest jitter: base · 2^(maxAttempts−1).
  const longestWaitMs = policy.baseDelayMs * 2 ** retryLimit;
  if (retryLimit > 0 && longestWaitMs > policy.maxDelayMs) {
    throw new RangeError(
      `pg-boss queue: pg-boss 10 cannot cap backoff, and ${policy.maxAttempts} attempts from ${policy.baseDelayMs} ms ` +
      `may wait ${longestWaitMs} ms, more than maxDelayMs ${policy.maxDelayMs}`,
    );
  }
  return { retryLimit, retryDelay: policy.baseDelayMs / 1_000, retryBackoff: true };
}

type Lifecycle = 'new' | 'starting' | 'started' | 'stopping' | 'stopped';

class PgBossQueue implements JobQueue {
  readonly #options: PgBossQueueOptions;
  readonly #schema: string;
  readonly #retry: Required<PgBoss.RetryOptions>;
  readonly #activeTimeoutSeconds: number;
  readonly #pollingIntervalSeconds: number;
  #boss: PgBoss | undefined;
  #lifecycle: Lifecycle = 'new';
  /** The running start(), so that a stop() meanwhile waits for it instead of leaving a started pg-boss behind. */
  #starting: Promise<void> | undefined;
  /** This process's pg-boss worker ids per job name, and which one the next send wakes. */
  readonly #workers = new Map<JobName, { readonly ids: string[]; next: number }>();

  constructor(options: PgBossQueueOptions) {
    this.#options = options;
    this.#schema = options.schema ?? DEFAULT_SCHEMA;
    if (!SCHEMA_NAME.test(this.#schema)) throw new RangeError(`pg-boss queue: invalid schema name "${this.#schema}"`);
    this.#retry = pgBossRetryOptions(retryPolicy(options.retry));
    this.#activeTimeoutSeconds = options.activeTimeoutSeconds ?? ACTIVE_TIMEOUT_SECONDS;
    this.#pollingIntervalSeconds = options.pollingIntervalSeconds ?? POLLING_INTERVAL_SECONDS;
  }

  start(): Promise<void> {
    if (this.#lifecycle !== 'new') return Promise.reject(new Error('pg-boss queue: start() runs once; build a new queue to restart'));
    this.#lifecycle = 'starting';
    this.#starting = this.#start();
    return this.#starting;
  }

  /**
   * Starts pg-boss and declares the queues. If any step fails, pg-boss is stopped again (its pool and timers would
   * otherwise keep the process alive, with no way to stop them) and the queue is stopped.
   */
  async #start(): Promise<void> {
    const boss = new PgBoss({
      connectionString: this.#options.connectionString,
      schema: this.#schema,
      application_name: this.#options.applicationName ?? 'hookwatch-queue',
      ...(this.#options.maxConnections === undefined ? {} : { max: this.#options.maxConnections }),
      schedule: false, // no cron jobs: saves the timekeeper's polling and clock-skew queries
      supervise: true,
      maintenanceIntervalSeconds: this.#options.maintenanceIntervalSeconds ?? MAINTENANCE_INTERVAL_SECONDS,
      pollingIntervalSeconds: this.#pollingIntervalSeconds,
    });
    // An EventEmitter without an 'error' listener throws; pg-boss emits connection and maintenance errors here.
    boss.on('error', this.#options.onError);
    this.#boss = boss;
    try {
      await boss.start();
      for (const name of JOB_NAMES) await this.#declareQueues(boss, name);
    } catch (error) {
      this.#lifecycle = 'stopped';
      await boss.stop({ graceful: false, wait: true, close: true }).catch(this.#options.onError);
      throw error;
    }
    // stop() called meanwhile waits for this promise and then stops pg-boss: see stop().
    this.#lifecycle = 'started';
  }

  /** Creates the queue pair, or brings an existing one to the current policy (createQueue leaves existing ones be). */
  async #declareQueues(boss: PgBoss, name: JobName): Promise<void> {
    const deadLetter = deadLetterQueueOf(name);
    await boss.createQueue(deadLetter, { name: deadLetter, policy: 'standard' });
    const queue: PgBoss.Queue = {
      name, policy: 'short', deadLetter, expireInSeconds: this.#activeTimeoutSeconds, ...this.#retry,
    };
    await boss.createQueue(name, queue);
    await boss.updateQueue(name, queue);
  }

  async stop(options: StopOptions = { graceful: true }): Promise<void> {
    // A start() in flight finishes first (its failure is its caller's to see), then pg-boss is stopped.
    if (this.#lifecycle === 'starting') await this.#starting?.catch(() => undefined);
    const boss = this.#boss;
    if (this.#lifecycle !== 'started' || boss === undefined) {
      if (this.#lifecycle === 'new') this.#lifecycle = 'stopped';
      return;
    }
    this.#lifecycle = 'stopping';
    try {
      await boss.stop({ graceful: options.graceful, timeout: this.#options.stopTimeoutMs ?? STOP_TIMEOUT_MS, wait: true, close: true });
    } finally {
      this.#lifecycle = 'stopped';
    }
  }

  async send<N extends JobName>(name: N, payload: JobPayloads[N], options?: SendOptions): Promise<string> {
    const boss = this.#requireOpen('send');
    const { id, created } = await this.#send(boss, boss.getDb(), name, payload, options);
    if (created) this.#wakeLocalWorker(boss, name);
    return id;
  }

  /** pg-boss inserts the job through the caller's connection (its `db` option), so it commits with `tx`. */
  async sendWithin<N extends JobName>(tx: QueueTransaction, name: N, payload: JobPayloads[N], options?: SendOptions): Promise<string> {
    const boss = this.#requireOpen('sendWithin');
    const { id, created } = await this.#send(boss, tx, name, payload, options);
    if (created) tx.afterCommit(() => { this.#wakeLocalWorker(boss, name); });
    return id;
  }

  async #send<N extends JobName>(
    boss: PgBoss, db: PgBoss.Db, name: N, payload: JobPayloads[N], options: SendOptions | undefined,
  ): Promise<{ readonly id: string; readonly created: boolean }> {
    checkJobName(name);
    checkSendOptions(options);
    const data = parsePayload(name, payload);
    const startAfterMs = options?.startAfterMs ?? 0;
    for (let round = 0; round < SINGLETON_SEND_ROUNDS; round += 1) {
      const id = randomUUID();
      const singletonKey = options?.singletonKey === undefined
        ? UNIQUE_KEY_PREFIX + id
        : CALLER_KEY_PREFIX + options.singletonKey;
      // pg-boss reads a numeric startAfter as seconds (fractions allowed).
      const sent = await boss.send(name, data, { id, singletonKey, db, ...(startAfterMs > 0 ? { startAfter: startAfterMs / 1_000 } : {}) });
      if (sent !== null) return { id: sent, created: true };
      const queued = await this.#queuedIdOf(db, name, singletonKey);
      if (queued !== undefined) return { id: queued, created: false };
    }
    throw new Error(`pg-boss queue: could not enqueue "${name}": singletonKey kept matching jobs that started at once`);
  }

  async work<N extends JobName>(name: N, handler: JobHandler<N>, options?: WorkOptions): Promise<void> {
    const boss = this.#requireOpen('work');
    checkJobName(name);
    if (this.#workers.has(name)) throw new Error(`pg-boss queue: a handler for "${name}" is already registered`);
    const concurrency = concurrencyOf(options);
    const workers = { ids: [] as string[], next: 0 };
    this.#workers.set(name, workers);
    for (let slot = 0; slot < concurrency; slot += 1) {
      workers.ids.push(await this.#startWorker(boss, name, handler));
    }
  }

  /** One pg-boss worker: a polling loop that runs one job at a time. */
  async #startWorker<N extends JobName>(boss: PgBoss, name: N, handler: JobHandler<N>): Promise<string> {
    const self: { id?: string } = {};
    const run = async ([job]: PgBoss.JobWithMetadata<unknown>[]): Promise<void> => {
      if (job === undefined) return;
      try {
        // Completed in the handler's transaction: pg-boss's own completion after the handler (and its failure, should
        // the handler throw afterwards) then matches no active job and changes nothing.
        const completeWithin = async (tx: QueueTransaction): Promise<void> => { await boss.complete(name, job.id, {}, { db: tx }); };
        await handler({ id: job.id, name, payload: parsePayload(name, job.data), attempt: job.retryCount + 1, completeWithin });
      } catch (error) {
        // pg-boss stores what the handler threw as the job's output; make sure that has a message.
        throw error instanceof Error ? error : new Error(errorText(error));
      } finally {
        // Skip the polling pause: there may be more work waiting. (Set during the handler; read right after it.)
        if (self.id !== undefined) boss.notifyWorker(self.id);
      }
    };
    const options = { batchSize: 1, includeMetadata: true as const, pollingIntervalSeconds: this.#pollingIntervalSeconds };
    self.id = await boss.work<unknown>(name, options, run);
    return self.id;
  }

  #wakeLocalWorker(boss: PgBoss, name: JobName): void {
    const workers = this.#workers.get(name);
    const id = workers?.ids[workers.next % workers.ids.length];
    if (workers === undefined || id === undefined) return;
    workers.next += 1;
    boss.notifyWorker(id);
  }

  async deadLetters(name?: JobName, limit?: number): Promise<DeadJob[]> {
    const boss = this.#requireOpen('deadLetters');
    if (name !== undefined) checkJobName(name);
    const names = (name === undefined ? JOB_NAMES : [name]).map(deadLetterQueueOf);
    const rows = await this.#query(boss, `
      SELECT id, name, data, output, retry_limit AS "retryLimit", created_on AS "createdOn"
      FROM ${this.#schema}.job
      WHERE name = ANY($1::text[]) AND state < 'active'
      ORDER BY created_on DESC, id
      LIMIT $2`, [names, deadLetterLimitOf(limit)]);
    return rows.map(deadJobOf);
  }

  async retryDeadLetter(id: string): Promise<boolean> {
    const boss = this.#requireOpen('retryDeadLetter');
    if (!UUID.test(id)) return false; // not a pg-boss id: no such dead letter (and the uuid column would reject it)
    for (const name of JOB_NAMES) {
      const dead = await boss.getJobById<unknown>(deadLetterQueueOf(name), id);
      if (dead === null || (dead.state !== 'created' && dead.state !== 'retry')) continue;
      if (!isObject(dead.data)) throw new TypeError(`pg-boss queue: dead letter ${id} has a non-object payload`);
      // Send, then delete: a crash in between leaves a duplicate job (harmless: handlers are idempotent), never a
      // loss. The key stops a second click from queueing it twice while the first copy waits.
      await boss.send(name, dead.data, { id: randomUUID(), singletonKey: REQUEUE_KEY_PREFIX + id });
      await boss.deleteJob(deadLetterQueueOf(name), id);
      this.#wakeLocalWorker(boss, name);
      return true;
    }
    return false;
  }

  async stats(): Promise<QueueStats> {
    const boss = this.#requireOpen('stats');
    const deadLetterQueues = JOB_NAMES.map(deadLetterQueueOf);
    const rows = await this.#query(boss, `
      SELECT name, state::text AS state, count(*)::int AS count
      FROM ${this.#schema}.job
      WHERE name = ANY($1::text[])
      GROUP BY name, state`, [[...JOB_NAMES, ...deadLetterQueues]]);
    const stats = { queued: 0, active: 0, failed: 0, completed: 0 };
    for (const row of rows) {
      const { name, state, count } = countRowOf(row);
      // A job's own `failed` row is history; the copy waiting in its dead-letter queue is what `failed` counts.
      if (deadLetterQueues.includes(name)) stats.failed += state === 'created' || state === 'retry' ? count : 0;
      else if (state === 'created' || state === 'retry') stats.queued += count;
      else if (state === 'active' || state === 'completed') stats[state] += count;
    }
    return stats;
  }

  /** The id of the `created` job holding `singletonKey`, if any. */
  async #queuedIdOf(db: PgBoss.Db, name: JobName, singletonKey: string): Promise<string | undefined> {
    const rows = await this.#query(db, `
      SELECT id FROM ${this.#schema}.job
      WHERE name = $1 AND singleton_key = $2 AND state = 'created'
      LIMIT 1`, [name, singletonKey]);
    const id = isObject(rows[0]) ? field(rows[0], 'id') : undefined;
    return typeof id === 'string' ? id : undefined;
  }

  async #query(db: PgBoss | PgBoss.Db, sql: string, values: unknown[]): Promise<unknown[]> {
    const result = await (db instanceof PgBoss ? db.getDb() : db).executeSql(sql, values);
    const rows: unknown[] = result.rows;
    return rows;
  }

  #requireOpen(operation: string): PgBoss {
    // While stopping, handlers that are finishing may still enqueue follow-up jobs.
    if (this.#boss === undefined || (this.#lifecycle !== 'started' && this.#lifecycle !== 'stopping')) {
      throw new Error(`pg-boss queue: ${operation}() needs a started queue (it is ${this.#lifecycle})`);
    }
    return this.#boss;
  }
}

// --- rows of pg-boss's job table ---------------------------------------------------------------------------------

function deadJobOf(row: unknown): DeadJob {
  if (!isObject(row)) throw new TypeError('pg-boss queue: unexpected dead-letter row');
  const id = field(row, 'id');
  const queue = field(row, 'name');
  const retryLimit = field(row, 'retryLimit');
  const createdOn = field(row, 'createdOn');
  const name = JOB_NAMES.find((jobName) => deadLetterQueueOf(jobName) === queue);
  if (typeof id !== 'string' || name === undefined || typeof retryLimit !== 'number' || !(createdOn instanceof Date)) {
    throw new TypeError('pg-boss queue: unexpected dead-letter row');
  }
  return {
    id, name, payload: field(row, 'data'),
    // pg-boss dead-letters a job when its retry count reaches its limit, so it ran retryLimit + 1 times.
    attempts: retryLimit + 1,
    lastError: messageOf(field(row, 'output')),
    failedAt: createdOn.toISOString(),
  };
}

function countRowOf(row: unknown): { name: string; state: string; count: number } {
  const name = isObject(row) ? field(row, 'name') : undefined;
  const state = isObject(row) ? field(row, 'state') : undefined;
  const count = isObject(row) ? field(row, 'count') : undefined;
  if (typeof name !== 'string' || typeof state !== 'string' || typeof count !== 'number') {
    throw new TypeError('pg-boss queue: unexpected count row');
  }
  return { name, state, count };
}

/**
 * The message in a failed job's output: a serialized Error (`{ name, message, stack }`, what a handler threw),
 * `{ value: { message } }` (pg-boss's timeout) or `{ value: "…" }` (pg-boss's shutdown of a running job).
 */
function messageOf(output: unknown): string {
  if (isObject(output)) {
    const message = field(output, 'message');
    if (typeof message === 'string') return message;
    const value = field(output, 'value');
    if (typeof value === 'string') return value;
    const inner = isObject(value) ? field(value, 'message') : undefined;
    if (typeof inner === 'string') return inner;
  }
  return output === null || output === undefined ? 'unknown error' : JSON.stringify(output);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function field(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Readonly<Record<string, unknown>>)[key] : undefined;
}
