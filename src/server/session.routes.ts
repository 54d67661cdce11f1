/**
 * Staff sign-in for the web console (SECURITY.md WA-4, WA-5):
 * - `POST /session` `{email, password}`: a new session (a new token: rotation at sign-in; the session the request
 *   carried, if any, is ended), the `__Host-sid` cookie (Secure, HttpOnly, SameSite=Lax, Path=/) and the anti-CSRF
 *   token. "Unknown account", "disabled account" and "wrong password" answer alike, in the same time.
 * - `GET /session`: who is signed in, and the anti-CSRF token the console sends back on every change.
 * - `DELETE /session`: sign-out; the old cookie is refused from then on.
 * After LOGIN_FAILURES_BEFORE_DELAY failures in LOGIN_FAILURE_WINDOW_MS an account's next attempt waits, doubling
 * per failure up to LOGIN_MAX_DELAY_MS; it is never locked for good, and a success resets the count.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { SessionPolicy, Store } from '../store/index.js';
import { csrfTokenFor, optionalPrincipalOf, originAllowed, principalOf, requireRole, SESSION_COOKIE } from './auth.js';
import { sendError } from './errors.js';
import { hashPassword, MAX_PASSWORD_CHARS, needsRehash, verifyPassword } from './passwords.js';
import { rateLimit } from './rate-limit.js';

export const LOGIN_FAILURES_BEFORE_DELAY = 10;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60_000;
export const LOGIN_MAX_DELAY_MS = 15 * 60_000;
/** Sign-in attempts per minute per client address (on top of the per-account delay). */
export const LOGIN_RATE_PER_MINUTE = 30;

/** Milliseconds the account must still wait before another attempt (0: go ahead). */
export function loginDelayMs(failures: number, lastFailure: Date | null, now: number): number {
  if (lastFailure === null || failures < LOGIN_FAILURES_BEFORE_DELAY) return 0;
  const since = now - lastFailure.getTime();
  if (since >= LOGIN_FAILURE_WINDOW_MS) return 0;
  const delay = Math.min(LOGIN_MAX_DELAY_MS, 1000 * 2 ** (failures - LOGIN_FAILURES_BEFORE_DELAY));
  return Math.max(0, delay - since);
}

export interface SessionRoutesOptions {
  readonly store: Store;
  readonly policy: SessionPolicy;
}

function clearCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'lax' });
}

export const sessionRoutes: FastifyPluginAsync<SessionRoutesOptions> = async (app, { store, policy }) => {
  const limited = rateLimit(LOGIN_RATE_PER_MINUTE);
  const signedIn = requireRole(['admin', 'analyst', 'liaison']);

  app.post<{ Body: { email: string; password: string } }>('/session', {
    preHandler: limited,
    config: { public: true },
    schema: {
      body: {
        type: 'object', additionalProperties: false, required: ['email', 'password'],
        properties: { email: { type: 'string', minLength: 1, maxLength: 254 }, password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_CHARS } },
      },
    },
  }, async (request, reply) => {
    // Login CSRF: a page on another site must not sign a victim's browser into the attacker's account.
    if (!originAllowed(request)) return sendError(reply, 'HW_ERR_AUTH_CSRF');
    const user = await store.users.findByEmail(request.body.email);
    if (user !== undefined) {
      const wait = loginDelayMs(user.failedLogins, user.lastFailedLoginAt, store.now().getTime());
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        void reply.header('retry-after', String(seconds));
        request.log.warn({ action: 'login', outcome: 'throttled', actor: `user:${user.id}` }, 'sign-in throttled');
        return sendError(reply, 'HW_ERR_AUTH_THROTTLED', { seconds });
      }
    }
    const ok = await verifyPassword(user?.passwordHash, request.body.password);
    if (user === undefined || !ok || user.disabled) {
      if (user !== undefined && !ok) await store.users.recordLoginFailure(user.id);
      request.log.warn({ action: 'login', outcome: 'failure', actor: user === undefined ? 'unknown' : `user:${user.id}` }, 'sign-in failed');
      return sendError(reply, 'HW_ERR_AUTH_LOGIN_FAILED');
    }
    // Rotation: the session this browser arrived with (if any) ends; the new one gets a new token.
    const previous = request.cookies[SESSION_COOKIE];
    const rehash = needsRehash(user.passwordHash) ? await hashPassword(request.body.password) : undefined;
    const created = await store.transaction(async (repos) => {
      if (previous !== undefined) await repos.sessions.revokeToken(previous);
      await repos.users.resetLoginFailures(user.id);
      if (rehash !== undefined) await repos.users.setPasswordHash(user.id, rehash);
      const session = await repos.sessions.create(user.id, policy, request.ip);
      await repos.audit.append({ actor: `user:${user.id}`, action: 'session.created', target: `session:${session.sessionId}`, details: { role: user.role }, ip: request.ip });
      return session;
    });
    request.log.info({ action: 'login', outcome: 'success', actor: `user:${user.id}`, role: user.role }, 'signed in');
    void reply.setCookie(SESSION_COOKIE, created.token, {
      path: '/', secure: true, httpOnly: true, sameSite: 'lax', maxAge: Math.floor(policy.lifetimeMs / 1000),
    });
    return { user: { id: user.id, email: user.email, role: user.role }, csrfToken: csrfTokenFor(created.token) };
  });

  app.get('/session', async (request, reply) => {
    const session = optionalPrincipalOf(request);
    if (session?.session === undefined) return sendError(reply, 'HW_ERR_AUTH_REQUIRED');
    await Promise.resolve();
    return { user: { id: session.session.userId, email: session.session.email, role: session.role }, csrfToken: csrfTokenFor(session.session.token) };
  });

  app.delete('/session', { onRequest: signedIn }, async (request, reply) => {
    const principal = principalOf(request);
    if (principal.session !== undefined) {
      const { id, userId } = principal.session;
      await store.transaction(async (repos) => {
        await repos.sessions.revoke(id);
        await repos.audit.append({ actor: `user:${userId}`, action: 'session.ended', target: `session:${id}`, ip: request.ip });
      });
    }
    clearCookie(reply);
    return reply.code(204).send();
  });
  await Promise.resolve();
};
