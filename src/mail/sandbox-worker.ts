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
/**
 * Analysed before `ready`: the first analysis in a thread builds what is built on first use (the engine's shared
 * knowledge, the parser's and scanner's code paths), tens of milliseconds on a loaded machine. Under the start-up
 * limit, so that a message's kill timer measures the message.
 */
const WARM_UP = Buffer.from('From: "Warm-up" <warm-up@example.com>\r\nSubject: warm-up\r\nContent-Type: text/html\r\n\r\n<p>Please verify: <a href="https://example.com/">example.com</a></p>');
void analyser.analyse(WARM_UP).then(() => {
  const ready: SandboxResponse = { ready: true };
  port.postMessage(ready);
});
