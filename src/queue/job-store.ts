/**
 * Where the in-process queue keeps its jobs. The queue holds nothing but a handler registry in memory: every job,
 * its state and its attempts live in a JobStore, so an acknowledged `send` survives a crash once the store is durable.
 *
 * Design note (the trade-off). The in-process adapter is for the embedded mode only: one hookwatch process over one
 * SQLite file. Durability comes from the store: the lead backs this interface with the SQLite store (a `jobs` table,
 * schema below; WAL + synchronous=FULL per RE-8), and `memoryJobStore()` exists for tests and throwaway runs. What
 * the embedded mode gives up, compared with pg-boss:
 * - one process per store: `recoverActive` treats every `active` job as abandoned by a crashed predecessor, which is
 *   only true when no other live process has started a queue over the store (scale-out uses pg-boss, never this; the
 *   SQLite store can refuse a second starter with a lock row);
 * - a handler that hangs keeps its job `active` until the process restarts (pg-boss fails it after its expiry);
 * - delivery is at-least-once and handlers idempotent: a handler's completion may share its transaction
 *   (`completeWithin`), but the claim is a commit of its own (a crash mid-handler must count as an attempt).
 *
 * Every method is atomic on its own; the adapter never needs a transaction across calls. Times are epoch ms from the
 * queue's clock, passed in (a store never reads a clock itself, so tests can drive time).
 *
 * SQLite table the lead's store needs (keep in sync with StoredJob; names snake_case):
 * ```sql
 * CREATE TABLE jobs (
 *   id            TEXT PRIMARY KEY,                 -- uuid from the queue
 *   name          TEXT NOT NULL,                    -- JobName
 *   payload       TEXT NOT NULL,                    -- JSON
 *   state         TEXT NOT NULL CHECK (state IN ('created','retry','active','completed','failed')),
 *   attempts      INTEGER NOT NULL DEFAULT 0,       -- handler runs started
 *   singleton_key TEXT,
 *   run_after     INTEGER NOT NULL,                 -- epoch ms
 *   created_at    INTEGER NOT NULL,
 *   updated_at    INTEGER NOT NULL,                 -- last state change; failedAt of a dead letter
 *   last_error    TEXT
 * ) STRICT;
 * -- idempotent enqueue (insert): at most one never-started job per (name, key)
 * CREATE UNIQUE INDEX jobs_singleton ON jobs (name, singleton_key) WHERE state = 'created' AND singleton_key IS NOT NULL;
 * CREATE INDEX jobs_due ON jobs (name, run_after, created_at, id) WHERE state IN ('created','retry'); -- claim, nextRunAt
 * CREATE INDEX jobs_state ON jobs (state, updated_at);                                     -- recoverActive, listFailed, deleteCompleted
 * ```
 * `claim` is one statement: `UPDATE jobs SET state='active', attempts=attempts+1, updated_at=:now WHERE id IN (SELECT id
 * FROM jobs WHERE name=:name AND state IN ('created','retry') AND run_after<=:now ORDER BY run_after, created_at, id
 * LIMIT :limit) RETURNING *`; `insert` is `INSERT … ON CONFLICT DO NOTHING` then a lookup of the existing id. Run the
 * in-process conformance suite and job-store-conformance.ts against it.
 */
import type { JobName, QueueTransaction } from './queue.js';

/**
 * created: waiting for its first run (the only state `singletonKey` deduplicates against, as in pg-boss);
 * retry: waiting for another run after a failure, a crash or an admin's re-queue; active: a handler has it;
 * completed; failed: a dead letter.
 */
export type StoredJobState = 'created' | 'retry' | 'active' | 'completed' | 'failed';
export const STORED_JOB_STATES: readonly StoredJobState[] = ['created', 'retry', 'active', 'completed', 'failed'];

export interface StoredJob {
  readonly id: string;
  readonly name: JobName;
  /** JSON-compatible, as sent; parsed again on delivery. */
  readonly payload: unknown;
  readonly state: StoredJobState;
  /** Handler runs started, the current one included (claim counts up). */
  readonly attempts: number;
  readonly singletonKey: string | null;
  /** Not claimable before this (epoch ms). */
  readonly runAfter: number;
  readonly createdAt: number;
  /** Time of the last state change. */
  readonly updatedAt: number;
  readonly lastError: string | null;
}

