// Reads dist/manifest.json (written by scripts/build-manifest.mjs). Cheap: one JSON parse.
import { readFileSync } from 'node:fs';
import type { FlagSpec, Manifest, ManifestCommand } from './command.js';

let cached: Manifest | undefined;

export const distRoot = new URL('../', import.meta.url);

export function loadManifest(): Manifest {
  cached ??= JSON.parse(readFileSync(new URL('manifest.json', distRoot), 'utf8')) as Manifest;
  return cached;
}

/** Flags of every variant of a command, first declaration wins (help shows each once). */
export function unionFlags(cmd: ManifestCommand): FlagSpec[] {
  const seen = new Map<string, FlagSpec>();
  for (const v of cmd.variants) for (const f of v.flags) if (!seen.has(f.name)) seen.set(f.name, f);
  return [...seen.values()];
}

export function camel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
