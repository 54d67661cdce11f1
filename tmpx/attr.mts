import { readFileSync } from 'node:fs';
import { createEngine } from '../src/engine/index.js';
import { loadCatalogFile } from '../src/catalog/index.js';
const [cat, file] = process.argv.slice(2);
const catalog = await loadCatalogFile(cat!);
const e = createEngine(catalog);
const kw = new Map(catalog.brands.map(b => [b.id, b.keywords]));
let has = 0, got = 0; const out: string[] = [];
for (const line of readFileSync(file!, 'utf8').split('\n').slice(1)) {
  const [input = '', , brand = ''] = line.split('\t'); if (!input) continue;
  const r = e.check(input);
  const flagged = r.verdict === 'phishing' || r.verdict === 'suspicious';
  const lower = input.toLowerCase();
  if ((kw.get(brand) ?? []).some(k => lower.includes(k))) { has++; if (flagged && r.brand === brand) got++; else if (out.length < 60) out.push(`${input} [${r.verdict} ${r.brand} ${r.signals.map(s => s.kind + s.weight).join(' ')}]`); }
}
console.log('keyword present', has, 'attributed', got); console.log(out.join('\n'));
