/**
 * The store's share of report intake, without HTTP: N distinct reports created (report, contact, audit entry, job)
 * C at a time through the real SQLite store (WAL, synchronous=FULL) or PostgreSQL, each analysed by the in-process
 * queue's worker as `hookwatch serve` wires it in the embedded mode (EMBEDDED_WORKER_CONCURRENCY slots, the job sent in
 * the report's transaction, completed in the analysis's; on PostgreSQL too, where `serve` uses pg-boss instead). Prints
 * the process CPU per report (intake + analysis), which is far steadier on a shared machine than the HTTP bench's
 * reports/s.
 *
 *   npm run bench:store [-- --db sqlite|postgres] [--reports 4000] [--concurrency 32] [--rounds 3]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCatalog } from '../src/catalog/index.js';
import { EMBEDDED_WORKER_CONCURRENCY } from '../src/cli/platform.js';
import { createEngine } from '../src/engine/index.js';
import { inProcessQueue } from '../src/queue/in-process.js';
import { openStore, migrateToLatest } from '../src/store/index.js';
import { storeJobStore } from '../src/store/jobs.repo.js';
import { payloadHash } from '../src/server/reports.routes.js';
import { analyseReport } from '../src/worker/analyse-report.js';
import { TEST_DATABASE_URL } from '../src/store/test-stores.js';
import pg from 'pg';

const { values } = parseArgs({ options: {
  db: { type: 'string', default: 'sqlite' }, reports: { type: 'string', default: '4000' },
  concurrency: { type: 'string', default: '32' }, rounds: { type: 'string', default: '3' },
} });
const N = Number(values.reports);
const C = Number(values.concurrency);

async function round(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hw-store-bench-'));
  let schema: string | undefined;
  let url: string | undefined;
  if (values.db === 'postgres') {
    schema = `hw_sbench_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect(); await admin.query(`create schema ${schema}`); await admin.end();
    const u = new URL(TEST_DATABASE_URL); u.searchParams.set('options', `-c search_path=${schema}`); url = u.toString();
  }
  const store = await openStore({ dataDir: dir, ...(url === undefined ? {} : { url }) });
  await migrateToLatest(store);
  const engine = createEngine(defaultCatalog());
  const queue = inProcessQueue({ store: storeJobStore(store), onError: (e) => { console.error(e); } });
  await queue.start();
  let analysed = 0;
  await queue.work('analyse-report', async (job) => {
    await analyseReport(store, engine, job.payload.reportId, () => new Date(), undefined, job.completeWithin);
    analysed++;
  }, { concurrency: EMBEDDED_WORKER_CONCURRENCY });
  const tag = randomBytes(3).toString('hex');
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const loop = async (): Promise<void> => {
    while (next < N) {
      const n = next++;
      const body = n % 2 === 0
        ? { url: `https://paypa1-secure.com/login/${tag}/${n}` }
        : { url: `https://account-paypal.verify-id.net/x${n}?c=${tag}`, contact: `r${n}@example.org` };
      await store.reports.create({ ...body, payloadHash: payloadHash(body), actor: 'public' }, (tx, reportId) =>
        queue.sendWithin(tx, 'analyse-report', { reportId }, { singletonKey: reportId }));
    }
  };
  await Promise.all(Array.from({ length: C }, loop));
  const intakeMs = performance.now() - t0;
  const cpuIntake = process.cpuUsage(cpu0);
  while (analysed < N) await new Promise((r) => setTimeout(r, 5));
  const totalMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const verify = await store.audit.verify();
  await queue.stop({ graceful: true });
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  if (schema !== undefined) {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect(); await admin.query(`drop schema ${schema} cascade`); await admin.end();
  }
  const ms = (u: NodeJS.CpuUsage): string => ((u.user + u.system) / 1000 / N).toFixed(3);
  console.log(`${values.db} N=${N} C=${C}: intake ${(N / intakeMs * 1000).toFixed(0)}/s, all analysed after ${(totalMs / 1000).toFixed(2)} s; ` +
    `CPU/report ${ms(cpu)} ms (user ${(cpu.user / 1000 / N).toFixed(3)}, system ${(cpu.system / 1000 / N).toFixed(3)}; ` +
    `while intake ran ${ms(cpuIntake)}); audit chain ${verify.ok ? `ok (${verify.count})` : 'BROKEN'}`);
}

for (let i = 0; i < Number(values.rounds); i++) await round();
