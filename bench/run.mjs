// Runs every benchmark in bench/ that needs nothing external; the ones that need the real
// OpenStack testbed say so and are run by hand (see the comment at the top of each).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
for (const f of readdirSync(dir).filter((f) => f.endsWith('.mjs') && !['run.mjs', 'lib.mjs'].includes(f)).sort()) {
  console.log(`\n== ${f}`);
  spawnSync(process.execPath, [`${dir}/${f}`], { stdio: 'inherit' });
}
