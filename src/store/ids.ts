import { createHash, randomInt, randomUUID } from 'node:crypto';

/** A new row id (random UUID, RE-6). */
export function newId(): string {
  return randomUUID();
}

/** `length` characters drawn uniformly from `alphabet` with a CSPRNG. */
export function randomChars(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet.charAt(randomInt(alphabet.length));
  return out;
}

/** SHA-256 of the UTF-8 text, lowercase hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256Hex(text: string): boolean {
  return SHA256_HEX.test(text);
}
