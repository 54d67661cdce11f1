/**
 * The `hookwatch` CLI through `main(args, io)` with in-memory streams: the `hookwatch check` contract of
 * ../shared/DESIGN.md (one JSON line per input line, in order, streaming, exit 0 even with per-line errors, exit 2
 * for bad usage or an unreadable catalog) and `hookwatch permutations`.
 */
import { after, before, describe, test } from 'node:test';
import assert from '../test-assert.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Sink } from './test-io.js';
import fc from 'fast-check';
import { MAX_INPUT_CHARS } from '../engine/index.js';
import { main } from './main.js';
import { startDnsServer, type FixtureDnsServer } from '../intel/test-dns-server.js';

type Io = NonNullable<Parameters<typeof main>[1]>;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI with `stdin` given as these byte chunks (each one a separate read). */
async function run(args: readonly string[], stdin: readonly Uint8Array[] = []): Promise<Run> {
  const stdout = new Sink();
  const stderr = new Sink();
  const io: Io = { stdin: Readable.from(stdin.map((c) => Buffer.from(c))), stdout, stderr };
  const code = await main(args, io);
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

/** The bytes split into chunks of `size` bytes (a multi-byte character may straddle two chunks). */
function chunked(bytes: Uint8Array, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(Buffer.from(bytes.subarray(i, i + size)));
  return chunks;
}

interface Line {
  readonly input: string;
  readonly verdict: string;
  readonly brand: string | null;
  readonly host?: string;
  readonly signals: readonly { readonly kind: string }[];
  readonly error?: { readonly code: string; readonly message: string };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses jsonl output, checking each line is one JSON object with the contract's fields. */
function jsonLines(stdout: string): Line[] {
  assert.ok(stdout === '' || stdout.endsWith('\n'), 'output ends with a newline');
  const lines = stdout === '' ? [] : stdout.slice(0, -1).split('\n');
  return lines.map((text) => {
    const value: unknown = JSON.parse(text);
    assert.ok(isRecord(value), `not an object: ${text.slice(0, 200)}`);
    assert.equal(typeof value['input'], 'string', text.slice(0, 200));
    assert.ok(['official', 'phishing', 'suspicious', 'benign', 'error'].includes(String(value['verdict'])), text.slice(0, 200));
    assert.ok(value['brand'] === null || typeof value['brand'] === 'string', text.slice(0, 200));
    assert.ok(Array.isArray(value['signals']), text.slice(0, 200));
    if (value['verdict'] === 'error') {
      const error = value['error'];
      assert.ok(isRecord(error) && typeof error['code'] === 'string' && typeof error['message'] === 'string', text.slice(0, 200));
    } else {
      assert.equal(typeof value['host'], 'string', text.slice(0, 200));
      assert.equal(typeof value['score'], 'number', text.slice(0, 200));
    }
    return value as unknown as Line;
  });
}

/** The `input` the contract echoes for one raw line: CR of a CRLF ending removed, text as decoded from UTF-8. */
function expectedInput(line: string, first: boolean): string {
  let text = Buffer.from(line, 'utf8').toString('utf8'); // lone surrogates become U+FFFD, as on a real pipe
  if (first && text.startsWith('\uFEFF')) text = text.slice(1); // a UTF-8 BOM starts the stream, not the line
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

const CATALOG_FILE_JSON = JSON.stringify({
  brands: [
    { id: 'hookbank', name: 'Hook Bank', domains: ['hookbank.com', 'hookbank.co.uk'], keywords: ['hookbank'] },
    { id: 'binance', name: 'Binance', domains: ['binance.com'], keywords: ['binance'] },
  ],
});

const CATALOG_FILE_YAML = `brands:
  - id: hookbank
    name: Hook Bank
    domains: [hookbank.com]
    some_future_field: ignored
`;

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hookwatch-cli-test-'));
  await writeFile(join(dir, 'catalog.json'), CATALOG_FILE_JSON);
  await writeFile(join(dir, 'catalog.yaml'), CATALOG_FILE_YAML);
  await writeFile(join(dir, 'invalid-id.json'), JSON.stringify({ brands: [{ id: 'Bad Id!', name: 'X', domains: ['x.com'] }] }));
  await writeFile(join(dir, 'invalid-domain.json'), JSON.stringify({ brands: [{ id: 'x', name: 'X', domains: ['not a host'] }] }));
  await writeFile(join(dir, 'duplicate.json'), JSON.stringify({ brands: [
    { id: 'x', name: 'X', domains: ['x.com'] }, { id: 'x', name: 'X2', domains: ['x2.com'] },
  ] }));
  await writeFile(join(dir, 'not-json.json'), '{"brands": [');
});
after(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('hookwatch check: the jsonl contract', () => {
  test('the DESIGN.md example: one line per input line, in order, verdicts and error codes, exit 0', async () => {
    const lines = ['paypa1.com', 'https://www.paypal.com/signin', '', '%%%', 'example.org'];
    const r = await run(['check'], [utf8(`${lines.join('\n')}\n`)]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const out = jsonLines(r.stdout);
    assert.deepEqual(out.map((l) => l.input), lines);
    const [typo, official, empty, bad, plain] = out;
    assert.ok(typo !== undefined && ['phishing', 'suspicious'].includes(typo.verdict), JSON.stringify(typo));
    assert.equal(typo.brand, 'paypal');
    assert.equal(typo.host, 'paypa1.com');
    assert.equal(official?.verdict, 'official');
    assert.equal(official.brand, 'paypal');
    assert.equal(official.host, 'www.paypal.com');
    assert.equal(empty?.verdict, 'error');
    assert.equal(empty.error?.code, 'HW_ERR_INPUT_EMPTY');
    assert.equal(bad?.verdict, 'error');
    assert.equal(bad.error?.code, 'HW_ERR_INPUT_HOST');
    assert.equal(plain?.verdict, 'benign');
    assert.equal(plain.brand, null);
  });

  test('"-" reads stdin like no INPUT at all', async () => {
    const stdin = [utf8('paypa1.com\nexample.org\n')];
    const dash = await run(['check', '-'], stdin);
    const none = await run(['check'], stdin);
    assert.equal(dash.code, 0);
    assert.equal(jsonLines(dash.stdout).length, 2);
    assert.equal(dash.stdout, none.stdout);
  });

  test('inputs given as arguments: one line each, in order', async () => {
    const r = await run(['check', 'paypa1.com', 'example.org']);
    assert.equal(r.code, 0, r.stderr);
    const out = jsonLines(r.stdout);
    assert.deepEqual(out.map((l) => l.input), ['paypa1.com', 'example.org']);
    assert.equal(out[0]?.brand, 'paypal');
  });

  test('empty stdin prints nothing and succeeds', async () => {
    const r = await run(['check'], []);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
  });

  test('CRLF line endings: the CR is not part of the input', async () => {
    const r = await run(['check'], [utf8('paypa1.com\r\nexample.org\r\n\r\n')]);
    const out = jsonLines(r.stdout);
    assert.deepEqual(out.map((l) => l.input), ['paypa1.com', 'example.org', '']);
    assert.equal(out[0]?.brand, 'paypal');
    assert.equal(out[0].host, 'paypa1.com');
    assert.equal(out[1]?.verdict, 'benign');
    assert.equal(out[2]?.error?.code, 'HW_ERR_INPUT_EMPTY');
  });

  test('a final line without a newline is judged', async () => {
    const r = await run(['check'], [utf8('example.org\npaypa1.com')]);
    const out = jsonLines(r.stdout);
    assert.deepEqual(out.map((l) => l.input), ['example.org', 'paypa1.com']);
    assert.equal(out[1]?.brand, 'paypal');
  });

  test('a UTF-8 byte-order mark before the first line is not part of it', async () => {
    const r = await run(['check'], [utf8('\uFEFFpaypal.com\n')]);
    const [line] = jsonLines(r.stdout);
    assert.equal(line?.input, 'paypal.com');
    assert.equal(line.verdict, 'official');
  });
});

describe('hookwatch check: hostile lines do not stop the stream', () => {
  const big = `https://example.com/${'a'.repeat(10_000)}`;
  for (const size of [1 << 20, 1000, 7]) {
    test(`a 10 kB line (read in ${size}-byte chunks) is one error line and the next line is judged`, async () => {
      const bytes = utf8(`example.org\n${big}\npaypa1.com\n`);
      const r = await run(['check'], chunked(bytes, size));
      assert.equal(r.code, 0, r.stderr);
      const out = jsonLines(r.stdout);
      assert.equal(out.length, 3);
      assert.equal(out[0]?.input, 'example.org');
      assert.equal(out[1]?.verdict, 'error');
      assert.equal(out[1].error?.code, 'HW_ERR_INPUT_TOO_LONG');
      assert.ok(big.startsWith(out[1].input.replace(/…$/, '')), 'the echoed input is (a prefix of) the line');
      assert.equal(out[2]?.input, 'paypa1.com');
      assert.equal(out[2].brand, 'paypal');
    });
  }

  test('a line of invalid UTF-8 bytes is one encoding error and the next line is judged', async () => {
    const garbage = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x80, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80]);
    const r = await run(['check'], [Buffer.concat([garbage, utf8('\npaypa1.com\n')])]);
    assert.equal(r.code, 0);
    const out = jsonLines(r.stdout);
    assert.equal(out.length, 2);
    assert.equal(out[0]?.verdict, 'error');
    assert.equal(out[0].error?.code, 'HW_ERR_INPUT_ENCODING');
    assert.equal(out[1]?.input, 'paypa1.com');
    assert.equal(out[1].brand, 'paypal');
  });

  test('a line with a NUL is an encoding error', async () => {
    const r = await run(['check'], [utf8('pay\u0000pal.com\n\u0000\nexample.org\n')]);
    const out = jsonLines(r.stdout);
    assert.equal(out.length, 3);
    assert.equal(out[0]?.error?.code, 'HW_ERR_INPUT_ENCODING');
    assert.equal(out[1]?.error?.code, 'HW_ERR_INPUT_ENCODING');
    assert.equal(out[2]?.verdict, 'benign');
  });

  test('property: random lines give exactly one output line each, echoing the line, in order', async () => {
    const line = fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
      { weight: 2, arbitrary: fc.constantFrom('paypa1.com', 'https://www.paypal.com/signin', '%%%', '', '\r', ' ', 'a\u0000b', '\uFEFFx.com') },
      { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', '.', '-', '€', '\r'), minLength: MAX_INPUT_CHARS - 3, maxLength: MAX_INPUT_CHARS + 3 }) },
    ).map((l) => l.replaceAll('\n', ''));
    await fc.assert(fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.boolean(), fc.integer({ min: 1, max: 64 }), async (lines, finalNewline, size) => {
      const text = lines.join('\n') + (finalNewline && lines.length > 0 ? '\n' : '');
      const r = await run(['check'], chunked(utf8(text), size));
      assert.equal(r.code, 0, r.stderr);
      const out = jsonLines(r.stdout);
      // Without a final newline, a last empty line is no line at all (`a\n` is one line, not two).
      const expected = !finalNewline && lines.at(-1) === '' ? lines.slice(0, -1) : lines;
      assert.equal(out.length, expected.length, `lines ${JSON.stringify(expected).slice(0, 300)}`);
      expected.forEach((l, i) => {
        const want = expectedInput(l, i === 0);
        const got = out[i];
        assert.ok(got !== undefined);
        if (want.length > MAX_INPUT_CHARS) {
          assert.equal(got.error?.code, 'HW_ERR_INPUT_TOO_LONG');
          assert.ok(want.startsWith(got.input.replace(/…$/, '')), `line ${i}: echo is a prefix of the line`);
        } else {
          assert.equal(got.input, want, `line ${i}`);
        }
      });
    }), { numRuns: 60 });
  });
});

