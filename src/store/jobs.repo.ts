/**
 * The durable JobStore of the in-process queue (embedded mode), on the store's database: an acknowledged `send`
 * survives a crash, so the queue keeps no only-copy in memory. Each method is one statement or one transaction.
 * Every write goes through the store's group commit (group-commit.ts): a report's job shares a commit with other
 * requests' writes.
 * Contract and conformance suite: src/queue/job-store.ts, src/queue/job-store-conformance.ts.
 */
import type { Selectable, Transaction } from 'kysely';
import type { JobName, QueueTransaction } from '../queue/queue.js';
import type { JobStore, NewStoredJob, StoredJob, StoredJobState } from '../queue/job-store.js';
import { STORED_JOB_STATES, claimOrder } from '../queue/job-store.js';
import { prepare } from './prepared.js';
import { kyselyTransactionOf } from './group-commit.js';
import type { Database, JobsTable } from './schema.js';
import type { Store } from './store.js';

// Every report's analysis job is inserted and completed: compiled once (see prepared.ts for why).
const insertJob = prepare<Pick<JobsTable, 'id' | 'name' | 'payload' | 'singleton_key' | 'run_after'> & { now: number }, { id: string }>(
  ['id', 'name', 'payload', 'singleton_key', 'run_after', 'now'],
  (db, p) => db.insertInto('jobs').values({
    id: p.id, name: p.name, payload: p.payload, state: 'created', attempts: 0, singleton_key: p.singleton_key,
    run_after: p.run_after, created_at: p.now, updated_at: p.now, last_error: null,
  }).onConflict((oc) => oc.doNothing()).returning('id'));

const completeJob = prepare<{ id: string; now: number }, never>(['id', 'now'], (db, p) =>
  db.updateTable('jobs').set({ state: 'completed', updated_at: p.now }).where('id', '=', p.id).where('state', '=', 'active'));

/**
 * Claims up to `limit` due jobs of a name in one statement (a dispatch pass claims one per free slot, so about one
 * claim per job). The subquery reads the partial index `jobs_due` in claim order (migration 0005) and stops after
 * `limit` rows, whatever the backlog. The state is checked again by the UPDATE itself: on PostgreSQL a concurrent
 * claim may have taken a row after the subquery's snapshot; the row lock makes the UPDATE re-read it, so a job is
 * never handed out twice. That check is written as `not in` the other three states (the CHECK constraint allows five)
 * so that no index serves it: written as `in ('created','retry')`, SQLite's planner scanned every waiting job for it
 * instead of looking the claimed ids up by primary key (1 ms per claim with 10,000 waiting, 0.09 ms now).
 * RETURNING has no order: the caller sorts.
 *
 * PostgreSQL runs concurrent claims (several group-commit batches, several processes): there the subquery takes its
 * rows `FOR UPDATE SKIP LOCKED`, so a claim passes over rows another claim holds instead of waiting for them; two
 * claims that each waited for a row the other had locked first deadlocked (40P01). SQLite runs one writer at a time
 * and has no row locks (nor the syntax).
 */
function claimStatement(lockRows: boolean) {
  return prepare<{ name: string; limit: number; now: number }, Selectable<JobsTable>>(['name', 'limit', 'now'], (db, p) => {
    const due = db.selectFrom('jobs').select('id')
      .where('name', '=', p.name).where('state', 'in', ['created', 'retry']).where('run_after', '<=', p.now)
      .orderBy('run_after').orderBy('created_at').orderBy('id').limit(p.limit);
    return db.updateTable('jobs')
      .set((eb) => ({ state: 'active', attempts: eb('attempts', '+', 1), updated_at: p.now }))
      .where('id', 'in', lockRows ? due.forUpdate().skipLocked() : due)
      .where('state', 'not in', ['active', 'completed', 'failed'])
      .returningAll();
  });
}
const claimJobs = { sqlite: claimStatement(false), postgres: claimStatement(true) } as const;

function toJob(row: Selectable<JobsTable>): StoredJob {
  return Object.freeze({
    id: row.id,
    name: row.name as JobName,
    payload: JSON.parse(row.payload) as unknown,
    state: row.state,
    attempts: row.attempts,
    singletonKey: row.singleton_key,
    runAfter: Number(row.run_after),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    lastError: row.last_error,
  });
}

