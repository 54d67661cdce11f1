/**
 * Test support: runs a suite once per database. SQLite gets a fresh temporary directory (a real file, so WAL and
 * durability behave as in production); PostgreSQL (`HOOKWATCH_TEST_DATABASE_URL`) gets a fresh schema per store,
 * reached through the connection's search_path and dropped on close, so parallel runs never meet.
 *
 * When PostgreSQL is unreachable: with CI set its suites fail; otherwise they are skipped, and said so loudly.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'node:test';
import pg from 'pg';
import type { DialectName } from './dialect.js';
import { migrateToLatest } from './migrate.js';
import { openStore } from './store.js';
import type { Store, StoreConfig } from './store.js';
import type { Clock } from './transaction.js';

export const TEST_DATABASE_URL =
  process.env['HOOKWATCH_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** How long the reachability probe waits for PostgreSQL. */
const PROBE_TIMEOUT_MS = 3000;

export interface TestStoreOptions {
  readonly now?: Clock;
  /** Apply the migrations (default true). */
  readonly migrate?: boolean;
}

export interface TestStore extends Store {
  /** Another store on the same database (a second process's view); the caller closes it. */
  reopen(): Promise<Store>;
}

export type OpenTestStore = (options?: TestStoreOptions) => Promise<TestStore>;

/** A clock that moves `stepMs` forward on every reading, from `start`. */
export function steppingClock(start = '2025-01-01T00:00:00.000Z', stepMs = 1000): Clock {
  let next = Date.parse(start);
  return () => {
    const now = new Date(next);
    next += stepMs;
    return now;
  };
}

function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}

/** Why PostgreSQL cannot be used for tests (undefined when it can). */
export async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function withAdminClient(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** Opens a store on `config` (migrated unless told not to) that removes its database, with `dispose`, on close. */
async function testStore(config: StoreConfig, options: TestStoreOptions, dispose: () => Promise<unknown>): Promise<TestStore> {
  const full = { ...config, ...(options.now === undefined ? {} : { now: options.now }) };
  const store = await openStore(full);
  if (options.migrate ?? true) await migrateToLatest(store);
  return {
    ...store,
    reopen: () => openStore(full),
    close: async () => {
      await store.close();
      await dispose();
    },
  };
}

const openSqliteTestStore: OpenTestStore = async (options = {}) => {
  const root = await mkdtemp(join(tmpdir(), 'hookwatch-store-'));
  return testStore({ dataDir: join(root, 'data') }, options, () => rm(root, { recursive: true, force: true }));
};

const openPostgresTestStore: OpenTestStore = async (options = {}) => {
  const schema = `hw_test_${randomBytes(8).toString('hex')}`;
  await withAdminClient((client) => client.query(`create schema ${schema}`));
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return testStore({ url: url.toString(), dataDir: '/nonexistent' }, options, () =>
    withAdminClient((client) => client.query(`drop schema ${schema} cascade`)));
};

const postgresProblem = await probePostgres();
const inCi = (process.env['CI'] ?? '') !== '';

if (postgresProblem !== undefined && !inCi) {
  console.warn(
    `\n*** PostgreSQL at ${redacted(TEST_DATABASE_URL)} is unreachable (${postgresProblem}):` +
      ` SKIPPING the PostgreSQL store tests. Set HOOKWATCH_TEST_DATABASE_URL, or CI=1 to make this fail. ***\n`,
  );
}

function unreachablePostgres(): Promise<TestStore> {
  return Promise.reject(
    new Error(`PostgreSQL at ${redacted(TEST_DATABASE_URL)} is unreachable and CI is set: ${String(postgresProblem)}`),
  );
}

/** Registers `suite` once per database, each in a `describe` named after it. */
export function forEachStore(suite: (name: DialectName, open: OpenTestStore) => void): void {
  describe('sqlite', () => {
    suite('sqlite', openSqliteTestStore);
  });
  if (postgresProblem === undefined) {
    describe('postgres', () => {
      suite('postgres', openPostgresTestStore);
    });
  } else if (inCi) {
    describe('postgres', () => {
      suite('postgres', unreachablePostgres);
    });
  } else {
    describe('postgres', { skip: `PostgreSQL unreachable: ${postgresProblem}` }, () => {
      suite('postgres', unreachablePostgres);
    });
  }
}
