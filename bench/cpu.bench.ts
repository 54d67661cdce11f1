/**
 * CPU time of the engine and of checkStream, for comparing two versions on a shared machine, where the wall-clock
 * figures of engine.bench.ts move with other people's load: process.cpuUsage() counts only this process's time.
 *
 *   npx tsx bench/cpu.bench.ts [--data ../shared/data] [--n 1000000]
 *
 * Same corpus and seed as `npm run bench` (bench/corpus.ts); best of 3 passes over the hosts (engine.check() and
 * checkStream into a discarding sink) and one over the URLs. To compare versions, run it in each checkout in turn,
 * alternating, and note `uptime` beside the figures.
 */
import { dirname, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createEngine } from '../src/engine/index.js';
import { defaultCatalog } from '../src/catalog/index.js';
import { checkStream } from '../src/cli/check.js';
import { BENCH_SEED, chunkedStream, realCorpus } from './corpus.js';

const WARMUP_INPUTS = 100_000;
const RUNS = 3;

const { values } = parseArgs({ options: { data: { type: 'string' }, n: { type: 'string' } } });
const dataDir = values.data ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/data');
const corpus = realCorpus(dataDir, Number(values.n ?? 1_000_000), BENCH_SEED);
const engine = createEngine(defaultCatalog());

/** CPU seconds (user + system) of `run`. */
async function cpuSeconds(run: () => void | Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

async function best(runs: number, run: () => void | Promise<void>): Promise<number> {
  let fastest = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) fastest = Math.min(fastest, await cpuSeconds(run));
  return fastest;
}

let sink = 0;
for (let i = 0; i < WARMUP_INPUTS; i++) sink += engine.check(corpus.mixed[i % corpus.mixed.length] ?? '').score;
const checkAll = (inputs: readonly string[]) => (): void => { for (const input of inputs) sink += engine.check(input).score; };
const hostSeconds = await best(RUNS, checkAll(corpus.hosts));
const urlSeconds = await best(1, checkAll(corpus.urls));
const text = Buffer.from(`${corpus.hosts.join('\n')}\n`);
const streamSeconds = await best(RUNS, async () => {
  const out = new Writable({ write(_chunk, _encoding, callback): void { callback(); } });
  await checkStream(chunkedStream(text), { engine, format: 'jsonl', out });
});
const perSecond = (count: number, seconds: number): string => Math.round(count / seconds).toLocaleString('en-US');
console.log(`CPU time, best of ${RUNS} (${corpus.hosts.length.toLocaleString('en-US')} hosts, ${corpus.urls.length.toLocaleString('en-US')} URLs):`);
console.log(`  engine.check() hosts: ${perSecond(corpus.hosts.length, hostSeconds)} /s CPU (${((hostSeconds * 1e6) / corpus.hosts.length).toFixed(3)} µs each)`);
console.log(`  engine.check() URLs:  ${perSecond(corpus.urls.length, urlSeconds)} /s CPU`);
console.log(`  checkStream hosts:    ${perSecond(corpus.hosts.length, streamSeconds)} /s CPU`);
if (sink < 0) console.log(sink); // keeps the results alive
