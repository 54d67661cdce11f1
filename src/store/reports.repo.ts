/**
 * Reports: raw public submissions, stored verbatim (a URL, a text, an e-mail's bytes), each with a public reference
 * the reporter can check the status with, and an optional contact kept in its own table (PR-1).
 *
 * Idempotency (RE-5): the report row's unique `idempotency_key` is the serialisation point. The insert is
 * `ON CONFLICT DO NOTHING`; a request that loses the race (on PG it waits for the winner's commit) then reads the
 * winner's row and compares payload hashes. Report, contact and audit entry commit together.
 */
import type { Kysely, Transaction } from 'kysely';
import { HookwatchError } from '../errors.js';
import type { QueueTransaction } from '../queue/queue.js';
import { appendAudit } from './audit.repo.js';
import { checkLength, checkStorableText, decodeTime, encodeTime } from './dialect.js';
import { isSha256Hex, newId, randomChars } from './ids.js';
import type { Database, ReportStatus, ReportsTable } from './schema.js';
import { queueTransaction } from './group-commit.js';
import { prepare } from './prepared.js';
import type { Clock, Transactor } from './transaction.js';

/** Longest Idempotency-Key: clients send UUIDs or similar; the column is indexed. */
export const MAX_IDEMPOTENCY_KEY_CHARS = 255;

/** Crockford's base32: no I, L, O or U, so a reference read aloud or retyped survives. */
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 10 characters = 50 random bits: unguessable at any rate the API allows, short enough to read out. */
const REFERENCE_CHARS = 10;
const REFERENCE_PREFIX = 'HW-';
/** Draws before giving up on an unused reference; one collision is already a ~n/2^50 event. */
const REFERENCE_ATTEMPTS = 3;

export interface NewReport {
  readonly url?: string;
  readonly text?: string;
  /** The e-mail as received: bytes, or text (stored as its UTF-8). */
  readonly email?: Uint8Array | string;
  /** Reporter contact as the caller stores it (PR-1: field-encrypted by the caller). */
  readonly contact?: string;
  readonly idempotencyKey?: string;
  /** SHA-256 (lowercase hex) of the canonical submission. */
  readonly payloadHash: string;
  /** Audit actor: `public`, `api_key:<id>`, `user:<id>`. */
  readonly actor: string;
}

export type CreateReportResult =
  | {
      readonly conflict: false;
      readonly id: string;
      readonly reference: string;
      readonly status: ReportStatus;
      /** False when the idempotency key replayed an earlier report with the same payload. */
      readonly created: boolean;
    }
  /** The idempotency key is taken by a report with a different payload. */
  | { readonly conflict: true };

export interface Report {
  readonly id: string;
  readonly reference: string;
  readonly url: string | null;
  readonly text: string | null;
  readonly email: Buffer | null;
  readonly status: ReportStatus;
  readonly idempotencyKey: string | null;
  readonly payloadHash: string;
  readonly submittedAt: Date;
}

/** What the public may see about its report (no content, no contact). */
export interface ReportStatusView {
  readonly reference: string;
  readonly status: ReportStatus;
  readonly submittedAt: Date;
}

export interface StatusChange {
  readonly id: string;
  readonly status: ReportStatus;
  readonly actor: string;
  /** Change only from this status (compare-and-set): a concurrent change makes the call return `status_changed`. */
  readonly from?: ReportStatus;
}

export type StatusChangeResult = 'updated' | 'not_found' | 'status_changed';

/** Work done in a new report's own transaction (`create`), given it as a QueueTransaction and the report's id. */
export type ReportFollowUp = (tx: QueueTransaction, reportId: string) => Promise<unknown>;

