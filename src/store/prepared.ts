/**
 * Precompiled hot statements: a Kysely query built and compiled once per database, then run with new parameters.
 *
 * Design note. Why: under `bench:intake` the server spent more CPU building and compiling Kysely queries (builder
 * objects, operation-node trees, the SQL compiler) than SQLite spent running them, for statements whose shape never
 * changes: the ~dozen statements every report takes (intake and analysis). Kysely stays the one query layer: the
 * statement is still written with the query builder, type-checked against the schema, and compiled by the store's own
 * dialect (SQLite or PostgreSQL), so there is no hand-written SQL and no second code path per database. Only the hot
 * statements use this; everything else builds its query per call as usual.
 *
 * How: `build` is called once per database with a placeholder for each named parameter, a string no caller can
 * send (it contains NULs, which `checkStorableText` refuses); the compiled parameter list is then scanned for the
 * placeholders, and each call copies the list with the placeholders replaced by its values. Constants in `build`
 * (e.g. `status: 'submitted'`, `+ 1`) stay as compiled. A parameter `build` never uses, or one that the compiler did
 * not keep as a bound parameter, is refused when the statement is first compiled (tests compile every statement on
 * both databases), so a value can never be silently dropped.
 *
 * Rules for `build`: the query's shape must not depend on parameter values (no `if (p.x)`), and each placeholder must
 * be passed straight to the builder as a value, never inspected or transformed (it is not the real value).
 */
import { CompiledQuery } from 'kysely';
import type { Compilable, DialectAdapter, Kysely, QueryResult } from 'kysely';
import type { Database } from './schema.js';

const PLACEHOLDER_MARK = '\u0000hw-param\u0000';

interface Compiled<K> {
  readonly compiled: CompiledQuery;
  /** For each compiled parameter: the name of the caller's parameter, or undefined for a constant. */
  readonly slots: readonly (K | undefined)[];
}

/**
 * A statement compiled once per database. `P` names its parameters and their types; `R` is a result row.
 * `build` receives placeholders typed as the parameters (see the rules above).
 */
export class PreparedStatement<P extends object, R> {
  readonly #names: readonly (keyof P & string)[];
  readonly #build: (db: Kysely<Database>, params: P) => Compilable<R>;
  /** Per Kysely instance family: a store and its transactions share the adapter object, so this is per store. */
  readonly #compiled = new WeakMap<DialectAdapter, Compiled<keyof P & string>>();

  constructor(names: readonly (keyof P & string)[], build: (db: Kysely<Database>, params: P) => Compilable<R>) {
    this.#names = names;
    this.#build = build;
  }

  /** Runs the statement on `db` (a store's Kysely or a transaction) with `params`. */
  async execute(db: Kysely<Database>, params: P): Promise<QueryResult<R>> {
    const { compiled, slots } = this.#compile(db);
    const parameters = compiled.parameters.map((value, i) => {
      const name = slots[i];
      return name === undefined ? value : params[name];
    });
    return db.executeQuery<R>(CompiledQuery.raw(compiled.sql, parameters));
  }

  async rows(db: Kysely<Database>, params: P): Promise<R[]> {
    return (await this.execute(db, params)).rows;
  }

  async first(db: Kysely<Database>, params: P): Promise<R | undefined> {
    return (await this.execute(db, params)).rows[0];
  }

  #compile(db: Kysely<Database>): Compiled<keyof P & string> {
    const adapter = db.getExecutor().adapter;
    let entry = this.#compiled.get(adapter);
    if (entry === undefined) {
      const placeholders = Object.fromEntries(this.#names.map((name) => [name, `${PLACEHOLDER_MARK}${name}`])) as unknown as P;
      const compiled = this.#build(db, placeholders).compile();
      const slots = compiled.parameters.map((value) =>
        typeof value === 'string' && value.startsWith(PLACEHOLDER_MARK)
          ? this.#names.find((name) => name === value.slice(PLACEHOLDER_MARK.length))
          : undefined);
      for (const name of this.#names) {
        if (!slots.includes(name)) throw new Error(`prepared statement: parameter "${name}" is not a bound parameter of ${compiled.sql}`);
      }
      if (compiled.sql.includes(PLACEHOLDER_MARK)) throw new Error(`prepared statement: a placeholder was inlined into ${compiled.sql}`);
      entry = { compiled, slots };
      this.#compiled.set(adapter, entry);
    }
    return entry;
  }
}

/** Shorthand: `prepare<{ id: string }, Row>(['id'], (db, p) => db.selectFrom(…).where('id', '=', p.id))`. */
export function prepare<P extends object, R>(
  names: readonly (keyof P & string)[],
  build: (db: Kysely<Database>, params: P) => Compilable<R>,
): PreparedStatement<P, R> {
  return new PreparedStatement(names, build);
}
