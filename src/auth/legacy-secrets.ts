// Up to 0.1, secrets stored without a keyring lived in <cacheDir>/secrets beside the token
// cache, so cleaning the cache lost them. On first use they are moved to the data-dir store and
// the old token-cache files there are dropped (only a cache). Safe to run in several processes
// at once: a file is linked into place, which never replaces one already there, before its old
// name goes; a copy already in place that is as new as the old file wins.
import { chmod, copyFile, link, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { constants, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ensurePrivateDir } from '../util/atomic-write.js';

/** A token-cache entry: `token-` and the 32 hex digits of a cache key. */
const TOKEN_CACHE_ENTRY = /^token-[0-9a-f]{32}$/;
/** What `profile set` stored: `<secret setting>-<profile>`. */
const USER_SECRET = /^(password|token|application_credential_secret|client_secret)-./;

export interface MigrationResult {
  /** Accounts this process moved (names only, never values). */
  moved: string[];
  /** Accounts left behind, with the first error. */
  failed: string[];
  error?: unknown;
}

export async function migrateLegacySecrets(legacyDir: string, targetDir: string): Promise<MigrationResult> {
  const result: MigrationResult = { moved: [], failed: [] };
  let names: string[];
  try {
    names = await readdir(legacyDir);
  } catch {
    return result; // no old layout (or an unreadable cache dir: nothing we could move anyway)
  }
  if (await sameDir(legacyDir, targetDir)) return result;
  for (const name of names) {
    const src = join(legacyDir, name);
    try {
      if (TOKEN_CACHE_ENTRY.test(name)) await rm(src, { force: true });
      else if (USER_SECRET.test(name) && (await moveNoClobber(src, join(targetDir, name), targetDir))) result.moved.push(name);
    } catch (err) {
      result.failed.push(name);
      result.error ??= err;
    }
  }
  await rmdir(legacyDir).catch(() => {}); // not empty (left-overs, a read-only cache): leave it
  return result;
}

/** True when this process put `src` at `dst`; false when another copy was there already or `src` went. */
async function moveNoClobber(src: string, dst: string, dir: string): Promise<boolean> {
  const from = await stat(src).catch(() => undefined);
  if (!from?.isFile()) return false; // moved by another process meanwhile
  await ensurePrivateDir(dir);
  const placed = await placeNoClobber(src, dst, dir);
  if (placed === 'gone') return false;
  if (placed === 'exists') {
    const there = await stat(dst).catch(() => undefined);
    const newer = there && !sameFile(there, from) && there.mtimeMs < from.mtimeMs;
    if (!newer) {
      await dropOld(src);
      return false;
    }
    // An older copy (a run that could not delete the old file, then a newer secret stored there by an
    // older storctl): the newer one replaces it whole.
    await withTemp(dir, dst, async (tmp) => {
      await copyPrivate(src, tmp);
      await rename(tmp, dst);
    });
  }
  await chmod(dst, 0o600);
  await dropOld(src);
  return true;
}

/** `link` never replaces an existing name; where it cannot work, copy beside `dst` and link that. */
async function placeNoClobber(src: string, dst: string, dir: string): Promise<'placed' | 'exists' | 'gone'> {
  try {
    await link(src, dst);
    return 'placed';
  } catch (err) {
    const code = codeOf(err);
    if (code === 'EEXIST') return 'exists';
    if (code === 'ENOENT') return 'gone';
    if (!NO_LINK.has(code)) throw err;
  }
  return withTemp(dir, dst, async (tmp) => {
    try {
      await copyPrivate(src, tmp);
    } catch (err) {
      if (codeOf(err) === 'ENOENT') return 'gone';
      throw err;
    }
    try {
      await link(tmp, dst);
      return 'placed';
    } catch (err) {
      if (codeOf(err) === 'EEXIST') return 'exists';
      if (!NO_LINK.has(codeOf(err))) throw err;
    }
    // A file system without hard links: exclusive create. A reader racing this may see a
    // short file for an instant; the secret is a few bytes, written in one call.
    try {
      await copyFile(tmp, dst, constants.COPYFILE_EXCL);
      return 'placed';
    } catch (err) {
      if (codeOf(err) === 'EEXIST') return 'exists';
      throw err;
    }
  });
}

/** Another file system (EXDEV) or none of its own hard links. */
const NO_LINK = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

async function copyPrivate(src: string, tmp: string): Promise<void> {
  await copyFile(src, tmp, constants.COPYFILE_EXCL);
  await chmod(tmp, 0o600);
}

async function withTemp<T>(dir: string, dst: string, fn: (tmp: string) => Promise<T>): Promise<T> {
  // A dot name: the file store lists no dot files, so a left-over temp is never a secret's name.
  const tmp = join(dir, `.${dst.slice(dir.length + 1)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    return await fn(tmp);
  } finally {
    await rm(tmp, { force: true });
  }
}

/** The old name; a cache dir that cannot be written keeps it (the copy in the data dir wins). */
async function dropOld(src: string): Promise<void> {
  await rm(src, { force: true }).catch(() => {});
}

async function sameDir(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return !!x && !!y && sameFile(x, y);
}

const sameFile = (x: Stats, y: Stats) => x.dev === y.dev && x.ino === y.ino;

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException)?.code ?? '';
