/** The platform worker's e-mail analyser (mailAnalyserFor): a sandbox per catalog, replaced when the catalog changes. */
import { test } from 'node:test';
import assert from '../test-assert.js';
import type { Engine } from '../engine/index.js';
import { CATALOG, eml } from '../mail/test-fixtures.js';
import { mailAnalyserFor } from './platform.js';

const HAM = eml(['From: <ana@example.org>', 'To: <bo@example.org>', 'Subject: lunch?', 'Content-Type: text/plain'], 'Lunch at noon?');

test('a job that took its analyser before a catalog change still gets its message analysed', async () => {
  let engine = {} as Engine;
  const forJob = mailAnalyserFor({ engine: () => engine, catalog: () => CATALOG, refresh: () => Promise.resolve() });
  // analyseReport takes its analyser when the job starts, and analyses once it has read the report ...
  const first = forJob();
  // ... meanwhile another job's refresh found a changed catalog: its analyser is a new sandbox, the old one closes.
  engine = {} as Engine;
  const second = forJob();
  const [a, b] = await Promise.all([first.analyse(HAM), second.analyse(HAM)]);
  assert.equal(a.error, undefined, 'the first job\'s message was analysed');
  assert.equal(a.verdict, 'benign');
  assert.equal(b.verdict, 'benign');
});
