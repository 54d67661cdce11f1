/**
 * API keys: `hw_` + 32 base62 characters from a CSPRNG (~190 bits). Only the key's SHA-256 is stored; the key is
 * shown once, when created. A fast hash is right here (unlike passwords): the key is random and long, so there is
 * nothing to brute-force, and a lookup by hash reveals nothing through timing that the attacker does not know.
 */
import type { Kysely } from 'kysely';
import { checkStorableText, decodeTime, encodeTime } from './dialect.js';
import { newId, randomChars, sha256Hex } from './ids.js';
import type { ApiKeysTable, Database, Role } from './schema.js';
import type { Clock } from './transaction.js';

const KEY_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_PREFIX = 'hw_';
const KEY_RANDOM_CHARS = 32;
const KEY_FORMAT = /^hw_[0-9A-Za-z]{32}$/;
/** Characters of the key kept for display: `hw_` and 6 random ones (~36 bits, too few to help a guess). */
const DISPLAY_PREFIX_CHARS = KEY_PREFIX.length + 6;

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** The key's first characters, e.g. `hw_a1B2c3`. */
  readonly prefix: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

export interface CreatedApiKey {
  /** The key itself: give it to the user now; it cannot be recovered. */
  readonly key: string;
  readonly apiKey: ApiKey;
}

function toApiKey(row: Omit<ApiKeysTable, 'key_hash'>): ApiKey {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: decodeTime(row.created_at),
    revokedAt: row.revoked_at === null ? null : decodeTime(row.revoked_at),
  };
}

const PUBLIC_COLUMNS = ['id', 'name', 'role', 'prefix', 'created_at', 'revoked_at'] as const;

export class ApiKeysRepo {
  readonly #db: Kysely<Database>;
  readonly #now: Clock;

  constructor(db: Kysely<Database>, now: Clock) {
    this.#db = db;
    this.#now = now;
  }

  async create(input: { readonly name: string; readonly role: Role }): Promise<CreatedApiKey> {
    checkStorableText('name', input.name);
    const key = KEY_PREFIX + randomChars(KEY_ALPHABET, KEY_RANDOM_CHARS);
    const row = {
      id: newId(),
      name: input.name,
      role: input.role,
      prefix: key.slice(0, DISPLAY_PREFIX_CHARS),
      created_at: encodeTime(this.#now()),
      revoked_at: null,
    };
    await this.#db
      .insertInto('api_keys')
      .values({ ...row, key_hash: sha256Hex(key) })
      .execute();
    return { key, apiKey: toApiKey(row) };
  }

  /** The active (not revoked) key with this plaintext, or undefined. */
  async find(key: string): Promise<ApiKey | undefined> {
    if (!KEY_FORMAT.test(key)) return undefined;
    const row = await this.#db
      .selectFrom('api_keys')
      .select(PUBLIC_COLUMNS)
      .where('key_hash', '=', sha256Hex(key))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row === undefined ? undefined : toApiKey(row);
  }

  /** Oldest first, revoked ones included. */
  async list(): Promise<ApiKey[]> {
    const rows = await this.#db
      .selectFrom('api_keys')
      .select(PUBLIC_COLUMNS)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toApiKey);
  }

  /** False when there is no such key or it was already revoked (the first revocation time is kept). */
  async revoke(id: string): Promise<boolean> {
    const row = await this.#db
      .updateTable('api_keys')
      .set({ revoked_at: encodeTime(this.#now()) })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }
}
