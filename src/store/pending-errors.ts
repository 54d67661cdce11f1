/**
 * Error codes the store needs that the registry (src/errors.ts) does not have yet; they have been requested. Until
 * they are added there, `storeError` makes a plain Error whose message starts with the code. When they land, delete
 * this table and make `storeError` return `new HookwatchError(code, params, details)`: callers do not change.
 */
export const PENDING_STORE_ERRORS = {
  HW_ERR_STORE_MIGRATION: { status: 500, message: 'database migration {name} failed: {reason}' },
  HW_ERR_INPUT_CURSOR: { status: 400, message: 'invalid pagination cursor' },
} as const satisfies Record<string, { status: number; message: string }>;

export type PendingStoreErrorCode = keyof typeof PENDING_STORE_ERRORS;

export class PendingStoreError extends Error {
  readonly code: PendingStoreErrorCode;
  readonly details: unknown;
  constructor(code: PendingStoreErrorCode, message: string, details: unknown) {
    super(message);
    this.name = 'PendingStoreError';
    this.code = code;
    this.details = details;
  }
}

export function storeError(
  code: PendingStoreErrorCode,
  params: Readonly<Record<string, string | number>> = {},
  details?: unknown,
): PendingStoreError {
  const message = PENDING_STORE_ERRORS[code].message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
  return new PendingStoreError(code, `${code}: ${message}`, details);
}
