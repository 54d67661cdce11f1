/**
 * Which lookalike domains exist: node's own resolver against a fixture DNS server on 127.0.0.1 (test-dns-server.ts),
 * and the status rules as properties over every combination of answers.
 */
import { after, before, describe, test } from 'node:test';
import assert from '../test-assert.js';
import fc from 'fast-check';
import { classify, createResolver, lookUpRegistrations, MAX_RECORDS_PER_TYPE, UNREACHABLE_AFTER_NAMES, type Answer, type Registration } from './registered.js';
import { startDnsServer, type FixtureDnsServer } from './test-dns-server.js';

const manyAddresses = Array.from({ length: 40 }, (_, i) => `198.51.100.${i + 1}`);

describe('lookUpRegistrations against a DNS server', () => {
  let server: FixtureDnsServer;
  before(async () => {
    server = await startDnsServer({
      names: {
        'paypa1.com': { ns: ['ns1.parking.example', 'NS2.Parking.Example'], a: ['192.0.2.10'] },
        'paypal-login.com': { a: ['192.0.2.20'], mx: [{ exchange: 'mx.paypal-login.com', priority: 10 }] },
        'paypall.com': { aaaa: ['2001:db8::1'] },
        'paypai.com': {},
        'paypal.ws.bad': { ns: ['ns.paypal-ws.example'] },
        'many.com': { a: manyAddresses },
      },
      servfail: ['paypa.com'],
      silent: ['pay-pal.com'],
      wildcard: { ws: ['203.0.113.7'] },
    });
  });
  after(async () => { await server.close(); });

  async function lookUp(names: readonly string[], concurrency = 4): Promise<{ order: number[]; results: Registration[] }> {
    const order: number[] = [];
    const results: Registration[] = [];
    // A short timeout and one try: the silent name must end the run quickly.
    const resolver = createResolver([server.address], 300, 1);
    await lookUpRegistrations(names, { resolver, concurrency, onResult: (index, registration) => { order.push(index); results[index] = registration; } });
    return { order, results };
  }

  test('each name gets the status its answers give, with its records', async () => {
    const names = ['paypa1.com', 'paypal-login.com', 'paypall.com', 'paypai.com', 'paypaq.com', 'paypa.com', 'pay-pal.com', 'paypal.ws', 'paypal.ws.bad'];
    const { results } = await lookUp(names);
    const status = Object.fromEntries(names.map((name, i) => [name, results[i]?.status]));
    assert.deepEqual(status, {
      'paypa1.com': 'registered', // a delegation
      'paypal-login.com': 'registered', // mail and an address
      'paypall.com': 'registered', // an IPv6 address only
      'paypai.com': 'registered', // exists, no records of these types
      'paypaq.com': 'unregistered', // NXDOMAIN
      'paypa.com': 'unknown', // SERVFAIL is no answer, not registration
      'pay-pal.com': 'unknown', // timeout
      'paypal.ws': 'wildcard', // only what any name under .ws gets
      'paypal.ws.bad': 'registered',
    });
    assert.deepEqual(results[0]?.records, { ns: ['ns1.parking.example', 'ns2.parking.example'], mx: [], a: ['192.0.2.10'], aaaa: [] });
    assert.deepEqual(results[1]?.records.mx, ['10 mx.paypal-login.com']);
    assert.deepEqual(results[5]?.failures, ['ESERVFAIL']);
    assert.deepEqual(results[6]?.failures, ['ETIMEOUT']);
    assert.deepEqual(results[4]?.failures, []);
  });

  test('results come in the order of the names, whatever order the answers arrive in', async () => {
    // The silent name answers last (after its timeout); every name after it waits for it.
    const names = ['pay-pal.com', 'paypa1.com', 'paypaq.com', 'paypall.com', 'paypai.com'];
    const { order, results } = await lookUp(names, 5);
    assert.deepEqual(order, [0, 1, 2, 3, 4]);
    assert.equal(results[0]?.status, 'unknown');
  });

  test('each parent domain is probed for a wildcard once, with a random name', async () => {
    server.questions.length = 0;
    await lookUp(['paypal.ws', 'paypa1.ws', 'paypai.ws', 'paypaq.com', 'paypa2.com']);
    const probes = server.questions.filter((q) => /^A [a-z]{24}\./.test(q));
    assert.deepEqual(probes.map((q) => q.slice(q.indexOf('.') + 1)).sort(), ['com', 'ws']);
  });

  test(`an answer of hundreds of records keeps ${MAX_RECORDS_PER_TYPE}`, async () => {
    const { results } = await lookUp(['many.com']);
    assert.equal(results[0]?.records.a.length, MAX_RECORDS_PER_TYPE);
  });

  test(`a resolver that answers none of the first ${UNREACHABLE_AFTER_NAMES} names is unreachable: the look-ups stop`, async () => {
    const silent = Array.from({ length: 40 }, (_, i) => `silent${i}.example`);
    const quiet = await startDnsServer({ names: {}, silent });
    try {
      const seen: number[] = [];
      const resolver = createResolver([quiet.address], 200, 1);
      const ended = await lookUpRegistrations(silent, { resolver, concurrency: 8, onResult: (index) => { seen.push(index); } });
      assert.equal(ended, 'unreachable');
      assert.deepEqual(seen, Array.from({ length: UNREACHABLE_AFTER_NAMES - 1 }, (_, i) => i));
      // Nothing listening at all (a closed port): refused, the same.
      const closed = createResolver(['127.0.0.1:9'], 200, 1);
      assert.equal(await lookUpRegistrations(silent, { resolver: closed, onResult: () => undefined }), 'unreachable');
      // A list no longer than that is looked up to its end, every name said.
      const few = silent.slice(0, UNREACHABLE_AFTER_NAMES);
      const statuses: string[] = [];
      assert.equal(await lookUpRegistrations(few, { resolver, concurrency: 8, onResult: (_, r) => { statuses.push(r.status); } }), 'done');
      assert.deepEqual(statuses, few.map(() => 'unknown'));
    } finally {
      await quiet.close();
    }
  });

  test('one answer before the unanswered names keeps the look-ups going to the end', async () => {
    const silent = Array.from({ length: 30 }, (_, i) => `silent${i}.example`);
    const quiet = await startDnsServer({ names: { 'answered.example': { a: ['192.0.2.1'] } }, silent });
    try {
      const statuses: string[] = [];
      const resolver = createResolver([quiet.address], 200, 1);
      const ended = await lookUpRegistrations(['answered.example', ...silent], { resolver, concurrency: 8, onResult: (_, r) => { statuses.push(r.status); } });
      assert.equal(ended, 'done');
      assert.deepEqual(statuses, ['registered', ...silent.map(() => 'unknown')]);
    } finally {
      await quiet.close();
    }
  });

  test('no names: no queries, no results', async () => {
    server.questions.length = 0;
    const { order } = await lookUp([]);
    assert.deepEqual(order, []);
    assert.deepEqual(server.questions, []);
  });
});

