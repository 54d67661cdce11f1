/**
 * The API the console reads, on SQLite and PostgreSQL: search, an indicator's context (reports, related, history),
 * the dashboard's stats, the brand-change preview, and decisions reaching the reporter's status.
 */
import { after, before, test } from 'node:test';
import assert from '../test-assert.js';
import type { FastifyInstance } from 'fastify';
import { forEachStore, type TestStore } from '../store/test-stores.js';
import { openTestApp, type TestApp } from './test-app.js';

type Json = Record<string, unknown>;

forEachStore((name, open) => {
  let fixture: TestApp;
  let store: TestStore;
  let app: FastifyInstance;
  let auth: { authorization: string };

  before(async () => {
    fixture = await openTestApp(open, { analyse: true });
    ({ store, app } = fixture);
    auth = { authorization: await fixture.bearer('analyst') };
  });
  after(() => fixture.close());

  async function report(payload: Json): Promise<{ reference: string }> {
    const res = await app.inject({ method: 'POST', url: '/api/v1/reports', payload, remoteAddress: `10.1.${Math.floor(Math.random() * 250)}.1` });
    assert.equal(res.statusCode, 201, res.body);
    const created = JSON.parse(res.body) as { reference: string };
    for (let i = 0; i < 200; i++) {
      const status = JSON.parse((await app.inject({ method: 'GET', url: `/api/v1/reports/${created.reference}/status` })).body) as Json;
      if (status['status'] === 'triaged') return created;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return assert.fail('never analysed');
  }

  const get = async (url: string): Promise<Json> => {
    const res = await app.inject({ method: 'GET', url, headers: auth });
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return JSON.parse(res.body) as Json;
  };
  const items = (body: Json) => body['items'] as { id: string; key: string; status: string; brand: string | null }[];

  test(`${name}: search, context, stats, and a confirmation that reaches the reporter`, async () => {
    const first = await report({ url: 'http://paypa1-login.com/signin' });
    await report({ text: 'Your account is locked: http://paypal.com.verify-account.ru/login and http://example.org/' });
    await report({ url: 'http://paypa1-login.com/signin' });

    const found = items(await get('/api/v1/indicators?q=PAYPA1-LOGIN'));
    assert.deepEqual(found.map((i) => i.key), ['paypa1-login.com/signin']);
    assert.equal(items(await get(`/api/v1/indicators?q=${encodeURIComponent('%')}`)).length, 0, 'LIKE wildcards are literal');
    assert.ok(items(await get('/api/v1/indicators?q=paypal')).length >= 2, 'a brand id matches its indicators');

    const target = found[0];
    assert.ok(target !== undefined);
    const context = await get(`/api/v1/indicators/${target.id}/context`);
    const reports = context['reports'] as { reference: string }[];
    assert.equal(reports.length, 2, 'both reports of the same URL');
    assert.ok(reports.some((r) => r.reference === first.reference));
    const related = context['related'] as { key: string }[];
    assert.ok(related.some((r) => r.key.includes('verify-account.ru')), 'same brand');
    assert.equal(related.some((r) => r.key === target.key), false);

    const decided = await app.inject({ method: 'POST', url: `/api/v1/indicators/${target.id}/decision`, headers: auth, payload: { decision: 'confirmed_phishing', note: 'kit seen before' } });
    assert.equal(decided.statusCode, 200, decided.body);
    const status = JSON.parse((await app.inject({ method: 'GET', url: `/api/v1/reports/${first.reference}/status` })).body) as Json;
    assert.equal(status['status'], 'confirmed', 'the reporter sees the outcome');
    const history = (await get(`/api/v1/indicators/${target.id}/context`))['history'] as { action: string; details: Json }[];
    const latest = history[0];
    assert.ok(latest !== undefined);
    assert.equal(latest.action, 'indicator.decided');
    assert.equal(latest.details['note'], 'kit seen before');

    const stats = await get('/api/v1/stats?days=7');
    const perDay = stats['reportsPerDay'] as { day: string; count: number }[];
    assert.equal(perDay.reduce((sum, d) => sum + d.count, 0), 3);
    assert.equal(perDay[0]?.day, new Date().toISOString().slice(0, 10));
    assert.ok((stats['topBrands'] as { brand: string; count: number }[]).some((b) => b.brand === 'paypal' && b.count >= 2));
    assert.ok((stats['statuses'] as { status: string; count: number }[]).some((s) => s.status === 'confirmed_phishing' && s.count === 1));
  });

  test(`${name}: benign rejects a report only when every indicator in it is benign`, async () => {
    const mixed = await report({ text: 'see http://paypal-billing-update.com/ and http://harmless.example.net/' });
    const keys = items(await get('/api/v1/indicators?limit=100'));
    const phishing = keys.find((i) => i.key.startsWith('paypal-billing-update.com'));
    const harmless = keys.find((i) => i.key.startsWith('harmless.example.net'));
    assert.ok(phishing !== undefined && harmless !== undefined, JSON.stringify(keys.map((k) => k.key)));
    const decide = (id: string, decision: string) => app.inject({ method: 'POST', url: `/api/v1/indicators/${id}/decision`, headers: auth, payload: { decision } });
    assert.equal((await decide(harmless.id, 'benign')).statusCode, 200);
    const statusOf = async () => (JSON.parse((await app.inject({ method: 'GET', url: `/api/v1/reports/${mixed.reference}/status` })).body) as Json)['status'];
    assert.equal(await statusOf(), 'triaged', 'one harmless link does not clear the message');
    assert.equal((await decide(phishing.id, 'benign')).statusCode, 200);
    assert.equal(await statusOf(), 'rejected');
  });

  test(`${name}: the CSV export follows the filters and keeps formula-looking cells inert (WA-11)`, async () => {
    await store.indicators.upsert({
      key: 'formula.example/x', kind: 'url', value: '=HYPERLINK("http://x.example","click")', host: 'formula.example', domain: 'formula.example',
      verdict: 'suspicious', score: 50, brand: null, signals: [], seenAt: new Date(),
    });
    const res = await app.inject({ method: 'GET', url: '/api/v1/indicators.csv?q=formula.example', headers: auth });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="hookwatch-indicators-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = res.body.trimEnd().split('\r\n');
    assert.equal(lines[0], 'id,key,value,host,domain,verdict,score,brand,status,reportCount,firstSeen,lastSeen');
    assert.equal(lines.length, 2, 'only the filtered row');
    assert.ok(lines[1]?.includes(`"'=HYPERLINK(""http://x.example"",""click"")"`), lines[1]);
    const all = await app.inject({ method: 'GET', url: '/api/v1/indicators.csv', headers: auth });
    assert.ok(all.body.trimEnd().split('\r\n').length > 3);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/indicators.csv' })).statusCode, 401);
  });

  test(`${name}: a brand-change preview lists what would be newly flagged, and saves nothing`, async () => {
    await report({ url: 'http://acmebank-secure-login.com/' });
    const before = await get('/api/v1/brands');
    const preview = await app.inject({ method: 'POST', url: '/api/v1/brands/preview', headers: auth, payload: { id: 'acmebank', name: 'Acme Bank', domains: ['acmebank.com'], keywords: ['acmebank'] } });
    assert.equal(preview.statusCode, 200, preview.body);
    const body = JSON.parse(preview.body) as { checked: number; newlyFlagged: { count: number; examples: { value: string; after: { brand: string } }[] } };
    assert.ok(body.checked >= 1);
    assert.ok(body.newlyFlagged.examples.some((e) => e.value.includes('acmebank-secure-login.com') && e.after.brand === 'acmebank'), preview.body);
    assert.deepEqual(await get('/api/v1/brands'), before, 'nothing saved');
    const invalid = await app.inject({ method: 'POST', url: '/api/v1/brands/preview', headers: auth, payload: { id: 'x', name: 'X', domains: ['not a domain'] } });
    assert.equal(invalid.statusCode, 422);
  });
});
