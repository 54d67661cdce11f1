/**
 * Console page load with a large store (issue: "< 500 ms with 100,000 indicators"). Seeds a SQLite store with
 * INDICATORS indicators judged by the real engine (made-up lookalikes of the built-in catalog's brands) and
 * REPORTS reports linked to them, starts `hookwatch serve` on it, signs in in Debian's Chromium and times each
 * console page from navigation until its content is on screen. Run: `npm run bench:console [-- --indicators N]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCatalog } from '../src/catalog/index.js';
import { createEngine } from '../src/engine/index.js';
import { migrateToLatest, openStore } from '../src/store/index.js';
import { buildIfStale, createUser, launchBrowser, newContext, signIn, startServer } from '../test/browser/harness.js';

const { values } = parseArgs({ options: { indicators: { type: 'string', default: '100000' }, runs: { type: 'string', default: '7' } } });
const INDICATORS = Number(values.indicators);
const REPORTS = Math.ceil(INDICATORS / 5);
const RUNS = Number(values.runs);
const BATCH = 500;
const PASSWORD = 'correct horse battery staple';
const SHAPES = ['{b}-secure-login.com/signin', 'www.{b}.com.account-verify{n}.ru/auth', '{b}-support{n}.net/', 'login-{b}{n}.app/verify', '{b}{n}.co/wallet'];

async function seed(dataDir: string): Promise<void> {
  const store = await openStore({ dataDir });
  await migrateToLatest(store);
  const catalog = defaultCatalog();
  const engine = createEngine(catalog);
  const brandIds = catalog.brands.map((b) => b.id);
  const start = Date.now();
  const day = 86_400_000;
  const indicatorIds: string[] = [];
  for (let i = 0; i < INDICATORS; i += BATCH) {
    const rows = [];
    for (let j = i; j < Math.min(INDICATORS, i + BATCH); j++) {
      const key = (SHAPES[j % SHAPES.length] ?? '').replace('{b}', brandIds[j % brandIds.length] ?? 'x').replace('{n}', String(j));
      const result = engine.check(`http://${key}`);
      const seen = new Date(start - (j * 30 * day) / INDICATORS).toISOString();
      const id = crypto.randomUUID();
      indicatorIds.push(id);
      rows.push({
        id, key, key_hash: j.toString(16).padStart(64, '0'), kind: 'url' as const, value: `http://${key}`, host: result.host ?? key,
        domain: result.domain ?? null, verdict: result.verdict, score: result.score, brand: result.brand, signals: JSON.stringify(result.signals),
        first_seen: seen, last_seen: seen, report_count: 1 + (j % 3), status: (['new', 'new', 'confirmed_phishing', 'benign'] as const)[j % 4] ?? 'new',
      });
    }
    await store.db.insertInto('indicators').values(rows).execute();
  }
  for (let i = 0; i < REPORTS; i += BATCH) {
    const reports = [];
    const analyses = [];
    for (let j = i; j < Math.min(REPORTS, i + BATCH); j++) {
      const id = crypto.randomUUID();
      const at = new Date(start - (j * 30 * day) / REPORTS).toISOString();
      reports.push({ id, reference: `HW-${j.toString(32).toUpperCase().padStart(10, '0')}`, url: `http://example.test/${j}`, text: null, email_raw: null, status: 'triaged' as const, idempotency_key: null, payload_hash: j.toString(16).padStart(64, '0'), submitted_at: at });
      analyses.push({ id: crypto.randomUUID(), report_id: id, indicator_id: indicatorIds[j] ?? null, engine_version: 'bench', result: '{}', created_at: at });
    }
    await store.db.insertInto('reports').values(reports).execute();
    await store.db.insertInto('analyses').values(analyses).execute();
  }
  await store.close();
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  buildIfStale();
  const dataDir = mkdtempSync(join(tmpdir(), 'hw-console-bench-'));
  const seedStart = performance.now();
  await seed(dataDir);
  console.log(`seeded ${INDICATORS} indicators and ${REPORTS} reports in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  const server = await startServer({ dataDir });
  const browser = await launchBrowser();
  try {
    createUser(server, 'bench@example.org', 'admin', PASSWORD);
    const { page } = await newContext(browser, server);
    await signIn(page, 'bench@example.org', PASSWORD);
    const firstId = await page.locator('table.queue tbody tr').first().getAttribute('data-id');
    const pages: [string, string, string][] = [
      ['queue (newest 50)', '/console', 'table.queue tbody tr[data-id]'],
      ['queue filtered (brand + status)', '/console?brand=paypal&status=new', 'table.queue tbody tr[data-id]'],
      ['queue search', '/console?q=secure-login', 'table.queue tbody tr[data-id]'],
      ['indicator page', `/console/indicators/${firstId ?? ''}`, 'ol.signals'],
      ['dashboard', '/console/dashboard', 'svg.chart rect'],
      ['brands', '/console/brands', 'table tbody tr'],
      ['admin', '/console/admin', 'table tbody tr'],
    ];
    console.log(`\nconsole page load, ${INDICATORS} indicators, Chromium, median and worst of ${RUNS} (target < 500 ms)`);
    for (const [label, path, selector] of pages) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const t0 = performance.now();
        await page.goto(path);
        await page.locator(selector).first().waitFor({ timeout: 30_000 });
        times.push(performance.now() - t0);
      }
      console.log(`  ${label.padEnd(34)} median ${median(times).toFixed(0).padStart(5)} ms   worst ${Math.max(...times).toFixed(0).padStart(5)} ms`);
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