export interface NewStoredJob {
  readonly id: string;
  readonly name: JobName;
  readonly payload: unknown;
  readonly singletonKey: string | null;
  readonly runAfter: number;
}

export interface JobStore {
  /**
   * Stores `job` as `created`, unless a `created` job with the same name and non-null singletonKey exists: then
   * stores nothing. Returns the id of the job that is queued (the new one or the existing one).
   */
  insert(job: NewStoredJob, now: number): Promise<string>;
  /** `insert` as part of the caller's open transaction `tx` (queue.ts `sendWithin`): stored iff `tx` commits. */
  insertWithin(tx: QueueTransaction, job: NewStoredJob, now: number): Promise<string>;
  /**
   * Moves up to `limit` due jobs of `name` (created or retry, runAfter ≤ now; earliest runAfter, then createdAt,
   * then id first) to `active`, adds 1 to their attempts and returns them as updated. Never returns a job twice.
   */
  claim(name: JobName, limit: number, now: number): Promise<StoredJob[]>;
  /** active → completed. A job not `active` is left alone (a stale acknowledgement). */
  complete(id: string, now: number): Promise<void>;
  /** `complete` as part of the caller's open transaction `tx` (queue.ts `Job.completeWithin`). */
  completeWithin(tx: QueueTransaction, id: string, now: number): Promise<void>;
  /** active → retry due at `retryAt`, or → failed (dead letter) when `retryAt` is null; records `error`. */
  fail(id: string, error: string, retryAt: number | null, now: number): Promise<void>;
  /**
   * Start-up crash recovery: each `active` job becomes `retry`, due now, or `failed` when it has used `maxAttempts`
   * runs (a job that kills the process is poison: RE-10). Returns how many jobs it moved.
   */
  recoverActive(maxAttempts: number, error: string, now: number): Promise<number>;
  /** Dead letters of these names, most recently failed first. */
  listFailed(names: readonly JobName[], limit: number): Promise<StoredJob[]>;
  /** failed → retry, due now, attempts 0. Returns false when `id` is not a dead letter. */
  requeueFailed(id: string, now: number): Promise<boolean>;
  get(id: string): Promise<StoredJob | undefined>;
  countByState(): Promise<Readonly<Record<StoredJobState, number>>>;
  /** Earliest runAfter among created/retry jobs of these names, or null when there are none. */
  nextRunAt(names: readonly JobName[]): Promise<number | null>;
  /** Deletes completed jobs last updated before `before`. Returns how many. */
  deleteCompleted(before: number): Promise<number>;
}

/**
 * A JobStore in a Map: for tests and throwaway runs. Not durable: a process exit loses every job, which is exactly
 * what the embedded mode must not do, so production wires the SQLite store instead. Atomic because every method runs
 * to completion without awaiting. It has no transactions to join: `insertWithin` and `completeWithin` take effect
 * when the caller's transaction commits (its afterCommit hook), and not at all when it rolls back. Until then a send
 * of the same singletonKey does not see the job, which a real store's transaction would make wait instead.
 */