describe('hookwatch check: chunking does not change the output', () => {
  const text = 'p\u0430ypal.com\r\nhttps://www.paypal.com/signin\n\u20ac.example\nxn--pypal-4ve.com\n\n\uD83D\uDE00.com\n%%%\nm\u00fcnchen.de\nexample.org';

  test('one chunk, 1-byte chunks (multi-byte characters split) and 2- and 3-byte chunks agree', async () => {
    const bytes = utf8(text);
    const whole = await run(['check'], [bytes]);
    assert.equal(whole.code, 0);
    const out = jsonLines(whole.stdout);
    assert.equal(out.length, 9);
    assert.equal(out[0]?.input, 'p\u0430ypal.com');
    assert.equal(out[0].host, 'xn--pypal-4ve.com');
    assert.equal(out[2]?.input, '\u20ac.example');
    for (const size of [1, 2, 3]) {
      const split = await run(['check'], chunked(bytes, size));
      assert.equal(split.stdout, whole.stdout, `${size}-byte chunks`);
    }
  });

  test('property: any split of the input bytes gives the same output', async () => {
    const bytes = utf8(text);
    const whole = (await run(['check'], [bytes])).stdout;
    const cuts = fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 30 }).map((a) => [...a].sort((x, y) => x - y));
    await fc.assert(fc.asyncProperty(cuts, async (points) => {
      const chunks: Buffer[] = [];
      let from = 0;
      for (const p of [...points, bytes.length]) {
        chunks.push(Buffer.from(bytes.subarray(from, p)));
        from = p;
      }
      assert.equal((await run(['check'], chunks)).stdout, whole);
    }), { numRuns: 40 });
  });
});

