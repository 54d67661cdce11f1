/**
 * The UI's JSON client. State-changing requests carry the session's anti-CSRF token (X-CSRF-Token, set after
 * sign-in) and go to this origin only. Errors come back as ApiError with the registry code and message of
 * DESIGN.md's error shape, so pages can say what went wrong.
 */

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

function errorOf(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = (body as { error: { code?: unknown; message?: unknown } }).error;
    if (typeof error.code === 'string' && typeof error.message === 'string') return new ApiError(status, error.code, error.message);
  }
  return new ApiError(status, 'HW_ERR_HTTP_UNEXPECTED', `the server answered ${status}`);
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      referrerPolicy: 'no-referrer',
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  } catch {
    throw new ApiError(0, 'HW_ERR_NETWORK', 'the server could not be reached; check your connection and try again');
  }
  if (response.status === 204) return undefined as T;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status, 'HW_ERR_HTTP_UNEXPECTED', `the server answered ${response.status} without JSON`);
  }
  if (!response.ok) throw errorOf(response.status, body);
  return body as T;
}

export interface UiConfig {
  readonly name: string;
  readonly hasLogo: boolean;
  readonly supportUrl: string | null;
  readonly supportEmail: string | null;
}

export function loadUiConfig(): Promise<UiConfig> {
  return api<UiConfig>('/api/v1/ui');
}
