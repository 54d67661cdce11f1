/**
 * The `hookwatch` command: the CLI's composition root. Parses arguments, loads the catalog, builds the engine and
 * hands them to the command. Exit status: 0 when the run completed (even with per-line errors), 2 for bad usage
 * or an unreadable catalog, 1 for an unexpected failure, 141 (silently) when the reader of stdout went away.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createEngine, ENGINE_VERSION, generatePermutations, type Catalog } from '../engine/index.js';
import { defaultCatalog, loadCatalogFile } from '../catalog/index.js';
import { HookwatchError } from '../errors.js';
import { checkArgs, checkStream, type CheckFormat } from './check.js';
import { checkStreamParallel, MAX_CHECK_THREADS } from './check-parallel.js';
import * as platform from './platform.js';
import { formatCandidate, printRegistered, readKnownDomains } from './permutations.js';
import { scanPaths, type ScanFormat } from './scan-email.js';
import { createResolver, DEFAULT_DNS_CONCURRENCY, MAX_DNS_CONCURRENCY, type DnsResolver } from '../intel/registered.js';
import { createMailAnalyser, type AntiPhishingCode } from '../mail/index.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** The reader of stdout went away (`hookwatch check < feed | head`): 128 + SIGPIPE, as Unix tools end, silently. */
export const EXIT_BROKEN_PIPE = 141;

const USAGE = `hookwatch: find and judge phishing that impersonates your brands

Usage:
  hookwatch check [--brands FILE] [--format jsonl|table] [--threads N] [INPUT ...]
      Judge URLs, host names or e-mail domains. No INPUT, or "-": one per line on stdin.
      Prints one JSON line per input (default when stdout is not a terminal) or a table.
      --threads N judges stdin on N threads (default 1): the same output, in the same order.
  hookwatch scan-email [--brands FILE] [--format jsonl|table] [--online] [--anti-phishing-code BRAND=PHRASE] PATH ...
      Judge e-mail messages: .eml files, directories of them (sorted), mbox files (messages in file order,
      input = PATH#N). Offline by default (reads the receiving server's Authentication-Results); --online
      re-verifies SPF/DKIM/DMARC/ARC with DNS. One JSON line per message (default when stdout is not a terminal).
  hookwatch permutations [--format text|jsonl] [--registered [--resolver IP[:PORT],…] [--concurrency N] [--since FILE]] DOMAIN
      Print candidate lookalikes of DOMAIN (typosquats, homoglyph/IDN, combosquats, TLD swaps) with their technique.
      --registered looks each one up in DNS (NS, MX, A, AAAA) and prints only those that exist, with their records;
      a summary goes to stderr (SERVFAIL and timeouts are "unknown", a parent's wildcard answer is not registration).
      --since FILE leaves out the domains an earlier run printed (FILE may not exist yet), to append only new ones.
      Exit 1 when the resolver answers none of the first 16 candidates.
  hookwatch serve [--host H] [--port P] [--data DIR] [--config FILE] [--brands FILE] [--no-worker]
      Run the HTTP API (and an analysis worker) on 127.0.0.1:8080 with SQLite in ./data, or PostgreSQL when
      HOOKWATCH_DATABASE_URL is set. Stops gracefully on SIGTERM/SIGINT.
  hookwatch worker [--data DIR] [--config FILE]         queue consumers only (scale-out on PostgreSQL)
  hookwatch migrate [--data DIR]                          apply database migrations
  hookwatch keys create --role admin|analyst|liaison --name NAME [--data DIR]
      Create an API key; the key is printed once, as the last line.
  hookwatch users create --email EMAIL --role ROLE [--data DIR]   password from HOOKWATCH_PASSWORD or stdin
  hookwatch audit verify [--data DIR]                     verify the audit log's hash chain
  hookwatch config print [--config FILE]                  the effective configuration, secrets masked
  hookwatch --version | --help

Options:
  --brands FILE   brand catalog (JSON or YAML, see docs/catalog-sources.md); replaces the built-in catalog
  --format FMT    output format
  -h, --help      this help
`;

class UsageError extends Error {}

interface Io {
  readonly stdin: NodeJS.ReadableStream & AsyncIterable<unknown>;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
}

const processIo: Io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