describe('hookwatch check: catalog and options', () => {
  test('--brands FILE replaces the built-in catalog', async () => {
    const file = join(dir, 'catalog.json');
    const r = await run(['check', '--brands', file, 'hookbank-login.com', 'www.hookbank.co.uk', 'paypa1.com', 'hookbamk.com']);
    assert.equal(r.code, 0, r.stderr);
    const [combo, official, notInCatalog, typo] = jsonLines(r.stdout);
    assert.equal(combo?.brand, 'hookbank');
    assert.ok(['phishing', 'suspicious'].includes(combo.verdict), JSON.stringify(combo));
    assert.equal(official?.verdict, 'official');
    assert.equal(official.brand, 'hookbank');
    assert.notEqual(notInCatalog?.brand, 'paypal', JSON.stringify(notInCatalog));
    assert.equal(typo?.brand, 'hookbank');
    // The built-in catalog does not know this brand.
    const builtIn = jsonLines((await run(['check', 'hookbank-login.com', 'www.hookbank.co.uk'])).stdout);
    assert.notEqual(builtIn[0]?.brand, 'hookbank');
    assert.notEqual(builtIn[1]?.verdict, 'official');
  });

  test('a YAML catalog is accepted and unknown fields are ignored', async () => {
    const r = await run(['check', '--brands', join(dir, 'catalog.yaml'), 'hookbank.com']);
    assert.equal(r.code, 0, r.stderr);
    const [line] = jsonLines(r.stdout);
    assert.equal(line?.verdict, 'official');
    assert.equal(line.brand, 'hookbank');
  });

  for (const [file, code] of [
    ['invalid-id.json', 'HW_ERR_CATALOG_INVALID'],
    ['invalid-domain.json', 'HW_ERR_CATALOG_INVALID'],
    ['duplicate.json', 'HW_ERR_CATALOG_INVALID'],
    ['not-json.json', 'HW_ERR_CATALOG_INVALID'],
    ['missing.json', 'HW_ERR_CATALOG_UNREADABLE'],
  ] as const) {
    test(`an unusable catalog (${file}) is exit 2 with ${code}, nothing on stdout`, async () => {
      const r = await run(['check', '--brands', join(dir, file)], [utf8('paypa1.com\n')]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.includes(code), r.stderr);
      assert.ok(!/\n\s+at /.test(r.stderr), `no stack trace: ${r.stderr}`);
    });
  }

  for (const args of [
    ['check', '--bogus', 'x.com'], ['check', '--format', 'xml', 'x.com'], ['check', '--brands'], ['frobnicate'],
    ['check', '--threads', '0'], ['check', '--threads', '65'], ['check', '--threads', '1.5'], ['check', '--threads', 'two'],
  ]) {
    test(`bad usage (${args.join(' ')}) is exit 2 with a message on stderr`, async () => {
      const r = await run(args, [utf8('paypa1.com\n')]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.startsWith('hookwatch: '), r.stderr);
    });
  }

  test('--threads N prints what one thread prints, in the same order', async () => {
    const stdin = chunked(utf8('paypa1.com\nhttps://www.paypal.com/signin\n\n%%%\nexample.org\npaypal-login.weebly.com'), 7);
    const one = await run(['check'], stdin);
    const three = await run(['check', '--threads', '3'], stdin);
    assert.equal(three.code, 0, three.stderr);
    assert.equal(jsonLines(three.stdout).length, 6);
    assert.equal(three.stdout, one.stdout);
  });

  test('--format table prints a header and one row per input', async () => {
    const inputs = ['paypa1.com', 'https://www.paypal.com/signin', '%%%', 'example.org'];
    for (const r of [await run(['check', '--format', 'table', ...inputs]), await run(['check', '--format', 'table'], [utf8(`${inputs.join('\n')}\n`)])]) {
      assert.equal(r.code, 0, r.stderr);
      const rows = r.stdout.split('\n');
      assert.equal(rows.pop(), '', 'ends with a newline');
      assert.equal(rows.length, 1 + inputs.length);
      assert.match(rows[0] ?? '', /^VERDICT\s+SCORE\s+BRAND\s+INPUT/);
      const verdicts = rows.slice(1).map((row) => row.split(/\s+/)[0]);
      assert.deepEqual(verdicts.slice(1, 3), ['official', 'error']);
      assert.ok(['phishing', 'suspicious'].includes(verdicts[0] ?? ''), rows[1]);
      rows.slice(1).forEach((row, i) => {
        assert.ok(row.includes(inputs[i] ?? '\u0000'), `row ${i} names its input: ${row}`);
      });
    }
  });
});

