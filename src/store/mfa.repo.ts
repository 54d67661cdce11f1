/**
 * Second factor (SECURITY.md WA-3): TOTP enrolment and replay protection, single-use recovery codes, and sign-in
 * challenges. Challenge tokens and recovery codes are random and long (≥ 120 bits), so they are stored as SHA-256.
 */
import type { Kysely } from 'kysely';
import { decodeTime, encodeTime } from './dialect.js';
import { newId, randomChars, sha256Hex } from './ids.js';
import type { Database } from './schema.js';
import type { Clock } from './transaction.js';

const TOKEN_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TOKEN_FORMAT = /^[0-9A-Za-z]{32}$/;
/** Wrong codes one challenge takes before it is spent (the per-account delay of sign-in applies as well). */
export const MAX_CHALLENGE_ATTEMPTS = 5;

export interface LoginChallenge {
  readonly id: string;
  readonly userId: string;
  /** Set when the account is enrolling: the secret the first code must match. */
  readonly pendingSecret: string | null;
}

export class MfaRepo {
  readonly #db: Kysely<Database>;
  readonly #now: Clock;

  constructor(db: Kysely<Database>, now: Clock) {
    this.#db = db;
    this.#now = now;
  }

  /** A challenge for the user, valid for `ttlMs`; the token goes to the browser once. */
  async createChallenge(userId: string, pendingSecret: string | null, ttlMs: number): Promise<string> {
    const token = randomChars(TOKEN_ALPHABET, 32);
    await this.#db.insertInto('login_challenges').values({
      id: newId(), token_hash: sha256Hex(token), user_id: userId, pending_secret: pendingSecret, attempts: 0,
      expires_at: encodeTime(new Date(this.#now().getTime() + ttlMs)), used_at: null,
    }).execute();
    return token;
  }

  /** The live challenge of this token (not expired, not used, attempts left), counting this attempt. */
  async takeAttempt(token: string): Promise<LoginChallenge | undefined> {
    if (!TOKEN_FORMAT.test(token)) return undefined;
    const row = await this.#db
      .updateTable('login_challenges')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('token_hash', '=', sha256Hex(token))
      .where('used_at', 'is', null)
      .where('attempts', '<', MAX_CHALLENGE_ATTEMPTS)
      .returning(['id', 'user_id', 'pending_secret', 'expires_at'])
      .executeTakeFirst();
    if (row === undefined || decodeTime(row.expires_at).getTime() <= this.#now().getTime()) return undefined;
    return { id: row.id, userId: row.user_id, pendingSecret: row.pending_secret };
  }

  /** Marks the challenge used; false when it already was (a concurrent second use). */
  async useChallenge(id: string): Promise<boolean> {
    const row = await this.#db.updateTable('login_challenges').set({ used_at: encodeTime(this.#now()) })
      .where('id', '=', id).where('used_at', 'is', null).returning('id').executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Records that the TOTP code of `step` was accepted. False when a code of this or a later step was accepted
   * before (a replay, even a concurrent one): the caller must refuse the sign-in.
   */
  async acceptStep(userId: string, step: number): Promise<boolean> {
    const row = await this.#db.updateTable('users').set({ totp_last_step: step })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .returning('id').executeTakeFirst();
    return row !== undefined;
  }

  /** Enrols the account: its TOTP secret and a new set of recovery codes (given as hashes; the old set is gone). */
  async enrol(userId: string, secret: string, recoveryCodeHashes: readonly string[]): Promise<void> {
    await this.#db.updateTable('users').set({ totp_secret: secret, totp_last_step: null }).where('id', '=', userId).execute();
    await this.#db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    if (recoveryCodeHashes.length > 0) {
      await this.#db.insertInto('recovery_codes').values(recoveryCodeHashes.map((code_hash) => ({ code_hash, user_id: userId, used_at: null }))).execute();
    }
  }

  /** Spends a recovery code of the user; false when it is unknown, someone else's or already used. */
  async useRecoveryCode(userId: string, codeHash: string): Promise<boolean> {
    const row = await this.#db.updateTable('recovery_codes').set({ used_at: encodeTime(this.#now()) })
      .where('code_hash', '=', codeHash).where('user_id', '=', userId).where('used_at', 'is', null)
      .returning('code_hash').executeTakeFirst();
    return row !== undefined;
  }

  /** An admin's reset: the account enrols again at its next sign-in. */
  async reset(userId: string): Promise<void> {
    await this.#db.updateTable('users').set({ totp_secret: null, totp_last_step: null }).where('id', '=', userId).execute();
    await this.#db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  }
}
