/** Staff accounts. The store takes password hashes made by the caller (argon2id, WA-1) and never sees a password. */
import type { Kysely } from 'kysely';
import { checkLength, checkStorableText, decodeBool, decodeTime, encodeBool, encodeTime } from './dialect.js';
import { newId } from './ids.js';
import type { Database, Role, UsersTable } from './schema.js';
import type { Clock } from './transaction.js';

/** RFC 5321 §4.5.3.1.3: a path holds at most 256 octets including the angle brackets. The column is indexed. */
export const MAX_EMAIL_CHARS = 254;

/** The start of a PHC string (`$argon2id$v=19$…`): refuses a plaintext password passed by mistake. */
const PHC_PREFIX = /^\$[a-z0-9-]{1,32}\$/;

export interface NewUser {
  readonly email: string;
  /** PHC string, e.g. from @node-rs/argon2 `hash()`. */
  readonly passwordHash: string;
  readonly role: Role;
}

export interface User {
  readonly id: string;
  /** Lowercased. */
  readonly email: string;
  readonly passwordHash: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: Date;
  /** Failed sign-ins since the last successful one (WA-4). */
  readonly failedLogins: number;
  readonly lastFailedLoginAt: Date | null;
  /** Base32 TOTP secret, null until the account enrols a second factor (WA-3). */
  readonly totpSecret: string | null;
  /** The last TOTP time step accepted. */
  readonly totpLastStep: number | null;
}

export type CreateUserResult = { readonly conflict: false; readonly user: User } | { readonly conflict: true };

/** Accounts are found by e-mail whatever its case, so one person cannot hold two accounts by case. */
function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function toUser(row: UsersTable): User {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    role: row.role,
    disabled: decodeBool(row.disabled),
    createdAt: decodeTime(row.created_at),
    failedLogins: row.failed_logins,
    lastFailedLoginAt: row.last_failed_login_at === null ? null : decodeTime(row.last_failed_login_at),
    totpSecret: row.totp_secret,
    totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
  };
}

export class UsersRepo {
  readonly #db: Kysely<Database>;
  readonly #now: Clock;

  constructor(db: Kysely<Database>, now: Clock) {
    this.#db = db;
    this.#now = now;
  }

  /** `conflict: true` when the e-mail already has an account. */
  async create(user: NewUser): Promise<CreateUserResult> {
    const email = normaliseEmail(user.email);
    checkStorableText('email', email);
    checkLength('email', email, MAX_EMAIL_CHARS);
    if (!PHC_PREFIX.test(user.passwordHash)) throw new TypeError('passwordHash must be a PHC string ($alg$…)');
    const row = await this.#db
      .insertInto('users')
      .values({
        id: newId(),
        email,
        password_hash: user.passwordHash,
        role: user.role,
        disabled: encodeBool(false),
        created_at: encodeTime(this.#now()),
        failed_logins: 0,
        last_failed_login_at: null,
        totp_secret: null,
        totp_last_step: null,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? { conflict: true } : { conflict: false, user: toUser(row) };
  }

  async get(id: string): Promise<User | undefined> {
    const row = await this.#db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toUser(row);
  }

  async list(): Promise<User[]> {
    const rows = await this.#db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(toUser);
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const row = await this.#db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', normaliseEmail(email))
      .executeTakeFirst();
    return row === undefined ? undefined : toUser(row);
  }

  /** False when there is no such user. */
  async setDisabled(id: string, disabled: boolean): Promise<boolean> {
    const row = await this.#db
      .updateTable('users')
      .set({ disabled: encodeBool(disabled) })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** False when there is no such user. */
  async setRole(id: string, role: Role): Promise<boolean> {
    const row = await this.#db.updateTable('users').set({ role }).where('id', '=', id).returning('id').executeTakeFirst();
    return row !== undefined;
  }

  /** Replaces the stored hash (a re-hash with current parameters, WA-1, or a new password). */
  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    if (!PHC_PREFIX.test(passwordHash)) throw new TypeError('passwordHash must be a PHC string ($alg$…)');
    await this.#db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
  }

  /** Counts a failed sign-in (WA-4); the count is reset by the next success. */
  async recordLoginFailure(id: string): Promise<void> {
    await this.#db
      .updateTable('users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1), last_failed_login_at: encodeTime(this.#now()) }))
      .where('id', '=', id)
      .execute();
  }

  async resetLoginFailures(id: string): Promise<void> {
    await this.#db.updateTable('users').set({ failed_logins: 0, last_failed_login_at: null }).where('id', '=', id).execute();
  }
}
