/**
 * E-mail section of `npm run bench`: the analyser's single-thread throughput on a folder of real messages.
 *
 * The folder comes from `--email DIR`, else HOOKWATCH_BENCH_EMAIL, else `<data>/eval/email` (the shared dev set:
 * phishing and legitimate mail); without one the section is skipped with a message. Files are read first (no disk
 * in the timing), then analysed one after another in offline mode with the built-in catalog: RUNS runs after a
 * warm-up pass, the median run's messages/s, and per-message latency p50/p99 from the median run.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCatalog } from '../src/catalog/index.js';
import { createMailAnalyser } from '../src/mail/index.js';

/** The target: messages per second on one thread. */
export const TARGET_EMAIL_MESSAGES_PER_S = 200;
/** Files read from the folder at most (memory: the dev set is ~45 MB). */
const MAX_BENCH_MESSAGES = 20_000;

function collect(dir: string, into: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (into.length >= MAX_BENCH_MESSAGES) return;
    const path = join(dir, name);
    const info = statSync(path);
    if (info.isDirectory()) collect(path, into);
    else if (info.isFile() && name.endsWith('.eml')) into.push(path);
  }
}

export function emailBenchDir(flag: string | undefined, dataDir: string): string | undefined {
  const candidate = flag ?? process.env['HOOKWATCH_BENCH_EMAIL'] ?? join(dataDir, 'eval', 'email');
  return existsSync(candidate) ? candidate : undefined;
}

export interface EmailBenchResult {
  readonly messages: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export async function benchEmail(dir: string | undefined, runs: number): Promise<EmailBenchResult | undefined> {
  console.log('\n6. E-mail analysis (offline mode, built-in catalog, one thread)');
  if (dir === undefined) {
    console.log('   skipped: no e-mail folder (pass --email DIR or set HOOKWATCH_BENCH_EMAIL; the shared dev set is ../shared/data/eval/email)');
    return undefined;
  }
  const files: string[] = [];
  collect(dir, files);
  if (files.length === 0) {
    console.log(`   skipped: no .eml files under ${dir}`);
    return undefined;
  }
  const raws = files.map((f) => readFileSync(f));
  const bytes = raws.reduce((n, r) => n + r.length, 0);
  const analyser = createMailAnalyser({ catalog: defaultCatalog() });
  for (const raw of raws.slice(0, 200)) await analyser.analyse(raw); // warm-up
  const results: { perSecond: number; latencies: number[] }[] = [];
  for (let run = 0; run < runs; run++) {
    const latencies: number[] = [];
    const started = performance.now();
    for (const raw of raws) {
      const t = performance.now();
      await analyser.analyse(raw);
      latencies.push(performance.now() - t);
    }
    results.push({ perSecond: raws.length / ((performance.now() - started) / 1000), latencies });
  }
  results.sort((a, b) => a.perSecond - b.perSecond);
  const mid = results[Math.floor(results.length / 2)] ?? { perSecond: Number.NaN, latencies: [] };
  const sorted = [...mid.latencies].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
  const result = { messages: raws.length, perSecond: mid.perSecond, p50Ms: at(0.5), p99Ms: at(0.99) };
  console.log(`   ${raws.length} messages (${(bytes / 1024 / 1024).toFixed(1)} MB) from ${dir}`);
  console.log(`   ${result.perSecond.toFixed(0)} messages/s (median of ${runs}), latency p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms`);
  return result;
}
