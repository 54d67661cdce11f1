/**
 * The e-mail analyser in a sandbox (SECURITY.md PA-8): messages are parsed and judged in worker threads with a
 * capped heap and a wall-clock kill, so a message that exhausts memory or never finishes (mailparser has stalled for
 * ever on one message shape) costs that message's analysis, never the process that asked: the server keeps answering
 * and the queue goes on. The answer for such a message is an error analysis with its SHA-256 and size
 * (HW_ERR_MAIL_SANDBOX); the thread is replaced for the next message.
 *
 * Offline mode only: a DNS resolver is a function and cannot cross to a thread (online re-verification runs
 * in-process, createMailAnalyser). Each thread analyses one message at a time; messages wait for a free thread.
 */
import type { Worker } from 'node:worker_threads';
import { siblingModule, startThread } from '../threads.js';
import { errorAnalysis, MAIL_ANALYSER_VERSION, type MailAnalyser, type MailAnalyserOptions } from './analyse.js';
import { sha256Hex } from './parse.js';
import type { EmailAnalysis } from './types.js';

/** Old-generation heap of one analysis thread (PA-8 default). Its own analyser and catalog take about 60 MB. */
export const SANDBOX_HEAP_MB = 256;
/** Wall-clock time one message may take in a thread before the thread is stopped (PA-8 default). */
export const SANDBOX_KILL_MS = 10_000;
/**
 * Time a thread may take to start (build its analyser) before it is stopped. Start-up runs no message, so the kill
 * clock does not count it; but a start-up that never ends would hold its message unanswered for ever. Generous: a
 * thread starts in about a second.
 */
export const SANDBOX_START_MS = 60_000;
/** Analysis threads when the caller names no number. */
export const SANDBOX_THREADS = 2;

export interface SandboxOptions {
  readonly catalog: MailAnalyserOptions['catalog'];
  readonly trustedAuthservIds?: MailAnalyserOptions['trustedAuthservIds'];
  readonly antiPhishingCodes?: MailAnalyserOptions['antiPhishingCodes'];
  readonly threads?: number;
  readonly heapMb?: number;
  readonly killMs?: number;
  readonly startMs?: number;
}

export interface SandboxedAnalyser extends MailAnalyser {
  /** Takes no more messages; resolves once every message already given is answered and the threads have ended. */
  close(): Promise<void>;
}

/** What a thread is built from (structured-clone data only). */
export interface SandboxWorkerData {
  readonly options: Pick<MailAnalyserOptions, 'catalog' | 'trustedAuthservIds' | 'antiPhishingCodes'>;
}

export interface SandboxRequest {
  readonly id: number;
  readonly raw: Uint8Array;
}

/** A thread's messages: `ready` once its analyser is built, then one analysis per request. */
export type SandboxResponse = { readonly ready: true } | { readonly id: number; readonly analysis: EmailAnalysis };

interface Job {
  readonly id: number;
  readonly raw: Uint8Array;
  readonly resolve: (analysis: EmailAnalysis) => void;
}

interface Slot {
  worker: Worker;
  /** The thread has built its analyser: the kill timer measures the analysis, not the thread's start-up. */
  ready: boolean;
  job: Job | null;
  /** Until `ready`, the start-up limit; then, while a message is in hand, its wall-clock kill. */
  timer: NodeJS.Timeout | undefined;
  /** Why the thread is being stopped, once it is: the answer for the message in hand. */
  stopping: string;
}

const WORKER_URL = siblingModule(import.meta.url, 'sandbox-worker');

