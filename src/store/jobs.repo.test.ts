/**
 * The durable JobStore on SQLite and PostgreSQL: the JobStore contract suite, and the in-process queue's own
 * conformance suite (at-least-once, retries, dead letters, crash redelivery) running over it.
 */
import { after, before } from 'node:test';
import { forEachStore, type TestStore } from './test-stores.js';
import { storeJobStore } from './jobs.repo.js';
import { runJobStoreConformance } from '../queue/job-store-conformance.js';
import { inProcessFixture, runQueueConformance } from '../queue/conformance.js';

forEachStore((name, open) => {
  let store: TestStore;
  /** Set while closing: a stopped queue's last in-flight poll may still meet the closed store. */
  let closing = false;
  before(async () => { store = await open(); });
  after(async () => {
    closing = true;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await store.close();
  });

  /**
   * The jobs table emptied: each suite case starts from fresh storage over the one open store. Through the store's
   * group commit, like every job-store write: the previous case's queue was stopped without draining, and a batch of
   * its last poll may still hold some job rows; a DELETE beside the batch loop could meet it in the other lock order
   * on PostgreSQL (40P01), while one in the loop runs after that batch (or inside it).
   */
  async function fresh(): Promise<ReturnType<typeof storeJobStore>> {
    await store.write((trx) => trx.deleteFrom('jobs').execute());
    return storeJobStore(store);
  }

  runJobStoreConformance(`${name} store`, fresh);

  runQueueConformance(`in-process over the ${name} store`, async () =>
    inProcessFixture(await fresh(), (error) => { if (!closing) process.nextTick(() => { throw error; }); },
      (work) => store.transaction((_repos, tx) => work(tx))));
});
