/**
 * The brand catalog as edited at run time. The store keeps brands as given: validate them first with the catalog
 * loader (src/catalog), which enforces the file contract.
 */
import type { Kysely } from 'kysely';
import type { Brand } from '../engine/types.js';
import { checkStorableText, decodeBool, decodeTime, encodeBool, encodeJson, encodeTime } from './dialect.js';
import type { BrandsTable, Database } from './schema.js';
import { prepare } from './prepared.js';
import type { Clock, Transactor } from './transaction.js';

/** Rows per INSERT when replacing the catalog: 6 parameters each stays far below SQLite's and PG's caps. */
const INSERT_BATCH = 500;

export interface StoredBrand extends Brand {
  readonly generic: boolean;
  readonly updatedAt: Date;
}

function toRow(brand: Brand, updatedAt: string): BrandsTable {
  checkStorableText('id', brand.id);
  checkStorableText('name', brand.name);
  return {
    id: brand.id,
    name: brand.name,
    domains: encodeJson(brand.domains),
    keywords: encodeJson(brand.keywords),
    generic: encodeBool(brand.generic === true),
    updated_at: updatedAt,
  };
}

function toBrand(row: BrandsTable): StoredBrand {
  return {
    id: row.id,
    name: row.name,
    // Written by toRow from string arrays.
    domains: JSON.parse(row.domains) as readonly string[],
    keywords: JSON.parse(row.keywords) as readonly string[],
    generic: decodeBool(row.generic),
    updatedAt: decodeTime(row.updated_at),
  };
}

/** Read before every analysis job (catalog.ts): compiled once (see prepared.ts for why). */
const catalogFingerprint = prepare<Record<string, never>, { n: string | number; latest: string | null }>([], (db) =>
  db.selectFrom('brands').select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.max('updated_at').as('latest')]));

export class BrandsRepo {
  readonly #db: Kysely<Database>;
  readonly #now: Clock;
  readonly #transact: Transactor;

  constructor(db: Kysely<Database>, now: Clock, transact: Transactor) {
    this.#db = db;
    this.#now = now;
    this.#transact = transact;
  }

  /** Changes whenever the catalog does: its size and latest change (one aggregate query). */
  async fingerprint(): Promise<string> {
    const row = await catalogFingerprint.first(this.#db, {});
    return `${String(row?.n ?? 0)}@${row?.latest ?? ''}`;
  }

  /** Ordered by id. */
  async list(): Promise<StoredBrand[]> {
    const rows = await this.#db.selectFrom('brands').selectAll().orderBy('id').execute();
    return rows.map(toBrand);
  }

  async get(id: string): Promise<StoredBrand | undefined> {
    const row = await this.#db.selectFrom('brands').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toBrand(row);
  }

  /** Replaces the whole catalog in one transaction (readers see the old one or the new one). */
  async replaceAll(brands: readonly Brand[]): Promise<void> {
    const updatedAt = encodeTime(this.#now());
    const rows = brands.map((brand) => toRow(brand, updatedAt));
    return this.#transact(async (trx) => {
      await trx.deleteFrom('brands').execute();
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        await trx.insertInto('brands').values(rows.slice(i, i + INSERT_BATCH)).execute();
      }
    });
  }

  async upsert(brand: Brand): Promise<void> {
    const row = toRow(brand, encodeTime(this.#now()));
    await this.#db
      .insertInto('brands')
      .values(row)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          name: row.name,
          domains: row.domains,
          keywords: row.keywords,
          generic: row.generic,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }

  /** False when there was no such brand. */
  async delete(id: string): Promise<boolean> {
    const row = await this.#db.deleteFrom('brands').where('id', '=', id).returning('id').executeTakeFirst();
    return row !== undefined;
  }
}
