/**
 * Group commit: the store's one way to run a write transaction. Writes that arrive together (concurrent requests,
 * the worker's job updates) run one after another inside a single database transaction, and each caller's promise
 * settles only after that transaction has committed, so "acknowledged" still means "on disk" (RE-8).
 *
 * Design note. Why: on SQLite every commit is an fsync (synchronous=FULL) that blocks the event loop, and a report
 * took five commits (report, job, claim, analysis, completion; three since the job is sent in the report's
 * transaction and completed in the analysis's); grouping them is what lets intake scale past a few hundred
 * reports/s (figures in docs/operations.md). On PostgreSQL a batch takes the audit chain's head lock once
 * instead of once per write.
 *
 * How:
 * - One batch runs at a time. While it runs, new writes queue; when it commits, the next batch takes all of them (up
 *   to MAX_BATCH_ITEMS). A write arriving when nothing runs waits only for the current macrotask to end
 *   (setImmediate), so the batch size adapts to the load and a lone write pays no timer delay.
 * - Each write runs under its own SAVEPOINT: a write that throws is rolled back alone and its caller gets its error;
 *   the others in the batch commit. Writes run in arrival order, so the audit hash chain stays linear.
 * - If the batch transaction itself fails (BEGIN or COMMIT, an I/O error, a lock timeout, or an error that aborted
 *   the whole transaction), nothing of it was written, and each of its writes is run again in a transaction of its
 *   own, so one write cannot sink the others, and each caller gets its own outcome. A write's `work` must therefore
 *   have no effect outside the transaction (every caller only issues queries).
 *
 * - The audit chain is appended once per batch (audit.repo.ts, "Batches"): the batch's first audit entry reads and
 *   locks the chain head, the others chain on in memory, and the head row is written once before the commit. A write
 *   rolled back to its savepoint takes its entries out of the batch's view of the chain too.
 *
 * - After-commit hooks (`queueTransaction(trx).afterCommit`): a write may ask for a callback once its transaction has
 *   committed (the job queue wakes its workers for a job sent inside the write). A write rolled back to its savepoint
 *   drops its hooks; the others' run after the commit, before their callers' promises settle.
 *
 * Nesting: `work` must use only the transaction it is given. Calling `run` from inside `work` waits for the batch
 * that waits for `work`: a deadlock, as with a nested transaction on SQLite's single connection before.
 */
import { CompiledQuery } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { QueueTransaction } from '../queue/queue.js';
import { openAuditBatch } from './audit.repo.js';
import type { AuditBatch } from './audit.repo.js';
import type { Database } from './schema.js';
import type { Transactor } from './transaction.js';

/**
 * Most writes in one transaction. Bounds how long one batch holds SQLite's single connection (reads wait for it) and
 * PostgreSQL's audit head lock: a report write takes ~0.1 ms of statements on SQLite, so 256 of them is ~25 ms.
 * Under the intake bench (C = 64) batches stay far below this; it only matters for a burst.
 */
export const MAX_BATCH_ITEMS = 256;

