/**
 * `POST /api/v1/check`: the engine's verdicts for "is this real?" (public, no login). Up to MAX_CHECK_INPUTS per
 * request, each judged exactly as `hookwatch check` judges a line.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../engine/index.js';

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

export const checkRoutes: FastifyPluginAsync<{ engine: () => Engine }> = async (app, { engine }) => {
  app.post<{ Body: { inputs: string[] } }>('/check', { schema: { body: checkBody } }, (request) => {
    const current = engine();
    return { results: request.body.inputs.map((input) => current.check(input)) };
  });
  await Promise.resolve();
};
