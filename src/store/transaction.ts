import type { Transaction } from 'kysely';
import type { Database } from './schema.js';

/** The store's only source of time (tests pass a fake one). */
export type Clock = () => Date;

/**
 * Runs `work` in a write transaction and resolves with its result once that transaction has committed. The store's
 * own is a GroupCommit (group-commit.ts); repositories bound to a transaction get `joinTransaction`.
 */
export type Transactor = <T>(work: (trx: Transaction<Database>) => Promise<T>) => Promise<T>;

/** A Transactor for code that already holds a transaction: `work` joins it (Kysely cannot nest transactions). */
export function joinTransaction(trx: Transaction<Database>): Transactor {
  return (work) => work(trx);
}
