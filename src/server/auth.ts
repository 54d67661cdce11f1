/**
 * API-key authentication for analyst, admin and liaison routes: `Authorization: Bearer <key>`. Keys are looked up
 * by their SHA-256 (the store never holds a key itself); a revoked or unknown key is 401, a known key of the wrong
 * role 403. Browser sessions come with the web UI.
 */
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Role, Store } from '../store/index.js';
import { sendError } from './errors.js';

export interface Principal {
  /** Audit actor: `api_key:<id>`. */
  readonly actor: string;
  readonly role: Role;
}

const principals = new WeakMap<FastifyRequest, Principal>();

/** The authenticated principal of a request that passed requireRole(). */
export function principalOf(request: FastifyRequest): Principal {
  const principal = principals.get(request);
  if (principal === undefined) throw new Error('principalOf() on a route without requireRole()');
  return principal;
}

function bearerKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header);
  return match?.[1];
}

export function requireRole(store: Store, roles: readonly Role[]): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const key = bearerKey(request);
    const apiKey = key === undefined ? undefined : await store.apiKeys.find(key);
    if (apiKey === undefined) return sendError(reply, 'HW_ERR_AUTH_REQUIRED');
    if (!roles.includes(apiKey.role)) return sendError(reply, 'HW_ERR_AUTH_FORBIDDEN');
    principals.set(request, { actor: `api_key:${apiKey.id}`, role: apiKey.role });
    return undefined;
  };
}
