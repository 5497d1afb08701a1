// Moving secrets out of <cacheDir>/secrets: what moves, what is dropped, what is never touched.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateLegacySecrets } from '../../src/auth/legacy-secrets.js';

let root: string;
let old: string;
let target: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'storctl-legacy-'));
  old = join(root, 'cache/storctl/secrets');
  target = join(root, 'data/storctl/secrets');
  await mkdir(old, { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const mode = async (p: string) => (await stat(p)).mode & 0o777;

describe('migrateLegacySecrets', () => {
  it('moves user secrets (0600, dir 0700), drops token-cache entries, leaves other files alone', async () => {
    await writeFile(join(old, 'password-prod'), 'pw', { mode: 0o644 });
    await writeFile(join(old, 'token-ci'), 'tok');
    await writeFile(join(old, 'application_credential_secret-ac'), 'acs');
    await writeFile(join(old, 'client_secret-kumo'), 'cs');
    await writeFile(join(old, 'token-0123456789abcdef0123456789abcdef'), '{}');
    await writeFile(join(old, 'notes.txt'), 'not ours');
    const r = await migrateLegacySecrets(old, target);
    expect(r.moved.sort()).toEqual(['application_credential_secret-ac', 'client_secret-kumo', 'password-prod', 'token-ci']);
    expect(r.failed).toEqual([]);
    expect(await readFile(join(target, 'password-prod'), 'utf8')).toBe('pw');
    for (const f of r.moved) expect(await mode(join(target, f))).toBe(0o600);
    expect(await mode(target)).toBe(0o700);
    expect(await readdir(old)).toEqual(['notes.txt']);
    expect(await migrateLegacySecrets(old, target)).toEqual({ moved: [], failed: [] });
  });

  it('no old dir, or an old dir that is not a directory: nothing to do', async () => {
    expect(await migrateLegacySecrets(join(root, 'nowhere/secrets'), target)).toEqual({ moved: [], failed: [] });
    await writeFile(join(root, 'file'), 'x');
    expect(await migrateLegacySecrets(join(root, 'file'), target)).toEqual({ moved: [], failed: [] });
  });

  it('a newer copy in the data dir wins; an older one is replaced by the newer old-layout file', async () => {
    await mkdir(target, { recursive: true });
    const past = new Date(Date.now() - 3600_000);
    await writeFile(join(target, 'password-a'), 'new-a');
    await writeFile(join(old, 'password-a'), 'old-a');
    await utimes(join(old, 'password-a'), past, past);
    await writeFile(join(target, 'password-b'), 'stale-b');
    await utimes(join(target, 'password-b'), past, past);
    await writeFile(join(old, 'password-b'), 'fresh-b');
    const r = await migrateLegacySecrets(old, target);
    expect(r.moved).toEqual(['password-b']);
    expect(await readFile(join(target, 'password-a'), 'utf8')).toBe('new-a');
    expect(await readFile(join(target, 'password-b'), 'utf8')).toBe('fresh-b');
    expect(await mode(join(target, 'password-b'))).toBe(0o600);
    expect((await readdir(target)).sort()).toEqual(['password-a', 'password-b']);
  });

  it('never deletes anything when both names are the same directory', async () => {
    await writeFile(join(old, 'password-x'), 'keep me');
    await writeFile(join(old, 'token-0123456789abcdef0123456789abcdef'), '{}');
    expect(await migrateLegacySecrets(old, join(old, '.', '../secrets'))).toEqual({ moved: [], failed: [] });
    expect((await readdir(old)).sort()).toEqual(['password-x', 'token-0123456789abcdef0123456789abcdef']);
  });

  it('a data dir that cannot be made: reported as failed, the old file stays', async () => {
    await writeFile(join(root, 'blocked'), 'x');
    await writeFile(join(old, 'password-p'), 'pw');
    const r = await migrateLegacySecrets(old, join(root, 'blocked/secrets'));
    expect(r.moved).toEqual([]);
    expect(r.failed).toEqual(['password-p']);
    expect((r.error as NodeJS.ErrnoException).code).toBe('ENOTDIR');
    expect(await readFile(join(old, 'password-p'), 'utf8')).toBe('pw');
  });

  const otherFs = (() => {
    try {
      return statSync('/dev/shm').isDirectory() && statSync('/dev/shm').dev !== statSync(tmpdir()).dev;
    } catch {
      return false;
    }
  })();

  it.skipIf(!otherFs)('across file systems: copied (0600) and the old file removed', async () => {
    const far = await mkdtemp('/dev/shm/storctl-legacy-');
    try {
      await writeFile(join(old, 'password-far'), 'far-pw', { mode: 0o640 });
      const r = await migrateLegacySecrets(old, join(far, 'secrets'));
      expect(r).toEqual({ moved: ['password-far'], failed: [] });
      expect(await readFile(join(far, 'secrets/password-far'), 'utf8')).toBe('far-pw');
      expect(await mode(join(far, 'secrets/password-far'))).toBe(0o600);
      expect(await readdir(join(far, 'secrets'))).toEqual(['password-far']);
      await expect(stat(old)).rejects.toThrow();
    } finally {
      await rm(far, { recursive: true, force: true });
    }
  });

  it('several migrations at once: each file placed once, none lost', async () => {
    for (let i = 0; i < 20; i++) await writeFile(join(old, `password-p${i}`), `pw${i}`);
    const results = await Promise.all(Array.from({ length: 6 }, () => migrateLegacySecrets(old, target)));
    const moved = results.flatMap((r) => r.moved).sort();
    expect(moved).toEqual(Array.from({ length: 20 }, (_, i) => `password-p${i}`).sort());
    expect(results.flatMap((r) => r.failed)).toEqual([]);
    for (let i = 0; i < 20; i++) expect(await readFile(join(target, `password-p${i}`), 'utf8')).toBe(`pw${i}`);
    expect((await readdir(target)).length).toBe(20);
  });
});
