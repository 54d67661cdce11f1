/**
 * The SQLite/PostgreSQL seam: every difference between the two databases the store runs on, each with its reason,
 * and the single representation the rest of the store uses on both. Repositories and migrations contain no
 * `if (sqlite)`: what differs is a member of `Dialect` below; everything else is written once.
 *
 * One representation on both (so one code path, and the same bytes come back from either database):
 * - Timestamps are ISO-8601 UTC text with milliseconds (`2025-01-31T09:30:00.000Z`), never `timestamptz`. The text is
 *   fixed-width, so comparing and sorting it as text is chronological (the indicator cursor and `since`/`until` rely
 *   on that); it round-trips exactly, which the audit hash chain needs (a `timestamptz` would come back reformatted
 *   and in microseconds); and SQLite has no date type anyway.
 * - JSON is text, never `jsonb`: `jsonb` reorders keys, drops duplicates and rejects `\u0000`, so the hashed audit
 *   details would not survive a round trip; SQLite has no JSON type.
 * - Booleans are `integer` 0/1 with a CHECK (SQLite has no boolean; a PG `boolean` would give the rows two shapes).
 * - Ids are text UUIDs made by the application (RE-6 asks for stable UUIDs), so neither SQLite's `autoincrement` nor
 *   PG's identity columns are needed, and a malformed id in a lookup is simply "not found" on both (a PG `uuid`
 *   column would raise instead).
 * - Integers are 4-byte `integer` only: pg hands `bigint` back as a string.
 * - Raw bytes are the one type whose name differs (`bytesType`); both drivers hand back a Buffer.
 * - Text that a driver cannot store verbatim is refused before the database (`checkStorableText`): PG `text` rejects
 *   NUL, and both drivers would silently turn a lone UTF-16 surrogate into U+FFFD.
 * - Unique keys over unbounded text are SHA-256 hashes: a PG b-tree entry holds at most ~2.7 kB, and an indicator key
 *   is a URL of any length. Other indexed text has a named length limit.
 * - Upsert is the same on both: `INSERT … ON CONFLICT … DO UPDATE | DO NOTHING … RETURNING` (SQLite ≥ 3.35).
 * - Text comparison is byte order on SQLite and the database collation on PG; the only text we order by (timestamps
 *   above, lowercase UUIDs) sorts the same under both.
 * - Concurrency: SQLite has one writer. Each process keeps one connection (Kysely's driver serialises its users) and
 *   opens transactions with BEGIN IMMEDIATE, so a second process waits on `busy_timeout` instead of failing when a
 *   read transaction upgrades to a write. PG runs READ COMMITTED on a pool; serialisation points are row locks (the
 *   audit chain head, see audit.repo.ts) and unique indexes (the idempotency key, see reports.repo.ts).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, PostgresDialect, SqliteDialect, SqliteDriver, sql } from 'kysely';
import type {
  DatabaseConnection,
  Dialect as KyselyDialect,
  Driver,
  MigrationResultSet,
  QueryExecutorProvider,
  RawBuilder,
  SqliteDialectConfig,
} from 'kysely';
import type { Pool } from 'pg';
import { HookwatchError } from '../errors.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Dialect {
  readonly name: DialectName;
  /** Column type for raw bytes (a reported e-mail). */
  readonly bytesType: 'blob' | 'bytea';
  /**
   * DDL that makes a table append-only inside the database (EV-4), so an UPDATE or DELETE fails whatever code path
   * issues it. Trigger syntax differs; on PG TRUNCATE needs its own statement-level trigger. The triggers are named
   * `<table>_no_update` and `<table>_no_delete` on both.
   */
  appendOnlyGuard(table: string): readonly RawBuilder<unknown>[];
  /** Durability settings not in force (RE-8, RE-9), as readable sentences; empty when all hold. */
  durabilityProblems(db: QueryExecutorProvider): Promise<string[]>;
  /**
   * The schema Kysely's migration tables live in. PG: the current schema, named explicitly because Kysely otherwise
   * looks for its table in every schema of the database and finds another schema's. SQLite has no schemas.
   */
  migrationSchema(db: QueryExecutorProvider): Promise<string | undefined>;
  /**
   * Runs a migration batch atomically. PG: Kysely already runs it in one transaction under an advisory lock. SQLite:
   * Kysely runs it outside any transaction (its adapter says SQLite has no transactional DDL, but SQLite's DDL is
   * transactional), so we wrap it in BEGIN IMMEDIATE … COMMIT on the single connection: a failed migration leaves
   * nothing behind, and a second process migrating the same file waits for the first.
   */
  atomicMigration(db: QueryExecutorProvider, run: () => Promise<MigrationResultSet>): Promise<MigrationResultSet>;
}

// ---------------------------------------------------------------------------------------------------------------
// SQLite

