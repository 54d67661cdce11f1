/**
 * Measures the e-mail analyser on folders of labelled messages, beside SpamAssassin on the same messages.
 *
 *   npm run eval -- email --phish DIR --ham DIR [--brands FILE] [--labels FILE.tsv] [--show N] [--no-spamassassin]
 *                         [--part dev|held-out|all] [--dump FILE.jsonl]
 *
 * Run it on copies made with ../shared/tools/strip-delivery-headers (see ../shared/data/README.md): the two sets
 * were received by different systems, and their delivery headers alone would tell them apart.
 *   recall     = phishing messages judged phishing or suspicious;
 *   false pos. = legitimate messages judged phishing or suspicious;
 *   attributed = detected phishing messages given a brand; with --labels (TSV: file name, brand id) also how many
 *                of the labelled ones got the labelled brand (the shared set has no brand labels).
 * SpamAssassin runs once per set in mbox mode with local tests only (`spamassassin -L --mbox`, Bayes and
 * auto-learning off, a fresh HOME), so its figures
 * come from the same bytes without network rules; a message counts as detected at its own threshold (5.0), and
 * again at the lowest threshold whose false-positive rate is not above ours (equal or lower FP).
 *
 * `--part` splits both sets by the first hex digit of the SHA-256 of each file name: `dev` (0-7) is the half looked
 * at while developing signals, `held-out` (8-f) the half reported separately and never looked at; `all` (default)
 * is both. `--dump` writes one JSON line per message (set, file, verdict, score, signals) for the dev half's review.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCatalog, loadCatalogFile } from '../src/catalog/index.js';
import { createEngine } from '../src/engine/index.js';
import { createMailAnalyser } from '../src/mail/index.js';

const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(2)} %`);

interface SetResult {
  readonly files: string[];
  readonly flagged: boolean[];
  readonly brands: (string | null)[];
  readonly seconds: number;
  readonly errors: number;
}

/**
 * Messages as one mbox (mboxo quoting of `From ` lines), each with an index header first: SpamAssassin's mbox
 * mode does not write its results in input order, so results are matched by that header, never by position.
 */
function toMbox(dir: string, files: readonly string[]): Buffer {
  const parts: Buffer[] = [];
  files.forEach((f, i) => {
    const text = neutraliseAnonymisedRecipient(readFileSync(join(dir, f))).toString('latin1').replace(/\r\n/g, '\n').replace(/^(>*From )/gm, '>$1');
    parts.push(Buffer.from(`From eval@localhost Thu Jan  1 00:00:00 1970\n${INDEX_HEADER}: ${i}\n${text}${text.endsWith('\n') ? '' : '\n'}\n`, 'latin1'));
  });
  return Buffer.concat(parts);
}

const INDEX_HEADER = 'X-Hookwatch-Eval-Index';

/** SpamAssassin scores, one per message in order, or the reason it could not run. */
async function spamAssassin(dir: string, files: readonly string[]): Promise<{ scores: number[]; version: string } | { error: string }> {
  const version = await new Promise<string>((resolve) => {
    const p = spawn('spamassassin', ['--version']);
    let out = '';
    p.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    p.on('error', () => { resolve(''); });
    p.on('close', () => { resolve(out.split('\n')[0] ?? ''); });
  });
  if (version === '') return { error: 'spamassassin is not installed (apt-get install -y spamassassin)' };
  // A fresh HOME per run, Bayes and auto-learning off: SpamAssassin must not learn from the test messages (it
  // auto-learns by default into ~/.spamassassin, which would also leak between runs and between the two sets).
  const home = mkdtempSync(join(tmpdir(), 'hookwatch-sa-'));
  return new Promise((resolve) => {
    const p = spawn('spamassassin', ['-L', '--mbox', '--cf=use_bayes 0', '--cf=bayes_auto_learn 0', '--cf=use_auto_whitelist 0'], {
      stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, HOME: home },
    });
    p.on('close', () => { rmSync(home, { recursive: true, force: true }); });
    const scores = new Array<number>(files.length).fill(Number.NaN);
    let pending = '';
    let score = Number.NaN;
    let index = -1;
    const endMessage = (): void => {
      if (index >= 0 && index < scores.length) scores[index] = score;
      score = Number.NaN;
      index = -1;
    };
    p.stdout.on('data', (c: Buffer) => {
      pending += c.toString('latin1');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('From eval@localhost ')) { endMessage(); continue; }
        const status = /^X-Spam-Status: (?:Yes|No), score=(-?[\d.]+)/.exec(line);
        if (status !== null && Number.isNaN(score)) score = Number(status[1]);
        if (line.startsWith(`${INDEX_HEADER}: `) && index < 0) index = Number(line.slice(INDEX_HEADER.length + 2));
      }
    });
    p.on('error', (e) => { resolve({ error: e.message }); });
    p.on('close', () => {
      endMessage();
      const missing = scores.filter((x) => Number.isNaN(x)).length;
      if (missing > 0) resolve({ error: `spamassassin gave no result for ${missing} of ${files.length} messages` });
      else resolve({ scores, version });
    });
    p.stdin.end(toMbox(dir, files));
  });
}

