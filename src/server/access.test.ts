/**
 * Generated from the router table (SECURITY.md WA-7, WA-9): every route × every principal (anonymous, liaison,
 * analyst, admin by API key, and an analyst's browser session) gets the status its guard promises, and every
 * response carries the security headers.
 */
import { after, before, test } from 'node:test';
import assert from '../test-assert.js';
import type { FastifyInstance } from 'fastify';
import type { RouteEntry } from './app.js';
import { forEachStore, type TestStore } from '../store/test-stores.js';
import { openTestApp, type TestApp } from './test-app.js';
import { hashPassword } from './passwords.js';
import type { Role } from '../store/index.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

function concreteUrl(route: RouteEntry): string {
  return route.url
    .replace(':reference', 'HW-0000000000')
    .replace(/:[a-z]+/gi, UNKNOWN_ID)
    .replace('*', 'app.css');
}

function checkHeaders(label: string, headers: Record<string, unknown>): void {
  const csp = typeof headers['content-security-policy'] === 'string' ? headers['content-security-policy'] : '';
  assert.ok(csp !== '', `${label}: a CSP`);
  assert.ok(!/unsafe-inline|unsafe-eval/.test(csp.replace(/style-src [^;]*/, '')), `${label}: no unsafe script sources in ${csp}`);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) assert.ok(csp.includes(directive), `${label}: ${directive} in ${csp}`);
  assert.equal(headers['strict-transport-security'], 'max-age=31536000; includeSubDomains', label);
  assert.equal(headers['x-content-type-options'], 'nosniff', label);
  assert.equal(headers['referrer-policy'], 'no-referrer', label);
}

forEachStore((name, open) => {
  let store: TestStore;
  let fixture: TestApp;
  let app: FastifyInstance;
  const principals: { name: string; role: Role | undefined; headers: Record<string, string> }[] = [];

  before(async () => {
    fixture = await openTestApp(open, { flags: { publicRateLimitPerMinute: 100_000, mfaRequired: false } });
    ({ store, app } = fixture);
    principals.push({ name: 'anonymous', role: undefined, headers: {} });
    for (const role of ['liaison', 'analyst', 'admin'] as const) {
      principals.push({ name: `${role} key`, role, headers: { authorization: await fixture.bearer(role) } });
    }
    await store.users.create({ email: 'session@example.org', passwordHash: await hashPassword('correct horse battery staple'), role: 'analyst' });
    const signIn = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'session@example.org', password: 'correct horse battery staple' } });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0] ?? '';
    const csrf = (JSON.parse(signIn.body) as { csrfToken: string }).csrfToken;
    principals.push({ name: 'analyst session', role: 'analyst', headers: { cookie, 'x-csrf-token': csrf } });
  });
  after(() => fixture.close());

  test(`${name}: every route × principal gets what its guard promises, with the security headers`, async () => {
    // Sign-in, "who am I" and sign-out answer 401 by design without a session: session.routes.test.ts covers them.
    const routes = app.routeTable.filter((r) => r.url !== '/api/v1/session');
    assert.ok(routes.length >= 40, `the router table lists the app's routes (${routes.length})`);
    const guarded = routes.filter((r) => r.roles !== undefined);
    assert.ok(guarded.some((r) => r.url === '/api/v1/indicators' && r.roles?.includes('liaison') === false), 'the queue is not for liaisons');
    assert.deepEqual(guarded.filter((r) => !r.url.startsWith('/api/')), [], 'credentials are read for /api/ only: every guarded route is there');
    for (const route of routes) {
      for (const principal of principals) {
        const response = await app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route),
          headers: principal.headers,
          ...(route.method === 'GET' ? {} : { payload: {} }),
        });
        const label = `${principal.name} ${route.method} ${route.url} → ${response.statusCode}`;
        if (route.roles === undefined) assert.ok(response.statusCode !== 401 && response.statusCode !== 403 && response.statusCode < 500, label);
        else if (principal.role === undefined) assert.equal(response.statusCode, 401, label);
        else if (route.roles.includes(principal.role)) assert.ok(response.statusCode !== 401 && response.statusCode !== 403 && response.statusCode < 500, `${label} ${response.body}`);
        else assert.equal(response.statusCode, 403, label);
        checkHeaders(label, response.headers);
      }
    }
  });

  test(`${name}: no GET route changes state (WA-8): every GET, for every principal, leaves every table as it was`, async () => {
    const tables = ['brands', 'reports', 'report_contacts', 'indicators', 'analyses', 'users', 'api_keys', 'audit_events', 'jobs', 'sessions', 'recovery_codes', 'login_challenges'] as const;
    const snapshot = async (): Promise<string> => {
      const counts = await Promise.all(tables.map(async (table) => {
        const row = await store.db.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
        return `${table}=${String(row.n)}`;
      }));
      const head = await store.db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
      const brands = await store.db.selectFrom('brands').select(['id', 'updated_at']).orderBy('id').execute();
      return JSON.stringify([counts, head, brands]);
    };
    const before = await snapshot();
    for (const route of app.routeTable.filter((r) => r.method === 'GET')) {
      for (const principal of principals) await app.inject({ method: 'GET', url: concreteUrl(route), headers: principal.headers });
    }
    assert.equal(await snapshot(), before);
  });

  test(`${name}: every API route is in the OpenAPI document, with the roles its guard admits`, async () => {
    const doc = JSON.parse((await app.inject({ method: 'GET', url: '/api/openapi.json' })).body) as { paths: Record<string, Record<string, { 'x-roles'?: string[] }>> };
    for (const route of app.routeTable.filter((r) => r.url.startsWith('/api/v1/'))) {
      const path = route.url.replace(/:([a-z]+)/gi, '{$1}');
      const operation = doc.paths[path]?.[route.method.toLowerCase()];
      assert.ok(operation !== undefined, `${route.method} ${path} is documented`);
      if (route.roles !== undefined && route.url !== '/api/v1/session') assert.deepEqual([...(operation['x-roles'] ?? [])].sort(), [...route.roles].sort(), `${route.method} ${path} roles`);
    }
  });

  test(`${name}: errors and unknown paths carry the headers too`, async () => {
    for (const url of ['/nope', '/api/v1/nope', '/assets/../package.json']) checkHeaders(url, (await app.inject({ method: 'GET', url })).headers);
    const error = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: { 'content-type': 'text/plain' }, payload: 'x' });
    assert.equal(error.statusCode, 415);
    checkHeaders('415', error.headers);
  });
});
