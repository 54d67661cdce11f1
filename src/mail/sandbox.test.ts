/**
 * The sandboxed analyser (PA-8): the same analyses as in-process, and a message that stalls the parser or a thread
 * that runs out of heap costs that message only, answered as HW_ERR_MAIL_SANDBOX; the next message is analysed.
 */
import { after, describe, test } from 'node:test';
import assert from '../test-assert.js';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import type { Worker } from 'node:worker_threads';
import { createMailAnalyser, type EmailAnalysis } from './index.js';
import { createSandboxedAnalyser, type SandboxedAnalyser } from './sandbox.js';
import { sha256Hex } from './parse.js';
import { CATALOG, eml } from './test-fixtures.js';

const PHISH = eml(['From: "PayPal Service" <service@paypa1-secure.example>', 'To: <anna@example.org>', 'Subject: Your account is limited', 'Content-Type: text/plain'],
  'Verify your account within 24 hours or it will be suspended: http://paypa1-secure.com/login');
const HAM = eml(['From: <ana@example.org>', 'To: <bo@example.org>', 'Subject: lunch?', 'Content-Type: text/plain'], 'Lunch at noon?');
/** mailparser 3.14.2 never settles on this one (see hostile.test.ts). */
const STALL = eml(['From: <a@sender.example>', 'To: <b@example.org>', 'Subject: test', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary=b'],
  '--b\r\nContent-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n--b--\r\n');

const opened: SandboxedAnalyser[] = [];
function sandbox(options: { killMs?: number; heapMb?: number; threads?: number; startMs?: number } = {}): SandboxedAnalyser {
  const analyser = createSandboxedAnalyser({ catalog: CATALOG, ...options });
  opened.push(analyser);
  return analyser;
}
after(async () => {
  await Promise.all(opened.map((a) => a.close()));
});

/** The threads started while `run` runs, each with whether it has ended ('exit'). */
async function threadsDuring(run: () => Promise<void>): Promise<{ started: number; running: number }> {
  const threads: { ended: boolean }[] = [];
  const onWorker = (worker: Worker): void => {
    const thread = { ended: false };
    threads.push(thread);
    worker.once('exit', () => { thread.ended = true; });
  };
  process.on('worker', onWorker);
  try {
    await run();
  } finally {
    process.off('worker', onWorker);
  }
  return { started: threads.length, running: threads.filter((t) => !t.ended).length };
}

/** Runs `run` with `new Worker` in sandbox.ts replaced by what `replace` makes of the real one. */
async function withWorker(replace: (real: typeof Worker) => unknown, run: () => Promise<void>): Promise<void> {
  const threads = createRequire(import.meta.url)('node:worker_threads') as { Worker: typeof Worker };
  const real = threads.Worker;
  threads.Worker = replace(real) as typeof Worker;
  // The ES module binding sandbox.ts imports follows the CommonJS export only once synchronised.
  syncBuiltinESMExports();
  try {
    await run();
  } finally {
    threads.Worker = real;
    syncBuiltinESMExports();
  }
}

/**
 * Runs `run` while no thread can be created: `new Worker` throws ERR_WORKER_INIT_FAILED, as it does when the process
 * is at its thread limit (ulimit -u, a container's pids.max) or out of memory for a thread's stack.
 */
async function withoutThreads(run: () => Promise<void>): Promise<void> {
  await withWorker(() => function NoThread(): never {
    throw Object.assign(new Error('EAGAIN'), { code: 'ERR_WORKER_INIT_FAILED' });
  }, run);
}

/** Runs `run`, and returns the bytes of each message's ArrayBuffer as posted to a thread (what the post copies). */
async function postedBytes(run: () => Promise<void>): Promise<number[]> {
  const posted: number[] = [];
  await withWorker((real) => class extends real {
    override postMessage(value: unknown, transfer?: Parameters<Worker['postMessage']>[1]): void {
      const raw = (value as { raw?: unknown }).raw;
      if (raw instanceof Uint8Array) posted.push(raw.buffer.byteLength);
      super.postMessage(value, transfer);
    }
  }, run);
  return posted;
}

/** `promise`, or a rejection naming `what` once `ms` have passed without it settling. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => { reject(new Error(`${what}: not settled after ${ms} ms`)); }, ms); });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

const judged = (a: EmailAnalysis): unknown => ({ verdict: a.verdict, score: a.score, brand: a.brand, signals: a.signals, links: a.links, message: a.message });

describe('sandboxed e-mail analysis (PA-8)', () => {
  test('gives the in-process analyser\'s analysis, for messages sent at once to a pool of threads', async () => {
    const local = createMailAnalyser({ catalog: CATALOG });
    const pool = sandbox({ threads: 2 });
    const inputs = [PHISH, HAM, PHISH, HAM, PHISH];
    const got = await Promise.all(inputs.map((raw) => pool.analyse(raw)));
    for (let i = 0; i < inputs.length; i++) assert.deepEqual(judged(got[i] as EmailAnalysis), judged(await local.analyse(inputs[i] as Buffer)));
    assert.equal(got[0]?.verdict, 'phishing');
  });

  test('a message that stalls the parser is stopped after the kill time; the next message is analysed', async () => {
    const pool = sandbox({ threads: 1, killMs: 1500 });
    assert.equal((await pool.analyse(HAM)).verdict, 'benign', 'the thread is up before the clock matters');
    const start = performance.now();
    const stalled = await pool.analyse(STALL);
    const ms = performance.now() - start;
    assert.equal(stalled.error?.code, 'HW_ERR_MAIL_SANDBOX');
    assert.match(stalled.error.message, /took longer than 1500 ms/);
    assert.equal(stalled.message.sha256, sha256Hex(STALL));
    assert.ok(ms >= 1400 && ms < 5000, `${ms.toFixed(0)} ms`);
    assert.equal((await pool.analyse(PHISH)).verdict, 'phishing', 'a new thread takes the next message');
  });

  test('a thread that runs out of heap costs its message, not the process', async () => {
    // 4 MB cannot even hold the analyser: the thread dies of it, as it would of a memory bomb.
    const starved = sandbox({ threads: 1, heapMb: 4 });
    const r = await starved.analyse(HAM);
    assert.equal(r.error?.code, 'HW_ERR_MAIL_SANDBOX');
    assert.match(r.error.message, /ran out of its 4 MB heap/);
    assert.equal(r.message.sha256, sha256Hex(HAM));
  });

  test('close() answers every message already given, then refuses new ones', async () => {
    const pool = sandbox({ threads: 1 });
    const first = pool.analyse(HAM);
    const queued = pool.analyse(PHISH);
    await pool.close();
    assert.equal((await first).verdict, 'benign');
    assert.equal((await queued).verdict, 'phishing', 'a message waiting for the thread is analysed too');
    const late = await pool.analyse(HAM);
    assert.equal(late.error?.code, 'HW_ERR_MAIL_SANDBOX');
    assert.match(late.error.message, /was closed/);
  });
});

describe('sandbox pool state (PA-8)', () => {
  test('an answer that arrives after the kill timer fired does not hand the next message to the dying thread', async () => {
    const pool = sandbox({ threads: 1, killMs: 100 });
    assert.equal((await pool.analyse(HAM)).verdict, 'benign', 'the thread is up');
    // From a check-phase callback, block past both the analysis and the kill time: on the next turn of the event
    // loop the kill timer fires first (timers phase) and the thread's answer is delivered after it (poll phase).
    const [first, second] = await new Promise<Promise<EmailAnalysis>[]>((resolve) => setImmediate(() => {
      const pending = [pool.analyse(HAM), pool.analyse(PHISH)];
      const until = performance.now() + 600;
      while (performance.now() < until) { /* the thread answers meanwhile */ }
      resolve(pending);
    }));
    const a = await (first as Promise<EmailAnalysis>);
    assert.equal(a.message.sha256, sha256Hex(HAM));
    const b = await (second as Promise<EmailAnalysis>);
    assert.equal(b.error, undefined, 'the next message was never given a chance');
    assert.equal(b.verdict, 'phishing');
  });

  test('close() resolves once the threads have ended', async () => {
    const threads = await threadsDuring(async () => {
      const pool = sandbox({ threads: 2 });
      await Promise.all([pool.analyse(HAM), pool.analyse(PHISH)]);
      await pool.close();
    });
    assert.ok(threads.started >= 2, `${threads.started} threads`);
    assert.equal(threads.running, 0, 'no thread outlives close()');
  });

  test('close() twice, while a message is in hand: both resolve', async () => {
    const pool = sandbox({ threads: 1 });
    const given = pool.analyse(HAM);
    const first = pool.close();
    const second = pool.close();
    await within(10_000, 'the second close()', second);
    await within(1000, 'the first close()', first);
    assert.equal((await given).verdict, 'benign');
  });

  test('a thread that cannot be created costs its message, not the process', async () => {
    const pool = sandbox({ threads: 1, killMs: 300 });
    assert.equal((await pool.analyse(HAM)).verdict, 'benign', 'the thread is up');
    await withoutThreads(async () => {
      // Replacing the stopped thread fails in its 'exit' handler: an exception there would crash the process.
      const stalled = pool.analyse(STALL);
      const queued = [pool.analyse(HAM), pool.analyse(PHISH)];
      assert.match((await stalled).error?.message ?? '', /took longer than 300 ms/);
      for (const [i, raw] of [HAM, PHISH].entries()) {
        const r = await (queued[i] as Promise<EmailAnalysis>);
        assert.equal(r.error?.code, 'HW_ERR_MAIL_SANDBOX');
        assert.match(r.error.message, /could not be started \(ERR_WORKER_INIT_FAILED: EAGAIN\)/);
        assert.equal(r.message.sha256, sha256Hex(raw));
      }
      // A message given while no thread can be created is answered too, not rejected.
      const direct = await pool.analyse(HAM);
      assert.match(direct.error?.message ?? '', /could not be started/);
    });
    assert.equal((await pool.analyse(PHISH)).verdict, 'phishing', 'threads are started again once they can be');
  });

  test('a message that is a view into a larger buffer (an mbox) posts only its own bytes', async () => {
    const pool = sandbox({ threads: 1 });
    // splitMbox gives subarrays of the whole mailbox: a structured clone copies a view's entire ArrayBuffer.
    const mbox = Buffer.alloc(8 * 1024 * 1024);
    HAM.copy(mbox, 1000);
    const message = mbox.subarray(1000, 1000 + HAM.length);
    const posted = await postedBytes(async () => {
      const r = await pool.analyse(message);
      assert.equal(r.verdict, 'benign');
      assert.equal(r.message.sha256, sha256Hex(HAM));
    });
    assert.deepEqual(posted, [HAM.length]);
    assert.equal(message.byteLength, HAM.length, 'the caller\'s buffer is left as it was');
    assert.equal(mbox.buffer.byteLength, 8 * 1024 * 1024);
  });

  test('a thread that never becomes ready is stopped after the start-up time; the message is answered', async () => {
    const pool = sandbox({ threads: 1, startMs: 300 });
    // A thread whose start-up never ends (its script never posts `ready`): the kill clock has not started.
    await withWorker((real) => class extends real {
      constructor(_script: unknown, options: ConstructorParameters<typeof Worker>[1]) {
        super('setInterval(() => {}, 1 << 30);', { ...options, eval: true });
      }
    }, async () => {
      const r = await within(5000, 'the message given to a thread that never starts', pool.analyse(HAM));
      assert.equal(r.error?.code, 'HW_ERR_MAIL_SANDBOX');
      assert.match(r.error.message, /did not start within 300 ms/);
      assert.equal(r.message.sha256, sha256Hex(HAM));
      const next = await within(5000, 'the next message', pool.analyse(PHISH));
      assert.match(next.error?.message ?? '', /did not start within 300 ms/, 'a new thread was tried for the next message');
    });
  });
});