describe('hookwatch permutations', () => {
  test('permutations paypal.com prints more than 100 candidates, exit 0', async () => {
    const r = await run(['permutations', 'paypal.com']);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.trimEnd().split('\n');
    assert.ok(rows.length > 100, `only ${rows.length} lines`);
    assert.ok(rows.some((row) => /^homoglyph\s+paypa1\.com$/.test(row)), 'paypa1.com listed as a homoglyph');
    assert.ok(!rows.some((row) => / paypal\.com$/.test(row)), 'the domain itself is not a candidate');
  });

  test('--format jsonl prints one candidate object per line', async () => {
    const r = await run(['permutations', '--format', 'jsonl', 'paypal.com']);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.trimEnd().split('\n').map((row): unknown => JSON.parse(row));
    assert.ok(rows.length > 100);
    for (const row of rows) {
      assert.ok(isRecord(row) && typeof row['domain'] === 'string' && typeof row['technique'] === 'string');
    }
  });

  for (const args of [['permutations'], ['permutations', 'com'], ['permutations', 'paypal.com', 'binance.com'], ['permutations', '%%%'], ['permutations', '192.0.2.1']]) {
    test(`${args.join(' ')} is exit 2`, async () => {
      const r = await run(args);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.startsWith('hookwatch: '), r.stderr);
    });
  }
});

