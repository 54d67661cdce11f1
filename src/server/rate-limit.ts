/**
 * A fixed-window request limiter per client address for the public endpoints (WA-*: a flood from one address gets
 * 429 with Retry-After). Counters live in this process only: they are throttling state, not data, so losing them
 * on restart or spreading them over N servers only loosens the limit by N.
 */
import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { sendError } from './errors.js';

const WINDOW_MS = 60_000;
/** Most addresses tracked at once; beyond it the oldest windows are dropped (bounded memory under a spray). */
const MAX_TRACKED_ADDRESSES = 100_000;

export function rateLimit(perMinute: number, now: () => number = Date.now): preHandlerHookHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return (request: FastifyRequest, reply: FastifyReply, done) => {
    const t = now();
    let window = windows.get(request.ip);
    if (window === undefined || t - window.start >= WINDOW_MS) {
      if (window === undefined && windows.size >= MAX_TRACKED_ADDRESSES) {
        const oldest = windows.keys().next();
        if (oldest.done !== true) windows.delete(oldest.value);
      }
      window = { start: t, count: 0 };
      windows.delete(request.ip);
      windows.set(request.ip, window);
    }
    window.count++;
    if (window.count > perMinute) {
      const seconds = Math.max(1, Math.ceil((window.start + WINDOW_MS - t) / 1000));
      void reply.header('retry-after', String(seconds));
      void sendError(reply, 'HW_ERR_HTTP_RATE_LIMITED', { seconds });
      return;
    }
    done();
  };
}
