/**
 * The analyst's view of deduplicated indicators (analyst, admin):
 * - `GET /indicators?status&brand&verdict&since&until&limit&cursor`: newest first, cursor pagination;
 * - `GET /indicators/:id`;
 * - `GET /indicators/:id/context`: the reports behind it, related indicators (same brand or registrable domain) and
 *   its history from the audit log;
 * - `POST /indicators/:id/decision` `{decision: confirmed_phishing|benign|duplicate, note?}`, audited;
 * - `GET /stats?days`: reports per day, verdict and status mix, top impersonated brands (the console's dashboard).
 */
import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { INDICATOR_STATUSES, MAX_INDICATOR_PAGE, MAX_INDICATOR_SEARCH_CHARS, type Indicator, type IndicatorQuery, type IndicatorStatus, type Repos, type Store } from '../store/index.js';
import type { Verdict } from '../engine/index.js';
import { principalOf, requireRole } from './auth.js';
import { sendError } from './errors.js';

export const DEFAULT_INDICATOR_PAGE = 50;
export const MAX_DECISION_NOTE_CHARS = 2000;

const DECISIONS = ['confirmed_phishing', 'benign', 'duplicate'] as const;
const VERDICTS = ['official', 'phishing', 'suspicious', 'benign', 'error'] as const;

interface ListQuery {
  status?: IndicatorStatus;
  brand?: string;
  verdict?: Verdict;
  since?: string;
  until?: string;
  limit?: string;
  cursor?: string;
  q?: string;
}

/** Days of reports the dashboard shows by default, and at most. */
export const DEFAULT_STATS_DAYS = 30;
export const MAX_STATS_DAYS = 366;
export const TOP_BRANDS = 10;
/** Audit entries shown as an indicator's history. */
export const INDICATOR_HISTORY_ENTRIES = 100;

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: INDICATOR_STATUSES },
    brand: { type: 'string', minLength: 1, maxLength: 64 },
    verdict: { type: 'string', enum: VERDICTS },
    since: { type: 'string', format: 'date-time' },
    until: { type: 'string', format: 'date-time' },
    // Query strings are text and types are never coerced: a number is matched as digits.
    limit: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' },
    cursor: { type: 'string', minLength: 1, maxLength: 512 },
    q: { type: 'string', minLength: 1, maxLength: MAX_INDICATOR_SEARCH_CHARS },
  },
} as const;

export const decisionBody = {
  type: 'object',
  additionalProperties: false,
  required: ['decision'],
  properties: {
    decision: { type: 'string', enum: DECISIONS },
    note: { type: 'string', maxLength: MAX_DECISION_NOTE_CHARS },
  },
} as const;

/** Report statuses an analyst's decision may still move on (never one a person already settled). */
const OPEN_REPORT_STATUSES: ReadonlySet<string> = new Set(['submitted', 'triaged', 'undetermined', 'monitored']);

/**
 * What a decision on an indicator means for the reports it was found in, so reporters following their reference
 * see the outcome: confirmed phishing confirms them; benign rejects a report only when every indicator found in it
 * was decided benign (one harmless link does not clear a message that also carried a phishing one).
 */
async function settleReports(repos: Repos, indicatorId: string, decision: (typeof DECISIONS)[number], actor: string): Promise<void> {
  if (decision === 'duplicate') return;
  for (const report of await repos.analyses.reportsOfIndicator(indicatorId)) {
    if (!OPEN_REPORT_STATUSES.has(report.status)) continue;
    if (decision === 'benign') {
      const indicatorIds = new Set((await repos.analyses.list({ reportId: report.id })).flatMap((a) => (a.indicatorId === null ? [] : [a.indicatorId])));
      const statuses = await Promise.all([...indicatorIds].map(async (id) => (await repos.indicators.get(id))?.status));
      if (!statuses.every((status) => status === 'benign')) continue;
    }
    await repos.reports.setStatus({ id: report.id, status: decision === 'benign' ? 'rejected' : 'confirmed', from: report.status, actor });
  }
}

/** Most rows one CSV export holds (the newest first); a wider export takes narrower filters. */
export const MAX_EXPORT_ROWS = 100_000;
const EXPORT_COLUMNS = ['id', 'key', 'value', 'host', 'domain', 'verdict', 'score', 'brand', 'status', 'reportCount', 'firstSeen', 'lastSeen'] as const;

/**
 * One CSV cell (RFC 4180 quoting). A cell a spreadsheet would run as a formula (starting with = + - @, tab, CR or
 * NUL) gets a leading `'` so it stays text (WA-11): attackers choose these values.
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r\0]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvRow(indicator: Indicator): string {
  const row = { ...indicator, firstSeen: indicator.firstSeen.toISOString(), lastSeen: indicator.lastSeen.toISOString() };
  return `${EXPORT_COLUMNS.map((column) => csvCell(row[column])).join(',')}\r\n`;
}

/** The repository query of the list's query string. */
function indicatorQuery(q: ListQuery, limit: number): IndicatorQuery {
  return {
    limit,
    ...(q.status === undefined ? {} : { status: q.status }),
    ...(q.brand === undefined ? {} : { brand: q.brand }),
    ...(q.verdict === undefined ? {} : { verdict: q.verdict }),
    ...(q.since === undefined ? {} : { since: new Date(q.since) }),
    ...(q.until === undefined ? {} : { until: new Date(q.until) }),
    ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
    ...(q.q === undefined ? {} : { search: q.q }),
  };
}

