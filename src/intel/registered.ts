/**
 * Which lookalike domains exist: the DNS look-ups behind `hookwatch permutations --registered`, as dnstwist's
 * `--registered`, with what its users asked of it (../shared/ANCHORS.md):
 * - a SERVFAIL or a timeout is `unknown`, never `registered` (dnstwist #136, #154, #221: unregistered names reported
 *   as registered on resolver failures);
 * - each parent domain (`com` of `paypa1.com`, `ypal.com` of `pa.ypal.com`) is probed once for wildcard DNS with a
 *   random name, and a candidate whose only answers are that wildcard's addresses is `wildcard`, not `registered`
 *   (#163);
 * - the resolvers are the caller's choice (Watcher #24: the load wants resolvers of its own).
 *
 * A name is `registered` when the DNS knows it: a delegation (NS), a mail exchanger, addresses other than its
 * parent domain's wildcard answer, or an existing name with no records of these types. `unregistered` is an NXDOMAIN.
 */
import { Resolver } from 'node:dns/promises';
import { randomInt } from 'node:crypto';

/** Initial wait for one DNS answer (node's resolver backs off on each retry). */
export const DNS_TIMEOUT_MS = 2000;
/** Attempts per query and server before a name is `unknown`. */
export const DNS_TRIES = 2;
/** Names looked up at once by default (four queries each: NS, MX, A, AAAA). */
export const DEFAULT_DNS_CONCURRENCY = 16;
/** Upper bound of --concurrency: a public resolver rate-limits well before this. */
export const MAX_DNS_CONCURRENCY = 128;
/** Records kept per type and name: an attacker's zone may answer hundreds. */
export const MAX_RECORDS_PER_TYPE = 8;
/**
 * When this many names in a row from the first have no answer at all (`unknown`), the resolver is taken to be
 * unreachable and the look-ups stop: a machine without working DNS would otherwise wait DNS_TIMEOUT_MS for each
 * of hundreds of names, saying nothing.
 */
export const UNREACHABLE_AFTER_NAMES = 16;
/** Letters of the random name that probes a parent domain for wildcard DNS (no real name is that). */
const WILDCARD_PROBE_LETTERS = 24;

export type RegistrationStatus = 'registered' | 'unregistered' | 'wildcard' | 'unknown';

export interface DnsRecords {
  readonly ns: readonly string[];
  /** `PRIORITY EXCHANGE`, as zone files write it. */
  readonly mx: readonly string[];
  readonly a: readonly string[];
  readonly aaaa: readonly string[];
}

export interface Registration {
  readonly status: RegistrationStatus;
  readonly records: DnsRecords;
  /** For `unknown`: the resolver's error codes (`ESERVFAIL`, `ETIMEOUT` …). */
  readonly failures: readonly string[];
}

/** What the look-ups need of node's `dns.promises.Resolver` (which createResolver() makes). */
export interface DnsResolver {
  resolveNs(name: string): Promise<string[]>;
  resolveMx(name: string): Promise<{ exchange: string; priority: number }[]>;
  resolve4(name: string): Promise<string[]>;
  resolve6(name: string): Promise<string[]>;
  /** Ends every query in flight (they fail with ECANCELLED). */
  cancel(): void;
}

/**
 * A resolver that asks `servers` (`IP`, `IP:PORT`, `[IPv6]:PORT`), or the system's when none are given. Throws a
 * TypeError naming a server that is no IP address.
 */
export function createResolver(servers: readonly string[] = [], timeoutMs = DNS_TIMEOUT_MS, tries = DNS_TRIES): DnsResolver {
  const resolver = new Resolver({ timeout: timeoutMs, tries });
  if (servers.length > 0) resolver.setServers(servers);
  return resolver;
}

/** One query's outcome. */
export type Answer =
  | { readonly kind: 'records'; readonly values: readonly string[] }
  | { readonly kind: 'nxdomain' }
  | { readonly kind: 'nodata' }
  | { readonly kind: 'failure'; readonly code: string };

export interface Answers {
  readonly ns: Answer;
  readonly mx: Answer;
  readonly a: Answer;
  readonly aaaa: Answer;
}

/** A name's status from its four answers and the addresses its parent's wildcard answers with (none: empty). */
export function classify(answers: Answers, wildcard: ReadonlySet<string>): RegistrationStatus {
  if (answers.ns.kind === 'records' || answers.mx.kind === 'records') return 'registered';
  const addresses = [...valuesOf(answers.a), ...valuesOf(answers.aaaa)];
  if (addresses.length > 0) return addresses.every((address) => wildcard.has(address)) ? 'wildcard' : 'registered';
  const all = [answers.ns, answers.mx, answers.a, answers.aaaa];
  if (all.some((answer) => answer.kind === 'nodata')) return 'registered';
  return all.some((answer) => answer.kind === 'nxdomain') ? 'unregistered' : 'unknown';
}