/** RE-8: how long a writer waits for another process's write lock before failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * WAL pages after which a commit copies the WAL back into the database file (a checkpoint, with its own fsync of the
 * file). SQLite's default, 1,000 pages (4 MB), meant a checkpoint every ~2 group commits under bench:intake (C = 64,
 * ~40 reports and ~500 pages a commit): 45 of the commit's 128 µs of CPU per report. At 10,000 (~40 MB of WAL) a page
 * that many commits rewrite (the tables' last pages, hot index pages) is copied once per checkpoint, not once per two
 * commits: 84 µs. Durability is unchanged: a commit is durable once its WAL frames are fsynced (synchronous=FULL); a
 * checkpoint only moves committed pages. Cost: the WAL file grows to ~40 MB before it is reused.
 */
export const SQLITE_WAL_AUTOCHECKPOINT_PAGES = 10_000;

/** `PRAGMA synchronous` value of FULL. */
const SQLITE_SYNCHRONOUS_FULL = 2;

/**
 * Sets the per-connection pragmas. WAL + synchronous=FULL: every commit is fsynced to the WAL before it returns, so
 * an acknowledged write survives a process kill and a power cut (NORMAL survives only the former). foreign_keys is off
 * by default in SQLite. The values are read back by `durabilityProblems`, because SQLite ignores a journal mode the
 * file system cannot do.
 */
export function configureSqlite(database: BetterSqlite3.Database): void {
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  database.pragma(`wal_autocheckpoint = ${SQLITE_WAL_AUTOCHECKPOINT_PAGES}`);
}

export interface SqlitePragmas {
  readonly journalMode: unknown;
  readonly synchronous: unknown;
  readonly foreignKeys: unknown;
  readonly busyTimeout: unknown;
}

/** RE-8 on values read back from SQLite. */
export function sqlitePragmaProblems(pragmas: SqlitePragmas): string[] {
  const problems: string[] = [];
  if (pragmas.journalMode !== 'wal') problems.push(`journal_mode is ${String(pragmas.journalMode)}, need wal`);
  if (pragmas.synchronous !== SQLITE_SYNCHRONOUS_FULL) {
    problems.push(`synchronous is ${String(pragmas.synchronous)}, need ${SQLITE_SYNCHRONOUS_FULL} (FULL)`);
  }
  if (pragmas.foreignKeys !== 1) problems.push(`foreign_keys is ${String(pragmas.foreignKeys)}, need 1`);
  if (typeof pragmas.busyTimeout !== 'number' || pragmas.busyTimeout < SQLITE_BUSY_TIMEOUT_MS) {
    problems.push(`busy_timeout is ${String(pragmas.busyTimeout)}, need at least ${SQLITE_BUSY_TIMEOUT_MS}`);
  }
  return problems;
}

async function pragma(db: QueryExecutorProvider, name: string): Promise<unknown> {
  const { rows } = await sql<Record<string, unknown>>`pragma ${sql.raw(name)}`.execute(db);
  const row = rows[0];
  return row === undefined ? undefined : Object.values(row)[0];
}

/** Kysely's SQLite driver with BEGIN IMMEDIATE instead of BEGIN (DEFERRED): see "Concurrency" above. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** Prepared statements kept per SQL text; the app issues a few dozen distinct queries. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * better-sqlite3 with a cache of prepared statements: Kysely prepares every query again, which measured 12 % of the
 * server's CPU under intake load. Reusing a statement is safe here: better-sqlite3 is synchronous and Kysely runs
 * each statement to completion (`all`/`run`, no open iterators) before the next query.
 */
function withStatementCache(database: BetterSqlite3.Database): SqliteDialectConfig['database'] {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => { database.close(); },
    prepare: (sqlText: string) => {
      let statement = cache.get(sqlText);
      if (statement === undefined) {
        statement = database.prepare(sqlText);
        if (cache.size >= STATEMENT_CACHE_SIZE) {
          const oldest = cache.keys().next();
          if (oldest.done !== true) cache.delete(oldest.value);
        }
        cache.set(sqlText, statement);
      }
      return statement;
    },
  };
}

export function sqliteKyselyDialect(database: BetterSqlite3.Database): KyselyDialect {
  return new ImmediateSqliteDialect({ database: withStatementCache(database) });
}

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  bytesType: 'blob',
  appendOnlyGuard: (table) =>
    (['update', 'delete'] as const).map((op) =>
      sql.raw(
        `create trigger ${table}_no_${op} before ${op} on ${table} ` +
          `begin select raise(abort, '${table} is append-only'); end`,
      ),
    ),
  durabilityProblems: async (db) =>
    sqlitePragmaProblems({
      journalMode: await pragma(db, 'journal_mode'),
      synchronous: await pragma(db, 'synchronous'),
      foreignKeys: await pragma(db, 'foreign_keys'),
      busyTimeout: await pragma(db, 'busy_timeout'),
    }),
  migrationSchema: () => Promise.resolve(undefined),
  atomicMigration: async (db, run) => {
    await sql`begin immediate`.execute(db);
    let result: MigrationResultSet | undefined;
    try {
      result = await run();
    } finally {
      await sql.raw(result !== undefined && result.error === undefined ? 'commit' : 'rollback').execute(db);
    }
    return result;
  },
};

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL

