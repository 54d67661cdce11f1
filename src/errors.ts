/**
 * The one registry of hookwatch's stable error codes (`HW_ERR_<AREA>_<WHAT>`), each with its HTTP status and a
 * message template. Codes are a contract: never rename or reuse one; add new ones. Pinned by errors.test.ts.
 * Pure data (the engine imports it).
 */
export const ERRORS = {
  HW_ERR_INPUT_EMPTY: { status: 400, message: 'empty input' },
  HW_ERR_INPUT_TOO_LONG: { status: 413, message: 'input longer than {limit} characters' },
  HW_ERR_INPUT_ENCODING: { status: 400, message: 'input contains control characters, NULs or unpaired surrogates' },
  HW_ERR_INPUT_SCHEME: { status: 400, message: 'URL scheme "{scheme}" cannot carry a host to judge' },
  HW_ERR_INPUT_HOST: { status: 400, message: 'not a valid host name or URL' },
  HW_ERR_INPUT_PUNYCODE: { status: 400, message: 'invalid punycode (IDNA) label' },
  HW_ERR_CATALOG_INVALID: { status: 422, message: 'invalid brand catalog: {reason}' },
  HW_ERR_CATALOG_UNREADABLE: { status: 500, message: 'cannot read brand catalog {path}: {reason}' },
  HW_ERR_USAGE: { status: 400, message: '{reason}' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** Fills `{name}` placeholders of a code's template. Unknown placeholders are left as written. */
export function errorMessage(code: ErrorCode, params: Readonly<Record<string, string | number>> = {}): string {
  return ERRORS[code].message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** An infrastructure or contract failure carrying a registry code (domain verdicts never throw this). */
export class HookwatchError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, params: Readonly<Record<string, string | number>> = {}, details?: unknown) {
    super(errorMessage(code, params));
    this.name = 'HookwatchError';
    this.code = code;
    this.details = details;
  }
}
