/**
 * `hookwatch check`: judges URLs, hosts and e-mail domains, one JSON line per input line, in order, streaming.
 *
 * Memory stays constant: stdin is decoded chunk by chunk (splitBlocks), the lines each chunk completes are judged
 * together and their output encoded as UTF-8 into a byte buffer written once per chunk (waiting for 'drain' when
 * stdout pushes back), so the buffer holds one chunk's output at most. A line longer than MAX_INPUT_CHARS is not
 * kept whole: its first MAX_INPUT_CHARS characters are echoed in its error line.
 *
 * Design note (measured on Node 20.20, 1M hosts): nothing is awaited per line, and output goes straight into a
 * Buffer (no string concatenation, no re-encoding of a 64 KiB string per write). JSON lines
 * are JSON.stringify's own, except for the commonest shape, a result without signals whose strings are plain
 * ASCII (71 % of the bench's hosts): fastJsonLine() writes those bytes from fixed fragments, measured 1.8× faster
 * than JSON.stringify plus a UTF-8 write for that shape (0.45 vs 0.80 µs a line). A general hand-written serializer
 * measured slower than V8's, so results with signals or errors keep JSON.stringify.
 */
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import { MAX_INPUT_CHARS, type CheckResult, type Engine } from '../engine/index.js';
import { errorMessage } from '../errors.js';

/** Output of inputs given as arguments, and of over-long lines, is written in chunks of about this many bytes. */
const OUTPUT_FLUSH_BYTES = 1 << 16;
/** A fresh output buffer's size: a flush's worth plus room for the line that crosses it. */
const OUTPUT_BUFFER_BYTES = 2 * OUTPUT_FLUSH_BYTES;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units). */
const MAX_UTF8_BYTES_PER_UNIT = 3;
const NEWLINE = 10; /* '\n' */

export type CheckFormat = 'jsonl' | 'table';

export interface CheckRun {
  readonly engine: Engine;
  readonly format: CheckFormat;
  readonly out: Writable;
}

/** Output lines as UTF-8 bytes, in one growing buffer. */
export class LineBuffer {
  protected buffer = Buffer.allocUnsafe(OUTPUT_BUFFER_BYTES);
  protected length = 0;

  /** pushLine() for a line known to be ASCII: one byte per char, copied without UTF-8 encoding. */
  pushAsciiLine(line: string): boolean {
    const room = line.length + 1;
    if (this.length + room > this.buffer.length) this.grow(room);
    this.length += this.buffer.write(line, this.length, 'latin1');
    this.buffer[this.length++] = NEWLINE;
    return this.length >= OUTPUT_FLUSH_BYTES;
  }

  /** Appends `line` and a newline; true when the buffer holds OUTPUT_FLUSH_BYTES or more (time to write it out). */
  pushLine(line: string): boolean {
    const room = MAX_UTF8_BYTES_PER_UNIT * line.length + 1;
    if (this.length + room > this.buffer.length) this.grow(room);
    // Same UTF-8 encoder as out.write(string): lone surrogates become U+FFFD either way.
    this.length += this.buffer.write(line, this.length);
    this.buffer[this.length++] = NEWLINE;
    return this.length >= OUTPUT_FLUSH_BYTES;
  }

  /** The bytes buffered so far, copied out (a buffer of their own, so it can be transferred); the buffer empties. */
  take(): Uint8Array<ArrayBuffer> {
    const bytes = new Uint8Array(this.length);
    bytes.set(this.buffer.subarray(0, this.length));
    this.length = 0;
    return bytes;
  }

  /** Doubles (at least): a block of lines pushed without a flush in between must not copy the buffer per line. */
  private grow(room: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(OUTPUT_BUFFER_BYTES, 2 * this.buffer.length, this.length + room));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }
}

/**
 * A LineBuffer written to a stream. The line loop awaits flush() only when a push says it is due. A buffer handed
 * to `out` is never written again (flush() starts a new one), so the stream may keep it queued for as long as it
 * needs.
 */