/**
 * Phishing Pot anonymised the honeypot's own address to `phishing@pot` (also `phish@pot`, `honey@pot`), and the
 * stripper rewrites To to `recipient@example.org`. In the header fields the placeholder stands where the victim's
 * real address was (sextortion spoofs it as From): `pot` is no top-level domain, so left as is it would make the
 * sender look forged (`bogus-domain`) for a reason the real message never had. The header block gets the same
 * neutral address as To; bodies are left alone. Applied to both sets and to what SpamAssassin reads.
 */
export function neutraliseAnonymisedRecipient(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  const m = /\r?\n\r?\n/.exec(text);
  const end = m === null ? text.length : m.index;
  const head = text.slice(0, end).replace(/(?<![\w.@-])(?:phishing|phish|honey)@pot(?![\w.@-])/gi, 'recipient@example.org');
  return head.length === end && head === text.slice(0, end) ? raw : Buffer.from(head + text.slice(end), 'latin1');
}

export type EvalPart = 'dev' | 'held-out' | 'all';

/** The half a file belongs to: the first hex digit of SHA-256(file name), 0-7 → dev, 8-f → held-out. */
export function partOf(file: string): 'dev' | 'held-out' {
  const first = createHash('sha256').update(file).digest('hex').charCodeAt(0);
  return first < 56 /* '8' */ ? 'dev' : 'held-out';
}

interface Analysed { verdict: string; score: number; brand: string | null; signals: readonly { kind: string; detail: string; weight: number }[] }

async function runSet(dir: string, part: EvalPart, analyse: (raw: Uint8Array) => Promise<Analysed>, dump: string[] | null, label: string): Promise<SetResult> {
  const files = readdirSync(dir).filter((f) => !f.startsWith('.') && (part === 'all' || partOf(f) === part)).sort();
  const raws = files.map((f) => neutraliseAnonymisedRecipient(readFileSync(join(dir, f))));
  const flagged: boolean[] = [];
  const brands: (string | null)[] = [];
  let errors = 0;
  const started = performance.now();
  for (const [i, raw] of raws.entries()) {
    const r = await analyse(raw);
    if (dump !== null) dump.push(JSON.stringify({ set: label, file: files[i], verdict: r.verdict, score: r.score, brand: r.brand, signals: r.signals.map((s) => `${s.kind} ${s.weight}: ${s.detail}`) }));
    if (r.verdict === 'error') errors++;
    flagged.push(r.verdict === 'phishing' || r.verdict === 'suspicious');
    brands.push(r.brand);
  }
  return { files, flagged, brands, seconds: (performance.now() - started) / 1000, errors };
}

