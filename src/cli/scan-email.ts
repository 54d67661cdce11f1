/**
 * `hookwatch scan-email`: judges .eml files, directories of them and mbox files, one JSON line per message.
 *
 * Order is stable: arguments in the order given; a directory's files sorted by path (recursively); an mbox's
 * messages in file order, each with `input` = `mbox-path#N` (N from 1). A path that cannot be read, or a file over
 * the size limits, is one `error` line, and the run goes on (exit 0). The analyser does no I/O: this is where files
 * are read.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { errorMessage, type ErrorCode } from '../errors.js';
import { escapeInvisible, isMbox, splitMbox, MAX_MESSAGE_BYTES, type EmailAnalysis, type MailAnalyser } from '../mail/index.js';
import { LineWriter } from './check.js';

export type ScanFormat = 'jsonl' | 'table';

/** Largest mbox file read (it is read whole; Buffer's own ceiling is 2 GiB on 64-bit Node 20). */
export const MAX_MBOX_BYTES = 1024 * 1024 * 1024;
/** Files visited under one directory argument (a mail archive, not a file system walk). */
export const MAX_DIRECTORY_FILES = 1_000_000;

export interface ScanRun {
  readonly analyser: MailAnalyser;
  readonly format: ScanFormat;
  readonly out: Writable;
}

export type ScanLine = EmailAnalysis & { readonly input: string };

const TABLE_HEADER = `${'verdict'.padEnd(10)} ${'score'.padStart(5)}  ${'brand'.padEnd(16)} ${'input'.padEnd(40)} subject`;

function render(line: ScanLine, format: ScanFormat): string {
  if (format === 'jsonl') {
    const { input, ...rest } = line;
    return JSON.stringify({ input, ...rest });
  }
  const subject = line.error === undefined ? (line.message.subject ?? '') : `${line.error.code}: ${line.error.message}`;
  return `${line.verdict.padEnd(10)} ${String(line.score).padStart(5)}  ${(line.brand ?? '-').padEnd(16)} ${line.input.padEnd(40)} ${escapeInvisible(subject).slice(0, 100)}`;
}

function errorLine(input: string, code: ErrorCode, params: Readonly<Record<string, string | number>>, sha256 = '', bytes = 0): ScanLine {
  return {
    input, verdict: 'error', score: 0, brand: null, signals: [], mode: 'offline',
    auth: { source: 'none', basis: 'not analysed', spf: null, dkim: [], dmarc: null, arc: null },
    senderDomain: null, links: [],
    message: { messageId: null, date: null, from: null, fromName: null, subject: null, sha256, bytes },
    error: { code, message: errorMessage(code, params) },
  };
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Files under `dir`, sorted by full path; symbolic links are not followed. */
async function listFiles(dir: string, into: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (into.length >= MAX_DIRECTORY_FILES) return;
    const path = join(dir, e.name);
    if (e.isDirectory()) await listFiles(path, into);
    else if (e.isFile()) into.push(path);
  }
}

async function firstBytes(path: string, n: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

export async function scanPaths(paths: readonly string[], run: ScanRun): Promise<void> {
  const writer = new LineWriter(run.out);
  if (run.format === 'table') writer.pushLine(TABLE_HEADER);
  const emit = async (line: ScanLine): Promise<void> => {
    if (writer.pushLine(render(line, run.format))) await writer.flush();
  };
  for (const path of paths) {
    let files: string[];
    try {
      const info = await stat(path);
      if (info.isDirectory()) { files = []; await listFiles(path, files); } else files = [path];
    } catch (error) {
      await emit(errorLine(path, 'HW_ERR_MAIL_UNREADABLE', { path, reason: reason(error) }));
      continue;
    }
    for (const file of files) await scanFile(file, run.analyser, emit);
  }
  await writer.flush();
}

async function scanFile(file: string, analyser: MailAnalyser, emit: (line: ScanLine) => Promise<void>): Promise<void> {
  try {
    const info = await stat(file);
    const mbox = isMbox(await firstBytes(file, 5));
    const limit = mbox ? MAX_MBOX_BYTES : MAX_MESSAGE_BYTES;
    if (info.size > limit) {
      // Not read into memory: hashed as a stream so the line still identifies the file.
      await emit(errorLine(file, 'HW_ERR_MAIL_TOO_LARGE', { bytes: info.size, limit }, await sha256File(file), info.size));
      return;
    }
    const bytes = await readFile(file);
    if (!mbox) {
      await emit({ input: file, ...(await analyser.analyse(bytes)) });
      return;
    }
    const { messages, truncated } = splitMbox(bytes);
    for (let i = 0; i < messages.length; i++) {
      const message = messages[i];
      if (message !== undefined) await emit({ input: `${file}#${i + 1}`, ...(await analyser.analyse(message)) });
    }
    if (truncated) await emit(errorLine(`${file}#${messages.length + 1}`, 'HW_ERR_MAIL_MBOX_LIMIT', { path: file, limit: messages.length }));
  } catch (error) {
    await emit(errorLine(file, 'HW_ERR_MAIL_UNREADABLE', { path: file, reason: reason(error) }));
  }
}
