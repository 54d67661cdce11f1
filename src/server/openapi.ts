/**
 * The API description: OpenAPI 3.1 at `/api/openapi.json`, built from the same JSON schemas the routes validate
 * with (so the document cannot drift from the code for request bodies), and a plain HTML page at `/api/docs`
 * rendered on the server (no scripts: the strict CSP applies to it too).
 */
import type { FastifyPluginAsync } from 'fastify';
import { ERRORS } from '../errors.js';
import { ENGINE_VERSION } from '../engine/index.js';
import { checkBody } from './check.routes.js';
import { reportBody } from './reports.routes.js';
import { decisionBody, listQuery } from './indicators.routes.js';

interface Operation { summary: string; auth: 'public' | 'signed-in' | 'analyst' | 'admin'; body?: unknown; query?: unknown; responses: Record<string, string> }

const OPERATIONS: Record<string, Record<string, Operation>> = {
  '/healthz': { get: { summary: 'Liveness', auth: 'public', responses: { 200: 'alive' } } },
  '/readyz': { get: { summary: 'Readiness (store reachable)', auth: 'public', responses: { 200: 'ready', 503: 'HW_ERR_STORE_UNAVAILABLE' } } },
  '/api/v1/check': { post: { summary: 'Engine verdicts for up to 100 URLs, hosts or e-mail domains ("is this real?")', auth: 'public', body: checkBody, responses: { 200: '{results: CheckResult[]}', 400: 'HW_ERR_HTTP_VALIDATION' } } },
  '/api/v1/reports': { post: { summary: 'Report a suspicious URL, message text or e-mail (Idempotency-Key header supported); rate-limited', auth: 'public', body: reportBody, responses: { 201: '{id, reference, status}', 400: 'HW_ERR_HTTP_VALIDATION', 413: 'HW_ERR_HTTP_BODY_TOO_LARGE', 415: 'HW_ERR_HTTP_MEDIA_TYPE', 422: 'HW_ERR_REPORT_IDEMPOTENCY_CONFLICT', 429: 'HW_ERR_HTTP_RATE_LIMITED' } } },
  '/api/v1/reports/{reference}/status': { get: { summary: "A reporter's view of their report's status", auth: 'public', responses: { 200: '{reference, status, submittedAt}', 404: 'HW_ERR_HTTP_NOT_FOUND' } } },
  '/api/v1/reports/{id}': { get: { summary: 'A report with its contact and analyses', auth: 'analyst', responses: { 200: 'report', 401: 'HW_ERR_AUTH_REQUIRED', 403: 'HW_ERR_AUTH_FORBIDDEN', 404: 'HW_ERR_HTTP_NOT_FOUND' } } },
  '/api/v1/indicators': { get: { summary: 'Deduplicated indicators, newest first; filters and cursor pagination', auth: 'analyst', query: listQuery, responses: { 200: '{items, nextCursor}', 400: 'HW_ERR_HTTP_VALIDATION or HW_ERR_INPUT_CURSOR' } } },
  '/api/v1/indicators/{id}': { get: { summary: 'One indicator with its signals', auth: 'analyst', responses: { 200: 'indicator', 404: 'HW_ERR_HTTP_NOT_FOUND' } } },
  '/api/v1/indicators.csv': { get: { summary: 'The indicators matching the list\'s filters as CSV (newest first, at most 100,000 rows; formula-looking cells prefixed with \')', auth: 'analyst', query: listQuery, responses: { 200: 'text/csv' } } },
  '/api/v1/indicators/{id}/context': { get: { summary: 'The reports behind an indicator, related indicators (same brand or registrable domain) and its audit history', auth: 'analyst', responses: { 200: '{reports, related, history}', 404: 'HW_ERR_HTTP_NOT_FOUND' } } },
  '/api/v1/stats': { get: { summary: 'Dashboard: reports per day (?days=N, default 30), verdict and status mix, top impersonated brands', auth: 'analyst', responses: { 200: '{days, reportsPerDay, verdicts, statuses, topBrands}' } } },
  '/api/v1/session': {
    post: { summary: 'Staff sign-in, first step: {email, password} → {mfa: "totp"|"enrol", challenge, …} (then POST /session/mfa); without MFA it sets the __Host-sid cookie and returns the anti-CSRF token (send it as X-CSRF-Token on changes)', auth: 'public', responses: { 200: '{mfa, challenge} or {user, csrfToken}', 401: 'HW_ERR_AUTH_LOGIN_FAILED', 403: 'HW_ERR_AUTH_CSRF', 429: 'HW_ERR_AUTH_THROTTLED' } },
    get: { summary: 'The signed-in user and the anti-CSRF token', auth: 'signed-in', responses: { 200: '{user, csrfToken}', 401: 'HW_ERR_AUTH_REQUIRED' } },
    delete: { summary: 'Sign out: the session cookie is refused from then on', auth: 'signed-in', responses: { 204: 'signed out' } },
  },
  '/api/v1/session/mfa': { post: { summary: 'Second step of a staff sign-in: {challenge, code} with a TOTP code (or, at enrolment, the first code of the new secret) or a recovery code', auth: 'public', responses: { 200: '{user, csrfToken, recoveryCodes?}', 401: 'HW_ERR_AUTH_MFA_FAILED', 429: 'HW_ERR_AUTH_THROTTLED' } } },
  '/api/v1/ui': { get: { summary: 'The web UI\'s branding: name, logo, support links (client-safe configuration)', auth: 'public', responses: { 200: '{name, hasLogo, supportUrl, supportEmail}' } } },
  '/api/v1/indicators/{id}/decision': { post: { summary: 'Decide an indicator (confirmed_phishing | benign | duplicate) with a note; audited', auth: 'analyst', body: decisionBody, responses: { 200: 'indicator', 404: 'HW_ERR_HTTP_NOT_FOUND' } } },
  '/api/v1/brands': {
    get: { summary: 'Export the brand catalog (catalog file format)', auth: 'analyst', responses: { 200: '{brands}' } },
    put: { summary: 'Import (replace) the brand catalog; indicators are rescored', auth: 'analyst', responses: { 200: '{brands: count}', 422: 'HW_ERR_CATALOG_INVALID' } },
  },
  '/api/v1/brands/preview': { post: { summary: 'What saving this brand would newly flag or stop flagging among stored indicators (nothing is saved)', auth: 'analyst', responses: { 200: '{checked, partial, newlyFlagged, noLongerFlagged}', 422: 'HW_ERR_CATALOG_INVALID' } } },
  '/api/v1/brands/{id}': {
    put: { summary: 'Add or replace one brand; indicators are rescored', auth: 'analyst', responses: { 200: 'brand', 422: 'HW_ERR_CATALOG_INVALID' } },
    delete: { summary: 'Delete one brand; indicators are rescored', auth: 'analyst', responses: { 204: 'deleted', 404: 'HW_ERR_HTTP_NOT_FOUND' } },
  },
  '/api/v1/admin/users': { get: { summary: 'Users', auth: 'admin', responses: { 200: '{users}' } }, post: { summary: 'Create a user (argon2id)', auth: 'admin', responses: { 201: 'user' } } },
  '/api/v1/admin/users/{id}/disabled': { post: { summary: 'Disable or enable a user', auth: 'admin', responses: { 200: '{id, disabled}' } } },
  '/api/v1/admin/users/{id}/role': { post: { summary: 'Change a user\'s role; their sessions end', auth: 'admin', responses: { 200: '{id, role}', 404: 'HW_ERR_HTTP_NOT_FOUND' } } },
  '/api/v1/admin/users/{id}/sessions/terminate': { post: { summary: 'End every session of a user', auth: 'admin', responses: { 200: '{id, sessionsEnded}', 404: 'HW_ERR_HTTP_NOT_FOUND' } } },
  '/api/v1/admin/users/{id}/mfa/reset': { post: { summary: 'Reset a user\'s second factor (they enrol again at next sign-in); their sessions end', auth: 'admin', responses: { 200: '{id, mfaReset}', 404: 'HW_ERR_HTTP_NOT_FOUND' } } },
  '/api/v1/admin/keys': { get: { summary: 'API keys (never the keys themselves)', auth: 'admin', responses: { 200: '{keys}' } }, post: { summary: 'Create an API key: shown once', auth: 'admin', responses: { 201: 'key' } } },
  '/api/v1/admin/keys/{id}': { delete: { summary: 'Revoke an API key', auth: 'admin', responses: { 204: 'revoked' } } },
  '/api/v1/admin/audit': { get: { summary: 'Audit log, newest first (?before=seq&limit=n)', auth: 'admin', responses: { 200: '{events}' } } },
  '/api/v1/admin/audit/verify': { get: { summary: 'Verify the audit hash chain', auth: 'admin', responses: { 200: '{ok, count} or {ok:false, seq, reason}' } } },
  '/api/v1/admin/dead-letters': { get: { summary: 'Jobs that failed all their retries', auth: 'admin', responses: { 200: '{jobs}' } } },
  '/api/v1/admin/dead-letters/{id}/retry': { post: { summary: 'Re-queue a dead job', auth: 'admin', responses: { 200: '{id, retried}' } } },
};