export class LineWriter extends LineBuffer {
  constructor(private readonly out: Writable) {
    super();
  }

  async flush(): Promise<void> {
    if (this.length === 0) return;
    const chunk = this.buffer.subarray(0, this.length);
    // The same size again: a block of lines that outgrew the first buffer would otherwise regrow it every time.
    this.buffer = Buffer.allocUnsafe(this.buffer.length);
    this.length = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}

/** The table's first line (lines are pushed without their newline). */
export const TABLE_HEADER = `${'VERDICT'.padEnd(11)} ${'SCORE'.padStart(5)}  ${'BRAND'.padEnd(14)} ${'INPUT'.padEnd(40)} WHY`;

function tableRow(r: CheckResult): string {
  const why = r.error !== undefined ? `${r.error.code}: ${r.error.message}` : r.signals.filter((s) => s.weight !== 0 || r.verdict !== 'benign').map((s) => s.detail).join('; ');
  const input = r.input.length > 40 ? `${r.input.slice(0, 39)}…` : r.input;
  return `${r.verdict.padEnd(11)} ${String(r.score).padStart(5)}  ${(r.brand ?? '-').padEnd(14)} ${input.padEnd(40)} ${why}`;
}

/** One output line, without its newline. */
function render(result: CheckResult, format: CheckFormat): string {
  return format === 'table' ? tableRow(result) : JSON.stringify(result);
}

/** Printable ASCII other than `"` and `\`: JSON.stringify writes such a string as it is, between quotes. */
function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 /* '"' */ || c === 0x5c /* '\\' */) return false;
  }
  return true;
}

/**
 * JSON.stringify(result), byte for byte, for a result without signals or error whose strings are plain ASCII (a
 * host judged benign with nothing found: the commonest line); undefined for any other result. The key order is
 * the one CheckResult documents and the engine builds (input, host, domain, verdict, score, brand, signals);
 * check.test.ts compares this with JSON.stringify on the engine's own results.
 */
export function fastJsonLine(r: CheckResult): string | undefined {
  const { host, domain, brand } = r;
  if (r.signals.length !== 0 || r.error !== undefined || host === undefined || domain === undefined) return undefined;
  if (!isPlainAscii(r.input) || !isPlainAscii(host) || !isPlainAscii(domain) || (brand !== null && !isPlainAscii(brand))) return undefined;
  // The score is an integer 0-100 (String() and JSON.stringify agree on it), the verdict one of five words.
  return `{"input":"${r.input}","host":"${host}","domain":"${domain}","verdict":"${r.verdict}","score":${String(r.score)},"brand":${brand === null ? 'null' : `"${brand}"`},"signals":[]}`;
}

/** Buffers one result's line (fastJsonLine() when it applies); true when a flush is due. */
export function pushResult(writer: LineBuffer, result: CheckResult, format: CheckFormat): boolean {
  if (format === 'jsonl') {
    const fast = fastJsonLine(result);
    if (fast !== undefined) return writer.pushAsciiLine(fast);
  }
  return writer.pushLine(render(result, format));
}

/** The error result of a line longer than MAX_INPUT_CHARS, echoing its first MAX_INPUT_CHARS characters. */
export function tooLong(prefix: string): CheckResult {
  return {
    input: `${prefix}…`,
    verdict: 'error',
    score: 0,
    brand: null,
    signals: [],
    error: { code: 'HW_ERR_INPUT_TOO_LONG', message: errorMessage('HW_ERR_INPUT_TOO_LONG', { limit: MAX_INPUT_CHARS }) },
  };
}

/** The result of one input line (a trailing '\r' is not part of the input). */
export function judgeLine(engine: Engine, line: string): CheckResult {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  return text.length > MAX_INPUT_CHARS ? tooLong(text.slice(0, MAX_INPUT_CHARS)) : engine.check(text);
}