// The statements every report takes (intake, then analysis), compiled once: see prepared.ts for why.
const insertReport = prepare<ReportsTable, Pick<ReportsTable, 'id' | 'reference' | 'status'>>(
  ['id', 'reference', 'url', 'text', 'email_raw', 'status', 'idempotency_key', 'payload_hash', 'submitted_at'],
  (db, p) => db.insertInto('reports').values({
    id: p.id, reference: p.reference, url: p.url, text: p.text, email_raw: p.email_raw, status: p.status,
    idempotency_key: p.idempotency_key, payload_hash: p.payload_hash, submitted_at: p.submitted_at,
  }).onConflict((oc) => oc.doNothing()).returning(['id', 'reference', 'status']));

const insertContact = prepare<{ report_id: string; contact: string }, never>(['report_id', 'contact'], (db, p) =>
  db.insertInto('report_contacts').values({ report_id: p.report_id, contact: p.contact }));

const reportById = prepare<{ id: string }, ReportsTable>(['id'], (db, p) =>
  db.selectFrom('reports').selectAll().where('id', '=', p.id));

/** The compare-and-set status change (the worker's `submitted` → `triaged`). */
const changeStatusFrom = prepare<{ id: string; status: ReportStatus; from: ReportStatus }, { id: string }>(
  ['id', 'status', 'from'],
  (db, p) => db.updateTable('reports').set({ status: p.status }).where('id', '=', p.id).where('status', '=', p.from).returning('id'));

function newReference(): string {
  return REFERENCE_PREFIX + randomChars(REFERENCE_ALPHABET, REFERENCE_CHARS);
}

/** A reference as a person may type it: any case, O for 0, I or L for 1 (Crockford's decoding). */
export function normaliseReference(input: string): string {
  const upper = input.trim().toUpperCase();
  if (!upper.startsWith(REFERENCE_PREFIX)) return upper;
  return REFERENCE_PREFIX + upper.slice(REFERENCE_PREFIX.length).replace(/O/g, '0').replace(/[IL]/g, '1');
}

type ReportContent = Pick<ReportsTable, 'url' | 'text' | 'email_raw' | 'idempotency_key' | 'payload_hash'>;

function optionalText(field: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  checkStorableText(field, value);
  return value;
}

function emailBytes(email: Uint8Array | string | undefined): Buffer | null {
  if (email === undefined) return null;
  if (typeof email !== 'string') return Buffer.from(email);
  checkStorableText('email', email);
  return Buffer.from(email, 'utf8');
}

function reportContent(input: NewReport): ReportContent {
  if (!isSha256Hex(input.payloadHash)) throw new TypeError('payloadHash must be a lowercase hex SHA-256');
  if (input.idempotencyKey !== undefined) {
    checkLength('idempotencyKey', input.idempotencyKey, MAX_IDEMPOTENCY_KEY_CHARS);
  }
  const content = {
    url: optionalText('url', input.url),
    text: optionalText('text', input.text),
    email_raw: emailBytes(input.email),
    idempotency_key: optionalText('idempotencyKey', input.idempotencyKey),
    payload_hash: input.payloadHash,
  };
  if (isEmpty(content.url) && isEmpty(content.text) && isEmpty(content.email_raw)) {
    throw new HookwatchError('HW_ERR_INPUT_EMPTY', {}, { field: 'url, text or email' });
  }
  return content;
}

function isEmpty(value: string | Buffer | null): boolean {
  return value === null || value.length === 0;
}

function toReport(row: ReportsTable): Report {
  return {
    id: row.id,
    reference: row.reference,
    url: row.url,
    text: row.text,
    email: row.email_raw,
    status: row.status,
    idempotencyKey: row.idempotency_key,
    payloadHash: row.payload_hash,
    submittedAt: decodeTime(row.submitted_at),
  };
}

export class ReportsRepo {
  readonly #db: Kysely<Database>;
  readonly #now: Clock;
  readonly #transact: Transactor;

  constructor(db: Kysely<Database>, now: Clock, transact: Transactor) {
    this.#db = db;
    this.#now = now;
    this.#transact = transact;
  }