const ROLES_OF = { 'signed-in': ['admin', 'analyst', 'liaison'], analyst: ['admin', 'analyst'], admin: ['admin'] } as const;

const errorSchema = {
  type: 'object', required: ['error'],
  properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', enum: Object.keys(ERRORS) }, message: { type: 'string' }, details: {} } } },
};

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, methods] of Object.entries(OPERATIONS)) {
    paths[path] = {};
    for (const [method, op] of Object.entries(methods)) {
      const responses: Record<string, unknown> = {};
      for (const [status, description] of Object.entries(op.responses)) {
        responses[status] = Number(status) >= 400
          ? { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
          : { description };
      }
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
      const query = op.query as { properties?: Record<string, unknown> } | undefined;
      for (const [name, schema] of Object.entries(query?.properties ?? {})) params.push({ name, in: 'query', required: false, schema: schema as { type: string } });
      paths[path][method] = {
        summary: op.summary,
        ...(op.auth === 'public' ? { security: [] } : { security: [{ apiKey: [] }, { session: [] }], 'x-roles': ROLES_OF[op.auth] }),
        ...(params.length > 0 ? { parameters: params } : {}),
        ...(op.body === undefined ? {} : { requestBody: { required: true, content: { 'application/json': { schema: op.body } } } }),
        responses,
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'hookwatch API', version: ENGINE_VERSION, description: 'Errors: {"error":{"code","message","details?"}} with codes from the registry.' },
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'hookwatch API key (hookwatch keys create)' },
        session: { type: 'apiKey', in: 'cookie', name: '__Host-sid', description: 'Browser session from POST /api/v1/session; state changes also need the X-CSRF-Token header' },
      },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function docsPage(): string {
  const rows = Object.entries(OPERATIONS).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) =>
    `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${op.auth}</td><td>${escapeHtml(op.summary)}</td></tr>`));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hookwatch API</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<h1>hookwatch API</h1><p>Machine-readable description: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).
Analyst and admin endpoints take <code>Authorization: Bearer &lt;API key&gt;</code>. Errors are
<code>{"error":{"code","message"}}</code>.</p>
<table><thead><tr><th>method</th><th>path</th><th>who</th><th>what</th></tr></thead><tbody>${rows.join('')}</tbody></table>
</body></html>`;
}

export const openApiRoutes: FastifyPluginAsync = async (app) => {
  const document = openApiDocument();
  const page = docsPage();
  app.get('/api/openapi.json', () => document);
  app.get('/api/docs', (_request, reply) => reply
    .header('content-security-policy', "default-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
    .type('text/html; charset=utf-8')
    .send(page));
  await Promise.resolve();
};