describe('hookwatch permutations --registered (a fixture DNS server on 127.0.0.1)', () => {
  let dns: FixtureDnsServer;
  before(async () => {
    dns = await startDnsServer({
      names: {
        'paypa1.com': { ns: ['ns1.parking.example'], a: ['192.0.2.10'] },
        'paypal-login.com': { a: ['192.0.2.20'], mx: [{ exchange: 'mx.paypal-login.com', priority: 10 }] },
        'paypall.com': { a: ['203.0.113.7'] },
      },
      servfail: ['paypa.com'],
      // Every other name under .co answers this address: paypal.co is no registration.
      wildcard: { co: ['198.51.100.9'] },
    });
  });
  after(async () => { await dns.close(); });

  test('prints only the candidates the DNS knows, in the candidates\' order, with their records; a summary on stderr', async () => {
    const r = await run(['permutations', '--registered', '--resolver', dns.address, 'paypal.com']);
    assert.equal(r.code, 0, r.stderr);
    const all = (await run(['permutations', 'paypal.com'])).stdout.trimEnd().split('\n');
    const expected = all.filter((row) => /\s(paypall|paypa1|paypal-login)\.com$/.test(row));
    assert.equal(expected.length, 3);
    assert.deepEqual(r.stdout.trimEnd().split('\n').map((row) => row.slice(0, row.indexOf('  ', 21))), expected);
    assert.match(r.stdout, /paypa1\.com {2}NS ns1\.parking\.example; A 192\.0\.2\.10\n/);
    assert.match(r.stdout, /paypal-login\.com {2}MX 10 mx\.paypal-login\.com; A 192\.0\.2\.20\n/);
    assert.match(r.stderr, new RegExp(`^hookwatch: ${all.length} candidates looked up: 3 registered, ${all.length - 5} unregistered, 1 only the parent domain's wildcard answer, 1 unknown \\(no answer: SERVFAIL or timeout; run again or use another --resolver\\): paypa\\.com\n$`));
  });

  test('--format jsonl adds each registered candidate\'s records', async () => {
    const r = await run(['permutations', '--registered', '--resolver', dns.address, '--concurrency', '3', '--format', 'jsonl', 'paypal.com']);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.trimEnd().split('\n').map((row): unknown => JSON.parse(row));
    assert.deepEqual(rows.find((row) => isRecord(row) && row['domain'] === 'paypal-login.com'), {
      domain: 'paypal-login.com', unicode: 'paypal-login.com', technique: 'combosquat',
      dns: { ns: [], mx: ['10 mx.paypal-login.com'], a: ['192.0.2.20'], aaaa: [] },
    });
  });

  test('--since FILE leaves out what an earlier run printed: appending each run\'s output prints only new names', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hookwatch-since-'));
    try {
      const seen = join(dir, 'seen.jsonl');
      const args = ['permutations', '--registered', '--resolver', dns.address, '--format', 'jsonl', '--since', seen, 'paypal.com'];
      const first = await run(args); // seen.jsonl does not exist yet: nothing was printed before
      assert.equal(first.code, 0, first.stderr);
      assert.equal(first.stdout.trimEnd().split('\n').length, 3);
      assert.match(first.stderr, / 3 registered \(0 printed before, --since\),/);
      await writeFile(seen, first.stdout);
      const second = await run(args);
      assert.equal(second.code, 0, second.stderr);
      assert.equal(second.stdout, '');
      assert.match(second.stderr, / 3 registered \(3 printed before, --since\),/);
      // The text format's lines and bare domains are read too; only paypall.com is new here.
      await writeFile(seen, '# earlier\nhomoglyph            paypa1.com  NS ns1.parking.example\nPAYPAL-LOGIN.COM\n');
      const third = await run(args);
      assert.deepEqual(third.stdout.trimEnd().split('\n').map((row) => (JSON.parse(row) as { domain: string }).domain), ['paypall.com']);
      await writeFile(seen, '{"technique":"addition"}\n');
      const bad = await run(args);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /^hookwatch: --since .*line 1: a JSON line without a "domain"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a resolver that answers nothing (a closed port) ends the run with exit 1 and says so, without waiting out every candidate', async () => {
    const r = await run(['permutations', '--registered', '--resolver', '127.0.0.1:9', 'paypal.com']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^hookwatch: no DNS answer for the first 16 candidates: the resolver is unreachable or refuses to answer; check the machine's DNS or choose servers with --resolver IP\n$/);
  });

  for (const args of [['--resolver', '127.0.0.1'], ['--concurrency', '4'], ['--since', 'seen.jsonl'], ['--registered', '--resolver', 'dns.example'], ['--registered', '--concurrency', '0'], ['--registered', '--concurrency', '1000']]) {
    test(`permutations ${args.join(' ')} paypal.com is exit 2`, async () => {
      const r = await run(['permutations', ...args, 'paypal.com']);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.startsWith('hookwatch: '), r.stderr);
    });
  }
});

