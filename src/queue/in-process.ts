/**
 * The in-process JobQueue adapter, for the embedded mode (one hookwatch process over SQLite). Jobs live in a JobStore
 * (job-store.ts explains the trade-off); this file keeps only handlers and timers in memory.
 *
 * Design note. Dispatch is event-driven: a send, a finishing handler and `work()` wake the dispatcher at once, and a
 * timer wakes it when the next delayed or retrying job falls due (at most `pollIntervalMs` later, so a clock that
 * jumps, or a fake one in a test, is noticed). One dispatch pass runs at a time; each claims at most the free slots
 * of each job name, which is how the concurrency limit holds. A handler that throws is retried after
 * backoffDelayMs(policy, attempts); after `maxAttempts` runs the job is a dead letter. An ungraceful stop models a
 * crash: running handlers' results are never written, their jobs stay `active` in the store, and the next start()
 * re-delivers them (recoverActive), which is the path a kill -9 takes with a durable store.
 *
 * Backoff has no jitter, unlike pg-boss's: jitter spreads many workers' retries apart, and here there is one process.
 */
import { randomUUID } from 'node:crypto';
import type { JobStore, NewStoredJob, StoredJob } from './job-store.js';
import {
  JOB_NAMES, backoffDelayMs, checkJobName, checkSendOptions, concurrencyOf, deadLetterLimitOf, errorText,
  parsePayload, retryPolicy,
} from './queue.js';
import type {
  DeadJob, JobHandler, JobName, JobPayloads, JobQueue, QueueStats, QueueTransaction, RetryPolicy, SendOptions,
  StopOptions, WorkOptions,
} from './queue.js';

/** Epoch milliseconds. Injected so tests can drive retries and delays without waiting. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = Object.freeze({ now: () => Date.now() });

/** Longest the dispatcher sleeps without an event: bounds the delay a jumped (or fake) clock can add. */
export const POLL_INTERVAL_MS = 1_000;
/** How long a graceful stop waits for running handlers; the same default as pg-boss's `stop({ timeout })`. */
export const STOP_TIMEOUT_MS = 30_000;
/** Completed jobs are forgotten after this, like pg-boss's default archiving of completed jobs. */
export const COMPLETED_RETENTION_MS = 12 * 60 * 60 * 1_000;
/** How often dispatch deletes expired completed jobs. */
export const PRUNE_INTERVAL_MS = 60_000;

/** lastError of a job that was running when its process stopped without draining. */
export const INTERRUPTED_ERROR = 'interrupted: the process stopped while the job was running';

export interface InProcessQueueOptions {
  readonly store: JobStore;
  /** Infrastructure failures outside any handler (the store failing): log them; the queue keeps going. */
  readonly onError: (error: unknown) => void;
  readonly clock?: Clock;
  readonly retry?: Partial<RetryPolicy>;
  readonly pollIntervalMs?: number;
  readonly stopTimeoutMs?: number;
  readonly completedRetentionMs?: number;
}

export function inProcessQueue(options: InProcessQueueOptions): JobQueue {
  return new InProcessQueue(options);
}

/** One registered handler and its concurrency accounting. */
interface Slot {
  readonly name: JobName;
  readonly run: (job: StoredJob, completeWithin: (tx: QueueTransaction) => Promise<void>) => Promise<void>;
  readonly concurrency: number;
  running: number;
}

type Lifecycle = 'new' | 'starting' | 'started' | 'stopping' | 'stopped';

class InProcessQueue implements JobQueue {
  readonly #store: JobStore;
  readonly #onError: (error: unknown) => void;
  readonly #clock: Clock;
  readonly #policy: RetryPolicy;
  readonly #pollIntervalMs: number;
  readonly #stopTimeoutMs: number;
  readonly #completedRetentionMs: number;

  #lifecycle: Lifecycle = 'new';
  readonly #slots = new Map<JobName, Slot>();
  readonly #inFlight = new Set<Promise<void>>();
  /** Set when this instance "dies" (ungraceful stop, or a graceful one that timed out): late results are not written. */
  #abandoned = false;
  /** The dispatch pass in progress, if any; a wake-up during it asks for one more pass. */
  #pass: Promise<void> | undefined;
  #passAgain = false;
  #timer: NodeJS.Timeout | undefined;
  #lastPruneAt = Number.NEGATIVE_INFINITY;

  constructor(options: InProcessQueueOptions) {
    this.#store = options.store;
    this.#onError = options.onError;
    this.#clock = options.clock ?? systemClock;
    this.#policy = retryPolicy(options.retry);
    this.#pollIntervalMs = positive('pollIntervalMs', options.pollIntervalMs ?? POLL_INTERVAL_MS);
    this.#stopTimeoutMs = positive('stopTimeoutMs', options.stopTimeoutMs ?? STOP_TIMEOUT_MS);
    this.#completedRetentionMs = positive('completedRetentionMs', options.completedRetentionMs ?? COMPLETED_RETENTION_MS);
  }

