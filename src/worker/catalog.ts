/**
 * The brand catalog at run time. The store's `brands` table is the one copy (scale-out: every process reads it);
 * each process keeps an engine compiled from it and recompiles when the table changes: at once after a change made
 * through this process, and on the next `refresh()` (called on a timer and before each job) for changes made
 * elsewhere. An empty table is seeded from the configured catalog (the built-in one or --brands FILE) at start.
 */
import { createEngine, type Catalog, type Engine } from '../engine/index.js';
import type { Store } from '../store/index.js';

export interface CatalogHolder {
  /** The engine for the current catalog. */
  engine(): Engine;
  /** The catalog the engine was compiled from. */
  catalog(): Catalog;
  /** Recompiles if the stored catalog changed since the last compile. */
  refresh(): Promise<void>;
}

async function compile(store: Store): Promise<{ engine: Engine; catalog: Catalog }> {
  const brands = await store.brands.list();
  const catalog: Catalog = {
    brands: brands.map((b) => ({ id: b.id, name: b.name, domains: b.domains, keywords: b.keywords, ...(b.generic ? { generic: true } : {}) })),
  };
  return { engine: createEngine(catalog), catalog };
}

export async function openCatalog(store: Store, seed: Catalog): Promise<CatalogHolder> {
  if ((await store.brands.list()).length === 0 && seed.brands.length > 0) await store.brands.replaceAll(seed.brands);
  let current = await compile(store);
  let seen = await store.brands.fingerprint();
  return {
    engine: () => current.engine,
    catalog: () => current.catalog,
    async refresh() {
      const now = await store.brands.fingerprint();
      if (now === seen) return;
      current = await compile(store);
      seen = now;
    },
  };
}
