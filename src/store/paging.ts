/** Page sizes and opaque cursors shared by the listing queries. */
import { isEncodedTime } from './dialect.js';
import { HookwatchError } from '../errors.js';

/** Throws a RangeError unless `limit` is an integer in 1..max (callers validate client input first). */
export function checkPageLimit(limit: number, max: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new RangeError(`limit must be an integer in 1..${max}, got ${limit}`);
  }
}

/** Position after a row in a (time desc, id desc) listing. */
export interface TimeIdPosition {
  readonly at: string;
  readonly id: string;
}

/** Longest cursor accepted: a stored time and a UUID need ~90 characters. */
const MAX_CURSOR_CHARS = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque to clients: base64url of the JSON pair [time, id]. */
export function encodeCursor(position: TimeIdPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id]), 'utf8').toString('base64url');
}

/** Decodes a client's cursor, refusing anything `encodeCursor` did not make. */
export function decodeCursor(cursor: string): TimeIdPosition {
  const value = cursor.length > MAX_CURSOR_CHARS ? undefined : parseJsonOrUndefined(cursor);
  if (!Array.isArray(value) || value.length !== 2) throw new HookwatchError('HW_ERR_INPUT_CURSOR');
  const at: unknown = value[0];
  const id: unknown = value[1];
  if (typeof at !== 'string' || typeof id !== 'string' || !isEncodedTime(at) || !UUID.test(id)) {
    throw new HookwatchError('HW_ERR_INPUT_CURSOR');
  }
  return { at, id };
}

function parseJsonOrUndefined(base64url: string): unknown {
  try {
    return JSON.parse(Buffer.from(base64url, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
