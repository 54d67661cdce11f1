/**
 * `hookwatch scan-email` through `main(args, io)` with in-memory streams: one JSON line per message, stable order
 * (arguments as given, directories sorted, mbox messages in file order as PATH#N), per-path errors as lines with
 * exit 0, exit 2 for bad usage or an unreadable catalog.
 */
import { after, before, describe, test } from 'node:test';
import assert from '../test-assert.js';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Sink } from './test-io.js';
import { main } from './main.js';
import { scanPaths } from './scan-email.js';
import { createEngine, type Engine } from '../engine/index.js';
import { createMailAnalyser } from '../mail/index.js';
import { eml } from '../mail/test-fixtures.js';

type Io = NonNullable<Parameters<typeof main>[1]>;

async function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Sink();
  const stderr = new Sink();
  const io: Io = { stdin: Readable.from([]), stdout, stderr };
  const code = await main(args, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

interface Line {
  readonly input: string;
  readonly verdict: string;
  readonly score: number;
  readonly brand: string | null;
  readonly signals: readonly { readonly kind: string }[];
  readonly message: { readonly sha256: string; readonly subject: string | null };
  readonly error?: { readonly code: string };
}

function lines(stdout: string): Line[] {
  assert.ok(stdout.endsWith('\n'));
  return stdout.slice(0, -1).split('\n').map((t) => JSON.parse(t) as Line);
}

const PHISH = eml(['From: "PayPal" <service@paypa1-secure.com>', 'Subject: Your account is limited', 'Content-Type: text/plain'],
  'Verify your account within 24 hours or it will be suspended: http://paypa1-secure.com/login');
const HAM = eml(['From: <ana@example.org>', 'Subject: lunch?', 'Content-Type: text/plain'], 'Lunch at noon?');

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hookwatch-scan-email-'));
  await mkdir(join(dir, 'inbox', 'sub'), { recursive: true });
  await writeFile(join(dir, 'inbox', 'b.eml'), HAM);
  await writeFile(join(dir, 'inbox', 'a.eml'), PHISH);
  await writeFile(join(dir, 'inbox', 'sub', 'c.eml'), HAM);
  await writeFile(join(dir, 'box.mbox'), Buffer.concat([
    Buffer.from('From sender@x Mon Jan  1 00:00:00 2024\n'), HAM, Buffer.from('\nFrom sender@y Mon Jan  1 00:00:00 2024\n'), PHISH,
  ]));
  await writeFile(join(dir, 'catalog.json'), JSON.stringify({ brands: [{ id: 'paypal', name: 'PayPal', domains: ['paypal.com'] }] }));
});
after(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('hookwatch scan-email', () => {
  test('files, directories (sorted, recursive) and mbox messages, one JSON line each, exit 0', async () => {
    const r = await run(['scan-email', '--brands', join(dir, 'catalog.json'), join(dir, 'inbox'), join(dir, 'box.mbox'), join(dir, 'missing.eml')]);
    assert.equal(r.code, 0, r.stderr);
    const out = lines(r.stdout);
    assert.deepEqual(out.map((l) => l.input), [
      join(dir, 'inbox', 'a.eml'), join(dir, 'inbox', 'b.eml'), join(dir, 'inbox', 'sub', 'c.eml'),
      `${join(dir, 'box.mbox')}#1`, `${join(dir, 'box.mbox')}#2`, join(dir, 'missing.eml'),
    ]);
    const [a, b, , m1, m2, missing] = out;
    assert.equal(a?.verdict, 'phishing');
    assert.equal(a.brand, 'paypal');
    assert.equal(b?.verdict, 'benign');
    assert.equal(m1?.verdict, 'benign');
    assert.equal(m2?.verdict, 'phishing');
    assert.equal(m2.message.subject, 'Your account is limited');
    assert.equal(missing?.verdict, 'error');
    assert.equal(missing.error?.code, 'HW_ERR_MAIL_UNREADABLE');
    for (const l of out) assert.ok(Object.keys(l)[0] === 'input');
  });

  test('table format', async () => {
    const r = await run(['scan-email', '--format', 'table', join(dir, 'inbox', 'a.eml')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^verdict\s+score\s+brand\s+input\s+subject\n(phishing|suspicious)\s+\d+\s+paypal\s+.*a\.eml\s+Your account is limited\n$/);
  });

  test('bad usage and an unreadable catalog exit 2', async () => {
    assert.equal((await run(['scan-email'])).code, 2);
    assert.equal((await run(['scan-email', '--format', 'xml', dir])).code, 2);
    assert.equal((await run(['scan-email', '--bogus', dir])).code, 2);
    assert.equal((await run(['scan-email', '--anti-phishing-code', 'nobrand', dir])).code, 2);
    assert.equal((await run(['scan-email', '--anti-phishing-code', 'unknown=phrase', dir])).code, 2);
    const r = await run(['scan-email', '--brands', join(dir, 'nope.json'), dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /HW_ERR_CATALOG_UNREADABLE/);
  });

  test('--anti-phishing-code: mail claiming the brand without the phrase gets the signal', async () => {
    const r = await run(['scan-email', '--brands', join(dir, 'catalog.json'), '--anti-phishing-code', 'paypal=green kettle', join(dir, 'inbox', 'a.eml')]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(lines(r.stdout)[0]?.signals.some((s) => s.kind === 'anti-phishing-code-missing'));
  });
});

describe('a defect on one message of a mailbox', () => {
  test('becomes that message\'s HW_ERR_MAIL_INTERNAL line; the messages after it are still analysed', async () => {
    // Fault injection: an engine that throws on one sender's domain stands in for any analyser defect.
    const real = createEngine({ brands: [] });
    const engine: Engine = { ...real, check: (input) => { if (input.includes('boom.example')) throw new Error('injected'); return real.check(input); } };
    const boom = eml(['From: <x@boom.example>', 'Subject: boom', 'Content-Type: text/plain'], 'Hello.');
    const path = join(dir, 'defect.mbox');
    await writeFile(path, Buffer.concat([
      Buffer.from('From a@x Mon Jan  1 00:00:00 2024\n'), HAM, Buffer.from('\nFrom b@x Mon Jan  1 00:00:00 2024\n'), boom,
      Buffer.from('\nFrom c@x Mon Jan  1 00:00:00 2024\n'), PHISH,
    ]));
    const out = new Sink();
    await scanPaths([path], { analyser: createMailAnalyser({ catalog: { brands: [] }, engine }), format: 'jsonl', out });
    const got = lines(out.text());
    assert.deepEqual(got.map((l) => l.input), [`${path}#1`, `${path}#2`, `${path}#3`]);
    assert.deepEqual(got.map((l) => l.error?.code ?? l.verdict), ['benign', 'HW_ERR_MAIL_INTERNAL', got[2]?.verdict]);
    assert.notEqual(got[2]?.verdict, 'error');
    assert.match(got[1]?.message.sha256 ?? '', /^[0-9a-f]{64}$/);
  });
});