function newWorker(data: SandboxWorkerData, heapMb: number): Worker {
  return startThread(WORKER_URL, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
}

function sandboxError(raw: Uint8Array, reason: string): EmailAnalysis {
  return errorAnalysis('offline', sha256Hex(raw), raw.length, 'HW_ERR_MAIL_SANDBOX', { reason });
}

export function createSandboxedAnalyser(options: SandboxOptions): SandboxedAnalyser {
  const heapMb = options.heapMb ?? SANDBOX_HEAP_MB;
  const killMs = options.killMs ?? SANDBOX_KILL_MS;
  const startMs = options.startMs ?? SANDBOX_START_MS;
  const threads = Math.max(1, options.threads ?? SANDBOX_THREADS);
  const data: SandboxWorkerData = {
    options: {
      catalog: options.catalog,
      ...(options.trustedAuthservIds === undefined ? {} : { trustedAuthservIds: options.trustedAuthservIds }),
      ...(options.antiPhishingCodes === undefined ? {} : { antiPhishingCodes: options.antiPhishingCodes }),
    },
  };
  const slots: (Slot | null)[] = Array.from({ length: threads }, () => null);
  const waiting: Job[] = [];
  let nextId = 1;
  let closing = false;
  let closed: (() => void) | undefined;
  /** close()'s answer, the same for every call: a second call must not take the place of the first one's. */
  let whenClosed: Promise<void> | undefined;

  function start(index: number): Slot {
    const worker = newWorker(data, heapMb);
    // A thread never keeps the process alive on its own: the caller's work does.
    worker.unref();
    const slot: Slot = { worker, ready: false, job: null, timer: undefined, stopping: '' };
    slot.timer = setTimeout(() => {
      slot.stopping = `did not start within ${startMs} ms`;
      void worker.terminate();
    }, startMs);
    // The thread, while it holds a message, keeps the process alive; this timer need not.
    slot.timer.unref();
    worker.on('message', (response: SandboxResponse) => {
      if ('ready' in response) {
        clearTimeout(slot.timer);
        slot.ready = true;
        if (slot.job !== null) arm(slot);
      } else if (slot.job !== null && response.id === slot.job.id) {
        finish(slot, response.analysis);
      }
    });
    worker.on('error', (error: Error) => {
      // ERR_WORKER_OUT_OF_MEMORY when the heap cap is reached; anything else the thread threw.
      const code = (error as { code?: unknown }).code;
      if (slot.stopping === '') slot.stopping = code === 'ERR_WORKER_OUT_OF_MEMORY' ? `ran out of its ${heapMb} MB heap` : `failed (${error.message.slice(0, 200)})`;
    });
    worker.on('exit', (exitCode) => {
      clearTimeout(slot.timer);
      if (slots[index] === slot) slots[index] = null;
      const job = slot.job;
      slot.job = null;
      if (job !== null) job.resolve(sandboxError(job.raw, slot.stopping !== '' ? slot.stopping : `stopped unexpectedly (exit code ${exitCode})`));
      pump();
    });
    slots[index] = slot;
    return slot;
  }

  /** Starts the wall-clock kill of the message in hand. */
  function arm(slot: Slot): void {
    slot.timer = setTimeout(() => {
      slot.stopping = `took longer than ${killMs} ms and was stopped`;
      void slot.worker.terminate();
    }, killMs);
  }

  function finish(slot: Slot, analysis: EmailAnalysis): void {
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    // Idle, the thread no longer keeps the process alive; pump() refs it again with the next message. A thread being
    // stopped stays referenced until its 'exit': that is what frees its slot for the messages still waiting.
    if (slot.stopping === '') slot.worker.unref();
    job?.resolve(analysis);
    pump();
  }

  /** Hands waiting messages to idle threads, starting threads as needed; resolves close() when all is done. */
  function pump(): void {
    for (let i = 0; i < slots.length && waiting.length > 0; i++) {
      const current = slots[i];
      // A thread being stopped takes nothing more, even once idle: its answer can still arrive after the kill timer
      // fired (the thread is stopped only at its next safe point, and its queued answers are delivered before 'exit'),
      // and a message posted to it then would be lost and answered with the stopped message's reason. Its 'exit'
      // frees the slot and pumps again.
      if (current !== undefined && current !== null && (current.job !== null || current.stopping !== '')) continue;
      const job = waiting.shift();
      if (job === undefined) break;
      let slot: Slot;
      try {
        slot = current ?? start(i);
      } catch (error) {
        // `new Worker` throws when no thread can be created (ERR_WORKER_INIT_FAILED: EAGAIN at the process's thread
        // limit, or no memory for a thread's stack). pump() runs in 'exit' and 'message' handlers, where a throw would
        // crash the process (PA-8): the message is answered instead, as when a thread dies starting, and the next
        // waiting message tries this slot again.
        const code = (error as { code?: unknown }).code;
        const why = error instanceof Error ? error.message.slice(0, 200) : String(error);
        job.resolve(sandboxError(job.raw, `could not be started (${typeof code === 'string' ? `${code}: ` : ''}${why})`));
        i--;
        continue;
      }
      slot.job = job;
      // While a message is in hand the thread keeps the process alive, so its answer is awaited.
      slot.worker.ref();
      if (slot.ready) arm(slot);
      // The thread gets a copy of just the message's bytes, and that copy is moved, not cloned: a structured clone of
      // a view copies its whole ArrayBuffer (splitMbox's messages are subarrays of a mailbox of up to 1 GB), and a
      // clone copies twice (serialised, then deserialised in the thread). The caller's buffer stays as it was; the
      // job keeps it for an error answer's hash.
      const bytes = new Uint8Array(job.raw);
      const request: SandboxRequest = { id: job.id, raw: bytes };
      slot.worker.postMessage(request, [bytes.buffer]);
    }
    if (closing && closed !== undefined && waiting.length === 0 && slots.every((s) => s === null || s.job === null)) {
      const done = closed;
      closed = undefined;
      // terminate() resolves after the thread's 'exit': close() resolves once no thread is left, as it promises
      // (a caller that closes before shutting down must not find threads still running).
      const ending = slots.flatMap((s) => (s === null ? [] : [s.worker.terminate()]));
      void Promise.all(ending).then(() => { done(); });
    }
  }

  return {
    version: MAIL_ANALYSER_VERSION,
    analyse(raw: Uint8Array): Promise<EmailAnalysis> {
      if (closing) return Promise.resolve(sandboxError(raw, 'was closed'));
      return new Promise((resolve) => {
        waiting.push({ id: nextId++, raw, resolve });
        pump();
      });
    },
    close(): Promise<void> {
      whenClosed ??= new Promise((resolve) => {
        closing = true;
        closed = resolve;
        pump();
      });
      return whenClosed;
    },
  };
}
