/**
 * `hookwatch check --threads N`: checkStream()'s output, byte for byte and in input order, from N worker threads.
 *
 * Design note: the main thread does not split lines one by one (slicing a string per line and cloning arrays of
 * them to the threads cost as much as the threads saved). splitBlocks(), checkStream's own splitter, hands over
 * each chunk's complete lines as one string, which is posted whole; a thread splits it into lines, judges and
 * renders them (judgeLines(), as checkStream does) into one transferred byte array. Results are written in order as
 * they arrive, so output still streams (`tail -f log | hookwatch check --threads 4`). At most IN_FLIGHT_PER_THREAD
 * batches per thread are posted and not yet written, so memory stays constant however long the input. Measured:
 * see docs/engine.md.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import type { Catalog } from '../engine/index.js';
import { siblingModule, startThread } from '../threads.js';
import { LineWriter, splitBlocks, TABLE_HEADER, type CheckFormat } from './check.js';

/** Most threads `--threads` accepts. */
export const MAX_CHECK_THREADS = 64;
/** Batches per thread posted and not yet written: one being judged, one waiting in its queue. */
const IN_FLIGHT_PER_THREAD = 2;

export interface CheckWorkerData {
  readonly catalog: Catalog;
  readonly format: CheckFormat;
}

/**
 * What a thread judges: `text`, complete lines each ending in '\n'; or `overLong`, the first MAX_INPUT_CHARS
 * characters of one line that was longer.
 */
export type CheckBatch = { readonly text: string } | { readonly overLong: string };

/** A thread's answer to one batch, in the order batches were posted to it: the batch's output lines as UTF-8. */
export interface CheckBatchResult {
  readonly bytes: Uint8Array;
}

export interface ParallelCheckRun {
  readonly catalog: Catalog;
  readonly format: CheckFormat;
  readonly out: Writable;
  readonly threads: number;
}

const WORKER_URL = siblingModule(import.meta.url, 'check-worker');

/** One thread and the answers it owes, oldest first (a thread answers its batches in the order it got them). */
interface Lane {
  readonly worker: Worker;
  readonly owed: { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }[];
  /** Why the thread stopped, once it has: a batch posted to it then would never be answered. */
  stopped: Error | null;
}

function startLane(data: CheckWorkerData): Lane {
  const lane: Lane = { worker: startThread(WORKER_URL, { workerData: data }), owed: [], stopped: null };
  const stop = (error: Error): void => {
    lane.stopped ??= error;
    for (const waiter of lane.owed.splice(0)) waiter.reject(lane.stopped);
  };
  lane.worker.on('message', (result: CheckBatchResult) => {
    lane.owed.shift()?.resolve(result.bytes);
  });
  lane.worker.on('error', stop);
  lane.worker.on('exit', (code) => {
    stop(new Error(`a check thread stopped (exit code ${String(code)})`));
  });
  return lane;
}

function post(lane: Lane, batch: CheckBatch): Promise<Uint8Array> {
  if (lane.stopped !== null) return Promise.reject(lane.stopped);
  return new Promise<Uint8Array>((resolve, reject) => {
    lane.owed.push({ resolve, reject });
    lane.worker.postMessage(batch);
  });
}

/** Judges each line of `input` on `run.threads` threads. Resolves when the stream has ended and all output is written. */
export async function checkStreamParallel(input: Readable, run: ParallelCheckRun): Promise<void> {
  const data: CheckWorkerData = { catalog: run.catalog, format: run.format };
  const lanes = Array.from({ length: run.threads }, () => startLane(data));
  const maxInFlight = IN_FLIGHT_PER_THREAD * run.threads;
  /** Completion of each posted batch's write, oldest first. */
  const writes: Promise<void>[] = [];
  let written = Promise.resolve();

  const dispatch = async (batch: CheckBatch): Promise<void> => {
    // The thread with the fewest batches in hand: one slowed by harder lines, or by the machine, gets fewer.
    let lane = lanes[0];
    for (const other of lanes) if (lane === undefined || other.owed.length < lane.owed.length) lane = other;
    if (lane === undefined) throw new Error('check: no thread');
    const answer = post(lane, batch);
    // Awaited below, in order; after an earlier failure it never is, and its own failure is not news.
    answer.catch(() => undefined);
    // Written in posting order, each as soon as it and every earlier batch are answered.
    written = written.then(async () => {
      if (!run.out.write(await answer)) await once(run.out, 'drain');
    });
    writes.push(written);
    if (writes.length >= maxInFlight) await writes.shift();
  };

  try {
    if (run.format === 'table') {
      const header = new LineWriter(run.out);
      header.pushLine(TABLE_HEADER);
      await header.flush();
    }
    await splitBlocks(input, {
      lines: (text) => dispatch({ text }),
      overLong: (prefix) => dispatch({ overLong: prefix }),
      // Answers are written as they come: nothing to wait for at the end of a chunk.
      chunkEnd: () => Promise.resolve(),
    });
    await written;
  } finally {
    // A failed write leaves answers unawaited: their rejections are expected once the threads stop.
    written.catch(() => undefined);
    for (const w of writes) w.catch(() => undefined);
    await Promise.all(lanes.map(async (lane) => {
      lane.worker.removeAllListeners('exit');
      lane.worker.on('error', () => undefined);
      await lane.worker.terminate();
    }));
  }
}