export interface LookUpOptions {
  readonly resolver: DnsResolver;
  readonly concurrency?: number;
  /** Called once per name, in the order of `names`, as soon as it and every name before it are answered. */
  readonly onResult: (index: number, registration: Registration) => void;
}

/**
 * Looks up every name (ASCII, as candidates are: IDN as punycode), `concurrency` names at a time. Returns
 * `unreachable`, having stopped, when the first UNREACHABLE_AFTER_NAMES names (of a longer list) all went unanswered.
 */
export async function lookUpRegistrations(names: readonly string[], options: LookUpOptions): Promise<'done' | 'unreachable'> {
  const { resolver, onResult } = options;
  const concurrency = Math.max(1, Math.min(options.concurrency ?? DEFAULT_DNS_CONCURRENCY, MAX_DNS_CONCURRENCY));
  const wildcards = new Map<string, Promise<ReadonlySet<string>>>();
  const wildcardOf = (name: string): Promise<ReadonlySet<string>> => {
    const parent = name.slice(name.indexOf('.') + 1);
    let probe = wildcards.get(parent);
    if (probe === undefined) {
      probe = probeWildcard(resolver, parent);
      wildcards.set(parent, probe);
    }
    return probe;
  };
  const done: (Registration | undefined)[] = new Array<Registration | undefined>(names.length);
  let emitted = 0;
  let next = 0;
  let unanswered = 0; // names in a row from the first that got no answer
  let unreachable = false;
  // Read through a call: another worker may set it while this one awaits, which narrowing cannot see.
  const stopped = (): boolean => unreachable;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < names.length && !stopped(); i = next++) {
      const name = names[i] ?? '';
      const [answers, wildcard] = await Promise.all([askAll(resolver, name), wildcardOf(name)]);
      if (stopped()) return;
      done[i] = registrationOf(answers, wildcard);
      for (let r = done[emitted]; r !== undefined; r = done[emitted]) {
        done[emitted] = undefined;
        if (unanswered === emitted && r.status === 'unknown') unanswered++;
        if (unanswered === UNREACHABLE_AFTER_NAMES && names.length > UNREACHABLE_AFTER_NAMES) {
          unreachable = true;
          resolver.cancel();
          break;
        }
        onResult(emitted++, r);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, names.length) }, worker));
  return stopped() ? 'unreachable' : 'done';
}

function registrationOf(answers: Answers, wildcard: ReadonlySet<string>): Registration {
  const status = classify(answers, wildcard);
  const records = { ns: valuesOf(answers.ns), mx: valuesOf(answers.mx), a: valuesOf(answers.a), aaaa: valuesOf(answers.aaaa) };
  if (status !== 'unknown') return { status, records, failures: [] };
  const codes = [answers.ns, answers.mx, answers.a, answers.aaaa].flatMap((answer) => (answer.kind === 'failure' ? [answer.code] : []));
  return { status, records, failures: [...new Set(codes)] };
}

async function askAll(resolver: DnsResolver, name: string): Promise<Answers> {
  const [ns, mx, a, aaaa] = await Promise.all([
    ask(resolver.resolveNs(name), (host) => host.toLowerCase()),
    ask(resolver.resolveMx(name), (mx) => `${mx.priority} ${mx.exchange.toLowerCase()}`),
    ask(resolver.resolve4(name), (address) => address),
    ask(resolver.resolve6(name), (address) => address),
  ]);
  return { ns, mx, a, aaaa };
}

async function ask<T>(query: Promise<T[]>, show: (value: T) => string): Promise<Answer> {
  try {
    const values = await query;
    return values.length === 0 ? { kind: 'nodata' } : { kind: 'records', values: values.slice(0, MAX_RECORDS_PER_TYPE).map(show) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOTFOUND') return { kind: 'nxdomain' };
    if (code === 'ENODATA') return { kind: 'nodata' };
    return { kind: 'failure', code: typeof code === 'string' ? code : 'EUNKNOWN' };
  }
}

/** The addresses a random name under `parent` gets: its wildcard answer (none: an empty set). */
async function probeWildcard(resolver: DnsResolver, parent: string): Promise<ReadonlySet<string>> {
  if (parent === '') return new Set();
  let label = '';
  for (let i = 0; i < WILDCARD_PROBE_LETTERS; i++) label += String.fromCharCode(97 + randomInt(26));
  const name = `${label}.${parent}`;
  const [a, aaaa] = await Promise.all([ask(resolver.resolve4(name), (x) => x), ask(resolver.resolve6(name), (x) => x)]);
  return new Set([...valuesOf(a), ...valuesOf(aaaa)]);
}

function valuesOf(answer: Answer): readonly string[] {
  return answer.kind === 'records' ? answer.values : [];
}
