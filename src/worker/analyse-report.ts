/**
 * The `analyse-report` job: judge what a report points at, keep one deduplicated indicator per URL or host, record
 * the engine's analysis, and move the report from `submitted` to `triaged`. Idempotent: a report that is no longer
 * `submitted` has been handled (at-least-once delivery may run this twice), and indicator upserts count sightings.
 * Page and e-mail analysis plug in here later.
 */
import type { CheckResult, Engine } from '../engine/index.js';
import type { Repos, Store } from '../store/index.js';

/** Most links taken from one report's text: enough for a message, bounded against link bombs. */
export const MAX_LINKS_PER_REPORT = 50;

/**
 * Links in free text: http(s) and defanged hxxp(s) URLs up to the next whitespace, quote or bracket. A linear scan
 * with indexOf, no regular expression over attacker text.
 */
export function extractLinks(text: string, limit = MAX_LINKS_PER_REPORT): string[] {
  const links: string[] = [];
  const lower = text.toLowerCase();
  let from = 0;
  while (links.length < limit) {
    const http = lower.indexOf('http', from);
    const hxxp = lower.indexOf('hxxp', from);
    const start = http < 0 ? hxxp : hxxp < 0 ? http : Math.min(http, hxxp);
    if (start < 0) break;
    let end = start;
    while (end < text.length && !isLinkEnd(text.charCodeAt(end))) end++;
    let stop = end;
    while (stop > start && '.,;:!?'.includes(text.charAt(stop - 1))) stop--; // trailing sentence punctuation
    const candidate = text.slice(start, stop);
    if (/^h[tx]{2}ps?:\/\/./i.test(candidate)) links.push(candidate);
    from = Math.max(end, start + 4);
  }
  return links;
}

function isLinkEnd(c: number): boolean {
  return c <= 32 || c === 34 || c === 39 || c === 60 || c === 62 || c === 40 || c === 41 || c === 91 || c === 93 || c === 123 || c === 125;
}

/** The deduplication key of an input: host for bare hosts, host + path for URLs (query and fragment carry victims' tokens). */
export function indicatorKey(result: CheckResult): { key: string; kind: 'url' | 'host' } | null {
  if (result.host === undefined) return null;
  const input = result.input.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) return { key: result.host, kind: 'host' };
  try {
    const url = new URL(input.replace(/^hxxp/i, 'http'));
    const path = url.pathname === '/' ? '' : url.pathname;
    return path === '' ? { key: result.host, kind: 'host' } : { key: `${result.host}${path}`, kind: 'url' };
  } catch {
    return { key: result.host, kind: 'host' };
  }
}

export async function analyseReport(store: Store, engine: Engine, reportId: string, now: () => Date): Promise<void> {
  const report = await store.reports.get(reportId);
  if (report?.status !== 'submitted') return;
  const inputs = [...(report.url === null ? [] : [report.url]), ...(report.text === null ? [] : extractLinks(report.text))];
  // Judged outside the transaction (pure, CPU only); written in one transaction: a crash leaves the report
  // `submitted` with nothing recorded, so the redelivered job counts each sighting once, and one commit (one
  // disk sync) per report instead of three per link.
  const judged: { input: string; result: CheckResult; key: { key: string; kind: 'url' | 'host' } }[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const result = engine.check(input);
    const key = indicatorKey(result);
    if (key === null || result.verdict === 'error' || seen.has(key.key)) continue;
    seen.add(key.key);
    judged.push({ input, result, key });
  }
  await store.transaction(async (repos) => {
    const current = await repos.reports.get(reportId);
    if (current?.status !== 'submitted') return;
    for (const { input, result, key } of judged) await record(repos, engine, reportId, input, result, key, now);
    await repos.reports.setStatus({ id: reportId, status: 'triaged', actor: 'worker', from: 'submitted' });
  });
}

async function record(
  repos: Repos, engine: Engine, reportId: string, input: string, result: CheckResult,
  key: { key: string; kind: 'url' | 'host' }, now: () => Date,
): Promise<void> {
  const indicator = await repos.indicators.upsert({
    key: key.key,
    kind: key.kind,
    value: input,
    host: result.host ?? '',
    domain: result.domain ?? null,
    verdict: result.verdict,
    score: result.score,
    brand: result.brand,
    signals: result.signals,
    seenAt: now(),
  });
  await repos.analyses.record({ reportId, indicatorId: indicator.id, engineVersion: engine.version, result });
}

/** Reports read per page when re-queueing. */
export const REQUEUE_PAGE = 1000;

/**
 * Re-queues every report left `submitted` (a crash between commit and enqueue, or a lost in-process queue), page by
 * page in id order, so a large backlog neither stops at a cap nor holds everything in memory.
 */
export async function requeueSubmitted(store: Store, send: (reportId: string) => Promise<unknown>): Promise<number> {
  let after = '';
  let total = 0;
  for (;;) {
    const rows = await store.db.selectFrom('reports').select('id').where('status', '=', 'submitted')
      .where('id', '>', after).orderBy('id').limit(REQUEUE_PAGE).execute();
    for (const row of rows) await send(row.id);
    total += rows.length;
    const last = rows.at(-1);
    if (last === undefined || rows.length < REQUEUE_PAGE) return total;
    after = last.id;
  }
}
