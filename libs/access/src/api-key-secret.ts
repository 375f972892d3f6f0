import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// `blk_<id>_<secret>`: the prefix lets secret scanners recognise a leaked key; the id (public, listed
// by the CLI) finds the key's record without trying every hash; the secret carries 256 random bits.
const KEY_PATTERN = /^blk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

// scrypt with N = 2^15, r = 8, p = 1 takes 32 MiB and tens of milliseconds: a stolen keys file costs
// that much per guess. The parameters travel in each hash, so they can be raised for new keys.
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const HASH_BYTES = 32;
const SALT_BYTES = 16;

/** An API key split into its public id and its secret. */
export interface ApiKeyParts {
  id: string;
  secret: string;
}

/** A new API key: shown once, at creation; only its hash is kept. */
export function generateApiKey(): ApiKeyParts & { key: string } {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, key: `blk_${id}_${secret}` };
}

/** The id and secret of a presented key, or undefined when it is not an API key at all. */
export function parseApiKey(key: string): ApiKeyParts | undefined {
  const match = KEY_PATTERN.exec(key);
  return match === null ? undefined : { id: match[1]!, secret: match[2]! };
}

function derive(secret: string, salt: Buffer, cost: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, HASH_BYTES, { ...cost, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error === null ? resolve(key) : reject(error),
    ),
  );
}

/** `scrypt$<N>$<r>$<p>$<salt>$<hash>` (base64url) of `secret`, on the thread pool. */
export async function hashApiKeySecret(secret: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(secret, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** True when `hash` matches a stored-hash syntax this library writes. */
export function isApiKeyHash(hash: string): boolean {
  return /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/.test(hash);
}

/** True when `secret` is the one `hash` was made from (compared in constant time). */
export async function verifyApiKeySecret(secret: string, hash: string): Promise<boolean> {
  if (!isApiKeyHash(hash)) return false;
  const [, n, r, p, salt, expected] = hash.split('$') as [string, string, string, string, string, string];
  const wanted = Buffer.from(expected, 'base64url');
  const actual = await derive(secret, Buffer.from(salt, 'base64url'), { N: +n, r: +r, p: +p });
  return actual.length === wanted.length && timingSafeEqual(actual, wanted);
}
