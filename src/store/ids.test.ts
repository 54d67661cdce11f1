/** Row ids: RFC 9562 UUIDv7, time-ordered across milliseconds, distinct, with 74 random bits. */
import assert from '../test-assert.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { newId } from './ids.js';

const UUID7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function millisOf(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

describe('newId', () => {
  it('is a UUIDv7 whose first 48 bits are the current Unix time in ms', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    assert.match(id, UUID7);
    assert.ok(millisOf(id) >= before && millisOf(id) <= after, `${id} is not stamped between ${before} and ${after}`);
  });

  it('gives distinct ids, over more than one pool of random bytes', () => {
    const ids = Array.from({ length: 10_000 }, () => newId());
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, UUID7);
    // Within one millisecond the order is random: the random part differs in many positions.
    const tails = new Set(ids.map((id) => id.slice(-12)));
    assert.equal(tails.size, ids.length);
  });

  it('sorts in creation order across milliseconds (what keeps inserts at the end of each index)', async () => {
    const first = newId();
    await sleep(2);
    const second = newId();
    assert.ok(first < second, `${first} should sort before ${second}`);
  });
});
