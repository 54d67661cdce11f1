/**
 * The platform commands' composition root: config → catalog → engine → store → queue → app. Each command builds
 * only what it needs and closes what it opened.
 *   serve    HTTP API + an in-process analysis worker (disable with --no-worker)
 *   worker   queue consumers only (scale-out on PostgreSQL: N serve + M worker processes on one database)
 *   migrate  apply database migrations
 *   keys create --role R --name N   prints the new API key as its last line (shown once, stored hashed)
 *   users create --email E --role R  reads the password from HOOKWATCH_PASSWORD or stdin
 *   audit verify                      checks the hash chain of the audit log and names the first bad entry
 *   config print                      the effective configuration, secrets masked
 */
import type { Catalog, Engine } from '../engine/index.js';
import { createSandboxedAnalyser, MAIL_ANALYSER_VERSION, type MailAnalyser, type SandboxedAnalyser } from '../mail/index.js';
import { defaultCatalog, loadCatalogFile } from '../catalog/index.js';
import { loadConfig, printableConfig, type Config, type ConfigInput } from '../config/config.js';
import { migrateToLatest, openStore, ROLES, storeJobStore, verifyAuditChain, type Role, type Store } from '../store/index.js';
import { inProcessQueue } from '../queue/in-process.js';
import { pgBossQueue } from '../queue/pg-boss.js';
import type { JobQueue } from '../queue/queue.js';
import { buildApp } from '../server/app.js';
import { hashPassword, passwordProblem } from '../server/passwords.js';
import { analyseReport, requeueSubmitted } from '../worker/analyse-report.js';
import { openCatalog, type CatalogHolder } from '../worker/catalog.js';
import { rescoreIndicators } from '../worker/rescore.js';

/**
 * Analysis jobs run at once per process, on PostgreSQL (each pg-boss slot is a polling loop that takes one job at a
 * time and waits mostly for the analysis's group commit). With 4, analysis ran at 65 reports/s while intake stored
 * 255/s (bench:intake, C = 16, lag 24 s); with 16 it kept pace (137/s each, lag 0.3 s). An idle slot polls once per
 * POLLING_INTERVAL_SECONDS, so 16 slots cost 8 cheap queries/s per idle process.
 */
export const WORKER_CONCURRENCY = 16;
/**
 * The same in the embedded mode. A job spends most of its time waiting: for the claim's group commit, for the single
 * SQLite connection (its two reads), for the analysis's group commit; each wait is about one batch of the intake's
 * writes. So analysis runs at about slots / (3 batches), whatever CPU is left: with 32 slots it fell to ~350
 * reports/s while intake stored ~1,700/s (bench:intake, C = 64), the backlog grew to 22,000 and took 20 s to drain.
 * With 256, analysis keeps pace with intake (~1,450/s each, lag 0.3 s), its writes share the intake's commits, and
 * the server's CPU per report fell from 0.86 to 0.54 ms. Memory: a running job holds its report, so the worst case
 * is 256 reports of up to MAX_REPORT_EMAIL_CHARS (1 MB) e-mail each in flight.
 */
export const EMBEDDED_WORKER_CONCURRENCY = 256;

export interface PlatformIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly readStdin: () => Promise<string>;
  /** Resolves when the process is asked to stop (SIGTERM/SIGINT). */
  readonly stopSignal: Promise<string>;
}

export interface CommonFlags {
  readonly host?: string | undefined;
  readonly port?: string | undefined;
  readonly data?: string | undefined;
  readonly config?: string | undefined;
  readonly brands?: string | undefined;
}

export function platformConfig(flags: CommonFlags, env: PlatformIo['env']): Config {
  const input: ConfigInput = { host: flags.host, port: flags.port, dataDir: flags.data, brands: flags.brands };
  return loadConfig({ flags: input, env, ...(flags.config === undefined ? {} : { file: flags.config }) });
}

async function seedCatalog(config: Config): Promise<Catalog> {
  return config.brands === undefined ? defaultCatalog() : loadCatalogFile(config.brands);
}

/** How often a process checks the stored catalog for changes made by other processes. */
export const CATALOG_REFRESH_MS = 10_000;

async function storeFor(config: Config): Promise<Store> {
  const store = await openStore({ dataDir: config.dataDir, ...(config.databaseUrl === undefined ? {} : { url: config.databaseUrl }) });
  await migrateToLatest(store);
  return store;
}

