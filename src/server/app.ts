/**
 * The HTTP application: a Fastify instance built from explicit dependencies (no singletons). Routes are feature
 * plugins; this file owns only the cross-cutting parts: body limits, content types, the error shape of
 * DESIGN.md ("Errors": `{"error":{"code","message","details?"}}`, never a stack trace), security headers on every
 * response (SECURITY.md WA-9), who is calling (auth.ts) and health checks.
 */
import fastifyCookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import type { Engine } from '../engine/index.js';
import { ERRORS, HookwatchError, type ErrorCode } from '../errors.js';
import { sendError } from './errors.js';
import type { Config } from '../config/config.js';
import { checkRoutes } from './check.routes.js';
import { reportRoutes } from './reports.routes.js';
import { indicatorRoutes } from './indicators.routes.js';
import { brandRoutes } from './brands.routes.js';
import { adminRoutes } from './admin.routes.js';
import { openApiRoutes } from './openapi.js';
import { authenticate, routeRoles } from './auth.js';
import { sessionRoutes } from './session.routes.js';
import { webRoutes } from './web.routes.js';
import type { CatalogHolder } from '../worker/catalog.js';
import type { JobQueue } from '../queue/queue.js';
import type { Role, Store } from '../store/index.js';

/** One row of the router table: method, URL and the roles its guard admits (undefined: public). */
export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly roles: readonly Role[] | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route of the app, for the exhaustive route × role and response-header tests. */
    readonly routeTable: readonly RouteEntry[];
  }
}

export interface AppDeps {
  readonly config: Config;
  /** The engine for the current catalog (it changes when the catalog does). */
  readonly engine: () => Engine;
  /** The run-time brand catalog; with store and queue it enables the brand routes. */
  readonly catalog?: CatalogHolder;
  /** The store and queue: without them only the stateless routes (health, check) are served. */
  readonly store?: Store;
  readonly queue?: JobQueue;
  /** Resolves when the app can serve traffic (store reachable, migrations applied); throws otherwise. */
  readonly ready?: () => Promise<void>;
  readonly logger?: boolean;
}

/**
 * WA-9: on every response. Scripts, styles and fetches come from this origin only (no inline script or style, no
 * eval); nothing may frame the app; URLs in the app are sensitive, so no Referer leaves it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/** Maps Fastify's own errors (body parsing, limits, validation) to registry codes. */
function registryCodeOf(error: FastifyError): ErrorCode {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return 'HW_ERR_HTTP_BODY_TOO_LARGE';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return 'HW_ERR_HTTP_MEDIA_TYPE';
    case 'FST_ERR_CTP_INVALID_JSON_BODY': case 'FST_ERR_CTP_EMPTY_JSON_BODY': return 'HW_ERR_HTTP_MALFORMED_JSON';
    case 'FST_ERR_VALIDATION': return 'HW_ERR_HTTP_VALIDATION';
    default:
      if (error instanceof SyntaxError) return 'HW_ERR_HTTP_MALFORMED_JSON';
      return error.statusCode === 429 ? 'HW_ERR_HTTP_RATE_LIMITED' : 'HW_ERR_SERVER_INTERNAL';
  }
}

/**
 * Request logging: one line per request, when it completes (with the request, the response and the time), instead of
 * Fastify's two ("incoming request", then "request completed"). Logging was ~6 % of the server's CPU under
 * bench:intake, half of it for the first line. Every other line (errors, aborted streams) is Fastify's own.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {
    // Folded into requestCompleted.
  }

  override requestCompleted(...args: Parameters<LogController['requestCompleted']>): void {
    const [error, request, reply] = args;
    if (this.isLogDisabled(request)) return;
    if (error === null || error === undefined) {
      reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    } else {
      super.requestCompleted(...args);
    }
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger === true ? { level: deps.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] } : false,
    logController: new OneLinePerRequest(),
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    // Attackers send these: keep Fastify's own protections on.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    // Unknown fields are errors, not silently dropped; types are never coerced.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true } },
  });

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, roles: routeRoles(route.onRequest) });
    }
  });

  // JSON only: any other content type on a body is 415 (Fastify's default parsers also accept text/plain).
  app.removeAllContentTypeParsers();
  // Bodies must be valid UTF-8 (a fatal decoder, not silent U+FFFD), then Fastify's own JSON parser
  // (secure-json-parse): `__proto__` / `constructor.prototype` keys are errors.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: deps.config.bodyLimitBytes }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new HookwatchError('HW_ERR_INPUT_ENCODING'), undefined);
      return;
    }
    void jsonParser(request, text, done);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) void reply.header(name, value);
    // API answers may carry reports and indicators: no shared or browser cache keeps them.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    await Promise.resolve();
    return payload;
  });
  await app.register(fastifyCookie);
  const sessionPolicy = { idleMs: deps.config.sessionIdleMinutes * 60_000, lifetimeMs: deps.config.sessionLifetimeHours * 3_600_000 };
  // Before any route: every route sees the principal (or its absence) resolved once.
  if (deps.store !== undefined) app.addHook('onRequest', authenticate(deps.store, sessionPolicy));

  app.setErrorHandler((error: FastifyError | HookwatchError, request, reply) => {
    if (error instanceof HookwatchError) {
      const status = ERRORS[error.code].status;
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      const body: { error: { code: string; message: string; details?: unknown } } = { error: { code: error.code, message: error.message } };
      if (error.details !== undefined) body.error.details = error.details;
      return reply.code(status).send(body);
    }
    const code = registryCodeOf(error);
    if (code === 'HW_ERR_SERVER_INTERNAL') request.log.error({ err: error }, 'unexpected error');
    if (code === 'HW_ERR_HTTP_BODY_TOO_LARGE') return sendError(reply, code, { limit: deps.config.bodyLimitBytes });
    if (code === 'HW_ERR_HTTP_VALIDATION') return sendError(reply, code, { reason: error.message });
    return sendError(reply, code);
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 'HW_ERR_HTTP_NOT_FOUND'));

  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await deps.ready?.();
      return { status: 'ready' };
    } catch {
      return sendError(reply, 'HW_ERR_STORE_UNAVAILABLE');
    }
  });

  await app.register(openApiRoutes);
  await app.register(webRoutes, { config: deps.config });
  if (deps.store !== undefined) await app.register(sessionRoutes, { prefix: '/api/v1', store: deps.store, policy: sessionPolicy, mfaRequired: deps.config.mfaRequired, issuer: deps.config.uiName });
  const catalog = deps.catalog;
  await app.register(checkRoutes, { prefix: '/api/v1', engine: deps.engine, ...(catalog === undefined ? {} : { catalog: () => catalog.catalog() }) });
  if (deps.store !== undefined && deps.queue !== undefined) {
    await app.register(reportRoutes, {
      prefix: '/api/v1',
      store: deps.store,
      queue: deps.queue,
      publicRateLimitPerMinute: deps.config.publicRateLimitPerMinute,
    });
    await app.register(indicatorRoutes, { prefix: '/api/v1', store: deps.store });
    await app.register(adminRoutes, { prefix: '/api/v1', store: deps.store, queue: deps.queue });
    if (deps.catalog !== undefined) {
      await app.register(brandRoutes, { prefix: '/api/v1', store: deps.store, queue: deps.queue, catalog: deps.catalog });
    }
  }
  return app;
}
