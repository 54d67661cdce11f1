/**
 * Administration (admin only): users (argon2id passwords), API keys (shown once, stored hashed, revocable), the
 * audit log with its verification, and the queue's dead letters. Every change is audited with who, what, when and
 * from where (the admin's address: staff actions only).
 */
import type { FastifyPluginAsync } from 'fastify';
import { ROLES, type ApiKey, type Role, type Store, type User } from '../store/index.js';
import type { JobQueue } from '../queue/queue.js';
import { principalOf, requireRole } from './auth.js';
import { sendError } from './errors.js';
import { hashPassword, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS } from './passwords.js';

export const MAX_AUDIT_PAGE_SIZE = 1000;

function userView(user: User): Record<string, unknown> {
  return { id: user.id, email: user.email, role: user.role, disabled: user.disabled, mfaEnrolled: user.totpSecret !== null, createdAt: user.createdAt.toISOString() };
}

function keyView(key: ApiKey): Record<string, unknown> {
  return { id: key.id, name: key.name, role: key.role, prefix: key.prefix, createdAt: key.createdAt.toISOString(), revokedAt: key.revokedAt?.toISOString() ?? null };
}

const roleSchema = { type: 'string', enum: ROLES } as const;

export const adminRoutes: FastifyPluginAsync<{ store: Store; queue: JobQueue }> = async (app, { store, queue }) => {
  const admins = requireRole(['admin']);

  app.get('/admin/users', { onRequest: admins }, async () => ({ users: (await store.users.list()).map(userView) }));

  app.post<{ Body: { email: string; password: string; role: Role } }>('/admin/users', {
    onRequest: admins,
    schema: {
      body: {
        type: 'object', additionalProperties: false, required: ['email', 'password', 'role'],
        properties: { email: { type: 'string', format: 'email', maxLength: 254 }, password: { type: 'string', minLength: MIN_PASSWORD_CHARS, maxLength: MAX_PASSWORD_CHARS }, role: roleSchema },
      },
    },
  }, async (request, reply) => {
    const passwordHash = await hashPassword(request.body.password);
    const actor = principalOf(request).actor;
    const result = await store.transaction(async (repos) => {
      const created = await repos.users.create({ email: request.body.email, passwordHash, role: request.body.role });
      if (!created.conflict) await repos.audit.append({ actor, action: 'user.created', target: `user:${created.user.id}`, details: { role: request.body.role }, ip: request.ip });
      return created;
    });
    if (result.conflict) return sendError(reply, 'HW_ERR_HTTP_VALIDATION', { reason: 'a user with this e-mail exists' });
    return reply.code(201).send(userView(result.user));
  });

  app.post<{ Params: { id: string }; Body: { disabled: boolean } }>('/admin/users/:id/disabled', {
    onRequest: admins,
    schema: { body: { type: 'object', additionalProperties: false, required: ['disabled'], properties: { disabled: { type: 'boolean' } } } },
  }, async (request, reply) => {
    const actor = principalOf(request).actor;
    const found = await store.transaction(async (repos) => {
      const ok = await repos.users.setDisabled(request.params.id, request.body.disabled);
      if (ok && request.body.disabled) await repos.sessions.revokeAllForUser(request.params.id);
      if (ok) await repos.audit.append({ actor, action: request.body.disabled ? 'user.disabled' : 'user.enabled', target: `user:${request.params.id}`, ip: request.ip });
      return ok;
    });
    return found ? { id: request.params.id, disabled: request.body.disabled } : sendError(reply, 'HW_ERR_HTTP_NOT_FOUND');
  });

  app.post<{ Params: { id: string }; Body: { role: Role } }>('/admin/users/:id/role', {
    onRequest: admins,
    schema: { body: { type: 'object', additionalProperties: false, required: ['role'], properties: { role: roleSchema } } },
  }, async (request, reply) => {
    const actor = principalOf(request).actor;
    const found = await store.transaction(async (repos) => {
      const ok = await repos.users.setRole(request.params.id, request.body.role);
      // A privilege change ends the account's sessions (WA-5): the next sign-in gets a new token.
      if (ok) await repos.sessions.revokeAllForUser(request.params.id);
      if (ok) await repos.audit.append({ actor, action: 'user.role_changed', target: `user:${request.params.id}`, details: { role: request.body.role }, ip: request.ip });
      return ok;
    });
    return found ? { id: request.params.id, role: request.body.role } : sendError(reply, 'HW_ERR_HTTP_NOT_FOUND');
  });

  app.post<{ Params: { id: string } }>('/admin/users/:id/sessions/terminate', { onRequest: admins }, async (request, reply) => {
    const actor = principalOf(request).actor;
    const ended = await store.transaction(async (repos) => {
      if ((await repos.users.get(request.params.id)) === undefined) return undefined;
      const count = await repos.sessions.revokeAllForUser(request.params.id);
      await repos.audit.append({ actor, action: 'user.sessions_terminated', target: `user:${request.params.id}`, details: { sessions: count }, ip: request.ip });
      return count;
    });
    return ended === undefined ? sendError(reply, 'HW_ERR_HTTP_NOT_FOUND') : { id: request.params.id, sessionsEnded: ended };
  });

  app.post<{ Params: { id: string } }>('/admin/users/:id/mfa/reset', { onRequest: admins }, async (request, reply) => {
    const actor = principalOf(request).actor;
    const found = await store.transaction(async (repos) => {
      if ((await repos.users.get(request.params.id)) === undefined) return false;
      // A lost authenticator: the account enrols again at its next sign-in; its sessions end now.
      await repos.mfa.reset(request.params.id);
      await repos.sessions.revokeAllForUser(request.params.id);
      await repos.audit.append({ actor, action: 'user.mfa_reset', target: `user:${request.params.id}`, ip: request.ip });
      return true;
    });
    return found ? { id: request.params.id, mfaReset: true } : sendError(reply, 'HW_ERR_HTTP_NOT_FOUND');
  });

  app.get('/admin/keys', { onRequest: admins }, async () => ({ keys: (await store.apiKeys.list()).map(keyView) }));

  app.post<{ Body: { name: string; role: Role } }>('/admin/keys', {
    onRequest: admins,
    schema: { body: { type: 'object', additionalProperties: false, required: ['name', 'role'], properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, role: roleSchema } } },
  }, async (request, reply) => {
    const actor = principalOf(request).actor;
    const created = await store.transaction(async (repos) => {
      const made = await repos.apiKeys.create({ name: request.body.name, role: request.body.role });
      await repos.audit.append({ actor, action: 'api_key.created', target: `api_key:${made.apiKey.id}`, details: { role: request.body.role, name: request.body.name }, ip: request.ip });
      return made;
    });
    // The key itself is in this response only: it is stored as a hash.
    return reply.code(201).send({ ...keyView(created.apiKey), key: created.key });
  });

  app.delete<{ Params: { id: string } }>('/admin/keys/:id', { onRequest: admins }, async (request, reply) => {
    const actor = principalOf(request).actor;
    const revoked = await store.transaction(async (repos) => {
      const ok = await repos.apiKeys.revoke(request.params.id);
      if (ok) await repos.audit.append({ actor, action: 'api_key.revoked', target: `api_key:${request.params.id}`, ip: request.ip });
      return ok;
    });
    return revoked ? reply.code(204).send() : sendError(reply, 'HW_ERR_HTTP_NOT_FOUND');
  });

  app.get<{ Querystring: { before?: string; limit?: string } }>('/admin/audit', {
    onRequest: admins,
    schema: { querystring: { type: 'object', additionalProperties: false, properties: { before: { type: 'string', pattern: '^[0-9]{1,15}$' }, limit: { type: 'string', pattern: '^[1-9][0-9]{0,3}$' } } } },
  }, async (request) => {
    const limit = Math.min(Number(request.query.limit ?? 100), MAX_AUDIT_PAGE_SIZE);
    const events = await store.audit.list({ limit, ...(request.query.before === undefined ? {} : { beforeSeq: Number(request.query.before) }) });
    return { events: events.map((e) => ({ ...e, at: e.at.toISOString() })) };
  });

  app.get('/admin/audit/verify', { onRequest: admins }, () => store.audit.verify());

  app.get('/admin/dead-letters', { onRequest: admins }, async () => ({ jobs: await queue.deadLetters() }));
  app.post<{ Params: { id: string } }>('/admin/dead-letters/:id/retry', { onRequest: admins }, async (request, reply) => {
    const retried = await queue.retryDeadLetter(request.params.id);
    if (!retried) return sendError(reply, 'HW_ERR_HTTP_NOT_FOUND');
    await store.audit.append({ actor: principalOf(request).actor, action: 'job.retried', target: `job:${request.params.id}`, ip: request.ip });
    return { id: request.params.id, retried: true };
  });
  await Promise.resolve();
};
