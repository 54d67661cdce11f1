/**
 * Versioned migrations (`hookwatch migrate`). The list is static, not read from a directory, so it works the same
 * from `src/` under tsx and from the compiled `dist/`. Names sort in the order they apply.
 */
import { inspect } from 'node:util';
import { Migrator } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Dialect } from './dialect.js';
import { initialMigration } from './migrations/0001_initial.js';
import { jobsMigration } from './migrations/0002_jobs.js';
import { consoleMigration } from './migrations/0003_console.js';
import { mfaMigration } from './migrations/0004_mfa.js';
import { jobClaimMigration } from './migrations/0005_job_claim.js';
import { HookwatchError } from '../errors.js';
import type { Database } from './schema.js';

const MIGRATIONS: readonly (readonly [name: string, make: (dialect: Dialect) => Migration])[] = [
  ['0001_initial', initialMigration],
  ['0002_jobs', jobsMigration],
  ['0003_console', consoleMigration],
  ['0004_mfa', mfaMigration],
  ['0005_job_claim', jobClaimMigration],
];

export interface MigrationTarget {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
}

export interface MigrationStatus {
  readonly name: string;
  /** When it was applied here, or null when pending. */
  readonly executedAt: Date | null;
}

class StaticMigrationProvider implements MigrationProvider {
  readonly #dialect: Dialect;
  constructor(dialect: Dialect) {
    this.#dialect = dialect;
  }
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(Object.fromEntries(MIGRATIONS.map(([name, make]) => [name, make(this.#dialect)])));
  }
}

async function migrator({ db, dialect }: MigrationTarget): Promise<Migrator> {
  const schema = await dialect.migrationSchema(db);
  return new Migrator({
    db,
    provider: new StaticMigrationProvider(dialect),
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
}

/**
 * Applies every pending migration, all or none, and returns the names applied (none when already up to date).
 * Run it before serving: on SQLite it holds the store's only connection in one transaction meanwhile.
 */
export async function migrateToLatest(target: MigrationTarget): Promise<string[]> {
  const runner = await migrator(target);
  const { error, results = [] } = await target.dialect.atomicMigration(target.db, () => runner.migrateToLatest());
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName ?? '(before any migration)';
    const reason = error instanceof Error ? error.message : inspect(error);
    throw new HookwatchError('HW_ERR_STORE_MIGRATION', { name: failed, reason }, error);
  }
  return results.map((result) => result.migrationName);
}

/** Every migration this build knows, in order, with when it was applied here. */
export async function listMigrations(target: MigrationTarget): Promise<MigrationStatus[]> {
  const runner = await migrator(target);
  const migrations = await runner.getMigrations();
  return migrations.map((migration) => ({ name: migration.name, executedAt: migration.executedAt ?? null }));
}
