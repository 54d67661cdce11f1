/** Analyses: what an engine version concluded about a report or an indicator, kept as JSON with its version. */
import type { Kysely } from 'kysely';
import { checkStorableText, decodeJson, decodeTime, encodeJson, encodeTime } from './dialect.js';
import type { JsonValue } from './dialect.js';
import { newId } from './ids.js';
import type { AnalysesTable, Database, ReportStatus } from './schema.js';
import { prepare } from './prepared.js';
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

/** A report behind an indicator, as the console lists it (no reporter contact). */
export interface ReportSummary {
  readonly id: string;
  readonly reference: string;
  readonly status: ReportStatus;
  readonly submittedAt: Date;
  readonly url: string | null;
  /** The first REPORT_TEXT_PREVIEW_CHARS characters of the pasted message. */
  readonly textPreview: string | null;
  readonly hasEmail: boolean;
}

export const REPORT_TEXT_PREVIEW_CHARS = 280;
/** Most reports listed behind one indicator. */
export const MAX_REPORTS_PER_INDICATOR = 50;

/** One or more per analysed report: compiled once (see prepared.ts for why). */
const insertAnalysis = prepare<AnalysesTable, never>(
  ['id', 'report_id', 'indicator_id', 'engine_version', 'result', 'created_at'],
  (db, p) => db.insertInto('analyses').values({
    id: p.id, report_id: p.report_id, indicator_id: p.indicator_id, engine_version: p.engine_version, result: p.result,
    created_at: p.created_at,
  }));

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
    await insertAnalysis.execute(this.#db, {
      id,
      report_id: analysis.reportId ?? null,
      indicator_id: analysis.indicatorId ?? null,
      engine_version: analysis.engineVersion,
      result: encodeJson(analysis.result),
      created_at: encodeTime(this.#now()),
    });
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

  /** The reports an indicator was found in, newest first (at most MAX_REPORTS_PER_INDICATOR). */
  async reportsOfIndicator(indicatorId: string): Promise<ReportSummary[]> {
    const rows = await this.#db
      .selectFrom('analyses')
      .innerJoin('reports', 'reports.id', 'analyses.report_id')
      .select(['reports.id', 'reports.reference', 'reports.status', 'reports.submitted_at', 'reports.url', 'reports.text'])
      .select((eb) => eb('reports.email_raw', 'is not', null).as('has_email'))
      .where('analyses.indicator_id', '=', indicatorId)
      .distinct()
      .orderBy('reports.submitted_at', 'desc')
      .limit(MAX_REPORTS_PER_INDICATOR)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      status: row.status,
      submittedAt: decodeTime(row.submitted_at),
      url: row.url,
      textPreview: row.text === null ? null : row.text.slice(0, REPORT_TEXT_PREVIEW_CHARS),
      hasEmail: Boolean(row.has_email),
    }));
  }
}