function queueFor(config: Config, store: Store, io: PlatformIo): JobQueue {
  const onError = (error: unknown): void => { io.stderr.write(`hookwatch queue: ${error instanceof Error ? error.message : String(error)}\n`); };
  if (config.databaseUrl !== undefined) return pgBossQueue({ connectionString: config.databaseUrl, schema: config.queueSchema, onError });
  // Embedded mode: the in-process queue keeps its jobs in the SQLite store (the `jobs` table), so none is lost in a crash.
  return inProcessQueue({ store: storeJobStore(store), onError });
}

/**
 * The e-mail analyser of this worker, sandboxed (PA-8: parsing in threads with a heap cap and a wall-clock kill),
 * for the current catalog: a catalog change recompiles the engine, and a new sandbox follows; the old one finishes
 * the messages it was given, then its threads end.
 */
export function mailAnalyserFor(catalog: CatalogHolder): () => MailAnalyser {
  let current: { engine: Engine; analyser: SandboxedAnalyser } | undefined;
  const sandbox = (): SandboxedAnalyser => {
    const engine = catalog.engine();
    if (current?.engine !== engine) {
      void current?.analyser.close();
      current = { engine, analyser: createSandboxedAnalyser({ catalog: catalog.catalog() }) };
    }
    return current.analyser;
  };
  // analyseReport takes its analyser when the job starts and analyses only after reading the report: a catalog change
  // meanwhile (another job's refresh) closed that sandbox, which answers every later message 'was closed', and that
  // error became the report's analysis. What is handed out finds the current sandbox when it analyses.
  const analyser: MailAnalyser = { version: MAIL_ANALYSER_VERSION, analyse: (raw) => sandbox().analyse(raw) };
  return () => {
    sandbox();
    return analyser;
  };
}

async function startWorker(store: Store, catalog: CatalogHolder, queue: JobQueue): Promise<void> {
  const concurrency = store.dialect.name === 'sqlite' ? EMBEDDED_WORKER_CONCURRENCY : WORKER_CONCURRENCY;
  const mailAnalyser = mailAnalyserFor(catalog);
  await queue.work('analyse-report', async (job) => {
    await catalog.refresh();
    await analyseReport(store, catalog.engine(), job.payload.reportId, () => new Date(), mailAnalyser(), job.completeWithin);
  }, { concurrency });
  await queue.work('rescore-indicators', async () => {
    await catalog.refresh();
    await rescoreIndicators(store, catalog.engine());
  }, { concurrency: 1 });
}

/** After start-up (the server already answers): re-queue what a crash left `submitted`. */
function recover(store: Store, queue: JobQueue, io: PlatformIo): void {
  requeueSubmitted(store, (reportId) => queue.send('analyse-report', { reportId }, { singletonKey: reportId }))
    .then((count) => { if (count > 0) io.stderr.write(`hookwatch: re-queued ${count} reports left unanalysed\n`); })
    .catch((error: unknown) => { io.stderr.write(`hookwatch: re-queueing failed: ${String(error)}\n`); });
}

function refreshEvery(catalog: CatalogHolder, io: PlatformIo): () => void {
  const timer = setInterval(() => {
    catalog.refresh().catch((error: unknown) => { io.stderr.write(`hookwatch catalog refresh: ${String(error)}\n`); });
  }, CATALOG_REFRESH_MS);
  timer.unref();
  return () => { clearInterval(timer); };
}

export async function serve(flags: CommonFlags & { readonly worker: boolean }, io: PlatformIo): Promise<number> {
  const config = platformConfig(flags, io.env);
  const seed = await seedCatalog(config);
  const store = await storeFor(config);
  const catalog = await openCatalog(store, seed);
  const stopRefresh = refreshEvery(catalog, io);
  const queue = queueFor(config, store, io);
  await queue.start();
  // On PostgreSQL the in-process worker gets its own connection pool, so a busy API cannot starve analysis of
  // connections. (SQLite: one connection per process, since a second one would block the event loop on its lock.)
  const workerStore = flags.worker && config.databaseUrl !== undefined ? await storeFor(config) : store;
  if (flags.worker) await startWorker(workerStore, catalog, queue);
  const app = await buildApp({
    config, engine: () => catalog.engine(), catalog, store, queue, logger: true,
    ready: async () => { await store.db.selectFrom('audit_head').select('id').limit(1).execute(); },
  });
  const address = await app.listen({ host: config.host, port: config.port });
  io.stderr.write(`hookwatch: serving on ${address} (${config.databaseUrl === undefined ? `SQLite in ${config.dataDir}` : 'PostgreSQL'})\n`);
  if (flags.worker) recover(workerStore, queue, io);
  const signal = await io.stopSignal;
  io.stderr.write(`hookwatch: ${signal}: shutting down\n`);
  stopRefresh();
  await app.close();
  await queue.stop({ graceful: true });
  if (workerStore !== store) await workerStore.close();
  await store.close();
  return 0;
}

