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
  HW_ERR_CLI_USAGE: { status: 400, message: '{reason}' },
  HW_ERR_CONFIG_INVALID: { status: 500, message: 'invalid configuration: {reason}' },
  HW_ERR_HTTP_NOT_FOUND: { status: 404, message: 'no such resource' },
  HW_ERR_HTTP_METHOD: { status: 405, message: 'method not allowed' },
  HW_ERR_HTTP_BODY_TOO_LARGE: { status: 413, message: 'request body larger than {limit} bytes' },
  HW_ERR_HTTP_MEDIA_TYPE: { status: 415, message: 'unsupported content type: send application/json' },
  HW_ERR_HTTP_MALFORMED_JSON: { status: 400, message: 'the body is not valid JSON' },
  HW_ERR_HTTP_VALIDATION: { status: 400, message: 'invalid request: {reason}' },
  HW_ERR_HTTP_RATE_LIMITED: { status: 429, message: 'too many requests: retry after {seconds} s' },
  HW_ERR_AUTH_REQUIRED: { status: 401, message: 'authentication required' },
  HW_ERR_AUTH_FORBIDDEN: { status: 403, message: 'not allowed for this role' },
  HW_ERR_AUTH_CSRF: { status: 403, message: 'missing or invalid anti-CSRF token, or a request from another origin' },
  HW_ERR_AUTH_LOGIN_FAILED: { status: 401, message: 'wrong e-mail or password' },
  HW_ERR_AUTH_MFA_FAILED: { status: 401, message: 'wrong, expired or already used code: sign in again if this keeps failing' },
  HW_ERR_AUTH_THROTTLED: { status: 429, message: 'too many failed sign-ins for this account: retry after {seconds} s' },
  HW_ERR_REPORT_IDEMPOTENCY_CONFLICT: { status: 422, message: 'this Idempotency-Key was used with a different payload' },
  HW_ERR_STORE_UNAVAILABLE: { status: 503, message: 'the store is unavailable' },
  HW_ERR_STORE_MIGRATION: { status: 500, message: 'database migration {name} failed: {reason}' },
  HW_ERR_INPUT_CURSOR: { status: 400, message: 'invalid pagination cursor' },
  HW_ERR_WEB_NOT_BUILT: { status: 503, message: 'the web UI is not built: run npm run build' },
  HW_ERR_SERVER_INTERNAL: { status: 500, message: 'internal error' },
  HW_ERR_MAIL_TOO_LARGE: { status: 413, message: 'e-mail message of {bytes} bytes is over the {limit}-byte limit' },
  HW_ERR_MAIL_HEADER_TOO_LARGE: { status: 413, message: 'e-mail header block or field over the {limit}-byte limit' },
  HW_ERR_MAIL_UNPARSABLE: { status: 422, message: 'the e-mail message could not be parsed: {reason}' },
  HW_ERR_MAIL_UNREADABLE: { status: 500, message: 'cannot read {path}: {reason}' },
  HW_ERR_MAIL_MBOX_LIMIT: { status: 413, message: 'mbox {path} has more than {limit} messages: the rest were not read' },
  HW_ERR_MAIL_SANDBOX: { status: 422, message: 'the message was not analysed: its analysis thread {reason}' },
  HW_ERR_MAIL_INTERNAL: { status: 500, message: 'the analyser failed on this message (a defect: please report it): {reason}' },
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
