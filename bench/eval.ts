/**
 * Measures the engine on labelled sets (tab-separated: input, label, brand, source, date; header line first).
 *
 *   npm run eval -- email --phish DIR --ham DIR …      (e-mail messages: see eval-email.ts)
 *   npm run eval -- --brands ../shared/data/eval/brands-jp.json --set ../shared/data/eval/urls-jpcert.tsv \
 *                   --set ../shared/data/eval/hosts-legit.tsv [--show 20]
 *
 * Per set it prints, as defined in ../shared/data/README.md:
 *   detected   = phish rows judged phishing or suspicious;
 *   attributed = phish rows detected with the labelled brand (over rows whose brand label names a catalog brand);
 *   false pos. = legit rows judged phishing or suspicious while not under an official domain of the catalog.
 * --show N prints up to N missed phish rows and N false positives per set, for reading (never tune to rows).
 *
 * A brand label is a catalog id in the shared sets made for a catalog (JPCERT with brands-jp.json); PhishTank's
 * labels are its submitters' target names (`eBay, Inc.`, `Amazon.com`, `JPMorgan Chase and Co.`), which
 * labelResolver() resolves against the catalog's ids, names and keywords. Rows whose label names no brand of the
 * catalog are counted apart ("label unknown to the catalog"), not as wrong attributions.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createEngine, type Catalog } from '../src/engine/index.js';
import { defaultCatalog, loadCatalogFile } from '../src/catalog/index.js';
import { evalEmail } from './eval-email.js';

interface Tally {
  phish: number;
  detected: number;
  branded: number;
  unknownLabel: number;
  attributed: number;
  legit: number;
  falsePositives: number;
  errors: number;
  missed: string[];
  wrongBrand: string[];
  fps: string[];
}

/** Words of a target name that say what kind of company it is, not which (`eBay, Inc.`, `HSBC Group`, `Amazon.com`). */
const COMPANY_FORM_WORDS: ReadonlySet<string> = new Set(['inc', 'corporation', 'corp', 'co', 'company', 'ltd', 'llc', 'plc', 'group', 'sa', 'ag', 'the', 'and', 'com']);

const nameWords = (text: string): string[] =>
  text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/&amp;/g, '&').replace(/&/g, ' and ').replace(/\([^)]*\)/g, ' ').split(/[^a-z0-9]+/).filter((w) => w !== '');

/**
 * Resolves a set's brand labels to catalog brands: the label as an id; else its words without company-form words,
 * joined, as a brand's id, keyword or name (`eBay, Inc.` → ebay, `Internal Revenue Service` → irs), with and without
 * a trailing "bank" (`ABN AMRO Bank` → abnamro); else the one brand whose id or keyword is one of its words of three
 * letters or more (`ING Direct` → ing). A label that fits two brands (`JPMorgan Chase and Co.`: jpmorgan and chase)
 * names neither (null). Each label is resolved once.
 */
function labelResolver(catalog: Catalog): (label: string) => string | null {
  const ids = new Set(catalog.brands.map((b) => b.id));
  // Every joined name a brand answers to, first brand in the catalog first.
  const byJoinedName = new Map<string, string>();
  for (const b of catalog.brands) {
    for (const key of [b.id, ...b.keywords, nameWords(b.name).filter((w) => !COMPANY_FORM_WORDS.has(w)).join('')]) {
      if (!byJoinedName.has(key)) byJoinedName.set(key, b.id);
    }
  }
  const resolved = new Map<string, string | null>();
  const resolve = (label: string): string | null => {
    if (ids.has(label)) return label;
    const words = nameWords(label).filter((w) => !COMPANY_FORM_WORDS.has(w));
    const last = words.at(-1);
    const joined = [words.join(''), ...(last === 'bank' || last === 'banking' ? [words.slice(0, -1).join('')] : [])];
    for (const key of joined) {
      const id = key === '' ? undefined : byJoinedName.get(key);
      if (id !== undefined) return id;
    }
    const byWord = catalog.brands.filter((b) => words.some((w) => w.length >= 3 && (b.id === w || b.keywords.includes(w))));
    return byWord.length === 1 ? byWord[0]?.id ?? null : null;
  };
  return (label) => {
    let id = resolved.get(label);
    if (id === undefined) resolved.set(label, (id = resolve(label)));
    return id;
  };
}

const pct = (n: number, d: number): string => (d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(2).padStart(6)} %`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { brands: { type: 'string' }, set: { type: 'string', multiple: true }, show: { type: 'string' } },
  });
  const sets = values.set ?? [];
  if (sets.length === 0) {
    console.error('usage: npm run eval -- [--brands FILE] --set FILE.tsv [--set FILE.tsv ...] [--show N]');
    process.exitCode = 2;
    return;
  }
  const show = Number(values.show ?? 0);
  const catalog = values.brands === undefined ? defaultCatalog() : await loadCatalogFile(values.brands);
  const engine = createEngine(catalog);
  const brandOf = labelResolver(catalog);
  console.log(`catalog: ${values.brands ?? 'built-in'} (${catalog.brands.length} brands), engine ${engine.version}`);
  for (const file of sets) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const t: Tally = { phish: 0, detected: 0, branded: 0, unknownLabel: 0, attributed: 0, legit: 0, falsePositives: 0, errors: 0, missed: [], wrongBrand: [], fps: [] };
    const started = performance.now();
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      if (line === undefined || line.length === 0) continue;
      const [input = '', label = '', brand = ''] = line.split('\t');
      const r = engine.check(input);
      if (r.verdict === 'error') t.errors++;
      const flagged = r.verdict === 'phishing' || r.verdict === 'suspicious';
      if (label === 'phish') {
        t.phish++;
        if (flagged) t.detected++;
        else if (t.missed.length < show) t.missed.push(`${input}  [${r.verdict} ${r.score}]`);
        if (brand !== '') {
          const id = brandOf(brand);
          if (id === null) t.unknownLabel++;
          else {
            t.branded++;
            if (flagged && r.brand === id) t.attributed++;
            else if (flagged && t.wrongBrand.length < show) t.wrongBrand.push(`${input}  [${r.brand ?? '-'} ≠ ${id}]`);
          }
        }
      } else if (label === 'legit') {
        t.legit++;
        if (flagged) {
          t.falsePositives++;
          if (t.fps.length < show) t.fps.push(`${input}  [${r.verdict} ${r.score} ${r.brand ?? '-'}: ${r.signals.map((s) => `${s.kind}(${s.weight})`).join(' ')}]`);
        }
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const name = file.split('/').pop() ?? file;
    const parts = [`${name}:`];
    if (t.phish > 0) {
      const unknown = t.unknownLabel > 0 ? ` (${t.unknownLabel} more whose label names no brand of this catalog)` : '';
      parts.push(`phish ${t.phish}, detected ${pct(t.detected, t.phish)}, attributed ${pct(t.attributed, t.branded)} of ${t.branded} branded${unknown}`);
    }
    if (t.legit > 0) parts.push(`legit ${t.legit}, false positives ${t.falsePositives} = ${pct(t.falsePositives, t.legit)}`);
    parts.push(`errors ${t.errors}, ${Math.round((t.phish + t.legit) / seconds)} inputs/s`);
    console.log(parts.join('  '));
    for (const m of t.missed) console.log(`  missed: ${m}`);
    for (const m of t.wrongBrand) console.log(`  brand:  ${m}`);
    for (const m of t.fps) console.log(`  fp:     ${m}`);
  }
}

if (process.argv[2] === 'email') process.exitCode = await evalEmail(process.argv.slice(3));
else await main();
