/** The store's public surface: open it, migrate it, use its repositories. */
export { openStore, SQLITE_FILE_NAME } from './store.js';
export type { Repos, Store, StoreConfig } from './store.js';
export { listMigrations, migrateToLatest } from './migrate.js';
export type { MigrationStatus, MigrationTarget } from './migrate.js';
export type { Dialect, DialectName, JsonValue } from './dialect.js';
export type { Clock } from './transaction.js';
export { INDICATOR_KINDS, INDICATOR_STATUSES, REPORT_STATUSES, ROLES } from './schema.js';
export type { Database, IndicatorKind, IndicatorStatus, ReportStatus, Role } from './schema.js';
export { appendAudit, verifyAuditChain } from './audit.repo.js';
export { storeJobStore } from './jobs.repo.js';
export type { AuditEvent, AuditInput, AuditListOptions, AuditVerification } from './audit.repo.js';
export type {
  CreateReportResult,
  NewReport,
  Report,
  ReportStatusView,
  StatusChange,
  StatusChangeResult,
} from './reports.repo.js';
export type {
  Indicator,
  IndicatorDecision,
  IndicatorPage,
  IndicatorQuery,
  IndicatorSighting,
  IndicatorStats,
} from './indicators.repo.js';
export type { Analysis, AnalysisSubject, NewAnalysis, ReportSummary } from './analyses.repo.js';
export { MAX_INDICATOR_PAGE, MAX_INDICATOR_SEARCH_CHARS } from './indicators.repo.js';
export type { CreateUserResult, NewUser, User } from './users.repo.js';
export type { SessionPolicy, SessionUser } from './sessions.repo.js';
export type { ApiKey, CreatedApiKey } from './keys.repo.js';
export type { StoredBrand } from './brands.repo.js';
