/**
 * Performance of the engine and of `hookwatch check`, against the project's targets.
 *
 *   npm run bench [-- --data ../shared/data] [--n 1000000] [--synthetic] [--theirs-n 30000] [--email DIR]
 *
 * Inputs (bench/corpus.ts): the shared evaluation hosts and URLs when `--data DIR` (default ../shared/data) holds
 * them, else (or with --synthetic) a seeded synthetic corpus of the same shapes. Each set (hosts, URLs, mixed =
 * 80 % hosts + 20 % URLs) has `--n` inputs, the distinct ones cycled in random order. What is measured:
 *   1. engine.check() in this thread with the built-in catalog, after a warm-up: inputs/s over the whole set, and
 *      the per-input latency p50/p99 in µs, taken as (time of a batch of BATCH_SIZE inputs) / BATCH_SIZE, so one
 *      timer call per batch (a per-input timer would cost more than a check); then the floor on the same hosts: the
 *      public-suffix split alone, and input parsing + one keyword scan + one typo look-up (benchFloor);
 *   2. MetaMask's eth-phishing-detect `checkDomain` (the reference open-source domain checker) on a sample of the
 *      same inputs, URLs reduced to their host beforehand, and our engine on the very same sample: the ratio is
 *      ours/theirs on identical inputs. The sample is small because checkDomain scans its ~15,000-entry lists
 *      linearly (a few thousand checks per second): the full set would take minutes per run;
 *   3. `hookwatch check` end to end: checkStream() in-process on the host set fed as a byte stream in 64 KiB chunks,
 *      JSON lines counted and discarded; then the real CLI (`node bin/hookwatch.js check --format jsonl`) once, as a
 *      child process on a file of the same hosts, wall clock including start-up (dist/ is rebuilt first if stale);
 *   4. peak RSS of the real CLI checking the mixed set with a 300-brand catalog (the built-in brands plus generated
 *      ones), read from the child's own process.resourceUsage() at exit; an idle `node` is shown for scale;
 *   5. catalog load + compile (parseCatalog of the 300-brand JSON text + createEngine): "first" in a fresh process
 *      (includes building the knowledge shared by all engines, and cold code), "warm" in this process.
 *   6. the e-mail analyser on a folder of messages (bench/email.bench.ts): messages/s on one thread; skipped with a
 *      message when no folder is given or found.
 * Every figure is the median of RUNS runs (5 for catalog load). Targets are printed beside the figures with PASS or
 * MISS; a MISS never fails the process (exit 0): this is a measurement, not a test. Absolute numbers depend on the
 * machine: compare runs on the same machine, and read the ratio in 2 as the machine-independent figure.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, devNull, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build.js';
import { parseArgs } from 'node:util';
import { parse as parseDomain } from 'tldts';
import { createEngine, ENGINE_VERSION, parseInput, type Engine, type Verdict } from '../src/engine/index.js';
import { TokenAutomaton } from '../src/engine/automaton.js';
import { TypoIndex } from '../src/engine/typo.js';
import { TLDTS_OPTIONS } from '../src/engine/subject.js';
import { defaultCatalog, parseCatalog } from '../src/catalog/index.js';
import { checkStream } from '../src/cli/check.js';
import { MAX_CHECK_THREADS } from '../src/cli/check-parallel.js';
import { benchEmail, emailBenchDir, TARGET_EMAIL_MESSAGES_PER_S } from './email.bench.js';
import { BENCH_SEED, chunkedStream, STREAM_CHUNK_BYTES, hasEvalData, HOST_SHARE, realCorpus, syntheticCatalog, syntheticCorpus, type Corpus } from './corpus.js';

// Targets (see the project brief).
const TARGET_ENGINE_HOSTS_PER_S = 1_000_000;
const TARGET_CHECK_HOSTS_PER_S = 500_000;
const TARGET_PEAK_RSS_MB = 200;
const TARGET_CATALOG_LOAD_MS = 100;

const DEFAULT_INPUTS = 1_000_000;
const WARMUP_INPUTS = 100_000;
const BATCH_SIZE = 1_000;
const RUNS = 3;
const CATALOG_RUNS = 5;
/** Inputs given to eth-phishing-detect per run (and its warm-up): see the header, item 2. */
const DEFAULT_THEIRS_SAMPLE = 30_000;
const THEIRS_WARMUP = 2_000;
const CATALOG_BRANDS = 300;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_DATA_DIR = resolve(ROOT, '../shared/data');
const CLI_ENTRY = join(ROOT, 'bin/hookwatch.js');
const THIS_FILE = fileURLToPath(import.meta.url);
/** Child-process marker for the "first catalog load" measurement. */
const FIRST_LOAD_CHILD = 'first-load';

