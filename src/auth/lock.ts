// A cross-process lock on a file created with O_EXCL: twenty CI jobs that start with an empty
// cache queue here, and all but the first find a fresh token when they get the lock.
import { open, rm, stat, mkdir } from 'node:fs/promises';

const STALE_MS = 20_000;
const WAIT_MS = 30_000;

export async function withFileLock<T>(path: string, fn: () => Promise<T>, note: (m: string) => void = () => {}): Promise<T> {
  const dir = path.slice(0, path.lastIndexOf('/'));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const started = Date.now();
  let held = false;
  while (!held) {
    try {
      const fh = await open(path, 'wx', 0o600);
      await fh.writeFile(`${process.pid}\n`);
      await fh.close();
      held = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = await stat(path).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > STALE_MS) {
        note(`removing a stale lock ${path} (${Math.round(age / 1000)} s old)`);
        await rm(path, { force: true });
        continue;
      }
      if (Date.now() - started > WAIT_MS) {
        note(`lock ${path} still held after ${WAIT_MS / 1000} s; going on without it`);
        break;
      }
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 60));
    }
  }
  try {
    return await fn();
  } finally {
    if (held) await rm(path, { force: true });
  }
}
