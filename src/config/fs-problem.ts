// Why a local directory or file cannot be written, in words a user can act on: which path is
// in the way, and what to run. Used for the cache dir, the config file and the trace file.
// Only called on an error path; the synchronous stats here cost nothing that matters.
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface FsProblem {
  /** errno code: EACCES, ENOTDIR, EROFS, ... */
  code: string;
  /** "is not writable (EACCES)", "is not a directory (ENOTDIR: /h/.cache is a file)". */
  reason: string;
  /** "chmod u+w /h/.cache/storctl", "move /h/.cache away". */
  fix: string;
}

function ancestors(path: string): string[] {
  const chain: string[] = [];
  let p = resolve(path);
  for (;;) {
    chain.unshift(p);
    const parent = dirname(p);
    if (parent === p) break;
    p = parent;
  }
  return chain;
}

/** The first path from the root down to `path` that exists but is not a directory. */
export function fileInTheWay(path: string): string | undefined {
  for (const p of ancestors(path)) {
    try {
      if (!statSync(p).isDirectory()) return p;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** `path` itself or its nearest ancestor that exists. */
export function nearestExisting(path: string): string {
  let found = '/';
  for (const p of ancestors(path)) {
    try {
      statSync(p);
      found = p;
    } catch {
      break;
    }
  }
  return found;
}

/** Why the directory `dir` (which should hold what we write) failed with `err`. */
export function dirProblem(dir: string, err: unknown): FsProblem {
  const code = (err as NodeJS.ErrnoException)?.code ?? 'EIO';
  switch (code) {
    case 'EACCES':
    case 'EPERM': {
      const at = nearestExisting(dir);
      return { code, reason: `is not writable (${code})`, fix: `chmod u+w ${at}` };
    }
    case 'ENOTDIR':
    case 'EEXIST': {
      const file = fileInTheWay(dir);
      return file
        ? { code: 'ENOTDIR', reason: `is not a directory (ENOTDIR: ${file} is a file)`, fix: `move ${file} out of the way` }
        : { code, reason: `is not a directory (${code})`, fix: `make ${dir} a directory` };
    }
    case 'EROFS':
      return { code, reason: 'is on a read-only file system (EROFS)', fix: 'use a writable location' };
    case 'ENOSPC':
    case 'EDQUOT':
      return { code, reason: `cannot be written: no space left (${code})`, fix: `free some space on the file system of ${dir}` };
    case 'ENOENT':
      return { code, reason: 'does not exist (ENOENT)', fix: `create ${dir}` };
    default:
      return { code, reason: `cannot be written (${code})`, fix: `check ${dir}` };
  }
}

/** Codes that mean "this place cannot be written", as opposed to a bug. */
export function isFsWriteProblem(err: unknown): boolean {
  return ['EACCES', 'EPERM', 'ENOTDIR', 'EEXIST', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOENT', 'EISDIR', 'ELOOP', 'ENAMETOOLONG', 'EIO'].includes((err as NodeJS.ErrnoException)?.code ?? '');
}
