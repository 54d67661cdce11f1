/**
 * Did an engine change alter any result? Runs every input of the shared evaluation sets through the engine under
 * each catalog (built-in and the shared brands-*.json) and prints, per catalog, the input count and a SHA-256 over
 * the results (verdict, score, brand, every signal with its words). Run it before and after a change: equal digests
 * mean no result changed. `--out FILE` also writes one line per input and catalog (catalog, input, verdict, score,
 * brand, signal kinds) to compare with `diff` when the digests differ.
 *
 *   npm run -s digest -- [--data ../shared/data] [--out FILE]
 *
 * The data is read at run time and never copied into the repository (several sets are licensed for evaluation only).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCatalog, parseCatalog } from '../src/catalog/index.js';
import { createEngine, type Catalog } from '../src/engine/index.js';

const SETS = ['hosts-legit.tsv', 'urls-legit.tsv', 'domains-web3.tsv', 'domains-idn-homographs.tsv', 'urls-jpcert.tsv', 'urls-openphish.tsv', 'urls-phishtank-targeted.tsv'];
const SHARED_CATALOGS = ['brands-jp.json', 'brands-web3.json', 'brands-idn.json'];

const { values } = parseArgs({ options: { data: { type: 'string', default: '../shared/data' }, out: { type: 'string' } } });
const evalDir = join(values.data, 'eval');

const inputs: string[] = [];
for (const set of SETS) {
  for (const line of readFileSync(join(evalDir, set), 'utf8').split('\n').slice(1)) {
    const input = line.split('\t')[0] ?? '';
    if (input !== '') inputs.push(input);
  }
}
const catalogs: [string, Catalog][] = [['built-in', defaultCatalog()], ...SHARED_CATALOGS.map((file): [string, Catalog] => [file, parseCatalog(readFileSync(join(evalDir, file), 'utf8'), file)])];

const rows: string[] = [];
for (const [name, catalog] of catalogs) {
  const engine = createEngine(catalog);
  const hash = createHash('sha256');
  for (const input of inputs) {
    const r = engine.check(input);
    hash.update(`${JSON.stringify(r)}\n`);
    if (values.out !== undefined) rows.push([name, input, r.verdict, r.score, r.brand ?? '-', r.signals.map((s) => s.kind).join(',')].join('\t'));
  }
  console.log(`${name.padEnd(18)} ${inputs.length} inputs  ${hash.digest('hex')}`);
}
if (values.out !== undefined) writeFileSync(values.out, `${rows.join('\n')}\n`);
