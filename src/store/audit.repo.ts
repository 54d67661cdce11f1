/**
 * The audit log: append-only (database triggers refuse UPDATE and DELETE) and hash-chained (EV-4).
 *
 * Design note. Entry n stores `prev_hash` (entry n-1's hash; 64 zeros for n = 1) and
 *   hash = SHA-256 hex of the UTF-8 of JSON.stringify([prev_hash, seq, at, actor, action, target, details, ip])
 * over the stored column values (`details` is the stored JSON text, `target` and `ip` may be null), so anyone can
 * recompute it from a dump. Changing any field of an entry breaks its own hash; deleting or reordering entries
 * breaks the seq sequence or the next `prev_hash`. The one-row `audit_head` table holds the last seq and hash: the
 * tail cannot be cut off unnoticed, and appends serialise on its row lock. An append first UPDATEs the head
 * (RETURNING its seq and hash), which takes that lock on PG and the write lock on SQLite, then inserts the entry
 * with the next seq and stores the new seq and hash in the head, all in the caller's transaction. So seqs are
 * gap-free and commit in order, and every entry up to the head's seq is committed whenever the head is visible.
 *
 * Batches. Inside a group-commit batch (group-commit.ts: many writes in one transaction) the head is read and locked
 * once, by the batch's first append, and written once, just before the commit (`AuditBatch`): each further append
 * is a single INSERT chained onto the previous entry in memory. The chain and the head are exactly what one append
 * at a time would leave, since it is one transaction either way. A write rolled back to its savepoint also rolls
 * back what the batch knows (`mark`/`restore`): its entries are gone, and if its append was the one that read the
 * head, so is the head lock on PG, so the next append reads the head again. (Measured: a report and its analysis
 * append two entries; batching them took 4 of the ~35 statements per report.)
 *
 * Someone who can write the database can still rewrite the whole chain consistently; anchoring the head hash
 * outside it (RFC 3161 time-stamps, EV-9) is what rules that out.
 */
import type { Kysely, Transaction } from 'kysely';
import { checkLength, checkStorableText, decodeJson, decodeTime, encodeJson, encodeTime } from './dialect.js';
import type { JsonValue } from './dialect.js';
import { sha256Hex } from './ids.js';
import { checkPageLimit } from './paging.js';
import type { AuditEventsTable, Database } from './schema.js';
import { prepare } from './prepared.js';
import type { Clock, Transactor } from './transaction.js';

/** `prev_hash` of the first entry. Keep in sync with migrations/0001_initial.ts (the head's initial hash). */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** Longest actor, action, target or ip: they are short identifiers, and `target` is indexed. */
export const MAX_AUDIT_FIELD_CHARS = 255;

/** Entries read per query while verifying: bounds memory on a long chain. */
const VERIFY_BATCH = 1000;

/** Most entries one `list` call returns. */
export const MAX_AUDIT_PAGE = 1000;

export interface AuditInput {
  /** Who: `user:<id>`, `api_key:<id>`, `public`, `system`. */
  readonly actor: string;
  /** What, as `<entity>.<verb>`: `report.created`, `indicator.decided`. */
  readonly action: string;
  /** On what: `report:<id>`, `indicator:<id>`. */
  readonly target?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  /** Staff actions only: reporter IPs are never stored raw (PR-1). */
  readonly ip?: string;
}

