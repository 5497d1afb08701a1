// Build step: start from an empty dist/, so a command whose source was removed cannot linger
// in the manifest, the help or the generated docs.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

rmSync(fileURLToPath(new URL('../dist', import.meta.url)), { recursive: true, force: true });