describe('classify', () => {
  const answer: fc.Arbitrary<Answer> = fc.oneof(
    fc.constant<Answer>({ kind: 'nxdomain' }),
    fc.constant<Answer>({ kind: 'nodata' }),
    fc.constantFrom<Answer>({ kind: 'failure', code: 'ESERVFAIL' }, { kind: 'failure', code: 'ETIMEOUT' }),
    fc.array(fc.constantFrom('192.0.2.1', '203.0.113.7', '2001:db8::7'), { minLength: 1, maxLength: 3 }).map((values): Answer => ({ kind: 'records', values })),
  );
  const answers = fc.record({ ns: answer, mx: answer, a: answer, aaaa: answer });
  const wildcard = fc.subarray(['203.0.113.7', '2001:db8::7']).map((values) => new Set(values));

  test('a delegation or a mail exchanger is registration, whatever else', () => {
    fc.assert(fc.property(answers, wildcard, (a, w) => {
      if (a.ns.kind === 'records' || a.mx.kind === 'records') assert.equal(classify(a, w), 'registered');
    }));
  });

  test('without any records or an existing name, never registered: NXDOMAIN is unregistered, failures alone unknown', () => {
    const negative = fc.oneof(fc.constant<Answer>({ kind: 'nxdomain' }), fc.constantFrom<Answer>({ kind: 'failure', code: 'ESERVFAIL' }, { kind: 'failure', code: 'ETIMEOUT' }));
    fc.assert(fc.property(fc.record({ ns: negative, mx: negative, a: negative, aaaa: negative }), wildcard, (a, w) => {
      const all = [a.ns, a.mx, a.a, a.aaaa];
      assert.equal(classify(a, w), all.some((x) => x.kind === 'nxdomain') ? 'unregistered' : 'unknown');
    }));
  });

  test('addresses alone are registration unless every one is the wildcard answer', () => {
    fc.assert(fc.property(answers, wildcard, (a, w) => {
      if (a.ns.kind === 'records' || a.mx.kind === 'records') return;
      const addresses = [a.a, a.aaaa].flatMap((x) => (x.kind === 'records' ? x.values : []));
      if (addresses.length === 0) return;
      assert.equal(classify(a, w), addresses.every((x) => w.has(x)) ? 'wildcard' : 'registered');
    }));
  });
});

describe('createResolver', () => {
  test('a server that is no IP address is refused', () => {
    assert.throws(() => createResolver(['dns.example']));
    assert.doesNotThrow(() => createResolver(['127.0.0.1:5353', '[::1]:53', '9.9.9.9']));
  });
});
