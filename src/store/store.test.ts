/**
 * Opening the store: SQLite's data directory and durability pragmas (RE-8) read back, PostgreSQL's settings (RE-9),
 * refusal of unknown URLs and unreachable servers without echoing secrets, foreign keys, and `transaction()`.
 */
import assert from '../test-assert.js';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { HookwatchError } from '../errors.js';
import { migrateToLatest } from './migrate.js';
import { postgresSettingProblems, SQLITE_BUSY_TIMEOUT_MS, SQLITE_WAL_AUTOCHECKPOINT_PAGES, sqlitePragmaProblems } from './dialect.js';
import { openStore, SQLITE_FILE_NAME } from './store.js';
import type { Store } from './store.js';
import { forEachStore, steppingClock } from './test-stores.js';
import type { TestStore } from './test-stores.js';

async function pragma(store: Store, name: string): Promise<unknown> {
  const { rows } = await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(store.db);
  return Object.values(rows[0] ?? {})[0];
}

describe('SQLite store', () => {
  let root: string;
  let store: Store;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'hookwatch-open-'));
    store = await openStore({ dataDir: join(root, 'nested', 'data') });
  });
  after(async () => {
    await store.close();
    await rm(root, { recursive: true, force: true });
  });

  it('creates the data directory for its owner only, with the database file inside', async () => {
    const dir = join(root, 'nested', 'data');
    assert.equal((await stat(dir)).mode & 0o777, 0o700);
    assert.ok(existsSync(join(dir, SQLITE_FILE_NAME)));
    assert.equal(store.dialect.name, 'sqlite');
  });

  it('runs with WAL, synchronous=FULL, foreign keys and a busy timeout (read back)', async () => {
    assert.equal(await pragma(store, 'journal_mode'), 'wal');
    assert.equal(await pragma(store, 'synchronous'), 2);
    assert.equal(await pragma(store, 'foreign_keys'), 1);
    assert.equal(await pragma(store, 'busy_timeout'), SQLITE_BUSY_TIMEOUT_MS);
    assert.deepEqual(await store.dialect.durabilityProblems(store.db), []);
  });

  it('checkpoints the WAL every SQLITE_WAL_AUTOCHECKPOINT_PAGES pages, not SQLite\'s default 1,000', async () => {
    assert.equal(await pragma(store, 'wal_autocheckpoint'), SQLITE_WAL_AUTOCHECKPOINT_PAGES);
  });

  it('notices when a setting is no longer in force', async () => {
    await sql`pragma synchronous = NORMAL`.execute(store.db);
    assert.deepEqual(await store.dialect.durabilityProblems(store.db), ['synchronous is 1, need 2 (FULL)']);
    await sql`pragma synchronous = FULL`.execute(store.db);
  });
});

/** A writer process: creates reports forever and prints each id once `create` has returned (acknowledged). */
function writerScript(dataDir: string): string {
  const storeModule = new URL('./store.ts', import.meta.url).href;
  return `
    const { openStore } = await import(${JSON.stringify(storeModule)});
    const store = await openStore({ dataDir: ${JSON.stringify(dataDir)} });
    for (let i = 0; ; i++) {
      const report = await store.reports.create({ text: 'report ' + i, payloadHash: '${'a'.repeat(64)}', actor: 'public' });
      process.stdout.write(report.id + '\\n');
    }`;
}

/** Ids the writer acknowledged before it was killed with SIGKILL, once it had acknowledged `count`. */
async function acknowledgedBeforeKill(dataDir: string, count: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writerScript(dataDir)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    output += chunk;
    if (output.split('\n').length > count) child.kill('SIGKILL');
  });
  // 'close', not 'exit': what the child wrote before dying is still in the pipe.
  await new Promise((resolve) => child.on('close', resolve));
  // The last line may be cut: only complete lines were acknowledged.
  return output.split('\n').slice(0, -1);
}

