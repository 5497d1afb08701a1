// Reads dist/manifest.json (written by scripts/build-manifest.mjs). Cheap: one JSON parse.
import { readFileSync } from 'node:fs';
import type { FlagSpec, Manifest, ManifestCommand } from './command.js';

let cached: Manifest | undefined;

export const distRoot = new URL('../', import.meta.url);

export function loadManifest(): Manifest {
  cached ??= JSON.parse(readFileSync(new URL('manifest.json', distRoot), 'utf8')) as Manifest;
  return cached;
}

/**
 * Flags of every variant of a command, first declaration wins (help shows each once). When
 * backends disagree on a value flag's type (--size 10 for Cinder, --size 10GiB for OpenStorage),
 * the parser takes it as a string and the runner converts it for the chosen backend.
 */
export function unionFlags(cmd: ManifestCommand): FlagSpec[] {
  const seen = new Map<string, FlagSpec>();
  for (const v of cmd.variants) {
    for (const f of v.flags) {
      const prev = seen.get(f.name);
      if (!prev) seen.set(f.name, f);
      else if (prev.type !== f.type && prev.type !== 'boolean' && f.type !== 'boolean' && prev.type !== 'list') {
        seen.set(f.name, { ...prev, type: 'string', choices: undefined });
      }
    }
  }
  return [...seen.values()];
}

export function camel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
