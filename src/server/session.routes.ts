/**
 * Staff sign-in for the web console (SECURITY.md WA-4, WA-5):
 * - `POST /session` `{email, password}`: with MFA (the default, WA-3) the password only earns a challenge:
 *   `{mfa: 'totp', challenge}`, or `{mfa: 'enrol', challenge, secret, otpauthUri, qrDataUrl}` for an account without
 *   a second factor yet; `POST /session/mfa` `{challenge, code}` (a TOTP code or a recovery code) then starts the
 *   session. Without MFA the password starts it. Starting a session means a new token (rotation; the session the
 *   browser arrived with ends), the `__Host-sid` cookie (Secure, HttpOnly, SameSite=Lax, Path=/) and the anti-CSRF
 *   token. "Unknown account", "disabled account" and "wrong password" answer alike, in the same time.
 * - `GET /session`: who is signed in, and the anti-CSRF token the console sends back on every change.
 * - `DELETE /session`: sign-out; the old cookie is refused from then on.
 * After LOGIN_FAILURES_BEFORE_DELAY failures in LOGIN_FAILURE_WINDOW_MS an account's next attempt waits, doubling
 * per failure up to LOGIN_MAX_DELAY_MS; it is never locked for good, and a success resets the count.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { SessionPolicy, Store, User } from '../store/index.js';
import { csrfTokenFor, optionalPrincipalOf, originAllowed, principalOf, requireRole, SESSION_COOKIE } from './auth.js';
import { sendError } from './errors.js';
import { enrolmentOffer, isRecoveryCode, newRecoveryCodes, recoveryCodeHash, verifyTotp } from './mfa.js';
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
  /** WA-3: a second factor after the password (config mfaRequired). */
  readonly mfaRequired: boolean;
  /** The name authenticator apps show for the account (the UI's name). */
  readonly issuer: string;
}

/** How long a sign-in may take between the password and the second factor. */
export const MFA_CHALLENGE_TTL_MS = 5 * 60_000;

function clearCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'lax' });
}