/** Judges each line of `text` (complete lines, each ending in '\n') and buffers its output line; returns how many. */
export function judgeLines(engine: Engine, text: string, format: CheckFormat, out: LineBuffer): number {
  let count = 0;
  for (let from = 0, nl = text.indexOf('\n'); nl >= 0; from = nl + 1, nl = text.indexOf('\n', from)) {
    pushResult(out, judgeLine(engine, text.slice(from, nl)), format);
    count++;
  }
  return count;
}

/**
 * Where splitBlocks() hands a stream's lines: `lines` gets complete lines, each ending in '\n' (what a chunk of
 * input completed, at most a chunk and one pending line long); `overLong` gets the first MAX_INPUT_CHARS characters
 * of a line that grew past MAX_INPUT_CHARS + 1 before its end (the rest is never kept); `chunkEnd` is awaited after
 * each chunk of input.
 */
export interface BlockSink {
  lines(text: string): Promise<void>;
  overLong(prefix: string): Promise<void>;
  chunkEnd(): Promise<void>;
}

/**
 * Splits a stream of UTF-8 bytes into lines, in order and in constant memory, the same way however the stream is
 * chunked. Lines are handed over in blocks, not one by one: only a line that spans chunks is joined here.
 */
export async function splitBlocks(input: Readable, sink: BlockSink): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  // The line that spans chunks (an object: onText and the end below see one copy).
  const spanning = { pending: '', overflow: false };
  const keep = (tail: string): void => {
    spanning.pending += tail;
    if (spanning.pending.length > MAX_INPUT_CHARS + 1) {
      spanning.overflow = true;
      spanning.pending = spanning.pending.slice(0, MAX_INPUT_CHARS);
    }
  };
  const onText = async (text: string): Promise<void> => {
    const first = text.indexOf('\n');
    if (first < 0) {
      if (!spanning.overflow) keep(text);
      return;
    }
    const last = text.lastIndexOf('\n');
    // The pending line ends at the first newline: cut short, or joined to the chunk's complete lines.
    if (spanning.overflow) await sink.overLong(spanning.pending);
    const lines = spanning.overflow ? text.slice(first + 1, last + 1) : `${spanning.pending}${text.slice(0, last + 1)}`;
    spanning.pending = '';
    spanning.overflow = false;
    if (lines.length > 0) await sink.lines(lines);
    keep(text.slice(last + 1));
  };
  for await (const chunk of input) {
    await onText(decoder.decode(chunk as Uint8Array, { stream: true }));
    // Stream: what a chunk completed goes out before waiting for the next one (`tail -f log | hookwatch check`).
    await sink.chunkEnd();
  }
  await onText(decoder.decode());
  if (spanning.overflow) await sink.overLong(spanning.pending);
  else if (spanning.pending.length > 0) await sink.lines(`${spanning.pending}\n`);
  await sink.chunkEnd();
}

/**
 * Judges each line of `input` (a stream of bytes). Resolves with the number of lines when the stream has ended and
 * all output is written.
 */
export async function checkStream(input: Readable, run: CheckRun): Promise<number> {
  const writer = new LineWriter(run.out);
  if (run.format === 'table') writer.pushLine(TABLE_HEADER);
  let count = 0;
  await splitBlocks(input, {
    lines: async (text) => {
      count += judgeLines(run.engine, text, run.format, writer);
      await writer.flush();
    },
    overLong: async (prefix) => {
      count++;
      if (pushResult(writer, tooLong(prefix), run.format)) await writer.flush();
    },
    chunkEnd: () => writer.flush(),
  });
  return count;
}

/** Judges inputs given as arguments. */
export async function checkArgs(inputs: readonly string[], run: CheckRun): Promise<void> {
  const writer = new LineWriter(run.out);
  if (run.format === 'table') writer.pushLine(TABLE_HEADER);
  for (const input of inputs) if (pushResult(writer, run.engine.check(input), run.format)) await writer.flush();
  await writer.flush();
}
