/**
 * Indicators: deduplication on the key (also for keys too long for a PG b-tree), first/last seen and report counts,
 * the newest-first cursor pagination (no duplicates, no misses, stable order), filters, decisions with their audit
 * entry, and cursors a client made up.
 */
import assert from '../test-assert.js';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Signal } from '../engine/types.js';
import type { Indicator, IndicatorSighting } from './indicators.repo.js';
import { decodeCursor, encodeCursor } from './paging.js';
import { HookwatchError } from '../errors.js';
import { forEachStore, steppingClock } from './test-stores.js';
import type { TestStore } from './test-stores.js';

const SIGNALS: readonly Signal[] = [{ kind: 'typosquat', detail: 'paypa1 ~ paypal (1 substitution)', weight: 60 }];

function sighting(key: string, seenAt: string, fields: Partial<IndicatorSighting> = {}): IndicatorSighting {
  return {
    key,
    kind: 'url',
    value: key,
    host: 'paypa1.example',
    domain: 'paypa1.example',
    verdict: 'phishing',
    score: 91,
    brand: 'paypal',
    signals: SIGNALS,
    seenAt: new Date(seenAt),
    ...fields,
  };
}

/** Every page of a listing, following cursors. */
async function allPages(store: TestStore, limit: number): Promise<Indicator[][]> {
  const pages: Indicator[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.indicators.list({ limit, ...(cursor === undefined ? {} : { cursor }) });
    pages.push([...page.items]);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return pages;
}

/** Newest first, ties by id descending (the listing's documented order). */
function byLastSeenDesc(a: Indicator, b: Indicator): number {
  const at = b.lastSeen.getTime() - a.lastSeen.getTime();
  return at !== 0 ? at : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function isCursorError(error: unknown): boolean {
  return error instanceof HookwatchError && error.code === 'HW_ERR_INPUT_CURSOR';
}

forEachStore((name, open) => {
  describe(`indicators (${name})`, () => {
    let store: TestStore;
    before(async () => {
      store = await open({ now: steppingClock() });
    });
    after(() => store.close());

    it('deduplicates on the key, counting reports and widening first/last seen', async () => {
      const first = await store.indicators.upsert(sighting('http://paypa1.example/a', '2025-03-02T00:00:00.000Z'));
      assert.equal(first.created, true);
      const later = await store.indicators.upsert(
        sighting('http://paypa1.example/a', '2025-03-05T00:00:00.000Z', { verdict: 'suspicious', score: 40 }),
      );
      const earlier = await store.indicators.upsert(sighting('http://paypa1.example/a', '2025-03-01T00:00:00.000Z'));
      assert.deepEqual([later, earlier], [{ id: first.id, created: false }, { id: first.id, created: false }]);
      const stored = await store.indicators.get(first.id);
      assert.deepEqual(stored, {
        id: first.id,
        key: 'http://paypa1.example/a',
        kind: 'url',
        value: 'http://paypa1.example/a',
        host: 'paypa1.example',
        domain: 'paypa1.example',
        verdict: 'phishing',
        score: 91,
        brand: 'paypal',
        signals: SIGNALS,
        firstSeen: new Date('2025-03-01T00:00:00.000Z'),
        lastSeen: new Date('2025-03-05T00:00:00.000Z'),
        reportCount: 3,
        status: 'new',
      });
    });

    it('deduplicates a 100 kB key and stores hostile text verbatim', async () => {
      const long = `http://evil.example/${'x'.repeat(100_000)}`;
      const a = await store.indicators.upsert(sighting(long, '2025-03-01T00:00:00.000Z'));
      const b = await store.indicators.upsert(sighting(long, '2025-03-01T00:00:01.000Z'));
      assert.equal(b.id, a.id);
      assert.equal((await store.indicators.get(a.id))?.key, long);
      const hostile = "http://x.example/'); DROP TABLE indicators;--";
      const signals: Signal[] = [{ kind: 'lure-word', detail: 'nul \0 and \uD800 inside JSON', weight: 5 }];
      const c = await store.indicators.upsert(sighting(hostile, '2025-03-01T00:00:00.000Z', { signals }));
      const stored = await store.indicators.get(c.id);
      assert.equal(stored?.key, hostile);
      assert.deepEqual(stored.signals, signals);
    });

    it('refuses unstorable text and out-of-range scores', async () => {
      await assert.rejects(store.indicators.upsert(sighting('http://a.example/\0', '2025-03-01T00:00:00.000Z')), {
        code: 'HW_ERR_INPUT_ENCODING',
        details: { field: 'key' },
      });
      await assert.rejects(
        store.indicators.upsert(sighting('http://a.example/', '2025-03-01T00:00:00.000Z', { score: 101 })),
        RangeError,
      );
    });

    it('records a decision with its note in the audit log', async () => {
      const { id } = await store.indicators.upsert(sighting('http://decide.example/', '2025-03-01T00:00:00.000Z'));
      const decided = await store.indicators.decide({ id, status: 'confirmed_phishing', note: 'kit seen', actor: 'user:7' });
      assert.equal(decided?.status, 'confirmed_phishing');
      assert.equal((await store.indicators.get(id))?.status, 'confirmed_phishing');
      const [entry] = await store.audit.list({ target: `indicator:${id}`, limit: 5 });
      assert.equal(entry?.action, 'indicator.decided');
      assert.equal(entry.actor, 'user:7');
      assert.deepEqual(entry.details, { status: 'confirmed_phishing', note: 'kit seen' });
      assert.equal(await store.indicators.decide({ id: 'missing', status: 'benign', actor: 'user:7' }), undefined);
      assert.equal((await store.audit.verify()).ok, true);
    });
  });

  describe(`indicator feed pagination (${name})`, () => {
    let store: TestStore;
    before(async () => {
      store = await open({ now: steppingClock() });
      // 25 indicators over 5 instants: ties in last_seen must be ordered (and paged) by id.
      for (let i = 0; i < 25; i++) {
        const at = `2025-04-0${1 + (i % 5)}T12:00:00.000Z`;
        await store.indicators.upsert(
          sighting(`http://page.example/${i}`, at, {
            brand: i % 2 === 0 ? 'paypal' : 'chase',
            verdict: i % 3 === 0 ? 'suspicious' : 'phishing',
          }),
        );
      }
    });
    after(() => store.close());

    it('pages 25 rows by 10 newest first, with no duplicates, no misses and a stable order', async () => {
      const pages = await allPages(store, 10);
      assert.deepEqual(pages.map((page) => page.length), [10, 10, 5]);
      const rows = pages.flat();
      assert.equal(new Set(rows.map((row) => row.id)).size, 25);
      assert.deepEqual(rows.map((row) => row.id), [...rows].sort(byLastSeenDesc).map((row) => row.id));
      assert.deepEqual(await allPages(store, 10), pages);
      const byOnes = (await allPages(store, 1)).flat();
      assert.deepEqual(byOnes.map((row) => row.id), rows.map((row) => row.id));
    });

    it('filters by status, brand, verdict and a time window', async () => {
      const paypal = await store.indicators.list({ brand: 'paypal', limit: 100 });
      assert.equal(paypal.items.length, 13);
      assert.ok(paypal.items.every((row) => row.brand === 'paypal'));
      const suspicious = await store.indicators.list({ verdict: 'suspicious', limit: 100 });
      assert.equal(suspicious.items.length, 9);
      const window = await store.indicators.list({
        since: new Date('2025-04-02T12:00:00.000Z'),
        until: new Date('2025-04-04T12:00:00.000Z'),
        limit: 100,
      });
      assert.equal(window.items.length, 10);
      assert.equal((await store.indicators.list({ status: 'benign', limit: 100 })).items.length, 0);
      const page = await store.indicators.list({ brand: 'chase', limit: 5 });
      const next = await store.indicators.list({ brand: 'chase', limit: 5, cursor: page.nextCursor ?? '' });
      assert.ok([...page.items, ...next.items].every((row) => row.brand === 'chase'));
      assert.equal(page.items.length + next.items.length, 10);
    });

    it('refuses cursors it did not make, and limits outside 1..500', async () => {
      for (const cursor of ['', 'garbage', encodeCursor({ at: 'yesterday', id: 'x' }), 'W10', 'bnVsbA']) {
        await assert.rejects(store.indicators.list({ limit: 10, cursor }), isCursorError);
      }
      await assert.rejects(store.indicators.list({ limit: 0 }), RangeError);
      await assert.rejects(store.indicators.list({ limit: 501 }), RangeError);
    });
  });
});

describe('indicator cursors', () => {
  it('decode what they encode', () => {
    const position = { at: '2025-04-01T12:00:00.000Z', id: '0b8f6a36-5e0a-4c55-9a3e-1f1c2b3d4e5f' };
    assert.deepEqual(decodeCursor(encodeCursor(position)), position);
  });

  it('refuse any other string with the cursor error (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        assert.throws(() => decodeCursor(text), isCursorError);
      }),
    );
  });
});
