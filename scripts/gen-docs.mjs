#!/usr/bin/env node
// Generates the shell completion scripts (completions/), the man pages (man/) and the
// Commands section of README.md from dist/manifest.json, with the compiled generators in
// dist/docs/. Run after `npm run build` (`npm run gen` does both).
//
//   node scripts/gen-docs.mjs           write what changed, remove stale man/storctl-*.1
//   node scripts/gen-docs.mjs --check   write nothing; exit 1 listing the files that differ
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--check');
if (unknown.length) {
  console.error(`gen-docs: unknown argument ${unknown[0]} (usage: node scripts/gen-docs.mjs [--check])`);
  process.exit(2);
}
const check = args.includes('--check');

const manifestPath = join(root, 'dist', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error('gen-docs: dist/manifest.json is missing; run `npm run build` first');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const load = (name) => import(pathToFileURL(join(root, 'dist', 'docs', name)).href);
const [{ bashCompletion, zshCompletion, fishCompletion }, { manPages }, { readmeCommandsSection, replaceReadmeSection }] = await Promise.all([
  load('completion.js'),
  load('man.js'),
  load('readme.js'),
]);

/** Relative path → wanted content. */
const wanted = new Map([
  ['completions/storctl.bash', bashCompletion(manifest)],
  ['completions/_storctl', zshCompletion(manifest)],
  ['completions/storctl.fish', fishCompletion(manifest)],
]);
for (const [name, text] of manPages(manifest)) wanted.set(`man/${name}`, text);

const readmePath = join(root, 'README.md');
if (existsSync(readmePath)) {
  const readme = readFileSync(readmePath, 'utf8');
  if (readme.includes('<!-- commands:start -->') && readme.includes('<!-- commands:end -->')) {
    wanted.set('README.md', replaceReadmeSection(readme, readmeCommandsSection(manifest)));
  }
}

const read = (rel) => {
  try {
    return readFileSync(join(root, rel), 'utf8');
  } catch {
    return undefined;
  }
};

/** [relative path, what is wrong] */
const problems = [];
for (const [rel, text] of wanted) {
  const current = read(rel);
  if (current === undefined) problems.push([rel, 'missing']);
  else if (current !== text) problems.push([rel, 'differs']);
}
const manDir = join(root, 'man');
const stale = existsSync(manDir)
  ? readdirSync(manDir)
      .filter((f) => /^storctl-.*\.1$/.test(f) && !wanted.has(`man/${f}`))
      .sort()
      .map((f) => `man/${f}`)
  : [];
for (const rel of stale) problems.push([rel, 'stale (no such command any more)']);

if (check) {
  if (problems.length === 0) {
    console.log(`gen-docs: ${wanted.size} files up to date`);
    process.exit(0);
  }
  console.error(`gen-docs: ${problems.length} generated file(s) out of date:`);
  for (const [rel, why] of problems) console.error(`  ${rel}: ${why}`);
  console.error('run `npm run gen` and commit the result');
  process.exit(1);
}

for (const [rel, why] of problems) {
  const abs = join(root, rel);
  if (why.startsWith('stale')) rmSync(abs);
  else {
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, wanted.get(rel));
  }
  console.error(`gen-docs: ${why.startsWith('stale') ? 'removed' : 'wrote'} ${rel}`);
}
console.error(`gen-docs: ${wanted.size} files, ${problems.length} changed`);