export interface AuditEvent {
  readonly seq: number;
  readonly at: Date;
  readonly actor: string;
  readonly action: string;
  readonly target: string | null;
  readonly details: JsonValue;
  readonly ip: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

export type AuditVerification =
  | { readonly ok: true; readonly count: number; readonly headHash: string }
  | { readonly ok: false; readonly seq: number; readonly reason: string };

export interface AuditListOptions {
  readonly target?: string;
  /** Entries with a smaller seq only (the previous page's last seq). */
  readonly beforeSeq?: number;
  readonly limit: number;
}

function chainHash(row: Omit<AuditEventsTable, 'hash'>): string {
  return sha256Hex(
    JSON.stringify([row.prev_hash, row.seq, row.at, row.actor, row.action, row.target, row.details, row.ip]),
  );
}

function checkField(field: string, value: string | null): void {
  if (value === null) return;
  checkStorableText(field, value);
  checkLength(field, value, MAX_AUDIT_FIELD_CHARS);
}

/** The head as an append sees it. */
interface Head {
  readonly seq: number;
  readonly hash: string;
}

/** Reads the head and takes its lock (a no-op UPDATE: PG's row lock; SQLite already holds the write lock). */
const lockHead = prepare<Record<string, never>, Head>([], (db) =>
  db.updateTable('audit_head').set((eb) => ({ seq: eb.ref('seq') })).where('id', '=', 1).returning(['seq', 'hash']));

const insertEntry = prepare<AuditEventsTable, never>(
  ['seq', 'at', 'actor', 'action', 'target', 'details', 'ip', 'prev_hash', 'hash'],
  (db, p) => db.insertInto('audit_events').values({
    seq: p.seq, at: p.at, actor: p.actor, action: p.action, target: p.target, details: p.details, ip: p.ip,
    prev_hash: p.prev_hash, hash: p.hash,
  }));

const writeHead = prepare<Head, never>(['seq', 'hash'], (db, p) =>
  db.updateTable('audit_head').set({ seq: p.seq, hash: p.hash }).where('id', '=', 1));

async function readHead(trx: Transaction<Database>): Promise<Head> {
  const head = await lockHead.first(trx, {});
  if (head === undefined) throw new Error('audit_head row missing: database not migrated, or tampered with');
  return head;
}

/** Refuses an entry the store cannot keep verbatim (before any statement runs). */
function checkEntry(entry: AuditInput): void {
  checkField('actor', entry.actor);
  checkField('action', entry.action);
  checkField('target', entry.target ?? null);
  checkField('ip', entry.ip ?? null);
}

/** The row of a checked entry, chained onto `head`. */
function chainedRow(entry: AuditInput & { readonly at: Date }, head: Head): AuditEventsTable {
  const target = entry.target ?? null;
  const ip = entry.ip ?? null;
  const row = {
    seq: head.seq + 1,
    at: encodeTime(entry.at),
    actor: entry.actor,
    action: entry.action,
    target,
    details: encodeJson(entry.details ?? {}),
    ip,
    prev_hash: head.hash,
  };
  return { ...row, hash: chainHash(row) };
}

/**
 * The audit chain inside one group-commit batch transaction (see "Batches" above). group-commit.ts opens one per
 * batch, marks and restores it around each write's savepoint, and flushes it before the commit.
 */
export class AuditBatch {
  /** The head as of the last append in this batch; undefined until the batch's first append has read it. */
  #head: Head | undefined;
  /** Entries appended since the head was read (the head row needs writing). */
  #dirty = false;

