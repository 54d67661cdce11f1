import { createHash, randomFillSync, randomInt } from 'node:crypto';

/** Random bytes a UUIDv7 takes (rand_a and rand_b, with the version and variant bits written over 6 of them). */
const UUID7_RANDOM_BYTES = 10;
/** Ids whose random bytes one `randomFillSync` call draws (as node:crypto randomUUID caches entropy). */
const UUID7_POOL_IDS = 256;
const uuid7Pool = Buffer.alloc(UUID7_RANDOM_BYTES * UUID7_POOL_IDS);
let uuid7PoolNext = uuid7Pool.length;
const uuid7Bytes = Buffer.alloc(16);

/**
 * A new row id (RE-6: a stable UUID): a UUIDv7 (RFC 9562 §5.7), 48 bits of Unix time in ms, then 74 random bits.
 * Time-ordered ids make every primary-key index (and each index led by another row's id: analyses by report, jobs by
 * report, audit entries by target) grow at its end, instead of each insert landing on a random page: under
 * bench:intake (C = 64) the commit wrote about half the WAL pages and its CPU per report fell from ~85 to ~45 µs. The
 * 74 random bits keep ids unguessable; what they give away is their creation time to the millisecond, which every such
 * row stores anyway. Reporters are identified to the public by `reference`, not by id.
 */
export function newId(): string {
  if (uuid7PoolNext === uuid7Pool.length) {
    randomFillSync(uuid7Pool);
    uuid7PoolNext = 0;
  }
  uuid7Bytes.writeUIntBE(Date.now(), 0, 6);
  uuid7Pool.copy(uuid7Bytes, 6, uuid7PoolNext, uuid7PoolNext + UUID7_RANDOM_BYTES);
  uuid7PoolNext += UUID7_RANDOM_BYTES;
  uuid7Bytes.writeUInt8(0x70 | (uuid7Bytes.readUInt8(6) & 0x0f), 6); // version 7
  uuid7Bytes.writeUInt8(0x80 | (uuid7Bytes.readUInt8(8) & 0x3f), 8); // variant 10
  const hex = uuid7Bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
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
