/**
 * Indicators: normalised URLs and hosts, one row per key however often they are reported (deduplicated on the
 * SHA-256 of the key), with the latest verdict and an analyst's decision. The feed lists them newest first with a
 * keyset cursor on (last_seen, id): pages never repeat or skip a row that stays put, and deep pages cost the same as
 * the first. A row seen again while someone pages moves to the front (its last_seen changed).
 */
import { sql, type Kysely } from 'kysely';
import type { Signal, Verdict } from '../engine/types.js';
import { appendAudit } from './audit.repo.js';
import { prepare } from './prepared.js';
import { checkStorableText, decodeTime, encodeJson, encodeTime } from './dialect.js';
import { newId, sha256Hex } from './ids.js';
import { checkPageLimit, decodeCursor, encodeCursor } from './paging.js';
import type { Database, IndicatorKind, IndicatorStatus, IndicatorsTable } from './schema.js';
import type { Clock, Transactor } from './transaction.js';

/** Most indicators one page returns. */
export const MAX_INDICATOR_PAGE = 500;

export interface IndicatorSighting {
  /** The deduplication key: the normalised URL or host. */
  readonly key: string;
  readonly kind: IndicatorKind;
  /** As submitted or extracted (may differ from `key` by normalisation). */
  readonly value: string;
  readonly host: string;
  readonly domain: string | null;
  readonly verdict: Verdict;
  readonly score: number;
  readonly brand: string | null;
  readonly signals: readonly Signal[];
  readonly seenAt: Date;
}

export interface Indicator {
  readonly id: string;
  readonly key: string;
  readonly kind: IndicatorKind;
  readonly value: string;
  readonly host: string;
  readonly domain: string | null;
  readonly verdict: Verdict;
  readonly score: number;
  readonly brand: string | null;
  readonly signals: readonly Signal[];
  readonly firstSeen: Date;
  readonly lastSeen: Date;
  readonly reportCount: number;
  readonly status: IndicatorStatus;
}

export interface IndicatorQuery {
  readonly status?: IndicatorStatus;
  readonly brand?: string;
  readonly verdict?: Verdict;
  /** last_seen at or after. */
  readonly since?: Date;
  /** last_seen before. */
  readonly until?: Date;
  readonly limit: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
  /** Text the key (normalised URL or host) contains, or the brand id. */
  readonly search?: string;
}

/** Longest search text (a host or URL fragment). */
export const MAX_INDICATOR_SEARCH_CHARS = 200;
/** Most related indicators returned for one indicator. */
export const MAX_RELATED_INDICATORS = 25;

