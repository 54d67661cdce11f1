/**
 * Opens the store: SQLite in the data directory by default, PostgreSQL when given a postgres:// URL. Refuses to open
 * when the database's durability settings are not in force (RE-8, RE-9). Does not migrate: `migrateToLatest` does.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely } from 'kysely';
import pg from 'pg';
import { HookwatchError } from '../errors.js';
import type { QueueTransaction } from '../queue/queue.js';
import { AnalysesRepo } from './analyses.repo.js';
import { AuditRepo } from './audit.repo.js';
import { BrandsRepo } from './brands.repo.js';
import {
  configureSqlite,
  postgresDialect,
  postgresKyselyDialect,
  sqliteDialect,
  sqliteKyselyDialect,
} from './dialect.js';
import type { Dialect } from './dialect.js';
import { IndicatorsRepo } from './indicators.repo.js';
import { ApiKeysRepo } from './keys.repo.js';
import { ReportsRepo } from './reports.repo.js';
import type { Database } from './schema.js';
import { GroupCommit, queueTransaction } from './group-commit.js';
import { MfaRepo } from './mfa.repo.js';
import { SessionsRepo } from './sessions.repo.js';
import { joinTransaction } from './transaction.js';
import type { Clock, Transactor } from './transaction.js';
import { UsersRepo } from './users.repo.js';

/** The SQLite database file, inside the data directory. */
export const SQLITE_FILE_NAME = 'hookwatch.db';

/** The data directory holds reports and evidence: owner only. */
const DATA_DIR_MODE = 0o700;

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

export interface StoreConfig {
  /** A postgres:// or postgresql:// URL selects PostgreSQL; unset or empty selects SQLite in `dataDir`. */
  readonly url?: string;
  readonly dataDir: string;
  readonly now?: Clock;
  /**
   * Errors of idle PostgreSQL connections (the server restarted, the network dropped): pg discards the connection and
   * the next query opens a new one. Default: a process warning.
   */
  readonly onBackgroundError?: (error: Error) => void;
}

export interface Repos {
  readonly reports: ReportsRepo;
  readonly indicators: IndicatorsRepo;
  readonly analyses: AnalysesRepo;
  readonly audit: AuditRepo;
  readonly users: UsersRepo;
  readonly sessions: SessionsRepo;
  readonly mfa: MfaRepo;
  readonly apiKeys: ApiKeysRepo;
  readonly brands: BrandsRepo;
}

export interface Store extends Repos {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** The store's clock (tests pass a fake one): what its timestamps are measured with. */
  readonly now: Clock;
  /**
   * Runs `work` in one transaction with repositories bound to it, e.g. a change and its audit entry. Use only the
   * repositories passed in: the store's other ones wait for this transaction, so using them here deadlocks. Resolves
   * after the commit; the transaction may be shared with concurrent writes (group commit, see `write`). `tx` is the
   * same transaction for the job queue (`sendWithin`, `Job.completeWithin`).
   */
  transaction<T>(work: (repos: Repos, tx: QueueTransaction) => Promise<T>): Promise<T>;
  /**
   * The store's write transactions, at the SQL level (the job store uses it): group-committed (group-commit.ts), so
   * concurrent writes share one commit, and each resolves only once that commit is done. `transaction` and every
   * repository write go through it.
   */
  readonly write: Transactor;
  close(): Promise<void>;
}

interface Opened {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
}

async function openSqlite(dataDir: string): Promise<Opened> {
  await mkdir(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  const database = new Sqlite(join(dataDir, SQLITE_FILE_NAME));
  try {
    configureSqlite(database);
  } catch (error) {
    database.close();
    throw error;
  }
  return { db: new Kysely<Database>({ dialect: sqliteKyselyDialect(database) }), dialect: sqliteDialect };
}

function warnBackgroundError(error: Error): void {
  process.emitWarning(`PostgreSQL connection error: ${error.message}`, 'HookwatchStoreWarning');
}

function openPostgres(url: string, onBackgroundError: (error: Error) => void): Opened {
  const pool = new pg.Pool({ connectionString: url });
  pool.on('error', onBackgroundError);
  return { db: new Kysely<Database>({ dialect: postgresKyselyDialect(pool) }), dialect: postgresDialect };
}

/** Repositories reading through `db` and writing through `transact`. */
function makeRepos(db: Kysely<Database>, now: Clock, transact: Transactor): Repos {
  return {
    reports: new ReportsRepo(db, now, transact),
    indicators: new IndicatorsRepo(db, now, transact),
    analyses: new AnalysesRepo(db, now),
    audit: new AuditRepo(db, now, transact),
    users: new UsersRepo(db, now),
    sessions: new SessionsRepo(db, now),
    mfa: new MfaRepo(db, now),
    apiKeys: new ApiKeysRepo(db, now),
    brands: new BrandsRepo(db, now, transact),
  };
}

/** The first query: reads the durability settings back (RE-8, RE-9) and refuses to go on without them. */
async function checkDurability({ db, dialect }: Opened): Promise<void> {
  let problems: string[];
  try {
    problems = await dialect.durabilityProblems(db);
  } catch (error) {
    const reason = error instanceof Error ? error.message : error;
    throw new HookwatchError('HW_ERR_STORE_UNAVAILABLE', {}, { reason });
  }
  if (problems.length > 0) {
    const reason = `database durability: ${problems.join('; ')}`;
    throw new HookwatchError('HW_ERR_CONFIG_INVALID', { reason }, { problems });
  }
}

export async function openStore(config: StoreConfig): Promise<Store> {
  const url = config.url ?? '';
  if (url !== '' && !POSTGRES_URL.test(url)) {
    // Not echoed: a database URL may carry a password.
    throw new HookwatchError('HW_ERR_CONFIG_INVALID', {
      reason: 'the database URL must start with postgres:// or postgresql:// (leave it unset for SQLite)',
    });
  }
  const opened =
    url === '' ? await openSqlite(config.dataDir) : openPostgres(url, config.onBackgroundError ?? warnBackgroundError);
  try {
    await checkDurability(opened);
  } catch (error) {
    await opened.db.destroy();
    throw error;
  }
  const { db, dialect } = opened;
  const now = config.now ?? (() => new Date());
  const writes = new GroupCommit(db);
  return {
    db,
    dialect,
    now,
    ...makeRepos(db, now, writes.run),
    write: writes.run,
    transaction: (work) => writes.run((trx) => work(makeRepos(trx, now, joinTransaction(trx)), queueTransaction(trx))),
    close: async () => {
      await writes.drain();
      await db.destroy();
    },
  };
}