/** The partial unique index decides between concurrent sends of one singleton key: the loser inserts nothing and returns the winner's id. */
async function insertIn(trx: Transaction<Database>, job: NewStoredJob, now: number): Promise<string> {
  const inserted = await insertJob.first(trx, {
    id: job.id, name: job.name, payload: JSON.stringify(job.payload), singleton_key: job.singletonKey,
    run_after: job.runAfter, now,
  });
  if (inserted !== undefined) return inserted.id;
  const existing = job.singletonKey === null ? undefined : await trx.selectFrom('jobs').select('id')
    .where('name', '=', job.name).where('singleton_key', '=', job.singletonKey).where('state', '=', 'created')
    .executeTakeFirst();
  if (existing === undefined) throw new Error(`job id ${job.id} already stored`);
  return existing.id;
}

/** The store transaction behind `tx`: it must be one of this store's own (the jobs table is in its database). */
function transactionOf(tx: QueueTransaction): Transaction<Database> {
  const trx = kyselyTransactionOf(tx);
  if (trx === undefined) throw new Error('job store: the transaction is not a store transaction (store/group-commit.ts queueTransaction)');
  return trx;
}

export function storeJobStore(store: Pick<Store, 'db' | 'write' | 'dialect'>): JobStore {
  const { db, write } = store;
  const claimJobsHere = claimJobs[store.dialect.name];
  return {
    async insert(job: NewStoredJob, now: number) {
      return write((trx) => insertIn(trx, job, now));
    },

    async insertWithin(tx: QueueTransaction, job: NewStoredJob, now: number) {
      return insertIn(transactionOf(tx), job, now);
    },

    async completeWithin(tx: QueueTransaction, id: string, now: number) {
      await completeJob.execute(transactionOf(tx), { id, now });
    },

    async claim(name: JobName, limit: number, now: number) {
      const rows = await write((trx) => claimJobsHere.rows(trx, { name, limit, now }));
      return rows.map(toJob).sort(claimOrder);
    },

    async complete(id: string, now: number) {
      await write((trx) => completeJob.execute(trx, { id, now }));
    },

    async fail(id: string, error: string, retryAt: number | null, now: number) {
      await write((trx) => trx.updateTable('jobs')
        .set(retryAt === null ? { state: 'failed', last_error: error, updated_at: now } : { state: 'retry', run_after: retryAt, last_error: error, updated_at: now })
        .where('id', '=', id).where('state', '=', 'active').execute());
    },

    async recoverActive(maxAttempts: number, error: string, now: number) {
      return write(async (trx) => {
        const poisoned = await trx.updateTable('jobs').set({ state: 'failed', last_error: error, updated_at: now })
          .where('state', '=', 'active').where('attempts', '>=', maxAttempts).returning('id').execute();
        const retried = await trx.updateTable('jobs').set({ state: 'retry', run_after: now, last_error: error, updated_at: now })
          .where('state', '=', 'active').returning('id').execute();
        return poisoned.length + retried.length;
      });
    },

    async listFailed(names: readonly JobName[], limit: number) {
      if (names.length === 0) return [];
      const rows = await db.selectFrom('jobs').selectAll().where('state', '=', 'failed').where('name', 'in', [...names])
        .orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toJob);
    },

    async requeueFailed(id: string, now: number) {
      const row = await write((trx) => trx.updateTable('jobs').set({ state: 'retry', attempts: 0, run_after: now, updated_at: now })
        .where('id', '=', id).where('state', '=', 'failed').returning('id').executeTakeFirst());
      return row !== undefined;
    },

    async get(id: string) {
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toJob(row);
    },

    async countByState() {
      const rows = await db.selectFrom('jobs').select(['state', (eb) => eb.fn.countAll<string | number>().as('n')]).groupBy('state').execute();
      const counts = Object.fromEntries(STORED_JOB_STATES.map((s) => [s, 0])) as Record<StoredJobState, number>;
      for (const row of rows) counts[row.state] = Number(row.n);
      return counts;
    },

    async nextRunAt(names: readonly JobName[]) {
      if (names.length === 0) return null;
      const row = await db.selectFrom('jobs').select((eb) => eb.fn.min('run_after').as('next'))
        .where('state', 'in', ['created', 'retry']).where('name', 'in', [...names]).executeTakeFirst();
      // min() over no rows is NULL, whatever the column's type says.
      const next = row?.next as number | string | null | undefined;
      return next === null || next === undefined ? null : Number(next);
    },

    async deleteCompleted(before: number) {
      const result = await write((trx) => trx.deleteFrom('jobs').where('state', '=', 'completed').where('updated_at', '<', before).executeTakeFirst());
      return Number(result.numDeletedRows);
    },
  };
}
