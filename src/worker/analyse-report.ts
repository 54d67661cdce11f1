/**
 * The `analyse-report` job: judge what a report points at, keep one deduplicated indicator per URL or host, record
 * the engine's analysis, and move the report from `submitted` to `triaged`. Idempotent: a report that is no longer
 * `submitted` has been handled (at-least-once delivery may run this twice), and indicator upserts count sightings.
 * An e-mail report (`reports.email_raw`, or a message's whole source pasted as its text) is judged by the e-mail
 * analyser when one is passed: its analysis is recorded against the report, and its links and sender domain become
 * indicators like a URL report's. The raw bytes are only read, never rewritten (their SHA-256 is in the analysis). A redirect's destinations (`?url=https://…`) are
 * judged and kept as indicators too. Page analysis plugs in here later.
 */
import { forwardsOf, parseInput, type CheckResult, type Engine } from '../engine/index.js';
import type { QueueTransaction } from '../queue/queue.js';
import type { Repos, Store } from '../store/index.js';
import { extractLinks } from '../mail/links.js';
import { pastedMessage, type EmailAnalysis, type MailAnalyser } from '../mail/index.js';

/** Most links taken from one report's text: enough for a message, bounded against link bombs. */
export const MAX_LINKS_PER_REPORT = 50;
/** Most inputs judged for one report: its URL, its text's and message's links, and the destinations they carry. */
export const MAX_INDICATORS_PER_REPORT = 3 * MAX_LINKS_PER_REPORT;

/**
 * The deduplication key of an input: host for bare hosts, host + path for URLs (query and fragment carry victims'
 * tokens), the path as the engine read it (defanged, in angle brackets: every form the engine reads).
 */
export function indicatorKey(result: CheckResult): { key: string; kind: 'url' | 'host' } | null {
  if (result.host === undefined) return null;
  const parsed = parseInput(result.input);
  const pathname = parsed.ok ? parsed.subject.pathname : '';
  return pathname === '' ? { key: result.host, kind: 'host' } : { key: `${result.host}${pathname}`, kind: 'url' };
}

/**
 * `mail`: the e-mail analyser for the current catalog; without one an e-mail report's message is kept but not
 * analysed (its URL and text still are). `acknowledge`: run in the analysis transaction (the job's
 * `completeWithin`), so the analysis and the job's completion are one commit.
 */
export async function analyseReport(
  store: Store, engine: Engine, reportId: string, now: () => Date, mail?: MailAnalyser,
  acknowledge?: (tx: QueueTransaction) => Promise<void>,
): Promise<void> {
  const report = await store.reports.get(reportId);
  // Reports are never deleted and a job is sent in its report's transaction, so a missing report means the job came
  // from another deployment's store: two deployments whose pg-boss jobs share one queue schema (HOOKWATCH_QUEUE_SCHEMA)
  // take each other's jobs. Failing makes that visible (a retry, which the owning deployment may take; else a dead
  // letter) where completing it silently left the owner's report `submitted` for good.
  if (report === undefined) throw new Error(`analyse-report: no report ${reportId} in this store (is the queue schema shared with another deployment?)`);
  if (report.status !== 'submitted') return;
  // A message's source pasted as text (a mail program's "Show original") is the message itself, from its first field.
  // Its links are then the analyser's (which reads the HTML), not every address in its source.
  const pasted = report.email === null && report.text !== null && mail !== undefined ? pastedMessage(report.text) : null;
  const raw = report.email ?? pasted;
  const message: EmailAnalysis | null = raw === null || mail === undefined ? null : await mail.analyse(raw);
  const inputs = [
    ...(report.url === null ? [] : [report.url]),
    ...(report.text === null || pasted !== null ? [] : extractLinks(report.text, MAX_LINKS_PER_REPORT)),
    // The message's links (HTML targets, plain-text URLs, HTML attachments), like a URL report's.
    ...(message === null ? [] : message.links.slice(0, MAX_LINKS_PER_REPORT)),
  ];
  // Where a redirect leads is an indicator of its own: the takedown of `google.com/url?q=https://evil.example/` is
  // evil.example's (and a destination may carry another: read on until the report's bound).
  for (let i = 0; i < inputs.length && inputs.length < MAX_INDICATORS_PER_REPORT; i++) {
    const parsed = parseInput(inputs[i] ?? '');
    if (!parsed.ok) continue;
    for (const forward of forwardsOf(parsed.subject)) if (inputs.length < MAX_INDICATORS_PER_REPORT) inputs.push(forward.subject.input);
  }
  // Who the message claims to be from becomes an indicator only when the engine finds the domain risky: a sender
  // domain is often a bystander (a webmail provider, a spoofed official domain) that must not enter the takedown queue.
  // A message forwarded as an attachment is the report: its sender is judged the same way (the outer one is usually
  // the customer who reported it).
  for (const m of message === null ? [] : withAttached(message)) {
    const sender = m.senderDomain;
    if (sender === null || inputs.includes(sender)) continue;
    const verdict = engine.check(sender).verdict;
    if (verdict === 'phishing' || verdict === 'suspicious') inputs.push(sender);
  }
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
  await store.transaction(async (repos, tx) => {
    // The status change first, as the compare-and-set that decides: a report no longer `submitted` was handled by an
    // earlier delivery (or an analyst), and nothing is recorded. (It used to be a read of the report here, and the
    // change last: same outcome in one transaction, one statement more.)
    const changed = await repos.reports.setStatus({ id: reportId, status: 'triaged', actor: 'worker', from: 'submitted' });
    if (changed !== 'updated') return;
    if (message !== null && mail !== undefined) {
      await repos.analyses.record({ reportId, engineVersion: `mail-${mail.version}+engine-${engine.version}`, result: message });
    }
    for (const { input, result, key } of judged) await record(repos, engine, reportId, input, result, key, now);
    await acknowledge?.(tx);
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

/** A message analysis and those of the messages attached to it, depth first. */
function withAttached(message: EmailAnalysis): EmailAnalysis[] {
  return [message, ...(message.attached ?? []).flatMap(withAttached)];
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