export function memoryJobStore(): JobStore {
  const jobs = new Map<string, StoredJob>();

  const update = (job: StoredJob, changes: Partial<StoredJob>): void => {
    jobs.set(job.id, Object.freeze({ ...job, ...changes }));
  };
  const inState = (state: StoredJobState, names?: readonly JobName[]): StoredJob[] =>
    [...jobs.values()].filter((job) => job.state === state && (names === undefined || names.includes(job.name)));
  const isWaiting = (job: StoredJob): boolean => job.state === 'created' || job.state === 'retry';
  /** Jobs sent within each open transaction, stored when it commits: a second send of a key in it finds the first. */
  const pendingSends = new WeakMap<QueueTransaction, NewStoredJob[]>();

  const store: JobStore = {
    insert(job, now) {
      const existing = job.singletonKey === null
        ? undefined
        : inState('created', [job.name]).find((queued) => queued.singletonKey === job.singletonKey);
      if (existing !== undefined) return Promise.resolve(existing.id);
      if (jobs.has(job.id)) return Promise.reject(new Error(`job id ${job.id} already stored`));
      // A JSON round trip, as a real store's column would make: later changes to the caller's object do not leak in.
      const payload: unknown = JSON.parse(JSON.stringify(job.payload));
      update({ ...job, payload, state: 'created', attempts: 0, createdAt: now, updatedAt: now, lastError: null }, {});
      return Promise.resolve(job.id);
    },

    insertWithin(tx, job, now) {
      let sent = pendingSends.get(tx);
      if (sent === undefined) {
        sent = [];
        pendingSends.set(tx, sent);
      }
      const sameKey = (other: { name: JobName; singletonKey: string | null }): boolean =>
        job.singletonKey !== null && other.name === job.name && other.singletonKey === job.singletonKey;
      const existing = inState('created', [job.name]).find(sameKey) ?? sent.find(sameKey);
      if (existing !== undefined) return Promise.resolve(existing.id);
      sent.push(job);
      tx.afterCommit(() => { void store.insert(job, now); });
      return Promise.resolve(job.id);
    },

    completeWithin(tx, id, now) {
      tx.afterCommit(() => { void store.complete(id, now); });
      return Promise.resolve();
    },

    claim(name, limit, now) {
      const due = [...jobs.values()]
        .filter((job) => job.name === name && isWaiting(job) && job.runAfter <= now)
        .sort(claimOrder)
        .slice(0, limit);
      for (const job of due) update(job, { state: 'active', attempts: job.attempts + 1, updatedAt: now });
      return Promise.resolve(due.map((job) => jobs.get(job.id)).filter((job) => job !== undefined));
    },

    complete(id, now) {
      const job = jobs.get(id);
      if (job?.state === 'active') update(job, { state: 'completed', updatedAt: now });
      return Promise.resolve();
    },

    fail(id, error, retryAt, now) {
      const job = jobs.get(id);
      if (job?.state !== 'active') return Promise.resolve();
      update(job, retryAt === null
        ? { state: 'failed', lastError: error, updatedAt: now }
        : { state: 'retry', lastError: error, runAfter: retryAt, updatedAt: now });
      return Promise.resolve();
    },

    recoverActive(maxAttempts, error, now) {
      const active = inState('active');
      for (const job of active) {
        update(job, job.attempts >= maxAttempts
          ? { state: 'failed', lastError: error, updatedAt: now }
          : { state: 'retry', lastError: error, runAfter: now, updatedAt: now });
      }
      return Promise.resolve(active.length);
    },

    listFailed(names, limit) {
      const failed = inState('failed', names).sort((a, b) => b.updatedAt - a.updatedAt || compareText(a.id, b.id));
      return Promise.resolve(failed.slice(0, limit));
    },

    requeueFailed(id, now) {
      const job = jobs.get(id);
      if (job?.state !== 'failed') return Promise.resolve(false);
      update(job, { state: 'retry', attempts: 0, runAfter: now, updatedAt: now });
      return Promise.resolve(true);
    },

    get(id) {
      return Promise.resolve(jobs.get(id));
    },

    countByState() {
      const counts: Record<StoredJobState, number> = { created: 0, retry: 0, active: 0, completed: 0, failed: 0 };
      for (const job of jobs.values()) counts[job.state] += 1;
      return Promise.resolve(counts);
    },

    nextRunAt(names) {
      let next: number | null = null;
      for (const job of jobs.values()) {
        if (isWaiting(job) && names.includes(job.name) && (next === null || job.runAfter < next)) next = job.runAfter;
      }
      return Promise.resolve(next);
    },

    deleteCompleted(before) {
      const old = inState('completed').filter((job) => job.updatedAt < before);
      for (const job of old) jobs.delete(job.id);
      return Promise.resolve(old.length);
    },
  };
  return store;
}

/** The claim order of the contract (`claim`): earliest runAfter, then createdAt, then id. */
export function claimOrder(a: StoredJob, b: StoredJob): number {
  return a.runAfter - b.runAfter || a.createdAt - b.createdAt || compareText(a.id, b.id);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
