/**
 * The job queue port: the one interface through which hookwatch enqueues and runs background work, whatever runs it
 * (../shared/DESIGN.md "queue": an in-process worker for the embedded default, pg-boss on PostgreSQL when scaled out).
 *
 * Design note. Delivery is at-least-once (SECURITY.md RE-10): a job is acknowledged only when its handler resolves,
 * so a handler that throws, or a process that dies mid-job, sees the job again. Handlers must therefore be idempotent:
 * key their effects on the payload (an upsert of the analysis of `reportId`), never on "this is the first delivery".
 * A job that fails `maxAttempts` times is quarantined as a dead letter for an admin to inspect and re-queue; it is
 * never dropped silently. Both adapters pass one conformance suite (conformance.ts); behaviour that differs between
 * them is written down here, next to the contract it bends.
 */

/** Every job the platform knows. Adding one: a name here, a payload type, and a parser in PAYLOAD_PARSERS. */
export const JOB_NAMES = ['analyse-report', 'rescore-indicators'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobPayloads {
  /** Analyse a stored report (engine now; page and e-mail analysis plug in later). */
  'analyse-report': { readonly reportId: string };
  /** Re-score indicators after the brand catalog changed. */
  'rescore-indicators': { readonly reason: string; readonly catalogVersion?: string };
}

export interface Job<N extends JobName> {
  readonly id: string;
  readonly name: N;
  readonly payload: JobPayloads[N];
  /** 1 on the first delivery; each redelivery (after a failure or a crash) counts up, up to `maxAttempts`. */
  readonly attempt: number;
  /**
   * Acknowledges the job as part of the handler's own transaction `tx` (on the queue's database, see
   * QueueTransaction): the handler's writes and the acknowledgement commit together, or neither does. Optional for a
   * handler; without it the job is acknowledged when the handler resolves, as always. Once `tx` has committed the
   * job is completed even if the handler throws afterwards (its work is done); if `tx` rolls back, nothing changed
   * and the handler's outcome decides as usual.
   */
  readonly completeWithin: (tx: QueueTransaction) => Promise<void>;
}

/**
 * The caller's open transaction, on the database the queue keeps its jobs in (the store's SQLite file in the embedded
 * mode, the PostgreSQL database with pg-boss), for `sendWithin` and `Job.completeWithin`. The shape is pg-boss's `Db`
 * (one parameterised statement, in the database's own placeholder syntax) plus a commit hook. The store makes these
 * from its write transactions (store/group-commit.ts `queueTransaction`).
 */
export interface QueueTransaction {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
  /**
   * Runs `callback` once the transaction has committed, never when it rolls back (nor when only the caller's part of
   * it is rolled back to a savepoint). It must not throw: the commit has already happened.
   */
  afterCommit(callback: () => void): void;
}

/** A job that failed on every attempt, kept for an admin. */
export interface DeadJob {
  /** The dead letter's id, for `retryDeadLetter`. With pg-boss it is not the failed job's id (see pg-boss.ts). */
  readonly id: string;
  readonly name: JobName;
  /** As stored, unparsed: a payload the handler could not accept may be why the job died. */
  readonly payload: unknown;
  readonly attempts: number;
  /** The last failure's message (no stack: this is shown to admins). */
  readonly lastError: string;
  /** UTC ISO-8601 with milliseconds and `Z`. */
  readonly failedAt: string;
}

export interface QueueStats {
  /** Waiting to run: new, delayed (`startAfterMs`) or waiting for a retry. */
  readonly queued: number;
  readonly active: number;
  /** Dead letters awaiting an admin. */
  readonly failed: number;
  /** Completed recently: both adapters forget completed jobs after a retention period (12 h by default). */
  readonly completed: number;
}

export interface SendOptions {
  /**
   * Idempotent enqueue: while a job of this name with this key is waiting for its first run, sending again returns
   * that job's id and enqueues nothing. Once the job has started (or is waiting for a retry) the same key enqueues a
   * new job: pg-boss's `short` policy guards only jobs in its `created` state, and the in-process adapter matches it.
   */
  readonly singletonKey?: string;
  /** Not before this many milliseconds from now. */
  readonly startAfterMs?: number;
}

export interface WorkOptions {
  /** Handlers of this job name running at once in this process (default DEFAULT_CONCURRENCY). */
  readonly concurrency?: number;
}

export interface StopOptions {
  /**
   * true: take no new jobs and wait for running handlers, up to the adapter's stop timeout. false: return at once.
   * Jobs still running when the queue stops are delivered again later: pg-boss fails them at once (they are retried
   * after the retry delay, by any worker); the in-process adapter leaves them active for its next start.
   */
  readonly graceful: boolean;
}

export type JobHandler<N extends JobName> = (job: Job<N>) => Promise<void>;

export interface JobQueue {
  /** Connects, prepares storage and re-queues jobs a crashed predecessor left active (in-process). Call once. */
  start(): Promise<void>;
  /** Default `{ graceful: true }`. A stopped queue is not restarted: build a new one. */
  stop(options?: StopOptions): Promise<void>;
  /** Returns the job id (an existing job's id when `singletonKey` deduplicated the send). */
  send<N extends JobName>(name: N, payload: JobPayloads[N], options?: SendOptions): Promise<string>;
  /**
   * `send` as part of the caller's open transaction `tx`: the job is stored if and only if that transaction commits,
   * so a change and the job that follows it up commit together (one commit instead of two, and no crash window in
   * which the change is kept and its job lost). This process's workers are told once `tx` has committed.
   */
  sendWithin<N extends JobName>(tx: QueueTransaction, name: N, payload: JobPayloads[N], options?: SendOptions): Promise<string>;
  /** Registers this process's one handler for `name` and starts taking jobs. */
  work<N extends JobName>(name: N, handler: JobHandler<N>, options?: WorkOptions): Promise<void>;
  /** Dead letters, newest first; of one job name or all. `limit` defaults to DEFAULT_DEAD_LETTER_LIMIT. */
  deadLetters(name?: JobName, limit?: number): Promise<DeadJob[]>;
  /**
   * Re-queues a dead letter as a new attempt series (the full `maxAttempts` again). Resolves false when no dead
   * letter has this id (already re-queued, or never existed): not an exception, the caller answers "not found".
   */
  retryDeadLetter(id: string): Promise<boolean>;
  stats(): Promise<QueueStats>;
}

// ---------------------------------------------------------------------------------------------------------------
// Retry policy

export interface RetryPolicy {
  /** Handler runs before a job becomes a dead letter, counting the first. */
  readonly maxAttempts: number;
  /** Wait before the first retry; each further retry waits twice as long as the one before… */
  readonly baseDelayMs: number;
  /** …up to this. */
  readonly maxDelayMs: number;
}

/** RE-10: "after 3 attempts (default) the job is quarantined as poison". */
export const MAX_ATTEMPTS = 3;
/** pg-boss counts retry delays in whole seconds, so 1 s is also the smallest base both adapters share. */
export const BACKOFF_BASE_MS = 1_000;
/** Long enough to ride out a restart of a dependency, short enough that an admin sees a dead letter within minutes. */
export const BACKOFF_CAP_MS = 60_000;

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: MAX_ATTEMPTS,
  baseDelayMs: BACKOFF_BASE_MS,
  maxDelayMs: BACKOFF_CAP_MS,
});

