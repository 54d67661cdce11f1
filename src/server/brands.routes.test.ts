/**
 * The run-time catalog through the API, on SQLite and PostgreSQL: export, import, upsert, delete, validation,
 * audit, and an indicator rescored when a brand it imitates is added.
 */
import { after, before, test } from 'node:test';
import assert from '../test-assert.js';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { loadConfig } from '../config/config.js';
import { forEachStore, type TestStore } from '../store/test-stores.js';
import { inProcessQueue } from '../queue/in-process.js';
import { memoryJobStore } from '../queue/job-store.js';
import type { JobQueue } from '../queue/queue.js';
import { openCatalog, type CatalogHolder } from '../worker/catalog.js';
import { rescoreIndicators } from '../worker/rescore.js';
import { analyseReport } from '../worker/analyse-report.js';

forEachStore((name, open) => {
  let store: TestStore;
  let queue: JobQueue;
  let catalog: CatalogHolder;
  let app: FastifyInstance;
  let analyst = '';
  let rescores = 0;

  before(async () => {
    store = await open();
    catalog = await openCatalog(store, { brands: [{ id: 'paypal', name: 'PayPal', domains: ['paypal.com'], keywords: ['paypal'] }] });
    queue = inProcessQueue({ store: memoryJobStore(), onError: () => undefined, pollIntervalMs: 20 });
    await queue.start();
    await queue.work('analyse-report', (job) => analyseReport(store, catalog.engine(), job.payload.reportId, () => new Date()));
    await queue.work('rescore-indicators', async () => {
      await catalog.refresh();
      await rescoreIndicators(store, catalog.engine());
      rescores++;
    });
    app = await buildApp({ config: loadConfig(), engine: () => catalog.engine(), catalog, store, queue });
    analyst = `Bearer ${(await store.apiKeys.create({ name: 'a', role: 'analyst' })).key}`;
  });
  after(async () => {
    await app.close();
    await queue.stop({ graceful: true });
    await store.close();
  });

  async function until(check: () => Promise<boolean>, what: string): Promise<void> {
    for (let i = 0; i < 150; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.fail(`timed out waiting for ${what}`);
  }

  test(`${name}: the seeded catalog is exported in the catalog file format`, async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/brands', headers: { authorization: analyst } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(JSON.parse(res.body), { brands: [{ id: 'paypal', name: 'PayPal', domains: ['paypal.com'], keywords: ['paypal'] }] });
  });

  test(`${name}: adding a brand rescores an indicator that imitates it`, async () => {
    const report = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: { url: 'https://acmebank-secure-login.com/' } });
    assert.equal(report.statusCode, 201, report.body);
    await until(async () => (await store.indicators.list({ limit: 10 })).items.some((i) => i.host === 'acmebank-secure-login.com'), 'the indicator');
    const before = (await store.indicators.list({ limit: 10 })).items.find((i) => i.host === 'acmebank-secure-login.com');
    assert.ok(before !== undefined);
    assert.equal(before.brand, null);

    const rescoresBefore = rescores;
    const saved = await app.inject({
      method: 'PUT', url: '/api/v1/brands/acme', headers: { authorization: analyst },
      payload: { id: 'acme', name: 'Acme Bank', domains: ['acmebank.com'], keywords: ['acmebank'] },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    await until(() => Promise.resolve(rescores > rescoresBefore), 'the rescore job');
    const after = await store.indicators.get(before.id);
    assert.ok(after !== undefined);
    assert.equal(after.brand, 'acme');
    assert.ok(after.verdict === 'phishing' || after.verdict === 'suspicious', JSON.stringify(after));
    assert.equal(catalog.engine().check('www.acmebank.com').verdict, 'official');
  });

  test(`${name}: invalid brands are refused with the catalog's error naming the field; nothing changes`, async () => {
    const bad = await app.inject({
      method: 'PUT', url: '/api/v1/brands/bad', headers: { authorization: analyst },
      payload: { id: 'bad', name: 'Bad', domains: ['not a host'] },
    });
    assert.equal(bad.statusCode, 422, bad.body);
    const error = (JSON.parse(bad.body) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'HW_ERR_CATALOG_INVALID');
    assert.ok(error.message.includes('domains[0]'), error.message);
    assert.equal(await store.brands.get('bad'), undefined);
  });

  test(`${name}: import replaces, delete removes, both are audited; liaisons may not`, async () => {
    const imported = await app.inject({
      method: 'PUT', url: '/api/v1/brands', headers: { authorization: analyst },
      payload: { brands: [{ id: 'one', name: 'One', domains: ['one-brand.com'] }, { id: 'two', name: 'Two', domains: ['two-brand.com'] }] },
    });
    assert.equal(imported.statusCode, 200, imported.body);
    assert.deepEqual((await store.brands.list()).map((b) => b.id).sort(), ['one', 'two']);
    const deleted = await app.inject({ method: 'DELETE', url: '/api/v1/brands/two', headers: { authorization: analyst } });
    assert.equal(deleted.statusCode, 204);
    const missing = await app.inject({ method: 'DELETE', url: '/api/v1/brands/two', headers: { authorization: analyst } });
    assert.equal(missing.statusCode, 404);
    const actions = (await store.audit.list({ limit: 100 })).map((e) => e.action);
    assert.ok(actions.includes('catalog.replaced') && actions.includes('brand.deleted') && actions.includes('brand.saved'), actions.join());
    const liaison = `Bearer ${(await store.apiKeys.create({ name: 'l', role: 'liaison' })).key}`;
    const refused = await app.inject({ method: 'GET', url: '/api/v1/brands', headers: { authorization: liaison } });
    assert.equal(refused.statusCode, 403);
  });
});
