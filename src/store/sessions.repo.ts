/**
 * Staff browser sessions (SECURITY.md WA-5). A session token is 32 base62 characters from a CSPRNG (~190 bits);
 * only its SHA-256 is stored, so a copy of the database cannot be replayed as a cookie. A session ends at the first
 * of: sign-out (revoked), its absolute lifetime, an idle gap longer than the idle timeout, the account being disabled,
 * or an admin terminating the account's sessions.
 */
import type { Kysely } from 'kysely';
import { decodeBool, decodeTime, encodeTime } from './dialect.js';
import { newId, randomChars, sha256Hex } from './ids.js';
import type { Database, Role } from './schema.js';
import type { Clock } from './transaction.js';

const TOKEN_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TOKEN_CHARS = 32;
const TOKEN_FORMAT = /^[0-9A-Za-z]{32}$/;
/** last_seen_at is written at most this often: a busy console does not write on every request. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

export interface SessionPolicy {
  /** WA-5 default: 30 minutes. */
  readonly idleMs: number;
  /** WA-5 default: 12 hours. */
  readonly lifetimeMs: number;
}

export interface SessionUser {
  readonly sessionId: string;
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
  readonly expiresAt: Date;
}

export class SessionsRepo {
  readonly #db: Kysely<Database>;
  readonly #now: Clock;

  constructor(db: Kysely<Database>, now: Clock) {
    this.#db = db;
    this.#now = now;
  }

  /** A new session for the user; the token is returned once (it goes into the cookie) and stored hashed. */
  async create(userId: string, policy: SessionPolicy, ip: string | null): Promise<{ readonly token: string; readonly sessionId: string }> {
    const token = randomChars(TOKEN_ALPHABET, TOKEN_CHARS);
    const now = this.#now();
    const sessionId = newId();
    await this.#db
      .insertInto('sessions')
      .values({
        id: sessionId,
        token_hash: sha256Hex(token),
        user_id: userId,
        created_at: encodeTime(now),
        last_seen_at: encodeTime(now),
        expires_at: encodeTime(new Date(now.getTime() + policy.lifetimeMs)),
        revoked_at: null,
        ip,
      })
      .execute();
    return { token, sessionId };
  }

  /** The live session of this token and its (enabled) user, or undefined; records activity for the idle timeout. */
  async find(token: string, policy: SessionPolicy): Promise<SessionUser | undefined> {
    if (!TOKEN_FORMAT.test(token)) return undefined;
    const row = await this.#db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.id as id', 'sessions.last_seen_at', 'sessions.expires_at', 'sessions.revoked_at', 'users.id as user_id', 'users.email', 'users.role', 'users.disabled'])
      .where('sessions.token_hash', '=', sha256Hex(token))
      .executeTakeFirst();
    if (row === undefined || row.revoked_at !== null || decodeBool(row.disabled)) return undefined;
    const now = this.#now().getTime();
    const lastSeen = decodeTime(row.last_seen_at).getTime();
    const expiresAt = decodeTime(row.expires_at);
    if (now >= expiresAt.getTime() || now - lastSeen > policy.idleMs) return undefined;
    if (now - lastSeen >= SESSION_TOUCH_INTERVAL_MS) {
      await this.#db.updateTable('sessions').set({ last_seen_at: encodeTime(new Date(now)) }).where('id', '=', row.id).execute();
    }
    return { sessionId: row.id, userId: row.user_id, email: row.email, role: row.role, expiresAt };
  }

  /** Ends the session of this token, if it is live (a sign-in replacing the session it arrived with). */
  async revokeToken(token: string): Promise<void> {
    if (!TOKEN_FORMAT.test(token)) return;
    await this.#db.updateTable('sessions').set({ revoked_at: encodeTime(this.#now()) }).where('token_hash', '=', sha256Hex(token)).where('revoked_at', 'is', null).execute();
  }

  /** Ends one session (sign-out). */
  async revoke(sessionId: string): Promise<void> {
    await this.#db.updateTable('sessions').set({ revoked_at: encodeTime(this.#now()) }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
  }

  /** Ends every live session of the user (an admin's "terminate sessions", a role change); returns how many. */
  async revokeAllForUser(userId: string): Promise<number> {
    const rows = await this.#db
      .updateTable('sessions')
      .set({ revoked_at: encodeTime(this.#now()) })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    return rows.length;
  }
}