/**
 * Most attempts a policy may ask for: with a 1 s base, the 20th retry already waits 2^19 s uncapped, and pg-boss 10
 * cannot cap (see pg-boss.ts), so larger values only ever mean a mistake.
 */
export const MAX_MAX_ATTEMPTS = 20;

/** The default policy with `overrides` (tests shrink the delays), checked. Throws RangeError on a bad value. */
export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  requireInteger('maxAttempts', policy.maxAttempts, 1, MAX_MAX_ATTEMPTS);
  requireInteger('baseDelayMs', policy.baseDelayMs, 0, Number.MAX_SAFE_INTEGER);
  requireInteger('maxDelayMs', policy.maxDelayMs, policy.baseDelayMs, Number.MAX_SAFE_INTEGER);
  return Object.freeze(policy);
}

/** Wait after the `failedAttempts`-th failed attempt (1-based): base · 2^(n−1), capped. No jitter (see in-process.ts). */
export function backoffDelayMs(policy: RetryPolicy, failedAttempts: number): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
}

// ---------------------------------------------------------------------------------------------------------------
// Limits

export const DEFAULT_CONCURRENCY = 1;
/**
 * Most handlers of one job name per process. The adapters differ in what a slot costs: a pg-boss slot is its own
 * polling loop and holds a pool connection while it fetches (tens, not hundreds: cli/platform.ts WORKER_CONCURRENCY); an in-process slot
 * is a promise waiting on the store's group commits, and the embedded mode needs many of them to keep up with intake
 * (cli/platform.ts EMBEDDED_WORKER_CONCURRENCY). The bound is there to catch a mistake, not to tune.
 */
