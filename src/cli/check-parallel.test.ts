/**
 * checkStreamParallel(): byte for byte what checkStream() writes for the same input, however the input is chunked
 * and however many threads judge it; the threads are real worker threads.
 */
import { test } from 'node:test';
import assert from '../test-assert.js';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { createEngine, MAX_INPUT_CHARS } from '../engine/index.js';
import { defaultCatalog } from '../catalog/index.js';
import { checkStream, type CheckFormat } from './check.js';
import { checkStreamParallel } from './check-parallel.js';
import { Sink } from './test-io.js';

const catalog = defaultCatalog();
const engine = createEngine(catalog);

/** `bytes` as a stream of chunks cut at `cuts` (byte offsets, any order; UTF-8 sequences may be split). */
function chunked(bytes: Buffer, cuts: readonly number[]): Readable {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const to of [...at, bytes.length]) {
    if (to > from) chunks.push(bytes.subarray(from, to));
    from = to;
  }
  return Readable.from(chunks);
}

async function serial(bytes: Buffer, cuts: readonly number[], format: CheckFormat): Promise<string> {
  const out = new Sink();
  await checkStream(chunked(bytes, cuts), { engine, format, out });
  return out.text();
}

async function parallel(bytes: Buffer, cuts: readonly number[], format: CheckFormat, threads: number): Promise<string> {
  const out = new Sink();
  await checkStreamParallel(chunked(bytes, cuts), { catalog, format, out, threads });
  return out.text();
}

const line = fc.oneof(
  fc.constantFrom('paypal-login.weebly.com', 'https://www.paypal.com/signin', 'xn--pypal-4ve.com', '', '%%%', 'example.org\r', 'javascript:alert(1)'),
  fc.string({ unit: fc.constantFrom('a', 'p', '.', '-', '/', ':', 'é', '€', '\ud83d\ude00', '\r', '\u0000'), maxLength: 30 }),
  // Over-long lines: exactly at the limits checkStream() draws, and far past them.
  fc.constantFrom(MAX_INPUT_CHARS, MAX_INPUT_CHARS + 1, MAX_INPUT_CHARS + 2, 3 * MAX_INPUT_CHARS).chain((n) => fc.constantFrom('a'.repeat(n), `${'a'.repeat(n - 1)}\r`)),
);

test('the same output as checkStream(), whatever the chunks and the thread count', async () => {
  // Each run starts its threads, so the runs are few and each input is long and varied.
  await fc.assert(fc.asyncProperty(
    fc.array(line, { minLength: 1, maxLength: 60 }),
    fc.boolean(),
    fc.array(fc.nat(), { maxLength: 12 }),
    fc.integer({ min: 2, max: 3 }),
    async (lines, endsWithNewline, cuts, threads) => {
      const bytes = Buffer.from(lines.join('\n') + (endsWithNewline ? '\n' : ''), 'utf8');
      assert.equal(await parallel(bytes, cuts, 'jsonl', threads), await serial(bytes, cuts, 'jsonl'));
    },
  ), { numRuns: 12 });
});

test('the table format, and many batches in flight, come out in input order', async () => {
  const hosts = Array.from({ length: 30_000 }, (_, i) => (i % 7 === 0 ? `paypal-${String(i)}.example.com` : `host${String(i)}.example.org`));
  const bytes = Buffer.from(`${hosts.join('\n')}\n`, 'utf8');
  const cuts = Array.from({ length: 40 }, (_, i) => i * 9_973);
  assert.equal(await parallel(bytes, cuts, 'jsonl', 2), await serial(bytes, cuts, 'jsonl'));
  assert.equal(await parallel(bytes, cuts, 'table', 3), await serial(bytes, cuts, 'table'));
});

test('an empty input writes nothing (jsonl) or only the header (table)', async () => {
  assert.equal(await parallel(Buffer.alloc(0), [], 'jsonl', 2), '');
  assert.equal(await parallel(Buffer.alloc(0), [], 'table', 2), await serial(Buffer.alloc(0), [], 'table'));
});

test('a thread that cannot start fails the run with its error instead of leaving it waiting', async () => {
  const broken = { brands: null } as unknown as typeof catalog;
  // Input that arrives only after the threads have had time to fail: batches are then posted to stopped threads.
  async function* late(): AsyncGenerator<Buffer> {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    yield Buffer.from('paypal.com\nexample.org\n'.repeat(5_000), 'utf8');
  }
  await assert.rejects(checkStreamParallel(Readable.from(late()), { catalog: broken, format: 'jsonl', out: new Sink(), threads: 2 }));
});