export const sessionRoutes: FastifyPluginAsync<SessionRoutesOptions> = async (app, { store, policy, mfaRequired, issuer }) => {
  const limited = rateLimit(LOGIN_RATE_PER_MINUTE);
  const signedIn = requireRole(['admin', 'analyst', 'liaison']);

  /** 429 with Retry-After while the account must wait after repeated failures (WA-4); undefined to go ahead. */
  function throttle(request: FastifyRequest, reply: FastifyReply, user: User): FastifyReply | undefined {
    const wait = loginDelayMs(user.failedLogins, user.lastFailedLoginAt, store.now().getTime());
    if (wait <= 0) return undefined;
    const seconds = Math.ceil(wait / 1000);
    void reply.header('retry-after', String(seconds));
    request.log.warn({ action: 'login', outcome: 'throttled', actor: `user:${user.id}` }, 'sign-in throttled');
    return sendError(reply, 'HW_ERR_AUTH_THROTTLED', { seconds });
  }

  /**
   * The last step of a sign-in: a new session (a new token: rotation; the session the browser arrived with ends),
   * failures forgotten, the cookie set, the anti-CSRF token returned (and, at enrolment, the recovery codes, once).
   */
  async function startSession(request: FastifyRequest, reply: FastifyReply, user: User, how: { method: string; recoveryCodes?: readonly string[] }): Promise<Record<string, unknown>> {
    const previous = request.cookies[SESSION_COOKIE];
    const created = await store.transaction(async (repos) => {
      if (previous !== undefined) await repos.sessions.revokeToken(previous);
      await repos.users.resetLoginFailures(user.id);
      const session = await repos.sessions.create(user.id, policy, request.ip);
      await repos.audit.append({ actor: `user:${user.id}`, action: 'session.created', target: `session:${session.sessionId}`, details: { role: user.role, method: how.method }, ip: request.ip });
      return session;
    });
    request.log.info({ action: 'login', outcome: 'success', actor: `user:${user.id}`, role: user.role, method: how.method }, 'signed in');
    void reply.setCookie(SESSION_COOKIE, created.token, {
      path: '/', secure: true, httpOnly: true, sameSite: 'lax', maxAge: Math.floor(policy.lifetimeMs / 1000),
    });
    return {
      user: { id: user.id, email: user.email, role: user.role },
      csrfToken: csrfTokenFor(created.token),
      ...(how.recoveryCodes === undefined ? {} : { recoveryCodes: how.recoveryCodes }),
    };
  }

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
    const throttled = user === undefined ? undefined : throttle(request, reply, user);
    if (throttled !== undefined) return throttled;
    const ok = await verifyPassword(user?.passwordHash, request.body.password);
    if (user === undefined || !ok || user.disabled) {
      if (user !== undefined && !ok) await store.users.recordLoginFailure(user.id);
      request.log.warn({ action: 'login', outcome: 'failure', actor: user === undefined ? 'unknown' : `user:${user.id}` }, 'sign-in failed');
      return sendError(reply, 'HW_ERR_AUTH_LOGIN_FAILED');
    }
    const rehash = needsRehash(user.passwordHash) ? await hashPassword(request.body.password) : undefined;
    if (rehash !== undefined) await store.users.setPasswordHash(user.id, rehash);
    if (!mfaRequired) return startSession(request, reply, user, { method: 'password' });
    // Password accepted: the second factor decides (WA-3). An account without one enrols now.
    const offer = user.totpSecret === null ? await enrolmentOffer(issuer, user.email) : undefined;
    const challenge = await store.mfa.createChallenge(user.id, offer?.secret ?? null, MFA_CHALLENGE_TTL_MS);
    request.log.info({ action: 'login', outcome: 'password-accepted', actor: `user:${user.id}` }, 'second factor required');
    return offer === undefined
      ? { mfa: 'totp', challenge }
      : { mfa: 'enrol', challenge, secret: offer.secret, otpauthUri: offer.otpauthUri, qrDataUrl: offer.qrDataUrl };
  });

  app.post<{ Body: { challenge: string; code: string } }>('/session/mfa', {
    preHandler: limited,
    config: { public: true },
    schema: {
      body: {
        type: 'object', additionalProperties: false, required: ['challenge', 'code'],
        properties: { challenge: { type: 'string', minLength: 1, maxLength: 64 }, code: { type: 'string', minLength: 1, maxLength: 64 } },
      },
    },
  }, async (request, reply) => {
    if (!originAllowed(request)) return sendError(reply, 'HW_ERR_AUTH_CSRF');
    const challenge = await store.mfa.takeAttempt(request.body.challenge);
    const user = challenge === undefined ? undefined : await store.users.get(challenge.userId);
    if (challenge === undefined || user === undefined || user.disabled) return sendError(reply, 'HW_ERR_AUTH_MFA_FAILED');
    const throttled = throttle(request, reply, user);
    if (throttled !== undefined) return throttled;
    const code = request.body.code.trim();
    const secret = challenge.pendingSecret ?? user.totpSecret;
    let method: 'totp' | 'recovery-code' | 'enrolment';
    let accepted: boolean;
    let recoveryCodes: string[] | undefined;
    if (isRecoveryCode(code) && challenge.pendingSecret === null) {
      method = 'recovery-code';
      accepted = await store.mfa.useRecoveryCode(user.id, recoveryCodeHash(code));
    } else {
      const step = secret === null ? undefined : await verifyTotp(secret, code, user.totpLastStep, store.now().getTime());
      method = challenge.pendingSecret === null ? 'totp' : 'enrolment';
      accepted = step !== undefined && secret !== null && await store.transaction(async (repos) => {
        if (challenge.pendingSecret !== null) {
          recoveryCodes = newRecoveryCodes();
          await repos.mfa.enrol(user.id, challenge.pendingSecret, recoveryCodes.map(recoveryCodeHash));
          await repos.audit.append({ actor: `user:${user.id}`, action: 'mfa.enrolled', target: `user:${user.id}`, details: { method: 'totp' }, ip: request.ip });
        }
        return repos.mfa.acceptStep(user.id, step);
      });
    }
    if (!accepted || !(await store.mfa.useChallenge(challenge.id))) {
      await store.users.recordLoginFailure(user.id);
      request.log.warn({ action: 'mfa', outcome: 'failure', actor: `user:${user.id}`, method }, 'second factor refused');
      return sendError(reply, 'HW_ERR_AUTH_MFA_FAILED');
    }
    return startSession(request, reply, user, { method, ...(recoveryCodes === undefined ? {} : { recoveryCodes }) });
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
