// Token cache keys. A key names the identity and scope a token is for AND the secret that made
// it, so a profile with a wrong password never picks up the token another profile obtained with
// the right one. The secret enters the key as HMAC-SHA256(K, secret), where K is 32 random bytes
// kept per user in <cache dir>/fingerprint.key (mode 0600): a plain hash would let anyone who
// can read cache file names test password guesses offline; without K the fingerprint says
// nothing. Deleting the cache dir deletes K with the tokens it keyed, which is consistent.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { link, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite, ensurePrivateDir } from '../util/atomic-write.js';

const KEY_FILE = 'fingerprint.key';
const KEY_BYTES = 32;

export function cacheKey(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

/** One secret's part of a cache key: keyed, so it cannot be checked against guesses without K. */
export function secretFingerprint(key: Buffer, name: string, value: string): string {
  return createHmac('sha256', key).update(`${name}\0${value}`, 'utf8').digest('hex');
}

const loaded = new Map<string, Promise<Buffer>>();

/**
 * The user's fingerprint key, created on first use. Two processes creating it at once agree:
 * each writes a private temp file and link()s it to the final name, which only one can win;
 * the loser reads the winner's key.
 */
export function fingerprintKey(cacheDir: string): Promise<Buffer> {
  let p = loaded.get(cacheDir);
  if (!p) {
    p = loadOrCreate(join(cacheDir, KEY_FILE));
    loaded.set(cacheDir, p);
  }
  return p;
}

async function loadOrCreate(path: string): Promise<Buffer> {
  const existing = await readKey(path);
  if (existing) return existing;
  const fresh = randomBytes(KEY_BYTES);
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await ensurePrivateDir(join(path, '..'));
  await atomicWrite(tmp, fresh, 0o600);
  try {
    await link(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const winner = await readKey(path);
    if (winner) return winner;
    // A damaged key file (wrong length): replace it; the tokens it keyed are merely unreachable.
    await rename(tmp, path);
    return fresh;
  } finally {
    await rm(tmp, { force: true });
  }
  return fresh;
}

async function readKey(path: string): Promise<Buffer | undefined> {
  try {
    const buf = await readFile(path);
    return buf.length === KEY_BYTES ? buf : undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