export async function evalEmail(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      phish: { type: 'string' }, ham: { type: 'string' }, brands: { type: 'string' }, labels: { type: 'string' },
      show: { type: 'string' }, 'no-spamassassin': { type: 'boolean' }, part: { type: 'string' }, dump: { type: 'string' },
    },
  });
  const part = values.part ?? 'all';
  if (values.phish === undefined || values.ham === undefined || (part !== 'dev' && part !== 'held-out' && part !== 'all')) {
    console.error('usage: npm run eval -- email --phish DIR --ham DIR [--brands FILE] [--labels FILE.tsv] [--show N] [--no-spamassassin] [--part dev|held-out|all] [--dump FILE.jsonl]');
    return 2;
  }
  const catalog = values.brands === undefined ? defaultCatalog() : await loadCatalogFile(values.brands);
  const analyser = createMailAnalyser({ catalog, engine: createEngine(catalog) });
  console.log(`catalog: ${values.brands ?? 'built-in'} (${catalog.brands.length} brands), e-mail analyser ${analyser.version}, offline mode, part: ${part}${part === 'all' ? '' : ` (SHA-256 of the file name starts ${part === 'dev' ? '0-7' : '8-f'})`}`);
  const dump = values.dump === undefined ? null : [];
  const phish = await runSet(values.phish, part, (raw) => analyser.analyse(raw), dump, 'phish');
  const ham = await runSet(values.ham, part, (raw) => analyser.analyse(raw), dump, 'ham');
  if (dump !== null && values.dump !== undefined) writeFileSync(values.dump, `${dump.join('\n')}\n`);
  const detected = phish.flagged.filter(Boolean).length;
  const fps = ham.flagged.filter(Boolean).length;
  const attributed = phish.brands.filter((b, i) => b !== null && phish.flagged[i] === true).length;
  console.log(`hookwatch   phish ${phish.files.length}: recall ${pct(detected, phish.files.length)} (${detected})   ham ${ham.files.length}: false positives ${pct(fps, ham.files.length)} (${fps})   errors ${phish.errors + ham.errors}`);
  console.log(`            brand attributed on ${pct(attributed, detected)} of detected phishing (${attributed})`);
  if (values.labels !== undefined) {
    const labels = new Map(readFileSync(values.labels, 'utf8').split('\n').filter((l) => l.includes('\t')).map((l) => l.split('\t') as [string, string]));
    let labelled = 0;
    let right = 0;
    phish.files.forEach((f, i) => {
      const want = labels.get(f);
      if (want === undefined || want === '') return;
      labelled++;
      if (phish.brands[i] === want && phish.flagged[i] === true) right++;
    });
    console.log(`            brand attribution on labelled messages: ${pct(right, labelled)} (${right}/${labelled})`);
  } else {
    console.log('            (no brand labels: the shared e-mail set names no brand per message; pass --labels FILE.tsv to score attribution)');
  }
  const total = phish.files.length + ham.files.length;
  console.log(`            throughput ${(total / (phish.seconds + ham.seconds)).toFixed(0)} messages/s (single thread, parse + analyse, files preloaded)`);
  const show = Number(values.show ?? 0);
  if (show > 0) {
    console.log(`missed: ${phish.files.filter((_, i) => phish.flagged[i] !== true).slice(0, show).join(' ')}`);
    console.log(`false positives: ${ham.files.filter((_, i) => ham.flagged[i] === true).slice(0, show).join(' ')}`);
  }
  if (values['no-spamassassin'] === true) return 0;
  // Both sets at once: one SpamAssassin process each (it is single-threaded and takes minutes per thousand messages).
  const [saPhish, saHam] = await Promise.all([spamAssassin(values.phish, phish.files), spamAssassin(values.ham, ham.files)]);
  if ('error' in saPhish || 'error' in saHam) {
    console.log(`SpamAssassin: could not be run: ${'error' in saPhish ? saPhish.error : 'error' in saHam ? saHam.error : ''}`);
    return 0;
  }
  const at = (threshold: number): { recall: number; fp: number } => ({
    recall: saPhish.scores.filter((s) => s >= threshold).length,
    fp: saHam.scores.filter((s) => s >= threshold).length,
  });
  const standard = at(5);
  console.log(`SpamAssassin ${saPhish.version.replace(/^SpamAssassin version /, '')} (-L: local tests only, rules as installed)`);
  console.log(`  threshold 5.0:  recall ${pct(standard.recall, phish.files.length)} (${standard.recall})   false positives ${pct(standard.fp, ham.files.length)} (${standard.fp})`);
  // The lowest threshold (0.1 steps) whose false-positive count is not above ours: SpamAssassin's best recall at equal or lower FP.
  let best = { threshold: 30, ...at(30) };
  for (let t = 300; t >= -50; t--) {
    const r = at(t / 10);
    if (r.fp > fps) break;
    best = { threshold: t / 10, ...r };
  }
  console.log(`  threshold ${best.threshold.toFixed(1)} (its lowest with FP ≤ ours): recall ${pct(best.recall, phish.files.length)} (${best.recall})   false positives ${pct(best.fp, ham.files.length)} (${best.fp})`);
  return 0;
}