  /**
   * Stores a report, its contact and its audit entry in one transaction, or replays an idempotent one. `followUp`
   * runs in that transaction for a new report only (not a replay), e.g. to queue its analysis (`sendWithin`), so the
   * report and its job commit together.
   */
  async create(input: NewReport, followUp?: ReportFollowUp): Promise<CreateReportResult> {
    const content = reportContent(input);
    if (input.contact !== undefined) checkStorableText('contact', input.contact);
    return this.#transact(async (trx) => {
      for (let attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt++) {
        const inserted = await this.#insert(trx, content);
        if (inserted !== undefined) {
          await this.#recordCreation(trx, inserted, input);
          if (followUp !== undefined) await followUp(queueTransaction(trx), inserted.id);
          return { conflict: false, ...inserted, created: true };
        }
        const replayed = await this.#replay(trx, content);
        if (replayed !== undefined) return replayed;
        // Neither the key nor the id conflicted, so the random reference did: draw another.
      }
      throw new Error(`no unused report reference in ${REFERENCE_ATTEMPTS} draws`);
    });
  }

  async #insert(trx: Transaction<Database>, content: ReportContent) {
    return insertReport.first(trx, {
      ...content,
      id: newId(),
      reference: newReference(),
      status: 'submitted',
      submitted_at: encodeTime(this.#now()),
    });
  }

  async #recordCreation(
    trx: Transaction<Database>,
    report: { readonly id: string; readonly reference: string },
    input: NewReport,
  ): Promise<void> {
    if (input.contact !== undefined) {
      await insertContact.execute(trx, { report_id: report.id, contact: input.contact });
    }
    await appendAudit(trx, {
      at: this.#now(),
      actor: input.actor,
      action: 'report.created',
      target: `report:${report.id}`,
      details: { reference: report.reference },
    });
  }

  /** The earlier report under the same idempotency key, if any, as this request's answer. */
  async #replay(trx: Transaction<Database>, content: ReportContent): Promise<CreateReportResult | undefined> {
    if (content.idempotency_key === null) return undefined;
    const existing = await trx
      .selectFrom('reports')
      .select(['id', 'reference', 'status', 'payload_hash'])
      .where('idempotency_key', '=', content.idempotency_key)
      .executeTakeFirst();
    if (existing === undefined) return undefined;
    if (existing.payload_hash !== content.payload_hash) return { conflict: true };
    return { conflict: false, id: existing.id, reference: existing.reference, status: existing.status, created: false };
  }

  async get(id: string): Promise<Report | undefined> {
    const row = await reportById.first(this.#db, { id });
    return row === undefined ? undefined : toReport(row);
  }

  /** The reporter's contact, read separately so that no other read carries it. */
  async getContact(reportId: string): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('report_contacts')
      .select('contact')
      .where('report_id', '=', reportId)
      .executeTakeFirst();
    return row?.contact;
  }

  async getStatusByReference(reference: string): Promise<ReportStatusView | undefined> {
    const row = await this.#db
      .selectFrom('reports')
      .select(['reference', 'status', 'submitted_at'])
      .where('reference', '=', normaliseReference(reference))
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : { reference: row.reference, status: row.status, submittedAt: decodeTime(row.submitted_at) };
  }

  /** Changes the status and records who did it, in one transaction. */
  async setStatus(change: StatusChange): Promise<StatusChangeResult> {
    return this.#transact(async (trx) => {
      const updated = change.from === undefined
        ? await trx.updateTable('reports').set({ status: change.status }).where('id', '=', change.id).returning('id').executeTakeFirst()
        : await changeStatusFrom.first(trx, { id: change.id, status: change.status, from: change.from });
      if (updated === undefined) {
        const exists = await trx.selectFrom('reports').select('id').where('id', '=', change.id).executeTakeFirst();
        return exists === undefined ? 'not_found' : 'status_changed';
      }
      await appendAudit(trx, {
        at: this.#now(),
        actor: change.actor,
        action: 'report.status_changed',
        target: `report:${change.id}`,
        details: change.from === undefined ? { status: change.status } : { from: change.from, status: change.status },
      });
      return 'updated';
    });
  }
}
