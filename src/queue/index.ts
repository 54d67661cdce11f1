/**
 * The job queue: one port (queue.ts), an in-process adapter over a JobStore for the embedded mode, and a pg-boss
 * adapter for PostgreSQL. Composition roots pick one; the conformance suites (conformance.ts,
 * job-store-conformance.ts) are for tests and stay out of this entry point (they import node:test).
 */
export {
  BACKOFF_BASE_MS, BACKOFF_CAP_MS, DEFAULT_CONCURRENCY, DEFAULT_DEAD_LETTER_LIMIT, DEFAULT_RETRY_POLICY, JOB_NAMES,
  MAX_ATTEMPTS, MAX_CONCURRENCY, MAX_DEAD_LETTER_LIMIT, MAX_PAYLOAD_STRING, MAX_START_AFTER_MS, backoffDelayMs,
  isJobName, parsePayload, retryPolicy,
} from './queue.js';
export type {
  DeadJob, Job, JobHandler, JobName, JobPayloads, JobQueue, QueueStats, QueueTransaction, RetryPolicy, SendOptions,
  StopOptions, WorkOptions,
} from './queue.js';
export { STORED_JOB_STATES, memoryJobStore } from './job-store.js';
export type { JobStore, NewStoredJob, StoredJob, StoredJobState } from './job-store.js';
export { inProcessQueue, systemClock } from './in-process.js';
export type { Clock, InProcessQueueOptions } from './in-process.js';
export { deadLetterQueueOf, pgBossQueue } from './pg-boss.js';
export type { PgBossQueueOptions } from './pg-boss.js';
