/** Renders a registry error as DESIGN.md's JSON shape: `{"error":{"code","message","details?"}}`. */
import type { FastifyReply } from 'fastify';
import { ERRORS, errorMessage, type ErrorCode } from '../errors.js';

export function sendError(reply: FastifyReply, code: ErrorCode, params: Readonly<Record<string, string | number>> = {}, details?: unknown): FastifyReply {
  const body: { error: { code: string; message: string; details?: unknown } } = { error: { code, message: errorMessage(code, params) } };
  if (details !== undefined) body.error.details = details;
  return reply.code(ERRORS[code].status).type('application/json; charset=utf-8').send(body);
}