function parse(args: readonly string[], options: ParseArgsConfig['options']): ReturnType<typeof parseArgs> {
  try {
    return parseArgs({ args: [...args], options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function loadCatalog(path: unknown): Promise<Catalog> {
  if (typeof path === 'string') return loadCatalogFile(path);
  return defaultCatalog();
}

/** `--threads N`: an integer from 1 to MAX_CHECK_THREADS. */
function threadsOption(value: string | boolean | (string | boolean)[] | undefined): number {
  if (value === undefined) return 1;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const n = Number(text);
  if (!/^[0-9]+$/.test(text) || n < 1 || n > MAX_CHECK_THREADS) {
    throw new UsageError(`--threads must be a whole number from 1 to ${String(MAX_CHECK_THREADS)}, not "${text}"`);
  }
  return n;
}

async function runCheck(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { brands: { type: 'string' }, format: { type: 'string' }, threads: { type: 'string' } });
  if (values['help'] === true) { io.stdout.write(USAGE); return EXIT_OK; }
  const requested = values['format'] ?? (io.stdout.isTTY === true ? 'table' : 'jsonl');
  if (requested !== 'jsonl' && requested !== 'table') throw new UsageError(`--format must be jsonl or table, not "${String(requested)}"`);
  const format: CheckFormat = requested;
  const threads = threadsOption(values['threads']);
  const catalog = await loadCatalog(values['brands']);
  const out = io.stdout as unknown as import('node:stream').Writable;
  const stdin = positionals.length === 0 || (positionals.length === 1 && positionals[0] === '-');
  if (stdin && threads > 1) {
    await checkStreamParallel(io.stdin as unknown as import('node:stream').Readable, { catalog, format, out, threads });
    return EXIT_OK;
  }
  const run = { engine: createEngine(catalog), format, out };
  if (stdin) await checkStream(io.stdin as unknown as import('node:stream').Readable, run);
  else await checkArgs(positionals, run);
  return EXIT_OK;
}

async function runScanEmail(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    brands: { type: 'string' }, format: { type: 'string' }, online: { type: 'boolean' },
    'anti-phishing-code': { type: 'string', multiple: true },
  });
  if (values['help'] === true) { io.stdout.write(USAGE); return EXIT_OK; }
  const requested = values['format'] ?? (io.stdout.isTTY === true ? 'table' : 'jsonl');
  if (requested !== 'jsonl' && requested !== 'table') throw new UsageError(`--format must be jsonl or table, not "${String(requested)}"`);
  if (positionals.length === 0) throw new UsageError('scan-email needs at least one PATH (a .eml file, a directory or an mbox file)');
  const codes: AntiPhishingCode[] = [];
  const rawCodes = values['anti-phishing-code'];
  for (const spec of Array.isArray(rawCodes) ? rawCodes : []) {
    const eq = typeof spec === 'string' ? spec.indexOf('=') : -1;
    if (typeof spec !== 'string' || eq <= 0 || eq === spec.length - 1) throw new UsageError(`--anti-phishing-code must be BRAND=PHRASE, not "${String(spec)}"`);
    codes.push({ brand: spec.slice(0, eq), phrase: spec.slice(eq + 1) });
  }
  const catalog = await loadCatalog(values['brands']);
  for (const code of codes) {
    if (!catalog.brands.some((b) => b.id === code.brand)) throw new UsageError(`--anti-phishing-code names brand "${code.brand}", which is not in the catalog`);
  }
  const format: ScanFormat = requested;
  const resolver = values['online'] === true ? await systemResolver() : undefined;
  const analyser = createMailAnalyser({ catalog, engine: createEngine(catalog), antiPhishingCodes: codes, ...(resolver === undefined ? {} : { resolver }) });
  await scanPaths(positionals, { analyser, format, out: io.stdout as unknown as import('node:stream').Writable });
  return EXIT_OK;
}

/** The system's DNS, as mailauth's resolver (online mode only; the analyser never opens a socket itself). */
async function systemResolver(): Promise<(name: string, rrtype: string) => Promise<string[][] | string[]>> {
  const { promises: dns } = await import('node:dns');
  return (name, rrtype) => dns.resolve(name, rrtype) as Promise<string[][] | string[]>;
}

async function runPermutations(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string' }, registered: { type: 'boolean' }, resolver: { type: 'string' }, concurrency: { type: 'string' },
    since: { type: 'string' },
  });
  if (values['help'] === true) { io.stdout.write(USAGE); return EXIT_OK; }
  const format = values['format'] ?? 'text';
  if (format !== 'text' && format !== 'jsonl') throw new UsageError(`--format must be text or jsonl, not "${String(format)}"`);
  if (positionals.length !== 1) throw new UsageError('permutations takes exactly one DOMAIN');
  const registered = values['registered'] === true;
  if (!registered && (values['resolver'] !== undefined || values['concurrency'] !== undefined || values['since'] !== undefined)) {
    throw new UsageError('--resolver, --concurrency and --since apply to --registered');
  }
  const resolver = registered ? resolverOf(str(values['resolver'])) : undefined;
  const concurrency = concurrencyOf(str(values['concurrency']));
  let candidates;
  try {
    candidates = generatePermutations(positionals[0] ?? '');
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  if (resolver !== undefined) {
    const since = str(values['since']);
    const known = since === undefined ? undefined : await knownDomains(since);
    const ended = await printRegistered(candidates, { resolver, concurrency, format, out: io.stdout, err: io.stderr, ...(known === undefined ? {} : { known }) });
    return ended === 'unreachable' ? EXIT_FAILURE : EXIT_OK;
  }
  const lines = candidates.map((p) => formatCandidate(p, format));
  io.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : '');
  return EXIT_OK;
}