interface Write {
  readonly work: (trx: Transaction<Database>) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** A write's result inside a batch, settled on the caller only after the commit, and its after-commit hooks. */
type Outcome =
  | { readonly ok: true; readonly value: unknown; readonly hooks: readonly (() => void)[] }
  | { readonly ok: false; readonly error: unknown };

/** The after-commit hooks of the write running in a batch transaction (writes of a batch run one at a time). */
interface CommitHooks {
  current: (() => void)[];
}

const commitHooks = new WeakMap<Transaction<Database>, CommitHooks>();
/** A transaction's QueueTransaction, and back (one each, so `kyselyTransactionOf` finds the store's own). */
const queueTransactions = new WeakMap<Transaction<Database>, QueueTransaction>();
const kyselyTransactions = new WeakMap<QueueTransaction, Transaction<Database>>();

/**
 * A group-commit transaction as the job queue takes it (queue.ts QueueTransaction): statements run in it, and
 * `afterCommit` hooks run once it has committed. Throws for a transaction that is not a group-commit batch's.
 */
export function queueTransaction(trx: Transaction<Database>): QueueTransaction {
  let tx = queueTransactions.get(trx);
  if (tx === undefined) {
    const hooks = commitHooks.get(trx);
    if (hooks === undefined) throw new Error('queueTransaction: not a group-commit transaction');
    tx = {
      executeSql: async (text, values) => ({ rows: (await trx.executeQuery(CompiledQuery.raw(text, values))).rows }),
      afterCommit: (callback) => { hooks.current.push(callback); },
    };
    queueTransactions.set(trx, tx);
    kyselyTransactions.set(tx, trx);
  }
  return tx;
}

/** The store transaction behind a QueueTransaction made by `queueTransaction`, or undefined for any other. */
export function kyselyTransactionOf(tx: QueueTransaction): Transaction<Database> | undefined {
  return kyselyTransactions.get(tx);
}

export class GroupCommit {
  readonly #db: Kysely<Database>;
  #queue: Write[] = [];
  /** The batch loop, while it runs; undefined when idle. */
  #running: Promise<void> | undefined;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  readonly run: Transactor = <T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.#running ??= this.#loop();
    });

  /** Resolves when every write queued so far has settled (for closing the store). */
  async drain(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  async #loop(): Promise<void> {
    // Let the writes of the current macrotask (e.g. requests parsed in the same I/O turn) join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, MAX_BATCH_ITEMS);
        await this.#commit(batch);
      }
    } finally {
      this.#running = undefined;
    }
  }

  /** Commits `batch` and settles each write; never rejects. */
  async #commit(batch: readonly Write[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.#db.transaction().execute(async (trx) => {
        const audit = openAuditBatch(trx);
        const hooks: CommitHooks = { current: [] };
        commitHooks.set(trx, hooks);
        const results = await runEach(trx, batch, audit, hooks);
        await audit.flush(trx);
        return results;
      });
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // Nothing of the batch was written: give each write a transaction of its own.
      for (const write of batch) await this.#commit([write]);
      return;
    }
    batch.forEach((write, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok === true) {
        for (const hook of outcome.hooks) runHook(hook);
        write.resolve(outcome.value);
      } else {
        write.reject(outcome === undefined ? new Error('group commit: write without an outcome') : outcome.error);
      }
    });
  }
}

// Compiled once: they run three times per write in a batch.
const SAVEPOINT = CompiledQuery.raw('savepoint hw_write');
const ROLLBACK_TO_SAVEPOINT = CompiledQuery.raw('rollback to savepoint hw_write');
const RELEASE_SAVEPOINT = CompiledQuery.raw('release savepoint hw_write');

/** A hook that throws is a bug, and the commit it follows has happened: let it surface as an uncaught exception. */
function runHook(hook: () => void): void {
  try {
    hook();
  } catch (error) {
    queueMicrotask(() => { throw error; });
  }
}

/** Runs each write under its own savepoint; a failing write is rolled back alone (and its hooks dropped). */
async function runEach(trx: Transaction<Database>, batch: readonly Write[], audit: AuditBatch, hooks: CommitHooks): Promise<Outcome[]> {
  if (batch.length === 1 && batch[0] !== undefined) {
    // Alone in its transaction: its failure rolls the transaction back, no savepoint needed.
    const value = await batch[0].work(trx);
    return [{ ok: true, value, hooks: hooks.current }];
  }
  const outcomes: Outcome[] = [];
  for (const write of batch) {
    await trx.executeQuery(SAVEPOINT);
    const mark = audit.mark();
    hooks.current = [];
    try {
      const value = await write.work(trx);
      outcomes.push({ ok: true, value, hooks: hooks.current });
    } catch (error) {
      // If this fails too (the error ended the whole transaction), the batch fails and each write runs alone.
      await trx.executeQuery(ROLLBACK_TO_SAVEPOINT);
      audit.restore(mark);
      outcomes.push({ ok: false, error });
    }
    await trx.executeQuery(RELEASE_SAVEPOINT);
  }
  return outcomes;
}
