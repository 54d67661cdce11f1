/**
 * Report intake, follow-up, indicators and decisions through app.inject(), on SQLite and PostgreSQL, with the real
 * store, the in-process queue and the analyse-report worker.
 */
import { after, before, test } from 'node:test';
import assert from '../test-assert.js';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { loadConfig } from '../config/config.js';
import { createEngine } from '../engine/index.js';
import { forEachStore, type TestStore } from '../store/test-stores.js';
import { verifyAuditChain } from '../store/index.js';
import { inProcessQueue } from '../queue/in-process.js';
import { memoryJobStore } from '../queue/job-store.js';
import type { JobQueue } from '../queue/queue.js';
import { analyseReport } from '../worker/analyse-report.js';

const engine = createEngine({ brands: [{ id: 'paypal', name: 'PayPal', domains: ['paypal.com'], keywords: ['paypal'] }] });

interface Json { [key: string]: unknown }

forEachStore((name, open) => {
  let store: TestStore;
  let queue: JobQueue;
  let app: FastifyInstance;
  let analystKey = '';
  let liaisonKey = '';

  before(async () => {
    store = await open();
    queue = inProcessQueue({ store: memoryJobStore(), onError: () => undefined, pollIntervalMs: 20 });
    await queue.start();
    await queue.work('analyse-report', (job) => analyseReport(store, engine, job.payload.reportId, () => new Date()));
    app = await buildApp({ config: loadConfig({ flags: { publicRateLimitPerMinute: 30 } }), engine: () => engine, store, queue });
    analystKey = (await store.apiKeys.create({ name: 'analyst', role: 'analyst' })).key;
    liaisonKey = (await store.apiKeys.create({ name: 'liaison', role: 'liaison' })).key;
  });
  after(async () => {
    await app.close();
    await queue.stop({ graceful: true });
    await store.close();
  });

  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/v1/reports', payload: payload as Json, headers, remoteAddress: headers['x-test-ip'] ?? '10.0.0.1' });

  async function waitForStatus(reference: string, status: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/reports/${reference}/status` });
      if ((JSON.parse(res.body) as Json)['status'] === status) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.fail(`report ${reference} never reached ${status}`);
  }

  test(`${name}: a report is acknowledged, analysed into an indicator, decided, and audited`, async () => {
    const res = await post({ url: 'http://paypa1-login.com/signin?user=victim@example.org', contact: 'reporter@example.org' }, { 'x-test-ip': '10.0.0.2' });
    assert.equal(res.statusCode, 201, res.body);
    const created = JSON.parse(res.body) as { id: string; reference: string; status: string };
    assert.match(created.reference, /^HW-[0-9A-Z]{10}$/);
    await waitForStatus(created.reference, 'triaged');

    const publicStatus = JSON.parse((await app.inject({ method: 'GET', url: `/api/v1/reports/${created.reference}/status` })).body) as Json;
    assert.equal(JSON.stringify(publicStatus).includes('reporter@example.org'), false, 'the public status shows no contact');

    const list = await app.inject({ method: 'GET', url: '/api/v1/indicators?verdict=phishing', headers: { authorization: `Bearer ${analystKey}` } });
    assert.equal(list.statusCode, 200, list.body);
    const items = (JSON.parse(list.body) as { items: { id: string; key: string; brand: string; verdict: string }[] }).items;
    const indicator = items.find((i) => i.key === 'paypa1-login.com/signin');
    assert.ok(indicator !== undefined, list.body);
    assert.equal(indicator.brand, 'paypal');
    assert.equal(indicator.key.includes('victim'), false, 'the indicator key drops the query (victim tokens)');

    const decided = await app.inject({
      method: 'POST', url: `/api/v1/indicators/${indicator.id}/decision`,
      headers: { authorization: `Bearer ${analystKey}` }, payload: { decision: 'confirmed_phishing', note: 'seen before' },
    });
    assert.equal(decided.statusCode, 200, decided.body);
    assert.equal((JSON.parse(decided.body) as Json)['status'], 'confirmed_phishing');

    const report = await app.inject({ method: 'GET', url: `/api/v1/reports/${created.id}`, headers: { authorization: `Bearer ${analystKey}` } });
    assert.equal(report.statusCode, 200);
    assert.equal((JSON.parse(report.body) as Json)['contact'], 'reporter@example.org');
    const verification = await verifyAuditChain(store.db);
    assert.ok(verification.ok && verification.count >= 3, JSON.stringify(verification));
  });

  test(`${name}: Idempotency-Key replays the same report and refuses a different payload`, async () => {
    const headers = { 'idempotency-key': `k-${name}`, 'x-test-ip': '10.0.0.3' };
    const first = await post({ url: 'http://example.net/a' }, headers);
    const again = await post({ url: 'http://example.net/a' }, headers);
    assert.equal(first.statusCode, 201);
    assert.equal(again.statusCode, 201);
    assert.equal((JSON.parse(again.body) as Json)['id'], (JSON.parse(first.body) as Json)['id']);
    const other = await post({ url: 'http://example.net/b' }, headers);
    assert.equal(other.statusCode, 422);
    assert.equal((JSON.parse(other.body) as { error: { code: string } }).error.code, 'HW_ERR_REPORT_IDEMPOTENCY_CONFLICT');
  });

  test(`${name}: bad submissions are coded errors and write nothing`, async () => {
    const before = await store.db.selectFrom('reports').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
    const cases: [unknown, number, string][] = [
      [{}, 400, 'HW_ERR_HTTP_VALIDATION'],
      [{ contact: 'x@y.z' }, 400, 'HW_ERR_HTTP_VALIDATION'],
      [{ url: 'http://a.com', admin: true }, 400, 'HW_ERR_HTTP_VALIDATION'],
      [{ url: 'x'.repeat(100_000) }, 400, 'HW_ERR_HTTP_VALIDATION'],
      [{ url: 'http://a.com/\u0000' }, 400, 'HW_ERR_HTTP_VALIDATION'],
      [{ url: 42 }, 400, 'HW_ERR_HTTP_VALIDATION'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await post(payload, { 'x-test-ip': '10.0.0.4' });
      assert.equal(res.statusCode, status, `${JSON.stringify(payload).slice(0, 60)} → ${res.body.slice(0, 200)}`);
      assert.equal((JSON.parse(res.body) as { error: { code: string } }).error.code, code);
    }
    const injection = await post({ url: "http://a.com/'); DROP TABLE reports;--", text: 'Robert"); DELETE FROM audit_events;--' }, { 'x-test-ip': '10.0.0.4' });
    assert.equal(injection.statusCode, 201);
    const after = await store.db.selectFrom('reports').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n) + 1);
  });

  test(`${name}: a flood from one address gets 429 with Retry-After`, async () => {
    let limited: { statusCode: number; headers: Record<string, unknown>; body: string } | undefined;
    for (let i = 0; i < 40 && limited === undefined; i++) {
      const res = await app.inject({ method: 'GET', url: '/api/v1/reports/HW-0000000000/status', remoteAddress: '10.9.9.9' });
      if (res.statusCode === 429) limited = res;
    }
    assert.ok(limited !== undefined, 'no 429 within 40 requests at 30/minute');
    assert.ok(Number(limited.headers['retry-after']) >= 1);
    assert.equal((JSON.parse(limited.body) as { error: { code: string } }).error.code, 'HW_ERR_HTTP_RATE_LIMITED');
  });

  test(`${name}: analyst routes need a key of the right role`, async () => {
    const none = await app.inject({ method: 'GET', url: '/api/v1/indicators' });
    assert.equal(none.statusCode, 401);
    const wrong = await app.inject({ method: 'GET', url: '/api/v1/indicators', headers: { authorization: 'Bearer hw_notakey' } });
    assert.equal(wrong.statusCode, 401);
    const liaison = await app.inject({ method: 'GET', url: '/api/v1/indicators', headers: { authorization: `Bearer ${liaisonKey}` } });
    assert.equal(liaison.statusCode, 403);
  });
});
