/**
 * TOTP (RFC 6238, through otplib) and recovery codes for staff sign-in (SECURITY.md WA-3). A code is accepted for
 * the current 30 s step or the one before (clock drift), and never twice: the caller records the accepted step and
 * refuses any step not later than the last (MfaRepo.acceptStep).
 */
import { randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { sha256Hex } from '../store/ids.js';

/** Recovery codes handed out at enrolment (each single-use). */
export const RECOVERY_CODE_COUNT = 10;
/** 24 characters of Crockford base32 = 120 bits: stored as SHA-256, like API keys (WA-6's rule for ≥ 112 bits). */
const RECOVERY_CODE_CHARS = 24;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Seconds of clock drift accepted backwards: one 30 s step. */
const TOTP_TOLERANCE_BACK_S = 30;

export interface EnrolmentOffer {
  readonly secret: string;
  readonly otpauthUri: string;
  /** The URI as a QR code image (data: URL, allowed by the CSP's img-src). */
  readonly qrDataUrl: string;
}

export async function enrolmentOffer(issuer: string, account: string): Promise<EnrolmentOffer> {
  const secret = generateSecret();
  const otpauthUri = generateURI({ secret, issuer, label: account });
  return { secret, otpauthUri, qrDataUrl: await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 1, width: 200 }) };
}

/** The time step of a code valid at `nowMs` and later than `afterStep`, or undefined. */
export async function verifyTotp(secret: string, code: string, afterStep: number | null, nowMs: number): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = await verify({
    secret, token: code, epoch: Math.floor(nowMs / 1000), epochTolerance: [TOTP_TOLERANCE_BACK_S, 0],
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

/** `XXXX-XXXX-…` (6 groups of 4). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    let code = '';
    for (let i = 0; i < RECOVERY_CODE_CHARS; i++) code += CROCKFORD.charAt(randomInt(CROCKFORD.length));
    return code.replace(/(.{4})(?=.)/g, '$1-');
  });
}

/** Looks like a recovery code (not a 6-digit TOTP code). */
export function isRecoveryCode(text: string): boolean {
  return text.replace(/[\s-]/g, '').length === RECOVERY_CODE_CHARS;
}

/** The stored form: SHA-256 of the code as typed any case, with or without dashes or spaces. */
export function recoveryCodeHash(code: string): string {
  return sha256Hex(code.replace(/[\s-]/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1'));
}