/** Preloaded into measured child processes: reports the process's own peak RSS (KiB) on stderr at exit. */
const MAX_RSS_REPORTER = `data:text/javascript,${encodeURIComponent(
  "process.on('exit', () => process.stderr.write('\\nmaxRSS=' + process.resourceUsage().maxRSS + '\\n'));",
)}`;

// ---------------------------------------------------------------------------------------------------------------
// Formatting and statistics

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const fixed = (n: number, digits = 2): string => n.toFixed(digits);
const mb = (kib: number): number => kib / 1024;

function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** Nearest-rank percentile of `values` (0 < p ≤ 1). */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

interface TargetRow {
  readonly what: string;
  readonly figure: string;
  readonly target: string;
  readonly pass: boolean | undefined;
}

const targets: TargetRow[] = [];

/** Records a figure against its target and returns " PASS"/" MISS" to print beside it. */
function judge(what: string, value: number, target: number, unit: string, higherIsBetter: boolean): string {
  const pass = Number.isFinite(value) ? (higherIsBetter ? value >= target : value <= target) : undefined;
  const figure = `${unit === 'ms' || unit === 'MB' ? fixed(value, 1) : int(value)} ${unit}`;
  targets.push({ what, figure, target: `${higherIsBetter ? '≥' : '≤'} ${int(target)} ${unit}`, pass });
  return `  [target ${higherIsBetter ? '≥' : '≤'} ${int(target)} ${unit}: ${verdictWord(pass)}]`;
}

function verdictWord(pass: boolean | undefined): string {
  return pass === undefined ? 'n/a' : pass ? 'PASS' : 'MISS';
}

// ---------------------------------------------------------------------------------------------------------------
// Timing

interface Timing {
  /** Inputs per second over the whole set. */
  readonly perSecond: number;
  /** Per-input latency in µs, from batch times. */
  readonly p50: number;
  readonly p99: number;
}

/** One pass over `inputs`, timed per batch of BATCH_SIZE. */
function timeOnce(inputs: readonly string[], judgeOne: (input: string) => void): Timing {
  const perInput: number[] = [];
  let totalMs = 0;
  for (let start = 0; start < inputs.length; start += BATCH_SIZE) {
    const end = Math.min(start + BATCH_SIZE, inputs.length);
    const t0 = performance.now();
    for (let i = start; i < end; i++) judgeOne(inputs[i] as string);
    const ms = performance.now() - t0;
    totalMs += ms;
    perInput.push((ms * 1000) / (end - start));
  }
  return { perSecond: (inputs.length * 1000) / totalMs, p50: percentile(perInput, 0.5), p99: percentile(perInput, 0.99) };
}

