/**
 * `hookwatch permutations`: prints a domain's candidate lookalikes, and with --registered only those the DNS knows,
 * with their records (src/intel/registered.ts says how a name's status is decided).
 */
import type { Permutation } from '../engine/index.js';
import { lookUpRegistrations, type DnsResolver, type Registration, type RegistrationStatus } from '../intel/registered.js';

export type PermutationsFormat = 'text' | 'jsonl';

/** Names of `unknown` candidates quoted in the summary; the rest are counted. */
const MAX_QUOTED_UNKNOWN = 10;

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
}

/**
 * Looks every candidate up and prints the registered ones in the candidates' order, as they are answered; then a
 * summary on `err`. Returns the counts per status.
 */
export async function printRegistered(candidates: readonly Permutation[], options: RegisteredOptions): Promise<Record<RegistrationStatus, number>> {
  const { format, out, err } = options;
  const counts: Record<RegistrationStatus, number> = { registered: 0, unregistered: 0, wildcard: 0, unknown: 0 };
  const unknown: string[] = [];
  await lookUpRegistrations(candidates.map((p) => p.domain), {
    resolver: options.resolver,
    concurrency: options.concurrency,
    onResult: (index, registration) => {
      const candidate = candidates[index];
      if (candidate === undefined) return;
      counts[registration.status]++;
      if (registration.status === 'unknown') unknown.push(candidate.domain);
      if (registration.status === 'registered') out.write(`${formatRegistered(candidate, registration, format)}\n`);
    },
  });
  const quoted = unknown.slice(0, MAX_QUOTED_UNKNOWN).join(', ') + (unknown.length > MAX_QUOTED_UNKNOWN ? ', …' : '');
  err.write(`hookwatch: ${candidates.length} candidates looked up: ${counts.registered} registered, ${counts.unregistered} unregistered, `
    + `${counts.wildcard} only the parent domain's wildcard answer, ${counts.unknown} unknown`
    + (unknown.length > 0 ? ` (no answer: SERVFAIL or timeout; run again or use another --resolver): ${quoted}` : '')
    + '\n');
  return counts;
}

function formatRegistered(p: Permutation, registration: Registration, format: PermutationsFormat): string {
  const { records } = registration;
  if (format === 'jsonl') return JSON.stringify({ ...p, dns: records });
  const parts = ([['NS', records.ns], ['MX', records.mx], ['A', records.a], ['AAAA', records.aaaa]] as const)
    .filter(([, values]) => values.length > 0)
    .map(([type, values]) => `${type} ${values.join(', ')}`);
  return `${formatCandidate(p, 'text')}  ${parts.length > 0 ? parts.join('; ') : 'exists, no NS, MX or address records'}`;
}
