/**
 * Report intake of `hookwatch serve` under load, on SQLite and PostgreSQL, against the project's targets.
 *
 *   npm run bench:intake [-- --db sqlite,postgres] [--concurrency 16,64] [--duration 15] [--warmup 3]
 *                           [--from dist|src] [--log-level info] [--drain-timeout 60] [--keep]
 *                           [--cpu-prof DIR] [--client http|fetch]
 *
 * Per database and per concurrency C, a fresh server (fresh data directory, or fresh PostgreSQL schemas for the store
 * and for pg-boss's jobs in HOOKWATCH_BENCH_DATABASE_URL / HOOKWATCH_TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test, dropped afterwards) is started as a child process: by default the built CLI, `node bin/hookwatch.js serve`
 * (dist/ is rebuilt first when older than src/), or with `--from src` the sources, `node --import tsx
 * src/cli/run.ts serve`. It runs as shipped (analysis worker on, request logging at `--log-level`, default info, to a
 * file), except for the public rate limit, raised through HOOKWATCH_PUBLIC_RATE_LIMIT: all load comes from one
 * address. This process then drives it with a closed-loop load generator: C loops, each POSTing a report to
 * /api/v1/reports and waiting for the answer before the next one, for `--warmup` seconds (not counted) and then
 * `--duration` seconds (measured). Every body is distinct: a lookalike of a catalog brand (the engine's own
 * permutations: typos, homoglyphs, combosquats, TLD swaps) with a unique path, a phishing message linking to it,
 * sometimes a contact.
 *
 * The client (`--client`): `http` (default) is node:http with a keep-alive Agent of C sockets and bodies serialised
 * before the run starts; `fetch` is global fetch (undici) with keep-alive, the generator of earlier rounds. The
 * generator is not the system under test, but on a 2-core machine its CPU is taken from the server: fetch cost
 * 0.46-0.87 ms of CPU per request, node:http 0.06-0.16 ms (docs/operations.md has both). The server sees
 * the same requests either way (same bodies, same headers but for the client's own User-Agent/Accept lines).
 *
 * Printed per run: acknowledged reports/s (201s completed in the measured window), p50/p95/p99 latency of those
 * 201s, errors by status (and network errors by code), the CPU used by the server and by this process, and the queue
 * lag: how many reports are still `submitted` at the end of the window (read directly from the database: a
 * read-only SQLite connection, or a PostgreSQL query), how fast analysis went during the window, and how long after
 * the load stops until none is `submitted` (waited for at most `--drain-timeout` seconds, else extrapolated).
 *
 * Targets: ≥ 1,500 acknowledged reports/s at p99 < 100 ms on SQLite; analysis keeps up (on both): the backlog is
 * gone within LAG_TARGET_S seconds after the load stops. Each is marked PASS or MISS; a MISS never fails the process.
 * The load generator shares the machine (and its cores) with the server and, for PostgreSQL, with the database.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build.js';
import { parseArgs } from 'node:util';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { defaultCatalog } from '../src/catalog/index.js';
import { generatePermutations } from '../src/engine/index.js';
import { freePort } from '../test/support.js';

// Targets (see the project brief).
const TARGET_ACKS_PER_S = 1_500;
const TARGET_P99_MS = 100;
/** "Analysis keeps up": the backlog left when the load stops is gone within this many seconds. */
const LAG_TARGET_S = 10;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATABASE_URL = process.env['HOOKWATCH_BENCH_DATABASE_URL'] ?? process.env['HOOKWATCH_TEST_DATABASE_URL']
  ?? 'postgres://postgres@127.0.0.1:5432/test';

const START_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** A graceful stop waits up to 30 s for running jobs; then the server is killed. */
const STOP_TIMEOUT_MS = 40_000;
const SAMPLE_INTERVAL_MS = 1_000;
const DRAIN_POLL_MS = 250;

type DbName = 'sqlite' | 'postgres';