describe('SQLite after a process kill (RE-8)', () => {
  it('keeps every acknowledged report, with an intact file and audit chain', async () => {
    const root = await mkdtemp(join(tmpdir(), 'hookwatch-kill-'));
    const dataDir = join(root, 'data');
    try {
      const setup = await openStore({ dataDir });
      await migrateToLatest(setup);
      await setup.close();
      const acknowledged = await acknowledgedBeforeKill(dataDir, 300);
      assert.ok(acknowledged.length >= 300, `only ${acknowledged.length} reports before the kill`);
      const store = await openStore({ dataDir });
      try {
        assert.equal(await pragma(store, 'integrity_check'), 'ok');
        for (const id of acknowledged) assert.ok(await store.reports.get(id), `acknowledged report ${id} lost`);
        assert.equal((await store.audit.verify()).ok, true);
      } finally {
        await store.close();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('durability rules', () => {
  it('accept only WAL, FULL, foreign keys on and a busy timeout of at least 5 s (RE-8)', () => {
    const good = { journalMode: 'wal', synchronous: 2, foreignKeys: 1, busyTimeout: 5000 };
    assert.deepEqual(sqlitePragmaProblems(good), []);
    assert.deepEqual(
      sqlitePragmaProblems({ journalMode: 'delete', synchronous: 1, foreignKeys: 0, busyTimeout: 100 }),
      [
        'journal_mode is delete, need wal',
        'synchronous is 1, need 2 (FULL)',
        'foreign_keys is 0, need 1',
        'busy_timeout is 100, need at least 5000',
      ],
    );
  });

  it('refuse PostgreSQL without fsync, full_page_writes or synchronous_commit (RE-9)', () => {
    assert.deepEqual(postgresSettingProblems({ fsync: 'on', fullPageWrites: 'on', synchronousCommit: 'on' }), []);
    assert.deepEqual(postgresSettingProblems({ fsync: 'on', fullPageWrites: 'on', synchronousCommit: 'local' }), []);
    assert.deepEqual(postgresSettingProblems({ fsync: 'off', fullPageWrites: 'off', synchronousCommit: 'off' }), [
      'fsync is off, need on',
      'full_page_writes is off, need on',
      'synchronous_commit is off, need on',
    ]);
  });
});

describe('openStore refusals', () => {
  it('refuses a URL that is not PostgreSQL, without echoing it', async () => {
    const error = await openStore({ url: 'mysql://root:s3cret@db/x', dataDir: '/nonexistent' }).then(
      () => assert.fail('opened'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof HookwatchError);
    assert.equal(error.code, 'HW_ERR_CONFIG_INVALID');
    assert.ok(!error.message.includes('s3cret'));
  });

  it('reports an unreachable PostgreSQL as unavailable, without the password', async () => {
    const error = await openStore({ url: 'postgres://u:s3cret@127.0.0.1:1/x', dataDir: '/nonexistent' }).then(
      () => assert.fail('opened'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof HookwatchError);
    assert.equal(error.code, 'HW_ERR_STORE_UNAVAILABLE');
    assert.ok(!JSON.stringify([error.message, error.details]).includes('s3cret'));
  });
});

forEachStore((name, open) => {
  describe(`store (${name})`, () => {
    let store: TestStore;
    before(async () => {
      store = await open({ now: steppingClock() });
    });
    after(() => store.close());

    it('has its durability settings in force', async () => {
      assert.equal(store.dialect.name, name);
      assert.deepEqual(await store.dialect.durabilityProblems(store.db), []);
    });

    it('enforces foreign keys', async () => {
      await assert.rejects(
        sql`insert into report_contacts (report_id, contact) values ('missing', 'c')`.execute(store.db),
      );
    });

    it('commits a transaction’s changes and audit entry together', async () => {
      await store.transaction(async (repos) => {
        await repos.brands.upsert({ id: 'acme', name: 'Acme', domains: ['acme.example'], keywords: ['acme'] });
        await repos.audit.append({ actor: 'user:1', action: 'brand.upserted', target: 'brand:acme' });
      });
      assert.equal((await store.brands.get('acme'))?.name, 'Acme');
      assert.equal((await store.audit.list({ limit: 10 })).length, 1);
    });

    it('rolls a failed transaction back entirely, audit head included', async () => {
      await assert.rejects(
        store.transaction(async (repos) => {
          await repos.brands.upsert({ id: 'ghost', name: 'Ghost', domains: ['ghost.example'], keywords: ['ghost'] });
          await repos.audit.append({ actor: 'user:1', action: 'brand.upserted', target: 'brand:ghost' });
          throw new Error('abort');
        }),
        /abort/,
      );
      assert.equal(await store.brands.get('ghost'), undefined);
      const verification = await store.audit.verify();
      assert.ok(verification.ok);
      assert.equal(verification.count, 1);
    });
  });
});