async function knownDomains(path: string): Promise<Set<string>> {
  try {
    return await readKnownDomains(path);
  } catch (error) {
    throw new UsageError(`--since ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The resolver of `--resolver IP[:PORT][,…]`, or the system's. */
function resolverOf(spec: string | undefined): DnsResolver {
  const servers = spec === undefined ? [] : spec.split(',').map((server) => server.trim());
  try {
    return createResolver(servers);
  } catch {
    throw new UsageError(`--resolver takes IP addresses (IP, IP:PORT or [IPv6]:PORT, comma-separated), not "${spec ?? ''}"`);
  }
}

function concurrencyOf(spec: string | undefined): number {
  if (spec === undefined) return DEFAULT_DNS_CONCURRENCY;
  const n = Number(spec);
  if (!Number.isInteger(n) || n < 1 || n > MAX_DNS_CONCURRENCY) throw new UsageError(`--concurrency must be a whole number from 1 to ${MAX_DNS_CONCURRENCY}, not "${spec}"`);
  return n;
}

const PLATFORM_OPTIONS = {
  host: { type: 'string' }, port: { type: 'string' }, data: { type: 'string' }, config: { type: 'string' },
  brands: { type: 'string' },
} as const;

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function commonFlags(values: Record<string, unknown>): platform.CommonFlags {
  return { host: str(values['host']), port: str(values['port']), data: str(values['data']), config: str(values['config']), brands: str(values['brands']) };
}

async function readAll(stream: AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => { resolve(signal); };
    process.once('SIGTERM', () => { stop('SIGTERM'); });
    process.once('SIGINT', () => { stop('SIGINT'); });
  });
}

async function runPlatform(command: string, args: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = command === 'keys' || command === 'users' || command === 'audit' || command === 'config' ? args : ['', ...args];
  const { values } = parse(rest, {
    ...PLATFORM_OPTIONS, 'no-worker': { type: 'boolean' }, role: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' },
  });
  if (values['help'] === true) { io.stdout.write(USAGE); return EXIT_OK; }
  const pio: platform.PlatformIo = {
    stdout: io.stdout, stderr: io.stderr, env: process.env,
    readStdin: () => readAll(io.stdin),
    get stopSignal() { return stopSignal(); },
  };
  const flags = commonFlags(values);
  switch (`${command} ${sub ?? ''}`.trim()) {
    case 'serve': return platform.serve({ ...flags, worker: values['no-worker'] !== true }, pio);
    case 'worker': return platform.worker(flags, pio);
    case 'migrate': return platform.migrate(flags, pio);
    case 'keys create': return platform.createKey({ ...flags, role: str(values['role']), name: str(values['name']) }, pio);
    case 'users create': return platform.createUser({ ...flags, role: str(values['role']), email: str(values['email']) }, pio);
    case 'audit verify': return platform.auditVerify(flags, pio);
    case 'config print': return platform.configPrint(flags, pio);
    default: throw new UsageError(`unknown command "${command}${sub === undefined || sub === '' ? '' : ` ${sub}`}"`);
  }
}

/** Runs the CLI and returns its exit status. Never throws. */
export async function main(args: readonly string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'check': return await runCheck(rest, io);
      case 'permutations': return await runPermutations(rest, io);
      case 'scan-email': return await runScanEmail(rest, io);
      case 'serve': case 'worker': case 'migrate': case 'keys': case 'users': case 'audit': case 'config':
        return await runPlatform(command, rest, io);
      case '--version': case '-v': io.stdout.write(`hookwatch engine ${ENGINE_VERSION}\n`); return EXIT_OK;
      case undefined: case '--help': case '-h': case 'help': io.stdout.write(USAGE); return EXIT_OK;
      default: throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`hookwatch: ${error.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (error instanceof HookwatchError && (error.code.startsWith('HW_ERR_CATALOG_') || error.code === 'HW_ERR_CONFIG_INVALID')) {
      io.stderr.write(`hookwatch: ${error.code}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if ((error as { code?: unknown } | null)?.code === 'EPIPE') return EXIT_BROKEN_PIPE;
    io.stderr.write(`hookwatch: unexpected failure: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}