  async start(): Promise<void> {
    if (this.#lifecycle !== 'new') throw new Error('in-process queue: start() runs once; build a new queue to restart');
    this.#lifecycle = 'starting';
    // Only one process uses the store (embedded mode), so whatever is active was abandoned by a crashed predecessor.
    await this.#store.recoverActive(this.#policy.maxAttempts, INTERRUPTED_ERROR, this.#clock.now());
    if (this.#current() !== 'starting') return; // stopped while starting
    this.#lifecycle = 'started';
    await this.#wake();
  }

  async stop(options: StopOptions = { graceful: true }): Promise<void> {
    if (this.#lifecycle !== 'started') {
      if (this.#lifecycle === 'new' || this.#lifecycle === 'starting') this.#lifecycle = 'stopped';
      return;
    }
    this.#lifecycle = 'stopping';
    clearTimeout(this.#timer);
    if (options.graceful) await this.#drain();
    else this.#abandoned = true;
    this.#lifecycle = 'stopped';
  }

  async send<N extends JobName>(name: N, payload: JobPayloads[N], options?: SendOptions): Promise<string> {
    this.#requireOpen('send');
    const now = this.#clock.now();
    const id = await this.#store.insert(this.#newJob(name, payload, options, now), now);
    void this.#wake();
    return id;
  }

  async sendWithin<N extends JobName>(tx: QueueTransaction, name: N, payload: JobPayloads[N], options?: SendOptions): Promise<string> {
    this.#requireOpen('sendWithin');
    const now = this.#clock.now();
    const id = await this.#store.insertWithin(tx, this.#newJob(name, payload, options, now), now);
    tx.afterCommit(() => { void this.#wake(); });
    return id;
  }

  /** The job a send stores, its name, payload and options checked (a JavaScript caller or a cast can pass anything). */
  #newJob<N extends JobName>(name: N, payload: JobPayloads[N], options: SendOptions | undefined, now: number): NewStoredJob {
    checkJobName(name);
    checkSendOptions(options);
    return {
      id: randomUUID(), name, payload: parsePayload(name, payload), singletonKey: options?.singletonKey ?? null,
      runAfter: now + (options?.startAfterMs ?? 0),
    };
  }

  async work<N extends JobName>(name: N, handler: JobHandler<N>, options?: WorkOptions): Promise<void> {
    this.#requireOpen('work');
    checkJobName(name);
    if (this.#slots.has(name)) throw new Error(`in-process queue: a handler for "${name}" is already registered`);
    const run = (job: StoredJob, completeWithin: (tx: QueueTransaction) => Promise<void>): Promise<void> =>
      handler({ id: job.id, name, payload: parsePayload(name, job.payload), attempt: job.attempts, completeWithin });
    this.#slots.set(name, { name, run, concurrency: concurrencyOf(options), running: 0 });
    await this.#wake();
  }

  async deadLetters(name?: JobName, limit?: number): Promise<DeadJob[]> {
    this.#requireOpen('deadLetters');
    if (name !== undefined) checkJobName(name);
    const failed = await this.#store.listFailed(name === undefined ? JOB_NAMES : [name], deadLetterLimitOf(limit));
    return failed.map(deadJobOf);
  }

  async retryDeadLetter(id: string): Promise<boolean> {
    this.#requireOpen('retryDeadLetter');
    const requeued = await this.#store.requeueFailed(id, this.#clock.now());
    if (requeued) void this.#wake();
    return requeued;
  }

  async stats(): Promise<QueueStats> {
    this.#requireOpen('stats');
    const counts = await this.#store.countByState();
    return { queued: counts.created + counts.retry, active: counts.active, failed: counts.failed, completed: counts.completed };
  }

  // --- dispatch -------------------------------------------------------------------------------------------------

  /** Starts a dispatch pass, or asks the running one for another. Never rejects (failures go to onError). */
  #wake(): Promise<void> {
    if (this.#lifecycle !== 'started') return Promise.resolve();
    if (this.#pass !== undefined) {
      this.#passAgain = true;
      return this.#pass;
    }
    const pass = this.#dispatch().finally(() => {
      this.#pass = undefined;
      if (this.#passAgain) void this.#wake();
    });
    this.#pass = pass;
    return pass;
  }

  async #dispatch(): Promise<void> {
    try {
      do {
        this.#passAgain = false;
        await this.#pruneCompleted();
        for (const slot of this.#slots.values()) await this.#fill(slot);
      } while (this.#wantsAnotherPass());
      await this.#armTimer();
    } catch (error) {
      this.#onError(error);
      this.#armTimerIn(this.#pollIntervalMs); // the store failed: try again later
    }
  }

  /** Claims as many due jobs as `slot` has free places and starts them. */
  async #fill(slot: Slot): Promise<void> {
    const free = slot.concurrency - slot.running;
    if (free <= 0 || this.#lifecycle !== 'started') return;
    const jobs = await this.#store.claim(slot.name, free, this.#clock.now());
    // Claimed jobs start even if a stop began meanwhile: a graceful stop drains them, an ungraceful one abandons them
    // active in the store, to be recovered on the next start.
    for (const job of jobs) this.#launch(slot, job);
  }

  #launch(slot: Slot, job: StoredJob): void {
    slot.running += 1;
    const done: Promise<void> = this.#execute(slot, job).finally(() => {
      slot.running -= 1;
      this.#inFlight.delete(done);
      void this.#wake();
    });
    this.#inFlight.add(done);
  }

  /** Runs the handler and records the outcome. Never rejects. */
  async #execute(slot: Slot, job: StoredJob): Promise<void> {
    let failure: string | undefined;
    /** Set once the handler's own transaction, with the job's completion in it, has committed. */
    const acknowledged = { within: false };
    const completeWithin = async (tx: QueueTransaction): Promise<void> => {
      await this.#store.completeWithin(tx, job.id, this.#clock.now());
      tx.afterCommit(() => { acknowledged.within = true; });
    };
    try {
      await slot.run(job, completeWithin);
    } catch (error) {
      failure = errorText(error);
    }
    if (acknowledged.within) return; // acknowledged in the handler's transaction: its work is done whatever came after
    if (this.#abandoned) return; // this instance has "died": the job stays active for recoverActive
    const now = this.#clock.now();
    try {
      if (failure === undefined) await this.#store.complete(job.id, now);
      else await this.#store.fail(job.id, failure, this.#retryAt(job.attempts, now), now);
    } catch (error) {
      // Unrecorded outcome: the job stays active and the next start delivers it again (at-least-once).
      this.#onError(error);
    }
  }

  #retryAt(attempts: number, now: number): number | null {
    return attempts >= this.#policy.maxAttempts ? null : now + backoffDelayMs(this.#policy, attempts);
  }

  /** Sleeps until the next job of a name with free slots falls due. Full slots need no timer: a finish wakes us. */
  async #armTimer(): Promise<void> {
    const open = [...this.#slots.values()].filter((slot) => slot.running < slot.concurrency).map((slot) => slot.name);
    if (open.length === 0) return;
    const next = await this.#store.nextRunAt(open);
    const wait = next === null ? this.#pollIntervalMs : Math.max(0, Math.min(this.#pollIntervalMs, next - this.#clock.now()));
    this.#armTimerIn(wait);
  }

  #armTimerIn(ms: number): void {
    clearTimeout(this.#timer);
    if (this.#lifecycle !== 'started') return;
    this.#timer = setTimeout(() => void this.#wake(), ms);
  }

  async #pruneCompleted(): Promise<void> {
    const now = this.#clock.now();
    if (now - this.#lastPruneAt < PRUNE_INTERVAL_MS) return;
    this.#lastPruneAt = now;
    await this.#store.deleteCompleted(now - this.#completedRetentionMs);
  }

  /** Graceful stop: let the pass in progress start what it claimed, then wait for every running handler. */
  async #drain(): Promise<void> {
    await this.#pass;
    const running = [...this.#inFlight];
    if (await settlesWithin(running, this.#stopTimeoutMs)) return;
    this.#abandoned = true;
    this.#onError(new Error(
      `in-process queue: graceful stop gave up after ${this.#stopTimeoutMs} ms; ${this.#inFlight.size} running ` +
      'job(s) stay active and are delivered again on the next start',
    ));
  }

  // Read through methods: TypeScript keeps a field's narrowing across an `await`, but other code may change it there.
  #current(): Lifecycle {
    return this.#lifecycle;
  }

  #wantsAnotherPass(): boolean {
    return this.#passAgain && this.#lifecycle === 'started';
  }

  #requireOpen(operation: string): void {
    // While stopping, handlers that are finishing may still enqueue follow-up jobs.
    if (this.#lifecycle !== 'started' && this.#lifecycle !== 'stopping') {
      throw new Error(`in-process queue: ${operation}() needs a started queue (it is ${this.#lifecycle})`);
    }
  }
}

function deadJobOf(job: StoredJob): DeadJob {
  return {
    id: job.id, name: job.name, payload: job.payload, attempts: job.attempts,
    lastError: job.lastError ?? 'unknown error', failedAt: new Date(job.updatedAt).toISOString(),
  };
}

/** True when every promise settled within `ms`. */
async function settlesWithin(promises: readonly Promise<unknown>[], ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => { resolve(false); }, ms); });
  try {
    return await Promise.race([Promise.allSettled(promises).then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function positive(field: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`queue option "${field}" must be a positive number`);
  return value;
}
