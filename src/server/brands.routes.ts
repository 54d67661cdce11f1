/**
 * The brand catalog at run time (analyst, admin): export, import (replace all), upsert one, delete one. Every change
 * is validated like a catalog file, audited in the same transaction, recompiled into this process's engine, and
 * followed by a `rescore-indicators` job so stored indicators reflect the new catalog.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { parseCatalog } from '../catalog/index.js';
import type { Brand } from '../engine/index.js';
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

function exported(brand: Brand): Brand {
  return { id: brand.id, name: brand.name, domains: brand.domains, keywords: brand.keywords, ...(brand.generic === true ? { generic: true } : {}) };
}

export const brandRoutes: FastifyPluginAsync<BrandRoutesOptions> = async (app, { store, queue, catalog }) => {
  const analysts = requireRole(store, ['admin', 'analyst']);

  async function changed(request: FastifyRequest, reason: string): Promise<void> {
    await catalog.refresh();
    await queue.send('rescore-indicators', { reason });
    request.log.info({ reason }, 'catalog changed: indicators will be rescored');
  }

  app.get('/brands', { preHandler: analysts }, () => ({ brands: catalog.catalog().brands.map(exported) }));

  app.put<{ Body: unknown }>('/brands', { preHandler: analysts }, async (request) => {
    const next = parseCatalog(JSON.stringify(request.body), 'request body');
    const actor = principalOf(request).actor;
    await store.transaction(async (repos) => {
      await repos.brands.replaceAll(next.brands);
      await repos.audit.append({ actor, action: 'catalog.replaced', target: 'catalog', details: { brands: next.brands.length } });
    });
    await changed(request, 'catalog replaced');
    return { brands: next.brands.length };
  });

  app.put<{ Params: { id: string }; Body: unknown }>('/brands/:id', { preHandler: analysts }, async (request, reply) => {
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

  app.delete<{ Params: { id: string } }>('/brands/:id', { preHandler: analysts }, async (request, reply) => {
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