interface Options {
  readonly dbs: readonly DbName[];
  readonly concurrencies: readonly number[];
  readonly durationS: number;
  readonly warmupS: number;
  readonly from: 'dist' | 'src';
  readonly logLevel: string;
  readonly drainTimeoutS: number;
  /** Keep the data directories and server logs (their directory is printed). */
  readonly keep: boolean;
  /** Profile the server: `node --cpu-prof`, the .cpuprofile written to this directory when it stops. */
  readonly cpuProfDir: string | undefined;
  readonly client: 'http' | 'fetch';
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'sqlite,postgres' },
      concurrency: { type: 'string', default: '16,64' },
      duration: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      from: { type: 'string', default: 'dist' },
      'log-level': { type: 'string', default: 'info' },
      'drain-timeout': { type: 'string', default: '60' },
      keep: { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      client: { type: 'string', default: 'http' },
    },
  });
  const dbs = values.db.split(',').map((db) => {
    if (db !== 'sqlite' && db !== 'postgres') throw new Error(`--db: sqlite or postgres, not "${db}"`);
    return db;
  });
  const positive = (name: string, text: string): number => {
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not "${text}"`);
    return n;
  };
  if (values.from !== 'dist' && values.from !== 'src') throw new Error(`--from: dist or src, not "${values.from}"`);
  if (values.client !== 'http' && values.client !== 'fetch') throw new Error(`--client: http or fetch, not "${values.client}"`);
  return {
    dbs,
    concurrencies: values.concurrency.split(',').map((c) => Math.round(positive('concurrency', c))),
    durationS: positive('duration', values.duration),
    warmupS: Number(values.warmup),
    from: values.from,
    logLevel: values['log-level'],
    drainTimeoutS: positive('drain-timeout', values['drain-timeout']),
    keep: values.keep,
    cpuProfDir: values['cpu-prof'],
    client: values.client,
  };
}

// --- formatting -------------------------------------------------------------------------------------------------

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const fixed = (n: number, digits: number): string => n.toFixed(digits);

interface Verdict {
  readonly what: string;
  readonly figure: string;
  readonly target: string;
  readonly pass: boolean | undefined;
}

const verdicts: Verdict[] = [];

function judge(what: string, figure: string, target: string, pass: boolean | undefined): string {
  verdicts.push({ what, figure, target, pass });
  return `   [target ${target}: ${pass === undefined ? 'n/a' : pass ? 'PASS' : 'MISS'}]`;
}

// --- report bodies ----------------------------------------------------------------------------------------------

interface ReportBody {
  readonly url?: string;
  readonly text?: string;
  readonly contact?: string;
}

/** Lookalike hosts of the catalog's brands, from the engine's own permutation generator. */
function lookalikeHosts(): string[] {
  const hosts: string[] = [];
  for (const brand of defaultCatalog().brands) {
    const domain = brand.domains[0];
    if (domain === undefined) continue;
    const permutations = generatePermutations(domain);
    // A spread of techniques per brand, not just the first few typos.
    const step = Math.max(1, Math.floor(permutations.length / 12));
    for (let i = 0; i < permutations.length; i += step) {
      const permutation = permutations[i];
      if (permutation !== undefined) hosts.push(permutation.domain);
    }
    hosts.push(`${brand.keywords[0] ?? brand.id}-secure-login.com`, `account-${brand.keywords[0] ?? brand.id}.verify-id.net`);
  }
  return hosts;
}

const PATHS = ['/signin', '/login/verify', '/account/update', '/secure/confirm', '/wp-content/.well/index.php', '/billing', '/auth'];
const MESSAGES = [
  (link: string) => `Your account has been suspended. Restore access within 24 hours: ${link}`,
  (link: string) => `We could not deliver your parcel. Pay the customs fee (1.99 EUR) here: ${link} Thank you.`,
  (link: string) => `Unusual sign-in activity detected. If this was not you, verify your identity at ${link}.`,
  (link: string) => `Fwd: invoice overdue\n\nPlease review the attached invoice and confirm payment details on ${link}\n\nRegards, Billing`,
];

/** Distinct report bodies: body n is unique for every n (its path carries n and a run tag). */
function bodyMaker(): (n: number) => string {
  const hosts = lookalikeHosts();
  const tag = randomBytes(3).toString('hex');
  return (n) => {
    const host = hosts[(n * 7919) % hosts.length] ?? 'paypa1.com';
    const path = PATHS[n % PATHS.length] ?? '/';
    const url = `https://${host}${path}?c=${tag}${n.toString(36)}`;
    const message = MESSAGES[n % MESSAGES.length] ?? ((link: string) => link);
    let body: ReportBody;
    switch (n % 4) {
      case 0: body = { url }; break;
      case 1: body = { text: message(n % 8 === 1 ? url.replace(/^https/, 'hxxps') : url) }; break;
      case 2: body = { url, text: message(url), contact: `reporter${n}@example.org` }; break;
      default: body = { url, contact: `+4420${String(7_000_000 + n)}` }; break;
    }
    return JSON.stringify(body);
  };
}