describe('the reader of stdout goes away', () => {
  /** The CLI run from sources; `ended` gives its exit code and stderr (it is killed after 30 s). */
  function spawnCli(args: readonly string[], stdin: 'pipe' | 'ignore'): { child: ReturnType<typeof spawn>; ended: Promise<{ code: number | null; stderr: string }> } {
    const run = join(fileURLToPath(new URL('.', import.meta.url)), 'run.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', run, ...args], { stdio: [stdin, 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const ended = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    }));
    return { child, ended };
  }

  test('like `hookwatch permutations DOMAIN | true`: the process ends silently with 141 (128 + SIGPIPE)', async () => {
    const { child, ended } = spawnCli(['permutations', 'paypal.com'], 'ignore');
    // The reader is gone before the first line is written.
    child.stdout?.destroy();
    const { code, stderr } = await ended;
    assert.equal(code, 141, stderr);
    assert.equal(stderr, '');
  });

  test('like `hookwatch check < feed | head -1`: the process ends silently with 141 (128 + SIGPIPE)', async () => {
    const { child, ended } = spawnCli(['check', '--format', 'jsonl'], 'pipe');
    const { stdin, stdout } = child;
    assert.ok(stdin !== null && stdout !== null);
    // The reader takes the first line and closes its end, as `head -1` does; the feed goes on.
    stdout.once('data', () => { stdout.destroy(); });
    stdin.on('error', () => { /* the child may end before the feed does */ });
    const line = Buffer.from('paypa1.com\nexample.org\n'.repeat(20_000));
    for (let i = 0; i < 20 && child.exitCode === null; i++) {
      if (!stdin.write(line)) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    stdin.end();
    const { code, stderr } = await ended;
    assert.equal(code, 141, stderr);
    assert.equal(stderr, '');
  });
});
