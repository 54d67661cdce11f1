/** Analyses: what an engine version concluded about a report or an indicator, kept as JSON with its version. */
import type { Kysely } from 'kysely';
import { checkStorableText, decodeJson, decodeTime, encodeJson, encodeTime } from './dialect.js';
import type { JsonValue } from './dialect.js';
import { newId } from './ids.js';
import type { AnalysesTable, Database } from './schema.js';
import type { Clock } from './transaction.js';

/** The subject of an analysis: a report, an indicator, or both (an indicator found in a report). */
export type AnalysisSubject =
  | { readonly reportId: string; readonly indicatorId?: string }
  | { readonly reportId?: string; readonly indicatorId: string };

export type NewAnalysis = AnalysisSubject & {
  readonly engineVersion: string;
  /** Any JSON-serialisable value (an engine CheckResult, a page or e-mail analysis). */
  readonly result: unknown;
};

export interface Analysis {
  readonly id: string;
  readonly reportId: string | null;
  readonly indicatorId: string | null;
  readonly engineVersion: string;
  readonly result: JsonValue;
  readonly createdAt: Date;
}

function toAnalysis(row: AnalysesTable): Analysis {
  return {
    id: row.id,
    reportId: row.report_id,
    indicatorId: row.indicator_id,
    engineVersion: row.engine_version,
    result: decodeJson(row.result),
    createdAt: decodeTime(row.created_at),
  };
}

export class AnalysesRepo {
  readonly #db: Kysely<Database>;
  readonly #now: Clock;

  constructor(db: Kysely<Database>, now: Clock) {
    this.#db = db;
    this.#now = now;
  }

  async record(analysis: NewAnalysis): Promise<{ readonly id: string }> {
    checkStorableText('engineVersion', analysis.engineVersion);
    const id = newId();
    await this.#db
      .insertInto('analyses')
      .values({
        id,
        report_id: analysis.reportId ?? null,
        indicator_id: analysis.indicatorId ?? null,
        engine_version: analysis.engineVersion,
        result: encodeJson(analysis.result),
        created_at: encodeTime(this.#now()),
      })
      .execute();
    return { id };
  }

  /** Oldest first. */
  async list(subject: AnalysisSubject): Promise<Analysis[]> {
    let query = this.#db.selectFrom('analyses').selectAll();
    if (subject.reportId !== undefined) query = query.where('report_id', '=', subject.reportId);
    if (subject.indicatorId !== undefined) query = query.where('indicator_id', '=', subject.indicatorId);
    const rows = await query.orderBy('created_at').orderBy('id').execute();
    return rows.map(toAnalysis);
  }
}
