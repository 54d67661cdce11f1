import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** The store's only source of time (tests pass a fake one). */
export type Clock = () => Date;

/**
 * Runs `work` in a transaction: the caller's when `db` already is one (a repository used inside
 * `Store.transaction`), else a new one. Kysely cannot nest transactions.
 */
export function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return isTransaction(db) ? work(db) : db.transaction().execute(work);
}

function isTransaction(db: Kysely<Database>): db is Transaction<Database> {
  return db.isTransaction;
}
