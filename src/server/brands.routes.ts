/**
 * The brand catalog at run time (analyst, admin): export, import (replace all), upsert one, delete one. Every change
 * is validated like a catalog file, audited in the same transaction, recompiled into this process's engine, and
 * followed by a `rescore-indicators` job so stored indicators reflect the new catalog. `POST /brands/preview` judges
 * the stored indicators with a proposed brand before anything is saved: what the change would newly flag, and what it
 * would stop flagging.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { parseCatalog } from '../catalog/index.js';
import { createEngine, type Brand, type CheckResult, type Engine } from '../engine/index.js';
import { MAX_INDICATOR_PAGE } from '../store/index.js';
import type { JobQueue } from '../queue/queue.js';
import type { Store } from '../store/index.js';
import type { CatalogHolder } from '../worker/catalog.js';
import { principalOf, requireRole } from './auth.js';
import { sendError } from './errors.js';

export interface BrandRoutesOptions {
  readonly store: Store;
  readonly queue: JobQueue;
  readonly catalog: CatalogHolder;
}

/** Stored indicators a preview judges at most; beyond it the preview says it is partial. */
export const MAX_PREVIEW_INDICATORS = 200_000;
/** Indicators listed as examples of each kind of change. */
export const PREVIEW_EXAMPLES = 50;

interface PreviewChange {
  readonly id: string;
  readonly value: string;
  readonly before: { readonly verdict: string; readonly brand: string | null; readonly score: number };
  readonly after: { readonly verdict: string; readonly brand: string | null; readonly score: number };
}

function flaggedFor(result: CheckResult): string | undefined {
  return result.verdict === 'phishing' || result.verdict === 'suspicious' ? (result.brand ?? '') : undefined;
}

/** Judges stored indicators with the current and the proposed engine and lists the differences in flagging. */
async function previewChange(store: Store, current: Engine, proposed: Engine): Promise<Record<string, unknown>> {
  const newlyFlagged: PreviewChange[] = [];
  const noLongerFlagged: PreviewChange[] = [];
  let newly = 0;
  let unflagged = 0;
  let checked = 0;
  let cursor: string | null = null;
  do {
    const page = await store.indicators.list({ limit: MAX_INDICATOR_PAGE, ...(cursor === null ? {} : { cursor }) });
    for (const indicator of page.items) {
      checked++;
      const before = current.check(indicator.value);
      const after = proposed.check(indicator.value);
      const was = flaggedFor(before);
      const now = flaggedFor(after);
      if (was === now) continue;
      const change = {
        id: indicator.id,
        value: indicator.value,
        before: { verdict: before.verdict, brand: before.brand, score: before.score },
        after: { verdict: after.verdict, brand: after.brand, score: after.score },
      };
      if (now !== undefined) {
        newly++;
        if (newlyFlagged.length < PREVIEW_EXAMPLES) newlyFlagged.push(change);
      } else {
        unflagged++;
        if (noLongerFlagged.length < PREVIEW_EXAMPLES) noLongerFlagged.push(change);
      }
    }
    cursor = checked >= MAX_PREVIEW_INDICATORS ? null : page.nextCursor;
  } while (cursor !== null);
  return { checked, partial: checked >= MAX_PREVIEW_INDICATORS, newlyFlagged: { count: newly, examples: newlyFlagged }, noLongerFlagged: { count: unflagged, examples: noLongerFlagged } };
}

function exported(brand: Brand): Brand {
  return { id: brand.id, name: brand.name, domains: brand.domains, keywords: brand.keywords, ...(brand.generic === true ? { generic: true } : {}) };
}

export const brandRoutes: FastifyPluginAsync<BrandRoutesOptions> = async (app, { store, queue, catalog }) => {
  const analysts = requireRole(['admin', 'analyst']);

  async function changed(request: FastifyRequest, reason: string): Promise<void> {
    await catalog.refresh();
    await queue.send('rescore-indicators', { reason });
    request.log.info({ reason }, 'catalog changed: indicators will be rescored');
  }

  app.get('/brands', { onRequest: analysts }, () => ({ brands: catalog.catalog().brands.map(exported) }));

  app.put<{ Body: unknown }>('/brands', { onRequest: analysts }, async (request) => {
    const next = parseCatalog(JSON.stringify(request.body), 'request body');
    const actor = principalOf(request).actor;
    await store.transaction(async (repos) => {
      await repos.brands.replaceAll(next.brands);
      await repos.audit.append({ actor, action: 'catalog.replaced', target: 'catalog', details: { brands: next.brands.length } });
    });
    await changed(request, 'catalog replaced');
    return { brands: next.brands.length };
  });

  app.post<{ Body: unknown }>('/brands/preview', { onRequest: analysts }, async (request, reply) => {
    const brand = parseCatalog(JSON.stringify({ brands: [request.body] }), 'request body').brands[0];
    if (brand === undefined) return sendError(reply, 'HW_ERR_HTTP_VALIDATION', { reason: 'a brand is required' });
    const others = catalog.catalog().brands.filter((b) => b.id !== brand.id);
    return previewChange(store, catalog.engine(), createEngine({ brands: [...others, brand] }));
  });

  app.put<{ Params: { id: string }; Body: unknown }>('/brands/:id', { onRequest: analysts }, async (request, reply) => {
    const parsed = parseCatalog(JSON.stringify({ brands: [request.body] }), 'request body');
    const brand = parsed.brands[0];
    if (brand?.id !== request.params.id) return sendError(reply, 'HW_ERR_HTTP_VALIDATION', { reason: 'the body\'s id must match the URL' });
    const actor = principalOf(request).actor;
    await store.transaction(async (repos) => {
      await repos.brands.upsert(brand);
      await repos.audit.append({ actor, action: 'brand.saved', target: `brand:${brand.id}`, details: { domains: brand.domains, keywords: brand.keywords } });
    });
    await changed(request, `brand ${brand.id} saved`);
    return exported(brand);
  });

  app.delete<{ Params: { id: string } }>('/brands/:id', { onRequest: analysts }, async (request, reply) => {
    const actor = principalOf(request).actor;
    const deleted = await store.transaction(async (repos) => {
      const found = await repos.brands.delete(request.params.id);
      if (found) await repos.audit.append({ actor, action: 'brand.deleted', target: `brand:${request.params.id}` });
      return found;
    });
    if (!deleted) return sendError(reply, 'HW_ERR_HTTP_NOT_FOUND');
    await changed(request, `brand ${request.params.id} deleted`);
    return reply.code(204).send();
  });
  await Promise.resolve();
};
