/**
 * `hookwatch permutations`: prints a domain's candidate lookalikes, and with --registered only those the DNS knows,
 * with their records (src/intel/registered.ts says how a name's status is decided).
 */
import { readFile, stat } from 'node:fs/promises';
import { PERMUTATION_TECHNIQUES, type Permutation } from '../engine/index.js';
import { lookUpRegistrations, UNREACHABLE_AFTER_NAMES, type DnsResolver, type Registration, type RegistrationStatus } from '../intel/registered.js';

export type PermutationsFormat = 'text' | 'jsonl';

/** Names of `unknown` candidates quoted in the summary; the rest are counted. */
const MAX_QUOTED_UNKNOWN = 10;
/** Largest --since file read (a year of daily runs over a large portfolio is a few megabytes). */
const MAX_SINCE_BYTES = 64 * 1024 * 1024;

const TECHNIQUES: ReadonlySet<string> = new Set(PERMUTATION_TECHNIQUES);

/**
 * The domains an earlier run printed (`--since FILE`): its output in either format, or one domain per line (`#`
 * starts a comment). A file that does not exist yet is an empty one, so a scheduled
 * `permutations --registered --since seen.jsonl --format jsonl D >> seen.jsonl` prints only what is new each time.
 * Throws a RangeError for a file over MAX_SINCE_BYTES or a JSON line without a `domain`.
 */
export async function readKnownDomains(path: string): Promise<Set<string>> {
  let text: string;
  try {
    if ((await stat(path)).size > MAX_SINCE_BYTES) throw new RangeError(`${path} is over ${MAX_SINCE_BYTES} bytes`);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return new Set();
    throw error;
  }
  const known = new Set<string>();
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('{')) {
      let domain: unknown;
      try {
        domain = (JSON.parse(line) as { domain?: unknown }).domain;
      } catch {
        domain = undefined;
      }
      if (typeof domain !== 'string') throw new RangeError(`${path} line ${i + 1}: a JSON line without a "domain"`);
      known.add(domain.toLowerCase());
      continue;
    }
    const words = line.split(/\s+/);
    const domain = TECHNIQUES.has(words[0] ?? '') && words.length > 1 ? words[1] : words[0];
    if (domain !== undefined) known.add(domain.toLowerCase());
  }
  return known;
}

interface Out {
  write(text: string): unknown;
}

export function formatCandidate(p: Permutation, format: PermutationsFormat): string {
  return format === 'jsonl' ? JSON.stringify(p) : `${p.technique.padEnd(20)} ${p.domain}${p.unicode !== p.domain ? `  (${p.unicode})` : ''}`;
}

export interface RegisteredOptions {
  readonly resolver: DnsResolver;
  readonly concurrency: number;
  readonly format: PermutationsFormat;
  readonly out: Out;
  /** Where the summary goes (how many were looked up, and which could not be told). */
  readonly err: Out;
  /** Domains printed before (readKnownDomains): registered ones among them are counted, not printed again. */
  readonly known?: ReadonlySet<string>;
}

/**
 * Looks every candidate up and prints the registered ones (but those in `known`) in the candidates' order, as they
 * are answered; then a summary on `err`. Returns `unreachable` (said on `err`) when the resolver answered none of the
 * first candidates.
 */
export async function printRegistered(candidates: readonly Permutation[], options: RegisteredOptions): Promise<'done' | 'unreachable'> {
  const { format, out, err } = options;
  const counts: Record<RegistrationStatus, number> = { registered: 0, unregistered: 0, wildcard: 0, unknown: 0 };
  const unknown: string[] = [];
  let knownBefore = 0;
  const ended = await lookUpRegistrations(candidates.map((p) => p.domain), {
    resolver: options.resolver,
    concurrency: options.concurrency,
    onResult: (index, registration) => {
      const candidate = candidates[index];
      if (candidate === undefined) return;
      counts[registration.status]++;
      if (registration.status === 'unknown') unknown.push(candidate.domain);
      if (registration.status !== 'registered') return;
      if (options.known?.has(candidate.domain) === true) knownBefore++;
      else out.write(`${formatRegistered(candidate, registration, format)}\n`);
    },
  });
  if (ended === 'unreachable') {
    err.write(`hookwatch: no DNS answer for the first ${UNREACHABLE_AFTER_NAMES} candidates: the resolver is unreachable or refuses to answer; check the machine's DNS or choose servers with --resolver IP\n`);
    return ended;
  }
  const quoted = unknown.slice(0, MAX_QUOTED_UNKNOWN).join(', ') + (unknown.length > MAX_QUOTED_UNKNOWN ? ', …' : '');
  const before = options.known === undefined ? '' : ` (${knownBefore} printed before, --since)`;
  err.write(`hookwatch: ${candidates.length} candidates looked up: ${counts.registered} registered${before}, ${counts.unregistered} unregistered, `
    + `${counts.wildcard} only the parent domain's wildcard answer, ${counts.unknown} unknown`
    + (unknown.length > 0 ? ` (no answer: SERVFAIL or timeout; run again or use another --resolver): ${quoted}` : '')
    + '\n');
  return 'done';
}

function formatRegistered(p: Permutation, registration: Registration, format: PermutationsFormat): string {
  const { records } = registration;
  if (format === 'jsonl') return JSON.stringify({ ...p, dns: records });
  const parts = ([['NS', records.ns], ['MX', records.mx], ['A', records.a], ['AAAA', records.aaaa]] as const)
    .filter(([, values]) => values.length > 0)
    .map(([type, values]) => `${type} ${values.join(', ')}`);
  return `${formatCandidate(p, 'text')}  ${parts.length > 0 ? parts.join('; ') : 'exists, no NS, MX or address records'}`;
}
