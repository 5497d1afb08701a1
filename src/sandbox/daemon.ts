// The background process behind `storctl sandbox start`: runs every simulator until SIGTERM
// and publishes their addresses in a state file the CLI reads.
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { atomicWrite } from '../util/atomic-write.js';
import { startSandbox } from './index.js';

export interface SandboxState {
  pid: number;
  started_at: string;
  services: Record<string, string>;
  profiles: { name: string; description: string; settings: Record<string, unknown> }[];
}

async function main() {
  const stateFile = process.argv[2];
  if (!stateFile) throw new Error('usage: daemon.js STATE_FILE');
  const sandbox = await startSandbox({ pkiDir: join(dirname(stateFile), 'pki') });
  const state: SandboxState = { pid: process.pid, started_at: new Date().toISOString(), services: sandbox.services, profiles: sandbox.profiles };
  await atomicWrite(stateFile, JSON.stringify(state, null, 2), 0o600);
  const stop = async () => {
    await sandbox.close();
    await rm(stateFile, { force: true });
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  process.stderr.write(`sandbox daemon failed: ${err?.stack ?? err}\n`);
  process.exit(1);
});
