// Starting, finding and stopping the sandbox daemon, and keeping the sandbox-* profiles in
// the user's config in step with it.
import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NetworkError } from '../framework/errors.js';
import { ensurePrivateDir } from '../util/atomic-write.js';
import type { SandboxState } from './daemon.js';
import type { ConfigFile } from '../config/file.js';
import { saveConfig } from '../config/file.js';

export function sandboxDir(cacheDir: string): string {
  return join(cacheDir, 'sandbox');
}

export async function readState(cacheDir: string): Promise<SandboxState | undefined> {
  try {
    const state = JSON.parse(await readFile(join(sandboxDir(cacheDir), 'state.json'), 'utf8')) as SandboxState;
    return isAlive(state.pid) ? state : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startDaemon(cacheDir: string): Promise<SandboxState> {
  const dir = sandboxDir(cacheDir);
  await ensurePrivateDir(dir);
  const stateFile = join(dir, 'state.json');
  await rm(stateFile, { force: true });
  const log = join(dir, 'daemon.log');
  const fd = openSync(log, 'w', 0o600);
  const daemon = fileURLToPath(new URL('./daemon.js', import.meta.url));
  const child = spawn(process.execPath, [daemon, stateFile], { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited: number | null = null;
  child.on('exit', (code) => {
    exited = code ?? 1;
  });
  child.unref();
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const state = await readState(cacheDir);
    if (state) return state;
    if (exited !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const tail = await readFile(log, 'utf8').catch(() => '');
  try {
    if (child.pid) process.kill(child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  throw new NetworkError(`the sandbox did not start: ${tail.trim().split('\n').slice(-1)[0] || 'no output'}`, { hint: `see ${log}` });
}

export async function stopDaemon(state: SandboxState): Promise<void> {
  process.kill(state.pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (isAlive(state.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(state.pid)) process.kill(state.pid, 'SIGKILL');
}

/** Writes (or replaces) the sandbox-* profiles; keeps every other profile and comment. */
export async function writeSandboxProfiles(cfg: ConfigFile, state: Pick<SandboxState, 'profiles'>): Promise<void> {
  await saveConfig(cfg, (doc) => {
    for (const name of cfg.profiles.keys()) if (name.startsWith('sandbox-')) doc.deleteIn(['profiles', name]);
    for (const p of state.profiles) doc.setIn(['profiles', p.name], doc.createNode(p.settings));
    if (!cfg.currentProfile) doc.set('current_profile', 'sandbox-openstack');
  });
}

export async function removeSandboxProfiles(cfg: ConfigFile): Promise<number> {
  const names = [...cfg.profiles.keys()].filter((n) => n.startsWith('sandbox-'));
  if (names.length === 0) return 0;
  await saveConfig(cfg, (doc) => {
    for (const n of names) doc.deleteIn(['profiles', n]);
    if (cfg.currentProfile?.startsWith('sandbox-')) doc.delete('current_profile');
  });
  return names.length;
}