function view(indicator: Indicator): Record<string, unknown> {
  return {
    ...indicator,
    firstSeen: indicator.firstSeen.toISOString(),
    lastSeen: indicator.lastSeen.toISOString(),
  };
}

export const indicatorRoutes: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  const analysts = requireRole(['admin', 'analyst']);

  app.get<{ Querystring: ListQuery }>('/indicators', {
    schema: { querystring: listQuery },
    onRequest: analysts,
  }, async (request, reply) => {
    const q = request.query;
    const limit = q.limit === undefined ? DEFAULT_INDICATOR_PAGE : Number(q.limit);
    if (limit > MAX_INDICATOR_PAGE) return sendError(reply, 'HW_ERR_HTTP_VALIDATION', { reason: `limit must be at most ${MAX_INDICATOR_PAGE}` });
    const page = await store.indicators.list(indicatorQuery(q, limit));
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  });

  // The same filters as the list, as a CSV download (newest first, at most MAX_EXPORT_ROWS), streamed page by page.
  app.get<{ Querystring: ListQuery }>('/indicators.csv', {
    schema: { querystring: listQuery },
    onRequest: analysts,
  }, (request, reply) => {
    // The export pages through everything itself: a cursor or limit in the query string does not apply.
    const filters = { ...request.query };
    delete filters.cursor;
    delete filters.limit;
    const query = indicatorQuery(filters, MAX_INDICATOR_PAGE);
    async function* rows(): AsyncGenerator<string> {
      yield `${EXPORT_COLUMNS.join(',')}\r\n`;
      let cursor: string | null = null;
      let sent = 0;
      do {
        const page = await store.indicators.list({ ...query, ...(cursor === null ? {} : { cursor }) });
        for (const indicator of page.items) {
          if (sent++ >= MAX_EXPORT_ROWS) return;
          yield csvRow(indicator);
        }
        cursor = page.nextCursor;
      } while (cursor !== null);
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="hookwatch-indicators-${new Date().toISOString().slice(0, 10)}.csv"`)
      .send(Readable.from(rows()));
  });

  app.get<{ Params: { id: string } }>('/indicators/:id', { onRequest: analysts }, async (request, reply) => {
    const indicator = await store.indicators.get(request.params.id);
    return indicator === undefined ? sendError(reply, 'HW_ERR_HTTP_NOT_FOUND') : view(indicator);
  });

  app.get<{ Params: { id: string } }>('/indicators/:id/context', { onRequest: analysts }, async (request, reply) => {
    const indicator = await store.indicators.get(request.params.id);
    if (indicator === undefined) return sendError(reply, 'HW_ERR_HTTP_NOT_FOUND');
    const [reports, related, history] = await Promise.all([
      store.analyses.reportsOfIndicator(indicator.id),
      store.indicators.related(indicator),
      store.audit.list({ target: `indicator:${indicator.id}`, limit: INDICATOR_HISTORY_ENTRIES }),
    ]);
    return {
      reports: reports.map((r) => ({ ...r, submittedAt: r.submittedAt.toISOString() })),
      related: related.map(view),
      history: history.map((e) => ({ seq: e.seq, at: e.at.toISOString(), actor: e.actor, action: e.action, details: e.details })),
    };
  });

  app.get<{ Querystring: { days?: string } }>('/stats', {
    onRequest: analysts,
    schema: { querystring: { type: 'object', additionalProperties: false, properties: { days: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' } } } },
  }, async (request, reply) => {
    const days = request.query.days === undefined ? DEFAULT_STATS_DAYS : Number(request.query.days);
    if (days > MAX_STATS_DAYS) return sendError(reply, 'HW_ERR_HTTP_VALIDATION', { reason: `days must be at most ${MAX_STATS_DAYS}` });
    const since = new Date(Date.now() - days * 86_400_000);
    since.setUTCHours(0, 0, 0, 0);
    return { days, ...(await store.indicators.stats(since, TOP_BRANDS)) };
  });

  app.post<{ Params: { id: string }; Body: { decision: (typeof DECISIONS)[number]; note?: string } }>(
    '/indicators/:id/decision',
    { schema: { body: decisionBody }, onRequest: analysts },
    async (request, reply) => {
      const actor = principalOf(request).actor;
      const decided = await store.transaction(async (repos) => {
        const indicator = await repos.indicators.decide({
          id: request.params.id,
          status: request.body.decision,
          ...(request.body.note === undefined ? {} : { note: request.body.note }),
          actor,
        });
        if (indicator !== undefined) await settleReports(repos, indicator.id, request.body.decision, actor);
        return indicator;
      });
      return decided === undefined ? sendError(reply, 'HW_ERR_HTTP_NOT_FOUND') : view(decided);
    },
  );
  await Promise.resolve();
};