export const MAX_CONCURRENCY = 256;
export const DEFAULT_DEAD_LETTER_LIMIT = 100;
/** An admin page of dead letters; bounds the rows one call reads. */
export const MAX_DEAD_LETTER_LIMIT = 1_000;
/** Longest string in a payload or key, in UTF-16 code units: payloads carry ids, not content, so a job row stays small. */
export const MAX_PAYLOAD_STRING = 1_024;

/**
 * Longest `startAfterMs`: a week. Longer waits are scheduling (a cron-like feature), not queueing, and pg-boss archives
 * a job its retention period (14 days) after its start time if nobody ran it.
 */
export const MAX_START_AFTER_MS = 7 * 24 * 60 * 60 * 1_000;

export function concurrencyOf(options: WorkOptions | undefined): number {
  const concurrency = options?.concurrency ?? DEFAULT_CONCURRENCY;
  requireInteger('concurrency', concurrency, 1, MAX_CONCURRENCY);
  return concurrency;
}

export function deadLetterLimitOf(limit: number | undefined): number {
  const value = limit ?? DEFAULT_DEAD_LETTER_LIMIT;
  requireInteger('limit', value, 1, MAX_DEAD_LETTER_LIMIT);
  return value;
}

export function checkSendOptions(options: SendOptions | undefined): void {
  if (options?.singletonKey !== undefined) requireString('singletonKey', options.singletonKey);
  if (options?.startAfterMs !== undefined) requireInteger('startAfterMs', options.startAfterMs, 0, MAX_START_AFTER_MS);
}

export function isJobName(value: unknown): value is JobName {
  return (JOB_NAMES as readonly unknown[]).includes(value);
}

/** Throws RangeError unless `name` is a JobName (a JavaScript caller or a cast can pass anything). */
export function checkJobName(name: unknown): asserts name is JobName {
  if (!isJobName(name)) throw new RangeError(`unknown job name ${describe(name)}; known: ${JOB_NAMES.join(', ')}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Payloads: checked when sent (a JavaScript caller or a cast can bypass the types) and again when delivered (a row
// written by another version, or edited by hand). Unknown fields are dropped, so a newer sender's extra field does
// not break an older worker during a rolling deploy.

type PayloadParsers = { readonly [N in JobName]: (raw: unknown) => JobPayloads[N] };

const PAYLOAD_PARSERS: PayloadParsers = {
  'analyse-report': (raw) => {
    const record = payloadRecord('analyse-report', raw);
    return { reportId: payloadString('analyse-report', record, 'reportId') };
  },
  'rescore-indicators': (raw) => {
    const record = payloadRecord('rescore-indicators', raw);
    const reason = payloadString('rescore-indicators', record, 'reason');
    if (ownField(record, 'catalogVersion') === undefined) return { reason };
    return { reason, catalogVersion: payloadString('rescore-indicators', record, 'catalogVersion') };
  },
};

/** The payload of a `name` job, rebuilt from its known fields. Throws TypeError naming the job and the field. */
export function parsePayload<N extends JobName>(name: N, raw: unknown): JobPayloads[N] {
  return PAYLOAD_PARSERS[name](raw);
}

function payloadRecord(name: JobName, raw: unknown): Readonly<Record<string, unknown>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TypeError(`invalid ${name} payload: not an object`);
  }
  return raw as Readonly<Record<string, unknown>>;
}

function payloadString(name: JobName, record: Readonly<Record<string, unknown>>, field: string): string {
  const value = ownField(record, field);
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_PAYLOAD_STRING) {
    throw new TypeError(`invalid ${name} payload: "${field}" must be a string of 1 to ${MAX_PAYLOAD_STRING} characters`);
  }
  return value;
}

/** Own properties only: a `__proto__` key in a stored JSON row must not reach a prototype. */
function ownField(record: Readonly<Record<string, unknown>>, field: string): unknown {
  return Object.hasOwn(record, field) ? record[field] : undefined;
}

function requireInteger(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`queue option "${field}" must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
}

function requireString(field: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_PAYLOAD_STRING) {
    throw new RangeError(`queue option "${field}" must be a string of 1 to ${MAX_PAYLOAD_STRING} characters`);
  }
}

/** The message of whatever a handler threw, for `DeadJob.lastError`. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message === '' ? error.name : error.message;
  return typeof error === 'string' ? error : `non-Error thrown: ${describe(error)}`;
}

function describe(value: unknown): string {
  // JSON.stringify returns undefined for these, and throws for a bigint or a cycle.
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return typeof value;
  try {
    return JSON.stringify(value);
  } catch {
    return typeof value;
  }
}
