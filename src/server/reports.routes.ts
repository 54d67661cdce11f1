/**
 * Report intake and follow-up.
 * - `POST /reports` (public, rate-limited): `{url?, text?, email?, contact?}`, at least one of url/text/email →
 *   201 `{id, reference, status}`. `Idempotency-Key` replays the same report for the same payload, 422 otherwise.
 *   The analysis is queued in the report's transaction; a report left `submitted` is re-queued at start
 *   (worker/analyse-report.ts `requeueSubmitted`).
 * - `GET /reports/:reference/status` (public): the reporter's own status, nothing else.
 * - `GET /reports/:id` (analyst, admin): the report and its analyses.
 */
import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { JobQueue, QueueTransaction } from '../queue/queue.js';
import type { Store } from '../store/index.js';
import { requireRole } from './auth.js';
import { sendError } from './errors.js';
import { rateLimit } from './rate-limit.js';

/** Limits of one submission (the body limit bounds the whole request too). */
export const MAX_REPORT_URL_CHARS = 8192;
export const MAX_REPORT_TEXT_CHARS = 100_000;
export const MAX_REPORT_EMAIL_CHARS = 1_000_000;
export const MAX_CONTACT_CHARS = 320;
export const MAX_IDEMPOTENCY_KEY_CHARS = 255;

interface ReportBody {
  url?: string;
  text?: string;
  email?: string;
  contact?: string;
}

export const reportBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    url: { type: 'string', minLength: 1, maxLength: MAX_REPORT_URL_CHARS },
    text: { type: 'string', minLength: 1, maxLength: MAX_REPORT_TEXT_CHARS },
    email: { type: 'string', minLength: 1, maxLength: MAX_REPORT_EMAIL_CHARS },
    contact: { type: 'string', minLength: 1, maxLength: MAX_CONTACT_CHARS },
  },
  anyOf: [{ required: ['url'] }, { required: ['text'] }, { required: ['email'] }],
} as const;

/** SHA-256 of the submission in a canonical form: the same report hashes the same whatever the key order. */
export function payloadHash(body: ReportBody): string {
  const canonical = JSON.stringify([body.url ?? null, body.text ?? null, body.email ?? null, body.contact ?? null]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Code points the database cannot store as text (NUL) or that no honest report contains. */
function hasNul(body: ReportBody): boolean {
  return [body.url, body.text, body.email, body.contact].some((v) => v?.includes('\u0000') === true);
}

export interface ReportRoutesOptions {
  readonly store: Store;
  readonly queue: JobQueue;
  readonly publicRateLimitPerMinute: number;
}

export const reportRoutes: FastifyPluginAsync<ReportRoutesOptions> = async (app, { store, queue, publicRateLimitPerMinute }) => {
  const limited = rateLimit(publicRateLimitPerMinute);
  // The analysis job is queued in the report's own transaction: the 201 means both are committed (one commit, not
  // two). Reports left `submitted` all the same (a job lost with pg-boss's schema, say) are re-queued at start.
  const queueAnalysis = (tx: QueueTransaction, reportId: string): Promise<string> =>
    queue.sendWithin(tx, 'analyse-report', { reportId }, { singletonKey: reportId });

  app.post<{ Body: ReportBody }>('/reports', { schema: { body: reportBody }, preHandler: limited, config: { public: true } }, async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (Array.isArray(key) || (key !== undefined && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_CHARS))) {
      return sendError(reply, 'HW_ERR_HTTP_VALIDATION', { reason: `Idempotency-Key must be 1-${MAX_IDEMPOTENCY_KEY_CHARS} characters` });
    }
    const body = request.body;
    if (hasNul(body)) return sendError(reply, 'HW_ERR_HTTP_VALIDATION', { reason: 'fields must not contain NUL characters' });
    const result = await store.reports.create({
      ...(body.url === undefined ? {} : { url: body.url }),
      ...(body.text === undefined ? {} : { text: body.text }),
      ...(body.email === undefined ? {} : { email: body.email }),
      ...(body.contact === undefined ? {} : { contact: body.contact }),
      ...(key === undefined ? {} : { idempotencyKey: key }),
      payloadHash: payloadHash(body),
      actor: 'public',
    }, queueAnalysis);
    if (result.conflict) return sendError(reply, 'HW_ERR_REPORT_IDEMPOTENCY_CONFLICT');
    return reply.code(201).send({ id: result.id, reference: result.reference, status: result.status });
  });

  app.get<{ Params: { reference: string } }>('/reports/:reference/status', { preHandler: limited, config: { public: true } }, async (request, reply) => {
    const view = await store.reports.getStatusByReference(request.params.reference);
    if (view === undefined) return sendError(reply, 'HW_ERR_HTTP_NOT_FOUND');
    return { reference: view.reference, status: view.status, submittedAt: view.submittedAt.toISOString() };
  });

  app.get<{ Params: { id: string } }>('/reports/:id', { onRequest: requireRole(['admin', 'analyst']) }, async (request, reply) => {
    const report = await store.reports.get(request.params.id);
    if (report === undefined) return sendError(reply, 'HW_ERR_HTTP_NOT_FOUND');
    const analyses = await store.analyses.list({ reportId: report.id });
    return {
      id: report.id,
      reference: report.reference,
      status: report.status,
      submittedAt: report.submittedAt.toISOString(),
      url: report.url,
      text: report.text,
      email: report.email === null ? null : { bytes: report.email.length, sha256: createHash('sha256').update(report.email).digest('hex') },
      contact: (await store.reports.getContact(report.id)) ?? null,
      analyses: analyses.map((a) => ({ id: a.id, engineVersion: a.engineVersion, createdAt: a.createdAt.toISOString(), indicatorId: a.indicatorId, result: a.result })),
    };
  });
  await Promise.resolve();
};
