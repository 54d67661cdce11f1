/**
 * Mutation fuzzing of the e-mail analyser on real messages: each round takes a message from the given folders,
 * applies one to three random mutations and analyses the result. Fails (exit 1) when analyse() throws or a message
 * takes longer than --max-ms; each such input is written to --out for a regression test.
 *
 *   npm run fuzz:email -- --dir DIR [--dir DIR …] [--rounds 20000] [--seed 1] [--max-ms 2000] [--out /tmp]
 *
 * The mutations are what hostile mail does to a parser (SECURITY.md PA-7): cut anywhere, bytes flipped or set to
 * NUL, lines repeated, two messages spliced, charsets and transfer encodings swapped for unknown or wrong ones,
 * boundaries emptied or made long, `message/rfc822` wrappers nested, unclosed tags and entities appended. The
 * generator is seeded: the same seed and folders give the same inputs.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCatalog } from '../src/catalog/index.js';
import { createMailAnalyser } from '../src/mail/index.js';

const MAX_MUTATIONS_PER_ROUND = 3;
const MAX_REPEATS_OF_A_LINE = 200;
const MAX_RFC822_WRAPPERS = 30;
const MAX_APPENDED_TAGS = 2_000;

const { values } = parseArgs({
  options: {
    dir: { type: 'string', multiple: true }, rounds: { type: 'string' }, seed: { type: 'string' },
    'max-ms': { type: 'string' }, out: { type: 'string' },
  },
});
const dirs = values.dir ?? [];
if (dirs.length === 0) {
  console.error('usage: npm run fuzz:email -- --dir DIR [--dir DIR …] [--rounds 20000] [--seed 1] [--max-ms 2000] [--out /tmp]');
  process.exit(2);
}
const rounds = Number(values.rounds ?? 20_000);
const maxMs = Number(values['max-ms'] ?? 2_000);
const outDir = values.out ?? '/tmp';
const files = dirs.flatMap((dir) => readdirSync(dir).filter((f) => !f.startsWith('.')).sort().map((f) => join(dir, f)));

/** A 31-bit linear congruential generator: reproducible, and enough for picking mutations. */
let state = Number(values.seed ?? 1) >>> 0;
function below(n: number): number {
  state = (Math.imul(state, 1_103_515_245) + 12_345) & 0x7fffffff;
  return n <= 0 ? 0 : state % n;
}
const pick = <T>(items: readonly T[]): T => items[below(items.length)] as T;
const latin1 = (b: Buffer): string => b.toString('latin1');
const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');

const MUTATIONS: Readonly<Record<string, (b: Buffer) => Buffer>> = {
  cut: (b) => b.subarray(0, below(b.length + 1)),
  flip: (b) => {
    const c = Buffer.from(b);
    for (let i = below(50); i >= 0 && c.length > 0; i--) c[below(c.length)] = below(256);
    return c;
  },
  nul: (b) => {
    const c = Buffer.from(b);
    for (let i = below(20); i >= 0 && c.length > 0; i--) c[below(c.length)] = 0;
    return c;
  },
  'repeat-lines': (b) => bytes(latin1(b).split('\n').flatMap((line) => (below(20) === 0 ? Array<string>(1 + below(MAX_REPEATS_OF_A_LINE)).fill(line) : [line])).join('\n')),
  splice: (b) => {
    const other = readFileSync(pick(files));
    return Buffer.concat([b.subarray(0, below(b.length + 1)), other.subarray(below(other.length + 1))]);
  },
  charset: (b) => bytes(latin1(b).replace(/charset="?[\w-]+"?/gi, () => pick(['charset=x-unknown', 'charset=utf-7', 'charset=iso-2022-jp', 'charset="', 'charset=utf-16']))),
  encoding: (b) => bytes(latin1(b).replace(/Content-Transfer-Encoding:\s*[\w-]+/gi, () => `Content-Transfer-Encoding: ${pick(['base64', 'quoted-printable', 'x-uuencode', '8bit', 'bogus'])}`)),
  boundary: (b) => bytes(latin1(b).replace(/boundary="?[^";\r\n]+"?/i, () => `boundary="${pick(['', '-', 'a'.repeat(300), '"', '--'])}"`)),
  nest: (b) => {
    let body = b;
    for (let i = below(MAX_RFC822_WRAPPERS); i >= 0; i--) body = Buffer.concat([bytes('Content-Type: message/rfc822\r\n\r\n'), body]);
    return Buffer.concat([bytes('From: a@b.example\r\nSubject: x\r\nMIME-Version: 1.0\r\n'), body]);
  },
  'unclosed-html': (b) => Buffer.concat([b, bytes(`\r\n<html>${'<a href="http://'.repeat(below(MAX_APPENDED_TAGS))}<img src=x width=1 height=1>${'&#'.repeat(below(5 * MAX_APPENDED_TAGS))}`)]),
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

const analyser = createMailAnalyser({ catalog: defaultCatalog() });
let failures = 0;
let slowest = 0;
let slowestInput = '';
const verdicts: Record<string, number> = {};
for (let round = 0; round < rounds; round++) {
  const file = pick(files);
  let raw: Buffer = readFileSync(file);
  const applied: string[] = [];
  for (let m = below(MAX_MUTATIONS_PER_ROUND); m >= 0; m--) {
    const name = pick(MUTATION_NAMES);
    applied.push(name);
    raw = (MUTATIONS[name] as (b: Buffer) => Buffer)(raw);
  }
  const what = `${file} (${applied.join(' + ')})`;
  const started = performance.now();
  try {
    const r = await analyser.analyse(raw);
    verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
  } catch (error) {
    failures++;
    writeFileSync(join(outDir, `fuzz-email-throw-${String(round)}.eml`), raw);
    console.log(`round ${String(round)}: analyse() threw on ${what}: ${String(error).slice(0, 300)}`);
  }
  const ms = performance.now() - started;
  if (ms > slowest) [slowest, slowestInput] = [ms, what];
  if (ms > maxMs) {
    failures++;
    writeFileSync(join(outDir, `fuzz-email-slow-${String(round)}.eml`), raw);
    console.log(`round ${String(round)}: ${ms.toFixed(0)} ms (over ${String(maxMs)}) on ${what}`);
  }
}
console.log(`${String(rounds)} mutated messages from ${String(files.length)} files: ${String(failures)} failure(s); verdicts ${JSON.stringify(verdicts)}`);
console.log(`slowest ${slowest.toFixed(0)} ms: ${slowestInput}`);
process.exit(failures === 0 ? 0 : 1);