export async function worker(flags: CommonFlags, io: PlatformIo): Promise<number> {
  const config = platformConfig(flags, io.env);
  const seed = await seedCatalog(config);
  const store = await storeFor(config);
  const catalog = await openCatalog(store, seed);
  const queue = queueFor(config, store, io);
  await queue.start();
  await startWorker(store, catalog, queue);
  recover(store, queue, io);
  io.stderr.write('hookwatch: worker running\n');
  await io.stopSignal;
  await queue.stop({ graceful: true });
  await store.close();
  return 0;
}

export async function migrate(flags: CommonFlags, io: PlatformIo): Promise<number> {
  const config = platformConfig(flags, io.env);
  const store = await openStore({ dataDir: config.dataDir, ...(config.databaseUrl === undefined ? {} : { url: config.databaseUrl }) });
  try {
    const applied = await migrateToLatest(store);
    io.stdout.write(applied.length === 0 ? 'database is up to date\n' : `applied: ${applied.join(', ')}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

function parseRole(role: string | undefined): Role | undefined {
  return ROLES.find((r) => r === role);
}

export async function createKey(flags: CommonFlags & { readonly role?: string | undefined; readonly name?: string | undefined }, io: PlatformIo): Promise<number> {
  const role = parseRole(flags.role);
  if (role === undefined || flags.name === undefined || flags.name.length === 0) {
    io.stderr.write(`hookwatch keys create: --role (${ROLES.join('|')}) and --name are required\n`);
    return 2;
  }
  const store = await storeFor(platformConfig(flags, io.env));
  try {
    const name = flags.name;
    const created = await store.transaction(async (repos) => {
      const made = await repos.apiKeys.create({ name, role });
      await repos.audit.append({ actor: 'cli', action: 'api_key.created', target: `api_key:${made.apiKey.id}`, details: { role, name } });
      return made;
    });
    io.stdout.write(`created API key ${created.apiKey.id} (${role}, "${flags.name}"); it is shown once:\n${created.key}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function createUser(flags: CommonFlags & { readonly role?: string | undefined; readonly email?: string | undefined }, io: PlatformIo): Promise<number> {
  const role = parseRole(flags.role);
  if (role === undefined || flags.email === undefined || !flags.email.includes('@')) {
    io.stderr.write(`hookwatch users create: --email and --role (${ROLES.join('|')}) are required\n`);
    return 2;
  }
  const password = (io.env['HOOKWATCH_PASSWORD'] ?? (await io.readStdin())).replace(/\r?\n$/, '');
  const problem = passwordProblem(password);
  if (problem !== undefined) {
    io.stderr.write(`hookwatch users create: the password (HOOKWATCH_PASSWORD or stdin): ${problem}\n`);
    return 2;
  }
  const store = await storeFor(platformConfig(flags, io.env));
  try {
    const passwordHash = await hashPassword(password);
    const email = flags.email;
    const result = await store.transaction(async (repos) => {
      const made = await repos.users.create({ email, passwordHash, role });
      if (!made.conflict) await repos.audit.append({ actor: 'cli', action: 'user.created', target: `user:${made.user.id}`, details: { role } });
      return made;
    });
    if (result.conflict) {
      io.stderr.write(`hookwatch users create: ${flags.email} already exists\n`);
      return 1;
    }
    io.stdout.write(`created user ${result.user.id} (${flags.email}, ${role})\n`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function auditVerify(flags: CommonFlags, io: PlatformIo): Promise<number> {
  const store = await storeFor(platformConfig(flags, io.env));
  try {
    const verification = await verifyAuditChain(store.db);
    if (verification.ok) {
      io.stdout.write(`audit log intact: ${verification.count} entries, hash chain verified\n`);
      return 0;
    }
    io.stdout.write(`audit log BROKEN at entry ${verification.seq}: ${verification.reason}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

export function configPrint(flags: CommonFlags, io: PlatformIo): number {
  io.stdout.write(`${JSON.stringify(printableConfig(platformConfig(flags, io.env)), null, 2)}\n`);
  return 0;
}
