/** The run-time brand catalog: replace all, list, upsert one, delete one. */
import assert from '../test-assert.js';
import { after, before, describe, it } from 'node:test';
import type { Brand } from '../engine/types.js';
import { forEachStore, steppingClock } from './test-stores.js';
import type { TestStore } from './test-stores.js';

const PAYPAL: Brand = { id: 'paypal', name: 'PayPal', domains: ['paypal.com', 'paypal.me'], keywords: ['paypal'] };
const CHASE: Brand = { id: 'chase', name: 'Chase', domains: ['chase.com'], keywords: ['chase'], generic: true };
const HMRC: Brand = { id: 'hmrc', name: 'HM Revenue & Customs', domains: ['hmrc.gov.uk'], keywords: ['hmrc'] };

forEachStore((name, open) => {
  describe(`brands (${name})`, () => {
    let store: TestStore;
    before(async () => {
      store = await open({ now: steppingClock() });
    });
    after(() => store.close());

    it('replaces the catalog and lists it by id', async () => {
      await store.brands.replaceAll([PAYPAL, CHASE]);
      const at = new Date('2025-01-01T00:00:00.000Z');
      assert.deepEqual(await store.brands.list(), [
        { ...CHASE, generic: true, updatedAt: at },
        { ...PAYPAL, generic: false, updatedAt: at },
      ]);
      await store.brands.replaceAll([HMRC]);
      assert.deepEqual((await store.brands.list()).map((brand) => brand.id), ['hmrc']);
    });

    it('replaces a catalog larger than one insert batch', async () => {
      const many = Array.from({ length: 1234 }, (_, i) => ({ ...PAYPAL, id: `brand-${String(i).padStart(4, '0')}` }));
      await store.brands.replaceAll(many);
      assert.equal((await store.brands.list()).length, 1234);
    });

    it('changes its fingerprint when the catalog changes, and only then', async () => {
      await store.brands.replaceAll([PAYPAL]);
      const first = await store.brands.fingerprint();
      assert.equal(await store.brands.fingerprint(), first);
      await store.brands.upsert(CHASE);
      const second = await store.brands.fingerprint();
      assert.notEqual(second, first);
      await store.brands.replaceAll([]);
      assert.equal(await store.brands.fingerprint(), '0@');
    });

    it('upserts and deletes one brand', async () => {
      await store.brands.replaceAll([PAYPAL]);
      await store.brands.upsert(CHASE);
      await store.brands.upsert({ ...PAYPAL, name: 'PayPal Inc.', domains: ['paypal.com'] });
      const paypal = await store.brands.get('paypal');
      assert.equal(paypal?.name, 'PayPal Inc.');
      assert.deepEqual(paypal.domains, ['paypal.com']);
      assert.equal(await store.brands.delete('chase'), true);
      assert.equal(await store.brands.delete('chase'), false);
      assert.deepEqual((await store.brands.list()).map((brand) => brand.id), ['paypal']);
    });

    it('leaves the catalog untouched when a replacement fails', async () => {
      await assert.rejects(store.brands.replaceAll([HMRC, { ...CHASE, name: 'bad\0name' }]), {
        code: 'HW_ERR_INPUT_ENCODING',
      });
      await assert.rejects(store.brands.replaceAll([HMRC, HMRC]));
      assert.deepEqual((await store.brands.list()).map((brand) => brand.id), ['paypal']);
    });
  });
});
