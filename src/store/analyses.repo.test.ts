/** Analyses: recorded against a report or an indicator, with the engine version and the result JSON. */
import assert from '../test-assert.js';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { forEachStore, steppingClock } from './test-stores.js';
import type { TestStore } from './test-stores.js';

forEachStore((name, open) => {
  describe(`analyses (${name})`, () => {
    let store: TestStore;
    let reportId: string;
    let indicatorId: string;
    before(async () => {
      store = await open({ now: steppingClock() });
      const created = await store.reports.create({
        url: 'http://paypa1.example/',
        payloadHash: createHash('sha256').update('p').digest('hex'),
        actor: 'public',
      });
      assert.ok(!created.conflict);
      reportId = created.id;
      ({ id: indicatorId } = await store.indicators.upsert({
        key: 'http://paypa1.example/',
        kind: 'url',
        value: 'http://paypa1.example/',
        host: 'paypa1.example',
        domain: 'paypa1.example',
        verdict: 'phishing',
        score: 91,
        brand: 'paypal',
        signals: [],
        seenAt: new Date('2025-01-01T00:00:00.000Z'),
      }));
    });
    after(() => store.close());

    it('records analyses and lists them per subject, oldest first', async () => {
      const result = { verdict: 'phishing', score: 91, signals: [{ kind: 'typosquat', detail: 'a\0b', weight: 60 }] };
      const first = await store.analyses.record({ reportId, indicatorId, engineVersion: '0.1.0', result });
      const second = await store.analyses.record({ reportId, engineVersion: '0.2.0', result: { verdict: 'benign' } });
      const forReport = await store.analyses.list({ reportId });
      assert.deepEqual(forReport.map((analysis) => analysis.id), [first.id, second.id]);
      assert.deepEqual(forReport[0], {
        id: first.id,
        reportId,
        indicatorId,
        engineVersion: '0.1.0',
        result,
        createdAt: forReport[0]?.createdAt,
      });
      assert.deepEqual((await store.analyses.list({ indicatorId })).map((analysis) => analysis.id), [first.id]);
    });

    it('refuses an analysis of a subject that does not exist', async () => {
      await assert.rejects(store.analyses.record({ reportId: 'missing', engineVersion: '0.1.0', result: {} }));
    });
  });
});
