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
