#!/usr/bin/env node
// Build step: import every compiled command module once, keep the serialisable part of each
// definition, and write dist/manifest.json. At run time help, completion and dispatch read
// only this file; a command's module is imported when that command runs.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, copyFileSync, statSync } from 'node:fs';
import { join, relative, dirname, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const commandsDir = join(dist, 'commands');

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return e.name.endsWith('.js') && !e.name.startsWith('_') ? [p] : [];
  });
}

// Non-TS assets (proto files) travel with the compiled code.
function copyAssets(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) copyAssets(p);
    else if (e.name.endsWith('.proto')) {
      const out = join(dist, relative(join(root, 'src'), p));
      mkdirSync(dirname(out), { recursive: true });
      copyFileSync(p, out);
    }
  }
}
copyAssets(join(root, 'src'));

const BACKENDS = new Set(['openstack', 'swift', 'openstorage', 'kumoscale']);
const byPath = new Map();
for (const file of walk(commandsDir).sort()) {
  const rel = relative(commandsDir, file).split(sep).join('/');
  if (rel === 'topics.js') continue;
  const mod = await import(pathToFileURL(file).href);
  const def = mod.default;
  if (!def || typeof def.run !== 'function') throw new Error(`${rel}: default export is not a command definition`);
  const parts = rel.replace(/\.js$/, '').split('/');
  let last = parts.pop();
  const dot = last.indexOf('.');
  if (dot >= 0) {
    const backend = last.slice(dot + 1);
    if (!BACKENDS.has(backend)) throw new Error(`${rel}: unknown backend suffix "${backend}"`);
    last = last.slice(0, dot);
  }
  const path = [...parts, last];
  const flags = [...(def.flags ?? [])];
  if ((def.columns ?? []).some((c) => c.long) && !flags.some((f) => f.name === 'long')) {
    flags.push({ name: 'long', type: 'boolean', description: 'Show more columns' });
  }
  const variant = {
    module: `commands/${rel}`,
    backends: def.backends,
    flags,
    args: def.args ?? [],
    columns: (def.columns ?? []).map(({ key, header, long, format }) => ({ key, header, ...(long ? { long } : {}), ...(format ? { format } : {}) })),
    summary: def.summary,
    ...(def.description ? { description: def.description } : {}),
    examples: def.examples ?? [],
    destructive: !!def.destructive,
  };
  if (!variant.summary) throw new Error(`${rel}: summary is required`);
  if (variant.examples.length === 0) throw new Error(`${rel}: at least one example is required`);
  const key = path.join(' ');
  if (!byPath.has(key)) byPath.set(key, { path, variants: [] });
  const entry = byPath.get(key);
  const clash = entry.variants.find((v) => v.backends === 'none' || variant.backends === 'none' || v.backends.some((b) => variant.backends.includes(b)));
  if (clash) throw new Error(`${rel}: "${key}" is already defined for the same backend by ${clash.module}`);
  entry.variants.push(variant);
}

// A command flag must not take a global option's name or alias by accident: the parser gives the
// word to the global and the command never sees it (KumoScale's --region once vanished into the
// OpenStack region that way). Taking it on purpose needs `overridesGlobal: true` on the flag; the
// parser then gives the word to the command after its words (src/framework/globals.ts).
const { shadowedGlobals } = await import(pathToFileURL(join(dist, 'framework/globals.js')).href);
const shadowed = shadowedGlobals([...byPath.values()]);
if (shadowed.length) throw new Error(shadowed.join('\n'));

// Flags across a command's variants and the global options must not fight over a name or a
// short letter: commander would reject every command at start-up.
const GLOBAL_SHORTS = new Map([['p', 'profile'], ['o', 'output'], ['f', 'output'], ['c', 'column'], ['y', 'yes'], ['h', 'help'], ['V', 'version']]);
for (const { path, variants } of byPath.values()) {
  const shorts = new Map(GLOBAL_SHORTS);
  const types = new Map();
  for (const v of variants) {
    for (const f of v.flags) {
      for (const letter of [f.short, ...(f.aliases ?? []).filter((a) => a.length === 1)].filter(Boolean)) {
        const owner = shorts.get(letter);
        if (owner && owner !== f.name) throw new Error(`${v.module}: -${letter} of --${f.name} is already -${letter} of --${owner} for "${path.join(' ')}"`);
        shorts.set(letter, f.name);
      }
      const t = types.get(f.name);
      if (t && (t === 'boolean') !== (f.type === 'boolean')) throw new Error(`${v.module}: --${f.name} takes a value in one backend and none in another for "${path.join(' ')}"`);
      types.set(f.name, f.type);
    }
  }
}

const { TOPICS } = await import(pathToFileURL(join(commandsDir, 'topics.js')).href);
const commands = [...byPath.values()].sort((a, b) => a.path.join(' ').localeCompare(b.path.join(' ')));
const groupPaths = new Set();
for (const c of commands) for (let i = 1; i < c.path.length; i++) groupPaths.add(c.path.slice(0, i).join(' '));
for (const g of groupPaths) if (!TOPICS[g]) throw new Error(`topic "${g}" has no summary in src/commands/topics.ts`);
const topics = [...groupPaths].sort().map((g) => ({ path: g.split(' '), summary: TOPICS[g] }));

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const manifest = { version: pkg.version, commands, topics };
writeFileSync(join(dist, 'manifest.json'), JSON.stringify(manifest));
console.error(`manifest: ${commands.length} commands, ${topics.length} topics`);
