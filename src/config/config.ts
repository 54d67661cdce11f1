/**
 * hookwatch's configuration: one schema, validated once in an app's main(), frozen and passed down explicitly.
 * Sources, lowest to highest precedence: defaults < a JSON file (--config FILE or HOOKWATCH_CONFIG) < environment
 * (HOOKWATCH_*) < command-line flags. Nothing here is read at import time.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { HookwatchError } from '../errors.js';

/** A boolean from a flag, a file or the environment (`true|1|yes`, `false|0|no`). */
function booleanFlag() {
  return z.preprocess(
    (v) => (typeof v === 'string' ? ({ true: true, '1': true, yes: true, false: false, '0': false, no: false } as Record<string, boolean>)[v.toLowerCase()] ?? v : v),
    z.boolean(),
  );
}

export const ConfigSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65_535).default(8080),
  /** Directory of the embedded SQLite database and other local state. */
  dataDir: z.string().min(1).default('./data'),
  /** `postgres://…` selects PostgreSQL; absent means embedded SQLite in dataDir. */
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(),
  /** PostgreSQL schema of the job queue (pg-boss): one per deployment sharing a database server. */
  queueSchema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lowercase SQL identifier').default('pgboss'),
  /** Brand catalog file replacing the built-in catalog. */
  brands: z.string().min(1).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest request body accepted (bytes); larger bodies get 413. */
  bodyLimitBytes: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
  /** Public endpoints: requests per minute per client address before 429. */
  publicRateLimitPerMinute: z.coerce.number().int().min(1).default(120),
  /** Trust X-Forwarded-For from a reverse proxy in front of hookwatch. */
  trustProxy: booleanFlag().default(false),
  /** Sessions (SECURITY.md WA-5): idle timeout and absolute lifetime of a staff sign-in. */
  sessionIdleMinutes: z.coerce.number().int().min(1).max(24 * 60).default(30),
  sessionLifetimeHours: z.coerce.number().int().min(1).max(7 * 24).default(12),
  /**
   * Staff must pass a second factor (TOTP, or a recovery code) to sign in (SECURITY.md WA-3). Turn it off only where
   * a front proxy already enforces MFA.
   */
  mfaRequired: booleanFlag().default(true),
  /** The web UI's branding (client-safe: GET /api/v1/ui). */
  uiName: z.string().trim().min(1).max(60).default('hookwatch'),
  /** Accent colour of buttons and links, `#rgb` or `#rrggbb`. */
  uiAccent: z.string().regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, 'must be a colour like #1f5fbf').default('#1f5fbf'),
  /** A PNG, JPEG or SVG file shown as the logo (served from /branding/logo). */
  uiLogo: z.string().min(1).optional(),
  /** Where customers get help: shown on every portal page. */
  uiSupportUrl: z.url({ protocol: /^https?$/ }).optional(),
  uiSupportEmail: z.email().optional(),
});

export type Config = Readonly<z.infer<typeof ConfigSchema>>;
export type ConfigInput = Partial<Record<keyof z.infer<typeof ConfigSchema>, string | number | boolean | undefined>>;

/** Environment variables and the keys they set. */
const ENV_KEYS: Readonly<Record<string, keyof z.infer<typeof ConfigSchema>>> = {
  HOOKWATCH_HOST: 'host',
  HOOKWATCH_PORT: 'port',
  HOOKWATCH_DATA: 'dataDir',
  HOOKWATCH_DATABASE_URL: 'databaseUrl',
  HOOKWATCH_BRANDS: 'brands',
  HOOKWATCH_QUEUE_SCHEMA: 'queueSchema',
  HOOKWATCH_LOG_LEVEL: 'logLevel',
  HOOKWATCH_BODY_LIMIT_BYTES: 'bodyLimitBytes',
  HOOKWATCH_PUBLIC_RATE_LIMIT: 'publicRateLimitPerMinute',
  HOOKWATCH_TRUST_PROXY: 'trustProxy',
  HOOKWATCH_SESSION_IDLE_MINUTES: 'sessionIdleMinutes',
  HOOKWATCH_SESSION_LIFETIME_HOURS: 'sessionLifetimeHours',
  HOOKWATCH_MFA_REQUIRED: 'mfaRequired',
  HOOKWATCH_UI_NAME: 'uiName',
  HOOKWATCH_UI_ACCENT: 'uiAccent',
  HOOKWATCH_UI_LOGO: 'uiLogo',
  HOOKWATCH_UI_SUPPORT_URL: 'uiSupportUrl',
  HOOKWATCH_UI_SUPPORT_EMAIL: 'uiSupportEmail',
};

export interface ConfigSources {
  readonly flags?: ConfigInput;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Path of a JSON config file; HOOKWATCH_CONFIG in env when absent. */
  readonly file?: string;
}

function fromEnv(env: Readonly<Record<string, string | undefined>>): ConfigInput {
  const out: ConfigInput = {};
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}

function fromFile(path: string): ConfigInput {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new HookwatchError('HW_ERR_CONFIG_INVALID', { reason: `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}` });
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('expected a JSON object');
    return parsed;
  } catch (error) {
    throw new HookwatchError('HW_ERR_CONFIG_INVALID', { reason: `${path}: ${error instanceof Error ? error.message : String(error)}` });
  }
}

function defined(input: ConfigInput): ConfigInput {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

/** Validates the merged sources; throws HW_ERR_CONFIG_INVALID naming the field. */
export function loadConfig(sources: ConfigSources = {}): Config {
  const env = sources.env ?? {};
  const file = sources.file ?? env['HOOKWATCH_CONFIG'];
  const merged = { ...(file === undefined ? {} : fromFile(file)), ...defined(fromEnv(env)), ...defined(sources.flags ?? {}) };
  const result = ConfigSchema.safeParse(merged);
  if (!result.success) {
    const reason = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new HookwatchError('HW_ERR_CONFIG_INVALID', { reason });
  }
  return Object.freeze(result.data);
}

/** The config as `hookwatch config print` shows it: secrets (the database password) masked. */
export function printableConfig(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  if (config.databaseUrl !== undefined) out['databaseUrl'] = maskUrlPassword(config.databaseUrl);
  return out;
}

export function maskUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '****';
    return parsed.toString();
  } catch {
    return '****';
  }
}
