/**
 * Test support: a DNS server on 127.0.0.1 (UDP) that answers from fixture zones, for code that resolves names. The
 * internet's DNS cannot run here; node's own resolver (c-ares) talks to this server as it would to any other.
 */
import { createSocket } from 'node:dgram';
import * as packet from 'dns-packet';

export interface FixtureRecords {
  readonly a?: readonly string[];
  readonly aaaa?: readonly string[];
  readonly ns?: readonly string[];
  readonly mx?: readonly { readonly exchange: string; readonly priority: number }[];
}

export interface FixtureZones {
  /** Names that exist, with their records (a name listed with none answers NOERROR and no data). */
  readonly names: Readonly<Record<string, FixtureRecords>>;
  /** Names answered SERVFAIL (a broken or lame delegation). */
  readonly servfail?: readonly string[];
  /** Names never answered (the client times out). */
  readonly silent?: readonly string[];
  /** Suffixes with wildcard DNS: any other name under one answers these A records. */
  readonly wildcard?: Readonly<Record<string, readonly string[]>>;
}

export interface FixtureDnsServer {
  /** `127.0.0.1:PORT`, for a resolver's servers. */
  readonly address: string;
  /** Every question asked, as `TYPE name`, in arrival order. */
  readonly questions: string[];
  close(): Promise<void>;
}

const RECURSION_FLAGS = packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE;
const RCODE_SERVFAIL = 2;
const RCODE_NXDOMAIN = 3;

export async function startDnsServer(zones: FixtureZones): Promise<FixtureDnsServer> {
  const socket = createSocket('udp4');
  const questions: string[] = [];
  socket.on('message', (message, peer) => {
    let query: packet.Packet;
    try {
      query = packet.decode(message);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (question === undefined) return;
    const name = question.name.toLowerCase();
    questions.push(`${question.type} ${name}`);
    if (zones.silent?.includes(name) === true) return;
    const reply = (rcode: number, answers: packet.Answer[]): void => {
      const response = packet.encode({ type: 'response', id: query.id ?? 0, flags: RECURSION_FLAGS | rcode, questions: [question], answers });
      socket.send(response, peer.port, peer.address);
    };
    if (zones.servfail?.includes(name) === true) { reply(RCODE_SERVFAIL, []); return; }
    const records = zones.names[name] ?? wildcardRecords(zones, name);
    if (records === undefined) { reply(RCODE_NXDOMAIN, []); return; }
    reply(0, answersOf(name, question.type, records));
  });
  await new Promise<void>((resolve) => { socket.bind(0, '127.0.0.1', resolve); });
  return {
    address: `127.0.0.1:${socket.address().port}`,
    questions,
    close: () => new Promise<void>((resolve) => { socket.close(() => { resolve(); }); }),
  };
}

function wildcardRecords(zones: FixtureZones, name: string): FixtureRecords | undefined {
  for (const [suffix, a] of Object.entries(zones.wildcard ?? {})) if (name.endsWith(`.${suffix}`)) return { a };
  return undefined;
}

function answersOf(name: string, type: string, records: FixtureRecords): packet.Answer[] {
  const ttl = 300;
  switch (type) {
    case 'A': return (records.a ?? []).map((data) => ({ type: 'A', name, ttl, data }));
    case 'AAAA': return (records.aaaa ?? []).map((data) => ({ type: 'AAAA', name, ttl, data }));
    case 'NS': return (records.ns ?? []).map((data) => ({ type: 'NS', name, ttl, data }));
    case 'MX': return (records.mx ?? []).map((mx) => ({ type: 'MX', name, ttl, data: { exchange: mx.exchange, preference: mx.priority } }));
    default: return [];
  }
}