export interface PostgresSettings {
  readonly fsync: string;
  readonly fullPageWrites: string;
  readonly synchronousCommit: string;
}

/**
 * RE-9 on the server's settings: with fsync or full_page_writes off a crash can corrupt the cluster; with
 * synchronous_commit off a commit is acknowledged before its WAL is flushed, so a crash loses acknowledged writes.
 */
export function postgresSettingProblems(settings: PostgresSettings): string[] {
  const problems: string[] = [];
  if (settings.fsync !== 'on') problems.push(`fsync is ${settings.fsync}, need on`);
  if (settings.fullPageWrites !== 'on') problems.push(`full_page_writes is ${settings.fullPageWrites}, need on`);
  if (settings.synchronousCommit === 'off') problems.push('synchronous_commit is off, need on');
  return problems;
}

export function postgresKyselyDialect(pool: Pool): KyselyDialect {
  return new PostgresDialect({ pool });
}

export const postgresDialect: Dialect = {
  name: 'postgres',
  bytesType: 'bytea',
  appendOnlyGuard: (table) => [
    sql.raw(
      `create function ${table}_append_only() returns trigger language plpgsql as ` +
        `$$ begin raise exception '${table} is append-only'; end $$`,
    ),
    ...(['update', 'delete'] as const).map((op) =>
      sql.raw(
        `create trigger ${table}_no_${op} before ${op} on ${table} ` +
          `for each row execute function ${table}_append_only()`,
      ),
    ),
    sql.raw(
      `create trigger ${table}_no_truncate before truncate on ${table} ` +
        `for each statement execute function ${table}_append_only()`,
    ),
  ],
  durabilityProblems: async (db) => {
    const { rows } = await sql<PostgresSettings>`
      select current_setting('fsync') as "fsync", current_setting('full_page_writes') as "fullPageWrites",
             current_setting('synchronous_commit') as "synchronousCommit"`.execute(db);
    const settings = rows[0];
    if (settings === undefined) throw new Error('current_setting() returned no row');
    return postgresSettingProblems(settings);
  },
  migrationSchema: async (db) => {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as "schema"`.execute(db);
    const schema = rows[0]?.schema;
    // null: no schema on the search_path exists, so there is nowhere to create the tables.
    if (schema === undefined || schema === null) throw new Error('no schema on the PostgreSQL search_path exists');
    return schema;
  },
  atomicMigration: (_db, run) => run(),
};

// ---------------------------------------------------------------------------------------------------------------
// One representation on both (see the top of this file)

/** ISO-8601 UTC with milliseconds, exactly this shape. */
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A Date as stored. Throws a RangeError for an invalid date or a year outside 0000-9999 (not fixed-width). */
export function encodeTime(date: Date): string {
  const text = date.toISOString();
  if (!ISO_UTC_MS.test(text)) throw new RangeError(`timestamp outside the years 0000-9999: ${text}`);
  return text;
}

export function decodeTime(text: string): Date {
  return new Date(text);
}

export function isEncodedTime(text: string): boolean {
  return ISO_UTC_MS.test(text) && !Number.isNaN(Date.parse(text));
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** JSON text of a value (JSON.stringify escapes NULs and lone surrogates, so the text is always storable). */
export function encodeJson(value: unknown): string {
  // undefined for undefined, functions and symbols, whatever lib.d.ts says.
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

export function decodeJson(text: string): JsonValue {
  // JSON.parse yields only JSON values.
  return JSON.parse(text) as JsonValue;
}

export function encodeBool(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

export function decodeBool(value: number): boolean {
  return value === 1;
}

/** NUL (PG `text` cannot hold it) or a lone surrogate (both drivers would store U+FFFD instead). Linear: one class. */
const UNSTORABLE_TEXT = /[\0\p{Cs}]/u;

/** Refuses text the databases cannot store verbatim, naming the field. */
export function checkStorableText(field: string, value: string): void {
  if (UNSTORABLE_TEXT.test(value)) throw new HookwatchError('HW_ERR_INPUT_ENCODING', {}, { field });
}

/** Refuses text longer than an indexed column's limit, naming the field. */
export function checkLength(field: string, value: string, limit: number): void {
  if (value.length > limit) throw new HookwatchError('HW_ERR_INPUT_TOO_LONG', { limit }, { field });
}
