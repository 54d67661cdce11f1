/**
 * The tables as Kysely sees them, in their stored representation (dialect.ts): timestamps are ISO-8601 UTC text, JSON
 * is text, booleans are 0/1, ids are text UUIDs. Repositories convert rows to domain objects. Keep in sync with the
 * migrations (a column added there is added here).
 */
import type { Verdict } from '../engine/types.js';

/** RE-4 workflow states of a report. */
export const REPORT_STATUSES = [
  'submitted',
  'triaged',
  'confirmed',
  'rejected',
  'undetermined',
  'monitored',
  'delisted',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const INDICATOR_STATUSES = ['new', 'confirmed_phishing', 'benign', 'duplicate'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

export const INDICATOR_KINDS = ['url', 'host'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const VERDICTS = ['official', 'phishing', 'suspicious', 'benign', 'error'] as const satisfies readonly Verdict[];

export const ROLES = ['admin', 'analyst', 'liaison'] as const;
export type Role = (typeof ROLES)[number];

export interface Database {
  brands: BrandsTable;
  reports: ReportsTable;
  report_contacts: ReportContactsTable;
  indicators: IndicatorsTable;
  analyses: AnalysesTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  jobs: JobsTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
  login_challenges: LoginChallengesTable;
}

/** The in-process queue's jobs (src/queue/job-store.ts); times are epoch ms (bigint: text on the pg driver). */
export interface JobsTable {
  id: string;
  name: string;
  /** JSON. */
  payload: string;
  state: 'created' | 'retry' | 'active' | 'completed' | 'failed';
  attempts: number;
  singleton_key: string | null;
  run_after: number | string;
  created_at: number | string;
  updated_at: number | string;
  last_error: string | null;
}

export interface BrandsTable {
  id: string;
  name: string;
  /** JSON array of strings. */
  domains: string;
  /** JSON array of strings. */
  keywords: string;
  generic: 0 | 1;
  updated_at: string;
}

export interface ReportsTable {
  id: string;
  /** Public, unguessable: `HW-` + 10 Crockford base32 characters. */
  reference: string;
  url: string | null;
  text: string | null;
  email_raw: Buffer | null;
  status: ReportStatus;
  idempotency_key: string | null;
  /** SHA-256 (hex) of the canonical submission, compared when an idempotency key is replayed. */
  payload_hash: string;
  submitted_at: string;
}

/** Reporter contact, kept apart from the report (PR-1): deleted or erased on its own schedule (PR-3, PR-4). */
export interface ReportContactsTable {
  report_id: string;
  contact: string;
}

export interface IndicatorsTable {
  id: string;
  /** Normalised URL or host that identifies the indicator. */
  key: string;
  /** SHA-256 (hex) of `key`: the unique index (a PG b-tree cannot index text of any length). */
  key_hash: string;
  kind: IndicatorKind;
  value: string;
  host: string;
  domain: string | null;
  verdict: Verdict;
  score: number;
  brand: string | null;
  /** JSON array of engine signals. */
  signals: string;
  first_seen: string;
  last_seen: string;
  report_count: number;
  status: IndicatorStatus;
}

export interface AnalysesTable {
  id: string;
  report_id: string | null;
  indicator_id: string | null;
  engine_version: string;
  /** JSON. */
  result: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  /** Lowercased. */
  email: string;
  /** A PHC string (argon2id) made by the caller; the store never sees a password. */
  password_hash: string;
  role: Role;
  disabled: 0 | 1;
  created_at: string;
  /** Failed sign-ins since the last success (WA-4). */
  failed_logins: number;
  last_failed_login_at: string | null;
  /** Base32 TOTP secret once enrolled (WA-3). */
  totp_secret: string | null;
  /** The last TOTP time step accepted: a code is never accepted twice (bigint: text on the pg driver). */
  totp_last_step: number | string | null;
}

/** Single-use recovery codes (WA-3), as SHA-256 of 120-bit random codes. */
export interface RecoveryCodesTable {
  code_hash: string;
  user_id: string;
  used_at: string | null;
}

/** Between "password accepted" and "second factor accepted": a short-lived, single-use challenge. */
export interface LoginChallengesTable {
  id: string;
  token_hash: string;
  user_id: string;
  /** A TOTP secret offered for enrolment, kept until the first code proves the authenticator has it. */
  pending_secret: string | null;
  attempts: number;
  expires_at: string;
  used_at: string | null;
}

/** Staff browser sessions (WA-5): the token's SHA-256, never the token. */
export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: string;
  /** Updated at most once a minute (idle timeout). */
  last_seen_at: string;
  /** Absolute end of the session. */
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  role: Role;
  /** SHA-256 (hex) of the key; the key itself is never stored. */
  key_hash: string;
  /** The key's first characters, to tell keys apart in a list. */
  prefix: string;
  created_at: string;
  revoked_at: string | null;
}

/** Append-only (triggers) and hash-chained: see audit.repo.ts. */
export interface AuditEventsTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  /** JSON object. */
  details: string;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

/** One row (id 1): the last entry's seq and hash. Its row lock serialises appends. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}