/** Counts the console's dashboard shows. */
export interface IndicatorStats {
  readonly reportsPerDay: readonly { readonly day: string; readonly count: number }[];
  readonly verdicts: readonly { readonly verdict: Verdict; readonly count: number }[];
  readonly statuses: readonly { readonly status: IndicatorStatus; readonly count: number }[];
  readonly topBrands: readonly { readonly brand: string; readonly count: number }[];
}

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards in it taken literally (escape character `\`). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface IndicatorPage {
  readonly items: readonly Indicator[];
  /** Null on the last page. */
  readonly nextCursor: string | null;
}

export interface IndicatorDecision {
  readonly id: string;
  readonly status: IndicatorStatus;
  readonly note?: string;
  readonly actor: string;
}

function checkSighting(sighting: IndicatorSighting): void {
  for (const field of ['key', 'value', 'host'] as const) checkStorableText(field, sighting[field]);
  if (sighting.domain !== null) checkStorableText('domain', sighting.domain);
  if (sighting.brand !== null) checkStorableText('brand', sighting.brand);
  if (!Number.isInteger(sighting.score) || sighting.score < 0 || sighting.score > 100) {
    throw new RangeError(`score must be an integer in 0..100, got ${sighting.score}`);
  }
}

/**
 * A sighting (every analysed link): a new indicator, or one more report of a known key. Compiled once (see
 * prepared.ts for why).
 */
const upsertIndicator = prepare<
  Pick<IndicatorsTable, 'id' | 'key' | 'key_hash' | 'kind' | 'value' | 'host' | 'domain' | 'verdict' | 'score' | 'brand' | 'signals'>
    & { seen: string },
  { id: string; report_count: number }
>(['id', 'key', 'key_hash', 'kind', 'value', 'host', 'domain', 'verdict', 'score', 'brand', 'signals', 'seen'], (db, p) =>
  db.insertInto('indicators')
    .values({
      id: p.id, key: p.key, key_hash: p.key_hash, kind: p.kind, value: p.value, host: p.host, domain: p.domain,
      verdict: p.verdict, score: p.score, brand: p.brand, signals: p.signals, first_seen: p.seen, last_seen: p.seen,
      report_count: 1, status: 'new',
    })
    .onConflict((oc) =>
      oc.column('key_hash').doUpdateSet((eb) => {
        // The earlier (`<`) or later (`>`) of the stored and the new time. CASE rather than min()/max(): SQLite's
        // two-argument max() is PG's greatest().
        const keep = (column: 'first_seen' | 'last_seen', op: '<' | '>') => eb
          .case()
          .when(`excluded.${column}`, op, eb.ref(`indicators.${column}`))
          .then(eb.ref(`excluded.${column}`))
          .else(eb.ref(`indicators.${column}`))
          .end();
        return {
          report_count: eb('indicators.report_count', '+', 1),
          first_seen: keep('first_seen', '<'),
          last_seen: keep('last_seen', '>'),
          verdict: eb.ref('excluded.verdict'),
          score: eb.ref('excluded.score'),
          brand: eb.ref('excluded.brand'),
          signals: eb.ref('excluded.signals'),
        };
      }),
    )
    .returning(['id', 'report_count']));

function toIndicator(row: IndicatorsTable): Indicator {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind,
    value: row.value,
    host: row.host,
    domain: row.domain,
    verdict: row.verdict,
    score: row.score,
    brand: row.brand,
    // Written by `upsert` from a Signal[].
    signals: JSON.parse(row.signals) as readonly Signal[],
    firstSeen: decodeTime(row.first_seen),
    lastSeen: decodeTime(row.last_seen),
    reportCount: row.report_count,
    status: row.status,
  };
}

export class IndicatorsRepo {
  readonly #db: Kysely<Database>;
  readonly #now: Clock;
  readonly #transact: Transactor;

  constructor(db: Kysely<Database>, now: Clock, transact: Transactor) {
    this.#db = db;
    this.#now = now;
    this.#transact = transact;
  }

  /**
   * Records a sighting: a new indicator, or one more report of a known key (report_count + 1, first_seen and
   * last_seen widened to include `seenAt`, verdict/score/brand/signals replaced by this latest analysis).
   */
  async upsert(sighting: IndicatorSighting): Promise<{ readonly id: string; readonly created: boolean }> {
    checkSighting(sighting);
    const seen = encodeTime(sighting.seenAt);
    const row = await upsertIndicator.first(this.#db, {
      id: newId(),
      key: sighting.key,
      key_hash: sha256Hex(sighting.key),
      kind: sighting.kind,
      value: sighting.value,
      host: sighting.host,
      domain: sighting.domain,
      verdict: sighting.verdict,
      score: sighting.score,
      brand: sighting.brand,
      signals: encodeJson(sighting.signals),
      seen,
    });
    if (row === undefined) throw new Error('indicator upsert returned no row');
    return { id: row.id, created: row.report_count === 1 };
  }

  /**
   * Replaces the engine's judgement of an indicator (after a catalog change), leaving sightings and the analyst's
   * status alone. Returns false when there is no such indicator.
   */
  async rejudge(id: string, judgement: Pick<IndicatorSighting, 'verdict' | 'score' | 'brand' | 'signals'>): Promise<boolean> {
    const row = await this.#db
      .updateTable('indicators')
      .set({ verdict: judgement.verdict, score: judgement.score, brand: judgement.brand, signals: encodeJson(judgement.signals) })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async get(id: string): Promise<Indicator | undefined> {
    const row = await this.#db.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toIndicator(row);
  }

  /** Newest (last_seen) first, ties by id. */
  async list(query: IndicatorQuery): Promise<IndicatorPage> {
    checkPageLimit(query.limit, MAX_INDICATOR_PAGE);
    let select = this.#db.selectFrom('indicators').selectAll();
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    if (query.brand !== undefined) select = select.where('brand', '=', query.brand);
    if (query.verdict !== undefined) select = select.where('verdict', '=', query.verdict);
    if (query.since !== undefined) select = select.where('last_seen', '>=', encodeTime(query.since));
    if (query.until !== undefined) select = select.where('last_seen', '<', encodeTime(query.until));
    if (query.search !== undefined) {
      const search = query.search.trim().toLowerCase();
      checkStorableText('search', search);
      if (search.length > MAX_INDICATOR_SEARCH_CHARS) throw new RangeError(`search must be at most ${MAX_INDICATOR_SEARCH_CHARS} characters`);
      const pattern = containsPattern(search);
      select = select.where((eb) => eb.or([sql<boolean>`${eb.ref('key')} like ${pattern} escape '\\'`, eb('brand', '=', search)]));
    }
    if (query.cursor !== undefined) {
      const after = decodeCursor(query.cursor);
      select = select.where((eb) => eb(eb.refTuple('last_seen', 'id'), '<', eb.tuple(after.at, after.id)));
    }
    const rows = await select.orderBy('last_seen', 'desc').orderBy('id', 'desc').limit(query.limit + 1).execute();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const more = rows.length > query.limit && last !== undefined;
    const nextCursor = more ? encodeCursor({ at: last.last_seen, id: last.id }) : null;
    return { items: page.map(toIndicator), nextCursor };
  }

  /** Sets an analyst's decision and records it (with the note) in the audit log, in one transaction. */
  async decide(decision: IndicatorDecision): Promise<Indicator | undefined> {
    return this.#transact(async (trx) => {
      const row = await trx
        .updateTable('indicators')
        .set({ status: decision.status })
        .where('id', '=', decision.id)
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) return undefined;
      await appendAudit(trx, {
        at: this.#now(),
        actor: decision.actor,
        action: 'indicator.decided',
        target: `indicator:${decision.id}`,
        details: { status: decision.status, note: decision.note ?? null },
      });
      return toIndicator(row);
    });
  }

  /** Other indicators of the same brand or the same registrable domain, newest first. */
  async related(indicator: Pick<Indicator, 'id' | 'brand' | 'domain'>): Promise<Indicator[]> {
    const { brand, domain } = indicator;
    if (brand === null && domain === null) return [];
    const rows = await this.#db
      .selectFrom('indicators')
      .selectAll()
      .where('id', '!=', indicator.id)
      .where((eb) => eb.or([
        ...(brand === null ? [] : [eb('brand', '=', brand)]),
        ...(domain === null ? [] : [eb('domain', '=', domain)]),
      ]))
      .orderBy('last_seen', 'desc')
      .orderBy('id', 'desc')
      .limit(MAX_RELATED_INDICATORS)
      .execute();
    return rows.map(toIndicator);
  }

  /** Reports per UTC day since `since`, and the indicators' verdict, status and brand mix. */
  async stats(since: Date, topBrands: number): Promise<IndicatorStats> {
    // Timestamps are ISO-8601 text on both databases (dialect.ts): the first 10 characters are the UTC day.
    const day = sql<string>`substr(submitted_at, 1, 10)`;
    const [perDay, verdicts, statuses, brands] = await Promise.all([
      this.#db.selectFrom('reports').select([day.as('day'), (eb) => eb.fn.countAll<string | number>().as('n')])
        .where('submitted_at', '>=', encodeTime(since)).groupBy(day).orderBy(day).execute(),
      this.#db.selectFrom('indicators').select(['verdict', (eb) => eb.fn.countAll<string | number>().as('n')]).groupBy('verdict').execute(),
      this.#db.selectFrom('indicators').select(['status', (eb) => eb.fn.countAll<string | number>().as('n')]).groupBy('status').execute(),
      this.#db.selectFrom('indicators').select(['brand', (eb) => eb.fn.countAll<string | number>().as('n')])
        .where('brand', 'is not', null).groupBy('brand').orderBy('n', 'desc').orderBy('brand').limit(topBrands).execute(),
    ]);
    return {
      reportsPerDay: perDay.map((r) => ({ day: r.day, count: Number(r.n) })),
      verdicts: verdicts.map((r) => ({ verdict: r.verdict, count: Number(r.n) })),
      statuses: statuses.map((r) => ({ status: r.status, count: Number(r.n) })),
      topBrands: brands.flatMap((r) => (r.brand === null ? [] : [{ brand: r.brand, count: Number(r.n) }])),
    };
  }
}
