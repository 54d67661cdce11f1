/**
 * The in-process queue's jobs (embedded mode): the durable JobStore behind `inProcessQueue` (src/queue/job-store.ts
 * has the contract). Created on both databases so the schema stays one; on PostgreSQL pg-boss keeps its own tables
 * and this one stays empty.
 */
import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

export function jobsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('created', 'retry', 'active', 'completed', 'failed')`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('singleton_key', 'text')
        .addColumn('run_after', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .execute();
      // Idempotent enqueue: at most one never-started job per (name, key).
      await sql`create unique index jobs_singleton on jobs (name, singleton_key) where state = 'created' and singleton_key is not null`.execute(db);
      await db.schema.createIndex('jobs_due').on('jobs').columns(['name', 'state', 'run_after']).execute();
      await db.schema.createIndex('jobs_state').on('jobs').columns(['state', 'updated_at']).execute();
    },
  };
}
