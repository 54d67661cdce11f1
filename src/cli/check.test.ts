/**
 * LineWriter: the bytes it hands to stdout are exactly what writing the same lines as one string would give
 * (UTF-8, lone surrogates as U+FFFD), whatever the lines hold and wherever flushes fall.
 */
import { test } from 'node:test';
import assert from '../test-assert.js';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { LineWriter, fastJsonLine } from './check.js';
import { createEngine } from '../engine/index.js';
import { defaultCatalog } from '../catalog/index.js';

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

test('fastJsonLine() writes exactly what JSON.stringify writes, whenever it applies', () => {
  const engine = createEngine(defaultCatalog());
  const fixed = ['example.com', 'www.example.co.uk', 'EXAMPLE.COM', 'a.b.c.example.net', 'paypal.com', 'paypa1.com', 'qmfvimzgmh.cn',
    'xn--80ak6aa92e.com', 'bücher.de', '"quoted".com', 'back\\slash.com', 'tab\there.com', '1.2.3.4', '[::1]', 'http://example.com/a"b',
    'user@example.org', 'x', '', 'a..b', 'del\u007f.com', 'caf\u00e9.fr', 'ex\u2028ample.com', 'lone\ud800.com'];
  let applied = 0;
  const judge = (input: string): void => {
    const result = engine.check(input);
    const fast = fastJsonLine(result);
    if (fast !== undefined) {
      applied++;
      assert.equal(fast, JSON.stringify(result), input);
    }
  };
  for (const input of fixed) judge(input);
  fc.assert(fc.property(fc.array(fc.stringMatching(/^[a-zA-Z0-9_"\\-]{1,10}$/), { minLength: 1, maxLength: 4 }), fc.constantFrom('com', 'co.uk', 'top', 'github.io', 'jp'), (labels, suffix) => {
    judge(`${labels.join('.')}.${suffix}`);
  }), { numRuns: 5_000 });
  fc.assert(fc.property(fc.array(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'net', 'de', 'co.jp'), (labels, suffix) => {
    judge(`${labels.join('.')}.${suffix}`);
  }), { numRuns: 5_000 });
  fc.assert(fc.property(fc.string({ maxLength: 30 }), (input) => { judge(input); }), { numRuns: 2_000 });
  assert.ok(applied > 1_000, `the fast path applied to ${applied} inputs only`);
});

test('a custom catalog whose ids need escaping still gets JSON.stringify output', () => {
  const engine = createEngine({ brands: [{ id: 'a"b', name: 'Q', domains: ['quoted-brand.com'], keywords: ['quotedbrand'] }] });
  const result = engine.check('www.quoted-brand.com');
  const fast = fastJsonLine(result);
  assert.ok(fast === undefined || fast === JSON.stringify(result));
});
