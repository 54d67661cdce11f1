/**
 * The thread side of sandbox.ts: builds one offline e-mail analyser from `workerData` and analyses the messages the
 * parent posts, one at a time, answering each with its analysis. Nothing else runs here: when this thread runs out
 * of heap or is stopped, only the message in hand is lost, and the parent says so.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createMailAnalyser } from './analyse.js';
import type { SandboxRequest, SandboxResponse, SandboxWorkerData } from './sandbox.js';

const data = workerData as SandboxWorkerData;
const analyser = createMailAnalyser(data.options);
const port = parentPort;
if (port === null) throw new Error('sandbox-worker.ts runs only as a worker thread');

port.on('message', (request: SandboxRequest) => {
  void analyser.analyse(request.raw).then((analysis) => {
    const response: SandboxResponse = { id: request.id, analysis };
    port.postMessage(response);
  });
});
const ready: SandboxResponse = { ready: true };
port.postMessage(ready);
