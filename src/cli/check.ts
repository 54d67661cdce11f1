/**
 * `hookwatch check`: judges URLs, hosts and e-mail domains, one JSON line per input line, in order, streaming.
 *
 * Memory stays constant: stdin is decoded chunk by chunk, each complete line is judged at once and its output
 * appended to a buffer written after each input chunk or at OUTPUT_FLUSH_CHARS, whichever comes first (waiting
 * for 'drain' when stdout pushes back). A line longer
 * than MAX_INPUT_CHARS is not kept whole: its first MAX_INPUT_CHARS characters are echoed in its error line.
 */
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import { MAX_INPUT_CHARS, type CheckResult, type Engine } from '../engine/index.js';
import { errorMessage } from '../errors.js';

/** Output is written in chunks of about this many characters (fewer syscalls than one write per line). */
const OUTPUT_FLUSH_CHARS = 1 << 16;

export type CheckFormat = 'jsonl' | 'table';

export interface CheckRun {
  readonly engine: Engine;
  readonly format: CheckFormat;
  readonly out: Writable;
}

class LineWriter {
  private buffer = '';
  constructor(private readonly out: Writable) {}
  async push(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= OUTPUT_FLUSH_CHARS) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}

const TABLE_HEADER = `${'VERDICT'.padEnd(11)} ${'SCORE'.padStart(5)}  ${'BRAND'.padEnd(14)} ${'INPUT'.padEnd(40)} WHY\n`;

function tableRow(r: CheckResult): string {
  const why = r.error !== undefined ? `${r.error.code}: ${r.error.message}` : r.signals.filter((s) => s.weight !== 0 || r.verdict !== 'benign').map((s) => s.detail).join('; ');
  const input = r.input.length > 40 ? `${r.input.slice(0, 39)}…` : r.input;
  return `${r.verdict.padEnd(11)} ${String(r.score).padStart(5)}  ${(r.brand ?? '-').padEnd(14)} ${input.padEnd(40)} ${why}\n`;
}

function render(result: CheckResult, format: CheckFormat): string {
  return format === 'table' ? tableRow(result) : `${JSON.stringify(result)}\n`;
}

function tooLong(prefix: string): CheckResult {
  return {
    input: `${prefix}…`,
    verdict: 'error',
    score: 0,
    brand: null,
    signals: [],
    error: { code: 'HW_ERR_INPUT_TOO_LONG', message: errorMessage('HW_ERR_INPUT_TOO_LONG', { limit: MAX_INPUT_CHARS }) },
  };
}

/** Judges each line of `input` (a stream of bytes). Resolves when the stream has ended and all output is written. */
export async function checkStream(input: Readable, run: CheckRun): Promise<number> {
  const writer = new LineWriter(run.out);
  if (run.format === 'table') await writer.push(TABLE_HEADER);
  const decoder = new TextDecoder('utf-8');
  // Line state shared by the chunk loop and onText (an object, so both see one copy).
  const state = { pending: '', overflow: false };
  let count = 0;
  const emitLine = async (line: string): Promise<void> => {
    count++;
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    // Over-long lines are echoed the same way however stdin happened to be chunked.
    const result = text.length > MAX_INPUT_CHARS ? tooLong(text.slice(0, MAX_INPUT_CHARS)) : run.engine.check(text);
    await writer.push(render(result, run.format));
  };
  const onText = async (text: string): Promise<void> => {
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      if (state.overflow) {
        await writer.push(render(tooLong(state.pending.slice(0, MAX_INPUT_CHARS)), run.format));
        count++;
        state.overflow = false;
        state.pending = '';
      } else {
        await emitLine(state.pending.length > 0 ? state.pending + text.slice(from, nl) : text.slice(from, nl));
        state.pending = '';
      }
      from = nl + 1;
    }
    if (from < text.length && !state.overflow) {
      state.pending += text.slice(from);
      if (state.pending.length > MAX_INPUT_CHARS + 1) {
        state.overflow = true;
        state.pending = state.pending.slice(0, MAX_INPUT_CHARS);
      }
    }
  };
  for await (const chunk of input) {
    await onText(decoder.decode(chunk as Uint8Array, { stream: true }));
    // Stream: what a chunk produced goes out before waiting for the next one (`tail -f log | hookwatch check`).
    await writer.flush();
  }
  await onText(decoder.decode());
  if (state.overflow) {
    await writer.push(render(tooLong(state.pending.slice(0, MAX_INPUT_CHARS)), run.format));
    count++;
  } else if (state.pending.length > 0) {
    await emitLine(state.pending);
  }
  await writer.flush();
  return count;
}

/** Judges inputs given as arguments. */
export async function checkArgs(inputs: readonly string[], run: CheckRun): Promise<void> {
  const writer = new LineWriter(run.out);
  if (run.format === 'table') await writer.push(TABLE_HEADER);
  for (const input of inputs) await writer.push(render(run.engine.check(input), run.format));
  await writer.flush();
}
