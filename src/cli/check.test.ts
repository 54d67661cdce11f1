/**
 * LineWriter: the bytes it hands to stdout are exactly what writing the same lines as one string would give
 * (UTF-8, lone surrogates as U+FFFD), whatever the lines hold and wherever flushes fall.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { LineWriter } from './check.js';

class Sink extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: unknown, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    callback();
  }
}

const line = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', '\u0000', '\u2028', '\ud800', '\udc00', '\ud83d\ude00', 'é', '€'), maxLength: 80 }),
  fc.string({ unit: 'grapheme', minLength: 20_000, maxLength: 30_000 }),
);

test('pushed lines reach the stream as the UTF-8 of the lines joined with newlines', async () => {
  await fc.assert(fc.asyncProperty(fc.array(line, { maxLength: 40 }), fc.boolean(), async (lines, flushWhenDue) => {
    const sink = new Sink();
    const writer = new LineWriter(sink);
    for (const text of lines) if (writer.pushLine(text) && flushWhenDue) await writer.flush();
    await writer.flush();
    assert.deepEqual(Buffer.concat(sink.chunks), Buffer.from(lines.map((text) => `${text}\n`).join(''), 'utf8'));
  }), { numRuns: 200 });
});

test('pushLine() says a flush is due once 64 KiB are buffered', () => {
  const writer = new LineWriter(new Sink());
  const kib = 'x'.repeat(1023);
  for (let i = 1; i < 64; i++) assert.equal(writer.pushLine(kib), false, `after ${i} KiB`);
  assert.equal(writer.pushLine(kib), true);
});