/** RUNS passes; each figure is the median over the runs. */
function timeRuns(inputs: readonly string[], judgeOne: (input: string) => void): Timing {
  const runs: Timing[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(timeOnce(inputs, judgeOne));
  return { perSecond: median(runs.map((t) => t.perSecond)), p50: median(runs.map((t) => t.p50)), p99: median(runs.map((t) => t.p99)) };
}

function describeTiming(t: Timing): string {
  return `${int(t.perSecond).padStart(11)} /s   p50 ${fixed(t.p50).padStart(6)} µs   p99 ${fixed(t.p99).padStart(7)} µs`;
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Engine throughput

type Tally = Record<Verdict, number>;

const emptyTally = (): Tally => ({ official: 0, phishing: 0, suspicious: 0, benign: 0, error: 0 });

function describeTally(tally: Tally): string {
  const total = Object.values(tally).reduce((a, b) => a + b, 0);
  return (Object.entries(tally) as [Verdict, number][])
    .map(([verdict, count]) => `${verdict} ${fixed((100 * count) / total, 1)} %`)
    .join(', ');
}

/** Times engine.check on `inputs`; the tally of verdicts (over all runs) shows what kind of inputs were judged. */
function timeEngine(engine: Engine, inputs: readonly string[]): { timing: Timing; tally: Tally } {
  const tally = emptyTally();
  const timing = timeRuns(inputs, (input) => { tally[engine.check(input).verdict]++; });
  return { timing, tally };
}

function benchEngine(engine: Engine, corpus: Corpus): void {
  console.log(`\n1. Engine throughput, one thread (built-in catalog; warm-up ${int(WARMUP_INPUTS)} inputs; median of ${RUNS} runs;`);
  console.log(`   latency = time of a ${int(BATCH_SIZE)}-input batch / ${int(BATCH_SIZE)})`);
  for (let i = 0; i < WARMUP_INPUTS; i++) engine.check(corpus.mixed[i % corpus.mixed.length] as string);
  const sets: readonly [string, readonly string[]][] = [['hosts', corpus.hosts], ['URLs', corpus.urls], ['mixed', corpus.mixed]];
  for (const [name, inputs] of sets) {
    const { timing, tally } = timeEngine(engine, inputs);
    const mark = name === 'hosts' ? judge('engine, hosts/s (one thread)', timing.perSecond, TARGET_ENGINE_HOSTS_PER_S, 'hosts/s', true) : '';
    console.log(`   ${name.padEnd(5)} ${int(inputs.length).padStart(9)} inputs ${describeTiming(timing)}${mark}`);
    console.log(`         verdicts: ${describeTally(tally)}`);
  }
  benchFloor(corpus.hosts);
}

/**
 * What the engine target leaves room for: the least work any check of a host does, on the same hosts. The
 * public-suffix split alone (tldts, with the engine's options), then the engine's input parsing (validation, IDN,
 * the split) plus one scan of the host for the catalog's keywords and one typo look-up of the registrable label,
 * with none of the official-domain, well-known-site, homoglyph, lure or risk logic and no result built.
 */
function benchFloor(hosts: readonly string[]): void {
  const keywords = [...new Set(defaultCatalog().brands.flatMap((b) => b.keywords))];
  const automaton = new TokenAutomaton(keywords);
  const typos = new TypoIndex(keywords.filter((k) => k.length >= 4));
  const hits = new Int32Array(3 * 256);
  let sink = 0;
  const floors: readonly [string, (host: string) => void][] = [
    ['public-suffix split alone (tldts parse)', (host) => { sink += parseDomain(host, TLDTS_OPTIONS).domain?.length ?? 0; }],
    ['parseInput + one keyword scan + one typo look-up', (host) => {
      const parsed = parseInput(host);
      if (!parsed.ok) return;
      const { host: h, domainLabel } = parsed.subject;
      sink += automaton.scanInto(h, 0, h.length, hits) + (typos.findFirst(domainLabel, () => true) === null ? 0 : 1);
    }],
  ];
  console.log('   floor: the least work of any check, on the same hosts (no verdict built):');
  for (const [name, work] of floors) console.log(`     ${name.padEnd(50)} ${int(timeRuns(hosts, work).perSecond).padStart(11)} /s`);
  if (sink < 0) console.log(sink);
}

// ---------------------------------------------------------------------------------------------------------------
// 2. MetaMask eth-phishing-detect

interface Theirs {
  readonly version: string;
  readonly checkDomain: (domain: string) => boolean;
}

/**
 * eth-phishing-detect is CommonJS without type declarations, so it is loaded with require and typed here. Its
 * default export is `checkDomain(domain) → boolean` (it returns `detector.check(domain).result`; src/index.js).
 */
function loadTheirs(): Theirs {
  const require = createRequire(import.meta.url);
  const checkDomain = require('eth-phishing-detect') as unknown;
  const manifest = require('eth-phishing-detect/package.json') as { version?: unknown };
  if (typeof checkDomain !== 'function') throw new TypeError('eth-phishing-detect: default export is not a function');
  return { version: String(manifest.version), checkDomain: checkDomain as (domain: string) => boolean };
}

/** The host of a URL input (what checkDomain takes); other inputs as they are. */
function hostOf(input: string): string {
  if (!input.includes('://')) return input;
  try {
    return new URL(input).hostname;
  } catch {
    return input;
  }
}

function benchTheirs(engine: Engine, corpus: Corpus, sampleSize: number): void {
  const theirs = loadTheirs();
  console.log(`\n2. MetaMask eth-phishing-detect ${theirs.version} checkDomain vs ours, on the first ${int(sampleSize)} inputs of a set`);
  console.log(`   (URLs reduced to their host before timing, for checkDomain only; median of ${RUNS} runs)`);
  for (let i = 0; i < THEIRS_WARMUP; i++) theirs.checkDomain(corpus.hosts[i % corpus.hosts.length] as string);
  const sets: readonly [string, readonly string[]][] = [['hosts', corpus.hosts], ['mixed', corpus.mixed]];
  for (const [name, set] of sets) {
    const ours = set.slice(0, sampleSize);
    const theirInputs = ours.map(hostOf);
    let ourFlags = 0;
    let theirFlags = 0;
    const oursTiming = timeRuns(ours, (input) => {
      const { verdict } = engine.check(input);
      if (verdict === 'phishing' || verdict === 'suspicious') ourFlags++;
    });
    const theirsTiming = timeRuns(theirInputs, (host) => { if (theirs.checkDomain(host)) theirFlags++; });
    const flagged = (count: number): string => `${fixed((100 * count) / (RUNS * ours.length), 1)} % flagged`;
    console.log(`   ${name.padEnd(5)} ours   ${describeTiming(oursTiming)}   ${flagged(ourFlags)}`);
    console.log(`         theirs ${describeTiming(theirsTiming)}   ${flagged(theirFlags)}`);
    console.log(`         ratio ours/theirs: ${fixed(oursTiming.perSecond / theirsTiming.perSecond, 1)}×`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 3. `hookwatch check` end to end

/** A sink that counts the bytes written to it and keeps none. */
function countingSink(): { sink: Writable; bytes: () => number } {
  let total = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
      total += chunk.length;
      callback();
    },
  });
  return { sink, bytes: () => total };
}

async function timeCheckStream(engine: Engine, text: Buffer, lines: number): Promise<{ perSecond: number; outBytes: number }> {
  const { sink, bytes } = countingSink();
  const input = chunkedStream(text);
  const t0 = performance.now();
  const count = await checkStream(input, { engine, format: 'jsonl', out: sink });
  const ms = performance.now() - t0;
  if (count !== lines) throw new Error(`checkStream judged ${count} lines, expected ${lines}`);
  return { perSecond: (lines * 1000) / ms, outBytes: bytes() };
}

interface ChildResult {
  readonly status: number | null;
  readonly ms: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node args…` with stdin read from `stdinFile` (or none) and stdout to `/dev/null` (or captured). */
function runNode(args: readonly string[], options: { stdinFile?: string; discardStdout?: boolean } = {}): Promise<ChildResult> {
  const stdin = options.stdinFile === undefined ? 'ignore' : openSync(options.stdinFile, 'r');
  const stdout = options.discardStdout === true ? openSync(devNull, 'w') : 'pipe';
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: [stdin, stdout, 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      const ms = performance.now() - t0;
      if (typeof stdin === 'number') closeSync(stdin);
      if (typeof stdout === 'number') closeSync(stdout);
      resolvePromise({ status, ms, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}



async function benchCheck(engine: Engine, hostsFile: string, hostsText: Buffer, lines: number, built: string | null): Promise<void> {
  console.log(`\n3. hookwatch check end to end (JSON lines out; ${int(lines)} hosts)`);
  const runs: { perSecond: number; outBytes: number }[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(await timeCheckStream(engine, hostsText, lines));
  const perSecond = median(runs.map((run) => run.perSecond));
  const outMb = (runs[0]?.outBytes ?? 0) / (1024 * 1024);
  console.log(`   in-process checkStream, ${int(STREAM_CHUNK_BYTES / 1024)} KiB chunks (median of ${RUNS}): ${int(perSecond)} hosts/s, ` +
    `${fixed(outMb, 1)} MiB of JSON lines${judge('check end to end, in-process checkStream', perSecond, TARGET_CHECK_HOSTS_PER_S, 'hosts/s', true)}`);

  if (built !== null) {
    console.log(`   CLI child process: skipped (${built})`);
    targets.push({ what: 'check end to end, CLI child process', figure: 'skipped', target: `≥ ${int(TARGET_CHECK_HOSTS_PER_S)} hosts/s`, pass: undefined });
    return;
  }
  const cli = await runNode([CLI_ENTRY, 'check', '--format', 'jsonl'], { stdinFile: hostsFile, discardStdout: true });
  if (cli.status !== 0) {
    console.log(`   CLI child process: failed with status ${String(cli.status)}: ${cli.stderr.trim().slice(0, 300)}`);
    return;
  }
  const cliPerSecond = (lines * 1000) / cli.ms;
  console.log(`   CLI child process (node bin/hookwatch.js check --format jsonl < file > ${devNull}; once, wall clock incl. start-up):`);
  console.log(`     ${fixed(cli.ms / 1000, 2)} s = ${int(cliPerSecond)} hosts/s${judge('check end to end, CLI child process', cliPerSecond, TARGET_CHECK_HOSTS_PER_S, 'hosts/s', true)}`);

  // The same on every CPU of this machine (`--threads`): not the single-thread figure above, so no target is judged.
  const threads = Math.min(availableParallelism(), MAX_CHECK_THREADS);
  if (threads < 2) return;
  const parallel = await runNode(['--import', MAX_RSS_REPORTER, CLI_ENTRY, 'check', '--format', 'jsonl', '--threads', String(threads)], { stdinFile: hostsFile, discardStdout: true });
  if (parallel.status !== 0) {
    console.log(`   CLI child process --threads ${String(threads)}: failed with status ${String(parallel.status)}: ${parallel.stderr.trim().slice(0, 300)}`);
    return;
  }
  console.log(`   CLI child process with --threads ${String(threads)} (this machine's CPUs; same output): ${fixed(parallel.ms / 1000, 2)} s = ` +
    `${int((lines * 1000) / parallel.ms)} hosts/s, peak RSS ${fixed(reportedMaxRss(parallel.stderr) / 1024, 1)} MB`);
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Memory

/** Peak RSS in KiB reported by MAX_RSS_REPORTER on the child's stderr, or NaN. */
function reportedMaxRss(stderr: string): number {
  const match = /maxRSS=(\d+)\s*$/.exec(stderr);
  return match?.[1] === undefined ? Number.NaN : Number(match[1]);
}

async function benchMemory(catalogFile: string, mixedFile: string, lines: number, built: string | null): Promise<void> {
  console.log(`\n4. Memory: peak RSS of the CLI checking the ${int(lines)} mixed inputs with the ${CATALOG_BRANDS}-brand catalog`);
  if (built !== null) {
    console.log(`   skipped (${built})`);
    targets.push({ what: `peak RSS, ${CATALOG_BRANDS} brands`, figure: 'skipped', target: `≤ ${TARGET_PEAK_RSS_MB} MB`, pass: undefined });
    return;
  }
  const idle = await runNode(['--import', MAX_RSS_REPORTER, '--eval', '']);
  const cli = await runNode(['--import', MAX_RSS_REPORTER, CLI_ENTRY, 'check', '--brands', catalogFile, '--format', 'jsonl'], {
    stdinFile: mixedFile,
    discardStdout: true,
  });
  const peakMb = mb(reportedMaxRss(cli.stderr));
  if (cli.status !== 0) console.log(`   CLI failed with status ${String(cli.status)}: ${cli.stderr.trim().slice(0, 300)}`);
  console.log(`   node bin/hookwatch.js check --brands <${CATALOG_BRANDS} brands> --format jsonl < mixed > ${devNull}: ` +
    `peak RSS ${fixed(peakMb, 1)} MB${judge(`peak RSS, ${CATALOG_BRANDS} brands`, peakMb, TARGET_PEAK_RSS_MB, 'MB', false)}`);
  console.log(`   (for scale: an idle node process peaks at ${fixed(mb(reportedMaxRss(idle.stderr)), 1)} MB; 1 MB = 1024 KiB)`);
}

// ---------------------------------------------------------------------------------------------------------------
// 5. Catalog load + compile

function loadAndCompileMs(catalogText: string): number {
  const t0 = performance.now();
  const engine = createEngine(parseCatalog(catalogText, 'bench catalog'));
  const ms = performance.now() - t0;
  if (engine.brandCount !== CATALOG_BRANDS) throw new Error(`compiled ${engine.brandCount} brands, expected ${CATALOG_BRANDS}`);
  return ms;
}

/** Child-process side of the "first load" measurement: prints the time of the process's first load + compile. */
function firstLoadChild(catalogFile: string): void {
  const text = readFileSync(catalogFile, 'utf8');
  process.stdout.write(`${JSON.stringify({ ms: loadAndCompileMs(text) })}\n`);
}

async function firstLoadMs(catalogFile: string): Promise<number> {
  const child = await runNode([...process.execArgv, THIS_FILE, '--child', FIRST_LOAD_CHILD, '--catalog', catalogFile]);
  const parsed = child.status === 0 ? (JSON.parse(child.stdout) as { ms?: unknown }) : {};
  return typeof parsed.ms === 'number' ? parsed.ms : Number.NaN;
}

async function benchCatalogLoad(catalogFile: string, catalogText: string): Promise<void> {
  console.log(`\n5. Catalog load + compile: parseCatalog of the ${CATALOG_BRANDS}-brand JSON (${fixed(catalogText.length / 1024, 1)} KiB) + createEngine`);
  const first: number[] = [];
  for (let r = 0; r < RUNS; r++) first.push(await firstLoadMs(catalogFile));
  const firstMs = median(first);
  const firstMark = judge('catalog load + compile, first', firstMs, TARGET_CATALOG_LOAD_MS, 'ms', false);
  console.log(`   first, in a fresh process (median of ${RUNS} processes): ${fixed(firstMs, 1)} ms${firstMark}`);
  const warm: number[] = [];
  for (let r = 0; r < CATALOG_RUNS; r++) warm.push(loadAndCompileMs(catalogText));
  const warmMs = median(warm);
  const warmMark = judge('catalog load + compile, warm', warmMs, TARGET_CATALOG_LOAD_MS, 'ms', false);
  console.log(`   warm, in this process, a fresh engine each time (median of ${CATALOG_RUNS}): ${fixed(warmMs, 1)} ms${warmMark}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Main

interface Options {
  readonly dataDir: string | undefined;
  readonly n: number;
  readonly theirsSample: number;
}

/** A bad command line: reported in one line, exit status 2. */
class UsageError extends Error {}

function positiveInt(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < BATCH_SIZE) throw new UsageError(`${flag} must be an integer ≥ ${BATCH_SIZE}, not "${value}"`);
  return n;
}

function readOptions(values: { data?: string | undefined; n?: string | undefined; synthetic?: boolean | undefined; 'theirs-n'?: string | undefined }): Options {
  const n = positiveInt(values.n, DEFAULT_INPUTS, '--n');
  const theirsSample = Math.min(n, positiveInt(values['theirs-n'], DEFAULT_THEIRS_SAMPLE, '--theirs-n'));
  if (values.synthetic === true) return { dataDir: undefined, n, theirsSample };
  if (values.data !== undefined) {
    const dir = resolve(values.data);
    if (!hasEvalData(dir)) throw new UsageError(`--data ${values.data}: the evaluation files are not all there (see bench/corpus.ts)`);
    return { dataDir: dir, n, theirsSample };
  }
  return { dataDir: hasEvalData(DEFAULT_DATA_DIR) ? DEFAULT_DATA_DIR : undefined, n, theirsSample };
}

function printHeader(corpus: Corpus, n: number): void {
  console.log(`hookwatch bench: engine ${ENGINE_VERSION}, node ${process.version}, ${process.platform} ${process.arch}, ` +
    `${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} CPUs)`);
  console.log(`corpus: ${corpus.description}`);
  console.log(`        ${int(corpus.distinctHosts)} distinct hosts, ${int(corpus.distinctUrls)} distinct URLs, cycled to ` +
    `${int(n)} inputs per set (mixed: ${fixed(100 * HOST_SHARE, 0)} % hosts)`);
}

function printTargets(): void {
  console.log('\nTargets');
  for (const row of targets) {
    console.log(`   ${row.what.padEnd(44)} ${row.figure.padStart(17)}   target ${row.target.padEnd(17)} ${verdictWord(row.pass)}`);
  }
}

const ARGS = {
  data: { type: 'string' },
  n: { type: 'string' },
  synthetic: { type: 'boolean' },
  'theirs-n': { type: 'string' },
  child: { type: 'string' },
  catalog: { type: 'string' },
  email: { type: 'string' },
} as const;

function parseCommandLine(): ReturnType<typeof parseArgs<{ options: typeof ARGS }>> {
  try {
    return parseArgs({ options: ARGS });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function main(): Promise<void> {
  const { values } = parseCommandLine();
  if (values.child === FIRST_LOAD_CHILD && values.catalog !== undefined) {
    firstLoadChild(values.catalog);
    return;
  }
  const options = readOptions(values);
  const base = defaultCatalog();
  const corpus = options.dataDir === undefined
    ? syntheticCorpus(options.n, BENCH_SEED, base)
    : realCorpus(options.dataDir, options.n, BENCH_SEED);
  printHeader(corpus, options.n);

  const work = mkdtempSync(join(tmpdir(), 'hookwatch-bench-'));
  try {
    const hostsText = Buffer.from(`${corpus.hosts.join('\n')}\n`, 'utf8');
    const hostsFile = join(work, 'hosts.txt');
    const mixedFile = join(work, 'mixed.txt');
    const catalogFile = join(work, `catalog-${CATALOG_BRANDS}.json`);
    const catalogText = JSON.stringify(syntheticCatalog(base, CATALOG_BRANDS, BENCH_SEED), null, 2);
    writeFileSync(hostsFile, hostsText);
    writeFileSync(mixedFile, `${corpus.mixed.join('\n')}\n`);
    writeFileSync(catalogFile, catalogText);

    const engine = createEngine(base);
    benchEngine(engine, corpus);
    benchTheirs(engine, corpus, options.theirsSample);
    const built = ensureBuilt();
    await benchCheck(engine, hostsFile, hostsText, corpus.hosts.length, built);
    await benchMemory(catalogFile, mixedFile, corpus.mixed.length, built);
    await benchCatalogLoad(catalogFile, catalogText);
    const email = await benchEmail(emailBenchDir(values.email, options.dataDir ?? DEFAULT_DATA_DIR), RUNS);
    if (email === undefined) {
      targets.push({ what: 'e-mail analysis, one thread', figure: 'skipped', target: `≥ ${int(TARGET_EMAIL_MESSAGES_PER_S)} msgs/s`, pass: undefined });
    } else {
      judge('e-mail analysis, one thread', email.perSecond, TARGET_EMAIL_MESSAGES_PER_S, 'msgs/s', true);
    }
    printTargets();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`bench: ${error.message}\nusage: npm run bench -- [--data DIR | --synthetic] [--n N] [--theirs-n N] [--email DIR]`);
  process.exitCode = 2;
}