  /** Appends `entry` after the batch's last one: one INSERT (plus the head read for the batch's first). */
  async append(trx: Transaction<Database>, entry: AuditInput & { readonly at: Date }): Promise<AuditEvent> {
    checkEntry(entry);
    const row = chainedRow(entry, this.#head ?? await readHead(trx));
    await insertEntry.execute(trx, row);
    this.#head = { seq: row.seq, hash: row.hash };
    this.#dirty = true;
    return toEvent(row);
  }

  /** What to restore if the write about to run is rolled back to its savepoint. */
  mark(): { readonly head: Head | undefined; readonly dirty: boolean } {
    return { head: this.#head, dirty: this.#dirty };
  }

  restore(mark: ReturnType<AuditBatch['mark']>): void {
    this.#head = mark.head;
    this.#dirty = mark.dirty;
  }

  /** Stores the batch's last seq and hash in the head row; call last, in the same transaction. */
  async flush(trx: Transaction<Database>): Promise<void> {
    if (this.#head === undefined || !this.#dirty) return;
    await writeHead.execute(trx, this.#head);
    this.#dirty = false;
  }
}

/** The batch each group-commit transaction has open (set by group-commit.ts for its transactions only). */
const batches = new WeakMap<Transaction<Database>, AuditBatch>();

/** Opens the audit batch of a group-commit transaction; the caller must `flush` it before the commit. */
export function openAuditBatch(trx: Transaction<Database>): AuditBatch {
  const batch = new AuditBatch();
  batches.set(trx, batch);
  return batch;
}

/** Appends one entry inside `trx` (the transaction that makes the change it records). */
export async function appendAudit(
  trx: Transaction<Database>,
  entry: AuditInput & { readonly at: Date },
): Promise<AuditEvent> {
  const batch = batches.get(trx);
  if (batch !== undefined) return batch.append(trx, entry);
  // A transaction of the caller's own (not a group-commit batch): a batch of one, head read, entry, head written.
  const alone = new AuditBatch();
  const event = await alone.append(trx, entry);
  await alone.flush(trx);
  return event;
}

function toEvent(row: AuditEventsTable): AuditEvent {
  return {
    seq: row.seq,
    at: decodeTime(row.at),
    actor: row.actor,
    action: row.action,
    target: row.target,
    details: decodeJson(row.details),
    ip: row.ip,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The first problem with entry `row` when `expectedSeq` and `prevHash` are due, or undefined. */
function entryProblem(row: AuditEventsTable, expectedSeq: number, prevHash: string): AuditVerification | undefined {
  if (row.seq !== expectedSeq) {
    return { ok: false, seq: expectedSeq, reason: `entry missing (the next entry is seq ${row.seq})` };
  }
  if (row.prev_hash !== prevHash) {
    return {
      ok: false,
      seq: row.seq,
      reason: "prev_hash is not the previous entry's hash (an entry before it was changed, deleted or reordered)",
    };
  }
  if (chainHash(row) !== row.hash) {
    return { ok: false, seq: row.seq, reason: 'content does not match its hash (entry changed)' };
  }
  return undefined;
}

/** Walks the chain from seq 1 to the head, in batches; names the first bad entry. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerification> {
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (head === undefined) return { ok: false, seq: 0, reason: 'the chain head row is missing' };
  const stray = await db.selectFrom('audit_events').select('seq').where('seq', '<', 1).executeTakeFirst();
  if (stray !== undefined) return { ok: false, seq: stray.seq, reason: 'entry outside the chain (seq below 1)' };
  let expectedSeq = 1;
  let prevHash = AUDIT_GENESIS_HASH;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .where('seq', '<=', head.seq)
      .orderBy('seq')
      .limit(VERIFY_BATCH)
      .execute();
    for (const row of rows) {
      const problem = entryProblem(row, expectedSeq, prevHash);
      if (problem !== undefined) return problem;
      prevHash = row.hash;
      expectedSeq++;
    }
    if (rows.length < VERIFY_BATCH) break;
  }
  if (expectedSeq <= head.seq) {
    return { ok: false, seq: expectedSeq, reason: `entry missing (the chain head is at seq ${head.seq})` };
  }
  if (prevHash !== head.hash) {
    const reason = "the chain head's hash is not this entry's hash (the head or this entry was rewritten)";
    return { ok: false, seq: head.seq, reason };
  }
  return { ok: true, count: head.seq, headHash: head.hash };
}

export class AuditRepo {
  readonly #db: Kysely<Database>;
  readonly #now: Clock;
  readonly #transact: Transactor;

  constructor(db: Kysely<Database>, now: Clock, transact: Transactor) {
    this.#db = db;
    this.#now = now;
    this.#transact = transact;
  }

  /** Appends one entry on its own (for changes made elsewhere in the same `Store.transaction`, use that one's repo). */
  async append(entry: AuditInput): Promise<AuditEvent> {
    return this.#transact((trx) => appendAudit(trx, { ...entry, at: this.#now() }));
  }

  /** Newest first. */
  async list(options: AuditListOptions): Promise<AuditEvent[]> {
    checkPageLimit(options.limit, MAX_AUDIT_PAGE);
    let query = this.#db.selectFrom('audit_events').selectAll();
    if (options.target !== undefined) query = query.where('target', '=', options.target);
    if (options.beforeSeq !== undefined) query = query.where('seq', '<', options.beforeSeq);
    const rows = await query.orderBy('seq', 'desc').limit(options.limit).execute();
    return rows.map(toEvent);
  }

  async verify(): Promise<AuditVerification> {
    return verifyAuditChain(this.#db);
  }
}
