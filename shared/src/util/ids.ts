const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// Random bytes are drawn 4 KiB at a time: one getrandom call per ~250 ids instead of one per id (a webhook
// call makes one id; the call was ~2 % of the webhook hot path).
const pool = new Uint8Array(4096);
let used = pool.length;

/**
 * Random id from the 62-character alphabet (n8n workflow ids are 16 of these).
 * @example newId() // 'x1Fz9QpLm3Ab7Cd2'
 */
export function newId(length = 16): string {
  if (length > pool.length) return idFrom(crypto.getRandomValues(new Uint8Array(length)), 0, length);
  if (used + length > pool.length) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  const out = idFrom(pool, used, length);
  used += length;
  return out;
}

function idFrom(bytes: Uint8Array, start: number, length: number): string {
  let out = '';
  for (let i = start; i < start + length; i++) out += ALPHABET[bytes[i] % 62];
  return out;
}

/** Characters of the time prefix of `newTimeId`: 62^8 ms is ~6,900 years from 1970. */
const TIME_CHARS = 8;

/**
 * Id that sorts by creation time (byte order): the time in ms as 8 base-62 characters, then `random` random
 * ones (as many as `newId` draws, so just as hard to guess). For rows inserted at a high rate: a random primary
 * key puts each insert on a random page of the key's B-tree (every commit rewrites as many pages as it inserts
 * rows); a time-ordered one appends to the last page.
 * @example newTimeId() // '0ajDkF3b' + 16 random characters
 */
export function newTimeId(random = 16, now = Date.now()): string {
  let t = Math.max(0, Math.floor(now));
  let prefix = '';
  for (let i = 0; i < TIME_CHARS; i++) {
    prefix = ALPHABET[t % 62] + prefix;
    t = Math.floor(t / 62);
  }
  return prefix + newId(random);
}
