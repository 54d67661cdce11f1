/**
 * The app as route tests use it: a test store (SQLite or PostgreSQL), the in-process queue, a run-time catalog with
 * PayPal in it, optionally the analyse-report worker, and buildApp() on top. One place for the set-up and tear-down
 * that every route test needs.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { loadConfig, type ConfigInput } from '../config/config.js';
import type { Role } from '../store/index.js';
import type { OpenTestStore, TestStore, TestStoreOptions } from '../store/test-stores.js';
import { inProcessQueue } from '../queue/in-process.js';
import { memoryJobStore } from '../queue/job-store.js';
import type { JobQueue } from '../queue/queue.js';
import { analyseReport } from '../worker/analyse-report.js';
import { openCatalog, type CatalogHolder } from '../worker/catalog.js';

export interface TestApp {
  readonly store: TestStore;
  readonly queue: JobQueue;
  readonly catalog: CatalogHolder;
  readonly app: FastifyInstance;
  /** `Bearer …` of a new API key of the role. */
  bearer(role: Role): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  readonly store?: TestStoreOptions;
  /** Config flags (defaults otherwise). */
  readonly flags?: ConfigInput;
  /** Run the analyse-report worker, so reports become indicators. */
  readonly analyse?: boolean;
}

export async function openTestApp(open: OpenTestStore, options: TestAppOptions = {}): Promise<TestApp> {
  const store = await open(options.store);
  const catalog = await openCatalog(store, { brands: [{ id: 'paypal', name: 'PayPal', domains: ['paypal.com'], keywords: ['paypal'] }] });
  const queue = inProcessQueue({ store: memoryJobStore(), onError: () => undefined, pollIntervalMs: 20 });
  await queue.start();
  if (options.analyse === true) {
    await queue.work('analyse-report', (job) => analyseReport(store, catalog.engine(), job.payload.reportId, () => new Date()));
  }
  const app = await buildApp({ config: loadConfig({ flags: options.flags ?? {} }), engine: () => catalog.engine(), catalog, store, queue });
  return {
    store, queue, catalog, app,
    bearer: async (role) => `Bearer ${(await store.apiKeys.create({ name: role, role })).key}`,
    async close() {
      await app.close();
      await queue.stop({ graceful: true });
      await store.close();
    },
  };
}
