/**
 * The `rescore-indicators` job: after a catalog change, judge every indicator again with the new engine and keep
 * the new verdict, score, brand and signals (analysts' decisions stay). Idempotent: running it twice changes nothing
 * the second time.
 */
import type { Engine } from '../engine/index.js';
import type { Store } from '../store/index.js';

/** Indicators read per page. */
export const RESCORE_PAGE = 500;

export async function rescoreIndicators(store: Store, engine: Engine): Promise<{ readonly checked: number; readonly changed: number }> {
  let cursor: string | null = null;
  let checked = 0;
  let changed = 0;
  do {
    const page = await store.indicators.list({ limit: RESCORE_PAGE, ...(cursor === null ? {} : { cursor }) });
    for (const indicator of page.items) {
      checked++;
      const result = engine.check(indicator.value);
      if (result.verdict === 'error') continue;
      const same = result.verdict === indicator.verdict && result.score === indicator.score && result.brand === indicator.brand;
      if (same) continue;
      await store.indicators.rejudge(indicator.id, { verdict: result.verdict, score: result.score, brand: result.brand, signals: result.signals });
      changed++;
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  return { checked, changed };
}
