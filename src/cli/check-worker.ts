/**
 * The thread side of check-parallel.ts: builds one engine from `workerData`'s catalog and answers each batch of
 * input lines with their output lines, judged and rendered exactly as checkStream() does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '../engine/index.js';
import { judgeLines, LineBuffer, pushResult, tooLong } from './check.js';
import type { CheckBatch, CheckBatchResult, CheckWorkerData } from './check-parallel.js';

const data = workerData as CheckWorkerData;
const engine = createEngine(data.catalog);
const port = parentPort;
if (port === null) throw new Error('check-worker.ts runs only as a worker thread');
const out = new LineBuffer();

port.on('message', (batch: CheckBatch) => {
  if ('overLong' in batch) pushResult(out, tooLong(batch.overLong), data.format);
  else judgeLines(engine, batch.text, data.format, out);
  const bytes = out.take();
  const result: CheckBatchResult = { bytes };
  port.postMessage(result, [bytes.buffer]);
});