// --- the server -------------------------------------------------------------------------------------------------




interface Server {
  readonly child: ChildProcess;
  readonly base: string;
  readonly logFile: string;
  readonly exited: Promise<void>;
}

function serverEnv(extra: Readonly<Record<string, string>>, logLevel: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('HOOKWATCH_')) env[name] = value;
  return { ...env, HOOKWATCH_PUBLIC_RATE_LIMIT: '1000000000', HOOKWATCH_LOG_LEVEL: logLevel, ...extra };
}

async function startServer(entry: readonly string[], dataDir: string, logFile: string, env: NodeJS.ProcessEnv): Promise<Server> {
  const port = await freePort();
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...entry, 'serve', '--host', '127.0.0.1', '--port', String(port), '--data', dataDir], {
    cwd: ROOT, env, stdio: ['ignore', log, log],
  });
  closeSync(log);
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => { live.delete(child); resolve(); }));
  const state = { dead: false };
  void exited.then(() => { state.dead = true; });
  const isDead = (): boolean => state.dead;
  const server = { child, base: `http://127.0.0.1:${port}`, logFile, exited };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && !isDead()) {
    try {
      const response = await fetch(`${server.base}/healthz`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not become healthy: ${tail(logFile)}`);
}

async function stopServer(server: Server): Promise<void> {
  server.child.kill('SIGTERM');
  const stopped = await Promise.race([server.exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
  if (!stopped) {
    console.log(`   (the server did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM: killed)`);
    server.child.kill('SIGKILL');
    await server.exited;
  }
}

/** Children to kill if this process is interrupted or fails. */
const live = new Set<ChildProcess>();

function tail(file: string, chars = 1_500): string {
  try {
    return readFileSync(file, 'utf8').slice(-chars);
  } catch {
    return '(no log)';
  }
}

/** CPU seconds (user + system) the process has used, from /proc (Linux); undefined elsewhere. */
function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

/** Error-level lines (pino level ≥ 50) of the server's log, by message, and queue errors the CLI printed. */
function logProblems(file: string): Map<string, number> {
  const problems = new Map<string, number>();
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return problems;
  }
  for (const line of text.split('\n')) {
    let message: string | undefined;
    if (line.startsWith('{')) {
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
        if ((entry.level ?? 0) >= 50) message = `${entry.msg ?? ''}: ${entry.err?.message ?? ''}`;
      } catch {
        message = undefined;
      }
    } else if (line.startsWith('hookwatch queue:') || line.includes('Warning') || line.includes('Error')) {
      message = line;
    }
    if (message !== undefined) {
      const key = message.slice(0, 200);
      problems.set(key, (problems.get(key) ?? 0) + 1);
    }
  }
  return problems;
}

// --- the databases ----------------------------------------------------------------------------------------------

interface Database {
  readonly name: DbName;
  /** Environment for the server. */
  readonly env: Readonly<Record<string, string>>;
  /** Reports per status. */
  counts(): Promise<{ submitted: number; total: number }>;
  close(): Promise<void>;
}

function sqliteDatabase(dataDir: string): Database {
  let db: Sqlite.Database | undefined;
  return {
    name: 'sqlite',
    env: {},
    counts: () => {
      // Opened on first use (the server creates the file); read-only, so it never takes the write lock.
      db ??= new Sqlite(join(dataDir, 'hookwatch.db'), { readonly: true, fileMustExist: true });
      const row = db.prepare(`select count(*) as total, coalesce(sum(status = 'submitted'), 0) as submitted from reports`).get() as
        { total: number; submitted: number };
      return Promise.resolve(row);
    },
    close: () => {
      db?.close();
      return Promise.resolve();
    },
  };
}

async function postgresDatabase(): Promise<Database> {
  const schema = `hw_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  // pg-boss's jobs in a fresh schema of their own too (as in test/crash.test.ts): in the default `pgboss` schema,
  // any other hookwatch server on this database (another engineer's bench or crash test) takes this run's jobs,
  // finds no such report in its own store, and the reports stay `submitted` (or, if it is killed, the jobs `active`).
  const queueSchema = `${schema}_jobs`;
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    name: 'postgres',
    env: { HOOKWATCH_DATABASE_URL: url.toString(), HOOKWATCH_QUEUE_SCHEMA: queueSchema },
    counts: async () => {
      const { rows } = await admin.query<{ total: number; submitted: number }>(
        `select count(*)::int as total, (count(*) filter (where status = 'submitted'))::int as submitted from ${schema}.reports`);
      return rows[0] ?? { total: 0, submitted: 0 };
    },
    close: async () => {
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.query(`drop schema if exists ${queueSchema} cascade`);
      await admin.end();
    },
  };
}

async function postgresProblem(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string }>('select version() as version');
    console.log(`postgres: ${rows[0]?.version.split(' on ')[0] ?? '?'} at ${DATABASE_URL.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

// --- the load ---------------------------------------------------------------------------------------------------

interface Load {
  /** Latencies (ms) of the 201s completed in the measured window. */
  readonly latencies: number[];
  /** The longest time (ms) in the window during which no request completed: a stalled server. */
  readonly longestGapMs: number;
  /** Non-201 answers and network errors completed in the measured window, by status or error code. */
  readonly errors: Map<string, number>;
  /** Same, over the whole run (warm-up and the requests in flight at the end included). */
  readonly errorsAll: Map<string, number>;
  readonly measuredS: number;
  /** Backlog (`submitted`) and total reports sampled every second during the measured window. */
  readonly samples: { t: number; submitted: number; total: number }[];
  readonly serverCpuS: number | undefined;
  /** The server's CPU seconds when the measured window began (for the CPU per report until drained). */
  readonly serverCpuAtStart: number | undefined;
  readonly clientCpuS: number;
}

function errorCode(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'timeout';
    const cause = (error as { cause?: { code?: unknown } }).cause;
    if (typeof cause?.code === 'string') return cause.code; // fetch
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code; // node:http
    return error.message.slice(0, 60);
  }
  return String(error).slice(0, 60);
}

async function drive(server: Server, db: Database, concurrency: number, options: Options, body: (n: number) => string): Promise<Load> {
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  const errorsAll = new Map<string, number>();
  const samples: { t: number; submitted: number; total: number }[] = [];
  const bump = (map: Map<string, number>, key: string): void => { map.set(key, (map.get(key) ?? 0) + 1); };
  const start = performance.now();
  const measureFrom = start + options.warmupS * 1_000;
  const measureTo = measureFrom + options.durationS * 1_000;
  let n = 0;
  let lastDone = measureFrom;
  let longestGapMs = 0;
  let serverCpuStart: number | undefined;
  let clientCpuStart = process.cpuUsage();
  const { post, close } = loadClient(server.base, concurrency, options.client);
  // node:http: every body serialised before the run (as a Buffer, so nothing is encoded per request); more than the
  // fastest run needs, and body(n) on the fly beyond that. fetch: serialised per request, as the earlier rounds did.
  const bodies = options.client === 'http'
    ? Array.from({ length: Math.ceil((options.warmupS + options.durationS) * PRESERIALISED_PER_S) }, (_, i) => Buffer.from(body(i)))
    : undefined;

  const loop = async (): Promise<void> => {
    while (performance.now() < measureTo) {
      const i = n++;
      const payload = bodies?.[i] ?? body(i);
      const sent = performance.now();
      let outcome: string;
      try {
        outcome = String(await post(payload));
      } catch (error) {
        outcome = errorCode(error);
      }
      const done = performance.now();
      const measured = done >= measureFrom && done < measureTo;
      if (measured) {
        longestGapMs = Math.max(longestGapMs, done - lastDone);
        lastDone = done;
      }
      if (outcome === '201') {
        if (measured) latencies.push(done - sent);
      } else {
        bump(errorsAll, outcome);
        if (measured) bump(errors, outcome);
      }
    }
  };

  const sampler = async (): Promise<void> => {
    while (performance.now() < measureFrom) await sleep(20);
    serverCpuStart = processCpuSeconds(server.child.pid);
    clientCpuStart = process.cpuUsage();
    while (performance.now() < measureTo) {
      const t = (performance.now() - measureFrom) / 1_000;
      samples.push({ t, ...(await db.counts()) });
      await sleep(Math.min(SAMPLE_INTERVAL_MS, Math.max(0, measureTo - performance.now())));
    }
  };

  const sampling = sampler();
  await Promise.all(Array.from({ length: concurrency }, loop));
  await sampling;
  close();
  const serverCpuEnd = processCpuSeconds(server.child.pid);
  const client = process.cpuUsage(clientCpuStart);
  const measuredS = options.durationS;
  return {
    latencies, errors, errorsAll, measuredS, samples, longestGapMs,
    serverCpuS: serverCpuStart === undefined || serverCpuEnd === undefined ? undefined : serverCpuEnd - serverCpuStart,
    serverCpuAtStart: serverCpuStart,
    clientCpuS: (client.user + client.system) / 1e6,
  };
}

/** Bodies serialised before a run with `--client http`, per second of it: above any rate this machine reaches. */
const PRESERIALISED_PER_S = 3_000;

interface Client {
  /** POSTs one report body; resolves with the status once the whole answer has been read. */
  readonly post: (body: string | Buffer) => Promise<number>;
  readonly close: () => void;
}

/** The load generator's HTTP client (see `--client` above). */
function loadClient(base: string, concurrency: number, kind: 'http' | 'fetch'): Client {
  const url = `${base}/api/v1/reports`;
  if (kind === 'fetch') {
    return {
      post: async (body) => {
        const response = await fetch(url, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        await response.arrayBuffer();
        return response.status;
      },
      close: () => undefined,
    };
  }
  const { hostname, port } = new URL(base);
  // One socket per loop, kept open: a closed loop never has more than C requests in flight.
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  return {
    post: (body) => new Promise<number>((resolve, reject) => {
      const request = http.request({
        agent, hostname, port, method: 'POST', path: '/api/v1/reports', timeout: REQUEST_TIMEOUT_MS,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      }, (response) => {
        response.on('error', reject);
        response.on('end', () => { resolve(response.statusCode ?? 0); });
        response.resume(); // the answer is read and dropped: only its status counts
      });
      request.on('timeout', () => { request.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })); });
      request.on('error', reject);
      request.end(body);
    }),
    close: () => { agent.destroy(); },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// --- one run ----------------------------------------------------------------------------------------------------

interface Drain {
  readonly backlogAtEnd: number;
  /** Seconds from the end of the load until no report was `submitted`, or undefined if not within the timeout. */
  readonly seconds: number | undefined;
  readonly left: number;
  readonly rate: number;
}

async function drain(db: Database, timeoutS: number): Promise<Drain> {
  const started = performance.now();
  const first = await db.counts();
  let current = first.submitted;
  while (current > 0 && performance.now() - started < timeoutS * 1_000) {
    await sleep(DRAIN_POLL_MS);
    current = (await db.counts()).submitted;
  }
  const seconds = (performance.now() - started) / 1_000;
  return {
    backlogAtEnd: first.submitted,
    seconds: current === 0 ? seconds : undefined,
    left: current,
    rate: seconds > 0 ? (first.submitted - current) / seconds : 0,
  };
}

async function runOnce(db: Database, entry: readonly string[], concurrency: number, options: Options, root: string): Promise<void> {
  const label = `${db.name}, C = ${concurrency}`;
  const dataDir = join(root, `${db.name}-c${concurrency}`);
  const logFile = join(root, `${db.name}-c${concurrency}.log`);
  const server = await startServer(entry, dataDir, logFile, serverEnv(db.env, options.logLevel));
  const body = bodyMaker();
  try {
    await db.counts(); // the schema exists once the server is healthy
    const load = await drive(server, db, concurrency, options, body);
    const drained = await drain(db, options.drainTimeoutS);
    const serverCpuDrained = processCpuSeconds(server.child.pid);
    const finalCounts = await db.counts();
    const sorted = [...load.latencies].sort((a, b) => a - b);
    const acksPerS = load.latencies.length / load.measuredS;
    const [p50, p95, p99] = [percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99)];
    const firstSample = load.samples[0];
    const lastSample = load.samples.at(-1);
    let analysedPerS = Number.NaN;
    let intakePerS = Number.NaN;
    if (firstSample !== undefined && lastSample !== undefined && lastSample.t > firstSample.t) {
      const span = lastSample.t - firstSample.t;
      intakePerS = (lastSample.total - firstSample.total) / span;
      analysedPerS = ((lastSample.total - lastSample.submitted) - (firstSample.total - firstSample.submitted)) / span;
    }
    const maxBacklog = Math.max(0, ...load.samples.map((s) => s.submitted));

    console.log(`\n${label}`);
    const sqlite = db.name === 'sqlite';
    console.log(`   acknowledged: ${int(acksPerS)} reports/s (${int(load.latencies.length)} in ${load.measuredS} s)` +
      judge(`${label}: acknowledged reports/s`, `${int(acksPerS)}/s`, sqlite ? `≥ ${int(TARGET_ACKS_PER_S)}/s` : 'none (SQLite only)',
        sqlite ? acksPerS >= TARGET_ACKS_PER_S : undefined));
    const max = sorted.at(-1) ?? Number.NaN;
    console.log(`   latency of 201s: p50 ${fixed(p50, 1)} ms, p95 ${fixed(p95, 1)} ms, p99 ${fixed(p99, 1)} ms (max ${fixed(max, 0)} ms; ` +
      `longest time without any answer ${fixed(load.longestGapMs, 0)} ms)` +
      judge(`${label}: p99 latency`, `${fixed(p99, 1)} ms`, sqlite ? `< ${TARGET_P99_MS} ms` : 'none (SQLite only)',
        sqlite ? p99 < TARGET_P99_MS : undefined));
    const errorList = [...load.errors].map(([k, v]) => `${k} × ${int(v)}`).join(', ');
    const allList = [...load.errorsAll].map(([k, v]) => `${k} × ${int(v)}`).join(', ');
    console.log(`   errors in the window: ${errorList === '' ? 'none' : errorList}` +
      (allList === errorList ? '' : ` (whole run incl. warm-up: ${allList})`));
    const cpu = load.serverCpuS === undefined ? '?' : `${fixed((100 * load.serverCpuS) / load.measuredS, 0)} %`;
    console.log(`   CPU: server ${cpu} of one core, load generator ${fixed((100 * load.clientCpuS) / load.measuredS, 0)} % ` +
      `(${cpus().length} cores)`);
    // The machine-independent figure: the server's CPU from the start of the window until the backlog was gone,
    // over the reports analysed in that span (each of which was also taken in, give or take the warm-up's backlog).
    if (firstSample !== undefined && load.serverCpuAtStart !== undefined && serverCpuDrained !== undefined) {
      const analysed = (finalCounts.total - finalCounts.submitted) - (firstSample.total - firstSample.submitted);
      const stored = finalCounts.total - firstSample.total;
      const perReport = (1_000 * (serverCpuDrained - load.serverCpuAtStart)) / Math.max(1, analysed);
      console.log(`   server CPU per report (intake + analysis, window start until drained): ${fixed(perReport, 2)} ms ` +
        `(${int(analysed)} analysed, ${int(stored)} stored); load generator ${fixed((1_000 * load.clientCpuS) / Math.max(1, load.latencies.length), 2)} ms per request`);
    }
    console.log(`   analysis during the window: ${int(analysedPerS)} reports/s analysed vs ${int(intakePerS)}/s stored; ` +
      `backlog max ${int(maxBacklog)}, ${int(drained.backlogAtEnd)} still submitted when the load stopped`);
    const lag = drained.seconds !== undefined
      ? `backlog gone ${fixed(drained.seconds, 1)} s after the load stopped`
      : `${int(drained.left)} still submitted after ${options.drainTimeoutS} s (draining at ${int(drained.rate)}/s` +
        (drained.rate > 0 ? `: ~${int(drained.left / drained.rate)} s more` : ': not draining') + ')';
    const lagS = drained.seconds ?? Number.POSITIVE_INFINITY;
    console.log(`   queue lag: ${lag}` +
      judge(`${label}: queue lag`, drained.seconds === undefined ? `> ${options.drainTimeoutS} s` : `${fixed(lagS, 1)} s`, `≤ ${LAG_TARGET_S} s`, lagS <= LAG_TARGET_S));
    const problems = logProblems(logFile);
    if (problems.size > 0) {
      console.log('   server log, errors:');
      for (const [message, count] of [...problems].slice(0, 8)) console.log(`     ${int(count)} × ${message}`);
    }
  } finally {
    await stopServer(server);
  }
}

function fsyncLatencyMs(dir: string): number {
  const file = join(dir, 'fsync-probe');
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(4096, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < 100; i++) {
      writeSync(fd, block, 0, block.length, (i % 16) * 4096);
      const t = performance.now();
      fsyncSync(fd);
      times.push(performance.now() - t);
    }
  } finally {
    closeSync(fd);
    rmSync(file);
  }
  return percentile(times.sort((a, b) => a - b), 50);
}

async function main(): Promise<void> {
  const options = parseOptions();
  const root = mkdtempSync(join(tmpdir(), 'hookwatch-intake-'));
  let entry: string[];
  let from: string;
  const built = options.from === 'dist' ? ensureBuilt() : 'sources requested';
  if (built === null) {
    entry = [join(ROOT, 'bin', 'hookwatch.js')];
    from = 'node bin/hookwatch.js serve (dist/, built from current src/)';
  } else {
    entry = ['--import', 'tsx', join(ROOT, 'src', 'cli', 'run.ts')];
    from = `node --import tsx src/cli/run.ts serve (sources${options.from === 'dist' ? `; dist unusable: ${built}` : ''})`;
  }
  console.log('hookwatch report intake (POST /api/v1/reports), closed loop');
  console.log(`server: ${from}; log level ${options.logLevel} (to a file); rate limit raised via HOOKWATCH_PUBLIC_RATE_LIMIT`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}; data in ${root}; ` +
    `fsync of a 4 KiB write there: p50 ${fixed(fsyncLatencyMs(root), 2)} ms`);
  console.log(`load: ${options.warmupS} s warm-up, then ${options.durationS} s measured, per concurrency ${options.concurrencies.join(', ')}; ` +
    `${options.client === 'http' ? 'node:http, keep-alive Agent, bodies serialised beforehand' : 'global fetch (undici) with keep-alive'}, distinct lookalike reports`);

  const onSignal = (): void => {
    for (const child of live) child.kill('SIGKILL');
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    if (options.cpuProfDir !== undefined) {
      entry = ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir, ...entry];
      console.log(`server CPU profiles: ${options.cpuProfDir}`);
    }
    for (const name of options.dbs) {
      if (name === 'postgres') {
        const problem = await postgresProblem();
        if (problem !== undefined) {
          console.log(`\npostgres: SKIPPED, unreachable (${problem}); set HOOKWATCH_BENCH_DATABASE_URL`);
          continue;
        }
      }
      for (const concurrency of options.concurrencies) {
        const db = name === 'sqlite' ? sqliteDatabase(join(root, `sqlite-c${concurrency}`)) : await postgresDatabase();
        try {
          await runOnce(db, entry, concurrency, options, root);
        } finally {
          await db.close();
        }
      }
    }
  } finally {
    for (const child of live) child.kill('SIGKILL');
    if (options.keep) console.log(`\nkept: data directories and server logs in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }

  console.log('\nsummary');
  for (const v of verdicts) {
    console.log(`   ${v.pass === undefined ? '  -  ' : v.pass ? 'PASS ' : 'MISS '} ${v.what}: ${v.figure} (target ${v.target})`);
  }
}

await main();
