/**
 * Who is calling. Two credentials, resolved once per request by `authenticate` (an app-wide hook) and checked per
 * route by `requireRole`:
 * - API keys: `Authorization: Bearer hw_…`, looked up by SHA-256 (the store never holds a key). Never accepted in a
 *   query string (WA-6).
 * - Browser sessions of staff: the `__Host-sid` cookie (WA-5). A state-changing request carried by the cookie must
 *   also send `X-CSRF-Token` (derived from the session token, so only a page that read it from GET /session knows
 *   it) and, when the browser sends `Origin`, an Origin equal to this server's (WA-8). A cross-site form post or a
 *   `text/plain` fetch has neither and gets 403.
 * Unknown, revoked, expired or idle credentials are 401; a known principal of the wrong role is 403. Every refusal is
 * logged (WA-12) without the credential itself.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie'; // request.cookies, reply.setCookie
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Role, SessionPolicy, Store } from '../store/index.js';
import { sendError } from './errors.js';

/** `__Host-`: the browser accepts it only with Secure, Path=/ and no Domain, so no sub-domain can plant one. */
export const SESSION_COOKIE = '__Host-sid';
export const CSRF_HEADER = 'x-csrf-token';

export interface Principal {
  /** Audit actor: `api_key:<id>` or `user:<id>`. */
  readonly actor: string;
  readonly role: Role;
  /** Set for a browser session. */
  readonly session?: { readonly id: string; readonly userId: string; readonly email: string; readonly token: string };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Open to anyone (report intake, check, sign-in): a staff cookie sent along without the anti-CSRF token is
     * ignored there instead of refused.
     */
    public?: boolean;
  }
}

const principals = new WeakMap<FastifyRequest, Principal>();

/** The authenticated principal of a request that passed requireRole(). */
export function principalOf(request: FastifyRequest): Principal {
  const principal = principals.get(request);
  if (principal === undefined) throw new Error('principalOf() on a route without requireRole()');
  return principal;
}

/** The request's principal if it presented valid credentials (requireRole not needed). */
export function optionalPrincipalOf(request: FastifyRequest): Principal | undefined {
  return principals.get(request);
}

/** The anti-CSRF token of a session: a hash of its token (nothing to store; unknowable without the cookie). */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`hookwatch-csrf:${sessionToken}`).digest('base64url');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header);
  return match?.[1];
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The request's Origin header is absent (same-origin GET, non-browser client) or names this server. */
export function originAllowed(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return origin === `${request.protocol}://${request.host}`;
}

function csrfOk(request: FastifyRequest, sessionToken: string): boolean {
  if (SAFE_METHODS.has(request.method)) return true;
  const sent = request.headers[CSRF_HEADER];
  return typeof sent === 'string' && sameText(sent, csrfTokenFor(sessionToken)) && originAllowed(request);
}

function refuse(request: FastifyRequest, reply: FastifyReply, code: 'HW_ERR_AUTH_REQUIRED' | 'HW_ERR_AUTH_FORBIDDEN' | 'HW_ERR_AUTH_CSRF', principal?: Principal): FastifyReply {
  request.log.warn({ action: 'authorise', outcome: 'denied', code, actor: principal?.actor ?? 'anonymous', role: principal?.role ?? null, route: request.routeOptions.url, method: request.method }, 'access denied');
  return sendError(reply, code);
}

/**
 * App-wide hook: resolves the credentials a request carries (if any) into its principal. A state-changing request
 * riding on the session cookie without the anti-CSRF token (or from another origin) is refused here with 403 (WA-8),
 * before its body is even parsed, except on public routes, where it simply counts as anonymous.
 */
export function authenticate(store: Store, policy: SessionPolicy): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    // Only the API has guarded routes. The browser sends the session cookie with every page, script and stylesheet
    // too: looking it up for those would be a database read per asset for nothing.
    if (!request.url.startsWith('/api/')) return undefined;
    const key = bearerKey(request);
    if (key !== undefined) {
      const apiKey = await store.apiKeys.find(key);
      if (apiKey !== undefined) principals.set(request, { actor: `api_key:${apiKey.id}`, role: apiKey.role });
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token === undefined) return;
    const session = await store.sessions.find(token, policy);
    if (session === undefined) return;
    const principal: Principal = {
      actor: `user:${session.userId}`,
      role: session.role,
      session: { id: session.sessionId, userId: session.userId, email: session.email, token },
    };
    if (csrfOk(request, token)) principals.set(request, principal);
    else if (request.routeOptions.config.public !== true) return refuse(request, reply, 'HW_ERR_AUTH_CSRF', principal);
    return undefined;
  };
}

/** A route guard, carrying the roles it lets through (the route table reads them: routeRoles()). */
type RoleGuard = onRequestAsyncHookHandler & { readonly roles: readonly Role[] };

/** The roles a route's guard (its onRequest hook) admits, or undefined for a route without one (public). */
export function routeRoles(onRequest: unknown): readonly Role[] | undefined {
  const handlers: unknown[] = Array.isArray(onRequest) ? onRequest : [onRequest];
  for (const handler of handlers) {
    if (typeof handler === 'function' && 'roles' in handler) return (handler as RoleGuard).roles;
  }
  return undefined;
}

/**
 * Route guard, used as the route's onRequest hook (after the app-wide `authenticate`): the request's principal must
 * hold one of `roles`. It runs before the body is parsed or validated, so the unauthorised learn nothing from it.
 */
export function requireRole(roles: readonly Role[]): RoleGuard {
  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = principals.get(request);
    if (principal === undefined) return refuse(request, reply, 'HW_ERR_AUTH_REQUIRED');
    if (!roles.includes(principal.role)) return refuse(request, reply, 'HW_ERR_AUTH_FORBIDDEN', principal);
    await Promise.resolve();
    return undefined;
  };
  return Object.assign(guard, { roles });
}
