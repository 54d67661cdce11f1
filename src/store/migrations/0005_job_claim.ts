/**
 * The job claim reads jobs in claim order from an index. 0002's `jobs_due (name, state, run_after)` made every claim
 * of the in-process queue sort all waiting jobs (two `state` ranges, then ties on created_at and id): ~1 ms per
 * claim with 10,000 waiting, so a backlog slowed the very analysis that would drain it (bench:intake, C = 64). A
 * partial index in claim order, over waiting jobs only, lets a claim read just the rows it takes (0.09 ms with
 * 10,000 waiting), and `nextRunAt`'s min(run_after) is one index seek. Partial indexes mean the same on both
 * databases; the claim's WHERE repeats the index's predicate exactly (SQLite uses a partial index only then).
 */
import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

export function jobClaimMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('jobs_due').execute();
      await sql`create index jobs_due on jobs (name, run_after, created_at, id) where state in ('created', 'retry')`.execute(db);
    },
  };
}
