import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Technician PINs are stored as scrypt hashes: scrypt$N$r$p$salt$hash (base64url).
const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;
/** Enough for the parameters we write; a hash asking for more memory is refused, not computed. */
const MAXMEM = 64 * 1024 * 1024;

export function hashPin(pin: string): string {
  if (!/^\d{6,12}$/.test(pin)) throw new Error('a technician PIN is 6 to 12 digits');
  return scryptHash(pin);
}

/** Any secret (a PIN, a staff member's card number) salted and hashed in the stored form. */
export function scryptHash(secret: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(secret, salt, KEYLEN, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

interface Parsed {
  salt: Buffer;
  expected: Buffer;
  options: ScryptOptions;
}

function parse(stored: string): Parsed | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [, n, r, p, saltB64, hashB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hashB64, 'base64url');
  if (expected.length < 16) return undefined;
  return { salt: Buffer.from(saltB64, 'base64url'), expected, options: { N: Number(n), r: Number(r), p: Number(p), maxmem: MAXMEM } };
}

/** Constant-time comparison of the derived key: how long it takes does not tell how much of the PIN was right. */
export function verifyPin(pin: string, stored: string): boolean {
  const h = parse(stored);
  if (!h) return false;
  const actual = scryptSync(pin, h.salt, h.expected.length, h.options);
  return timingSafeEqual(actual, h.expected);
}

/** The same check off the event loop (scrypt runs in libuv's thread pool): the daemon keeps serving while a PIN is checked. */
export function verifyPinAsync(pin: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return Promise.resolve(false);
  return new Promise((resolve) => {
    scrypt(pin, h.salt, h.expected.length, h.options, (err, actual) => resolve(!err && timingSafeEqual(actual, h.expected)));
  });
}
