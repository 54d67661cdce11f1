/**
 * Staff passwords (SECURITY.md WA-1, WA-2): argon2id PHC strings; a sign-in with a hash made under weaker parameters
 * re-hashes it with the current ones. The policy is length only (no composition rules), every character counts.
 */
import { hash, verify } from '@node-rs/argon2';

/** argon2id parameters (WA-1: m ≥ 19 MiB, t ≥ 2, p = 1). */
export const ARGON2_OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** WA-2: at least 15 characters for staff accounts; accept up to 1,024 (≥ 128 required). */
export const MIN_PASSWORD_CHARS = 15;
export const MAX_PASSWORD_CHARS = 1024;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Why a candidate password is refused, or undefined when it is acceptable. */
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

export function passwordProblem(password: string): string | undefined {
  const characters = Array.from(graphemes.segment(password)).length;
  if (characters < MIN_PASSWORD_CHARS) return `a password needs at least ${MIN_PASSWORD_CHARS} characters`;
  if (password.length > MAX_PASSWORD_CHARS) return `a password may have at most ${MAX_PASSWORD_CHARS} characters`;
  return undefined;
}

/** The argon2id parameters of a PHC string, or undefined when it is not one. */
function phcParams(phc: string): { m: number; t: number; p: number } | undefined {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(phc);
  if (match === null) return undefined;
  return { m: Number(match[1]), t: Number(match[2]), p: Number(match[3]) };
}

/** True when the stored hash was made with other (older, weaker) parameters than ARGON2_OPTIONS. */
export function needsRehash(phc: string): boolean {
  const params = phcParams(phc);
  return params === undefined || params.m !== ARGON2_OPTIONS.memoryCost || params.t !== ARGON2_OPTIONS.timeCost || params.p !== ARGON2_OPTIONS.parallelism;
}

/** A hash of a password nobody knows: verifying against it costs what a real check costs (no user-exists timing). */
let decoy: Promise<string> | undefined;

/** Checks a password against a PHC string; with no hash (unknown account) it spends the same time and says no. */
export async function verifyPassword(phc: string | undefined, password: string): Promise<boolean> {
  if (phc === undefined) {
    decoy ??= hash(`decoy-${String(Math.random())}`, ARGON2_OPTIONS);
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}
