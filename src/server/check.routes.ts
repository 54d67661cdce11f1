/**
 * `POST /api/v1/check`: the engine's verdicts for "is this real?" (public, no login). Up to MAX_CHECK_INPUTS per
 * request, each judged exactly as `hookwatch check` judges a line, plus `brandName`: the impersonated brand's name
 * for people (the portal says "imitates PayPal", not "paypal").
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Catalog, Engine } from '../engine/index.js';

/** Most inputs judged in one request: enough for a message's links, small enough to bound the work. */
export const MAX_CHECK_INPUTS = 100;

export const checkBody = {
  type: 'object',
  additionalProperties: false,
  required: ['inputs'],
  properties: {
    inputs: { type: 'array', minItems: 1, maxItems: MAX_CHECK_INPUTS, items: { type: 'string', maxLength: 16_384 } },
  },
} as const;

export interface CheckRoutesOptions {
  readonly engine: () => Engine;
  /** The catalog the engine was compiled from (brand names); absent: names are null. */
  readonly catalog?: () => Catalog;
}

const namesOf = new WeakMap<Catalog, ReadonlyMap<string, string>>();

function brandNames(catalog: Catalog): ReadonlyMap<string, string> {
  let names = namesOf.get(catalog);
  if (names === undefined) {
    names = new Map(catalog.brands.map((b) => [b.id, b.name]));
    namesOf.set(catalog, names);
  }
  return names;
}

export const checkRoutes: FastifyPluginAsync<CheckRoutesOptions> = async (app, { engine, catalog }) => {
  app.post<{ Body: { inputs: string[] } }>('/check', { schema: { body: checkBody }, config: { public: true } }, (request) => {
    const current = engine();
    const names = catalog === undefined ? undefined : brandNames(catalog());
    return {
      results: request.body.inputs.map((input) => {
        const result = current.check(input);
        return { ...result, brandName: result.brand === null ? null : (names?.get(result.brand) ?? null) };
      }),
    };
  });
  await Promise.resolve();
};
