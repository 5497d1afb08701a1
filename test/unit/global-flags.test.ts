// Command flags against global options: the build refuses a flag that takes a global's name by
// accident, and a flag that takes it on purpose gets the word after the command words only.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { claimedSpellings, routeClaimedGlobals, shadowedGlobals } from '../../src/framework/globals.js';
import type { FlagSpec, Manifest, ManifestCommand } from '../../src/framework/command.js';

const cmd = (flags: FlagSpec[]): ManifestCommand => ({
  path: ['thing', 'make'],
  variants: [{ module: 'commands/thing/make.js', backends: ['kumoscale'], flags, args: [], columns: [], summary: 's', examples: ['x'], destructive: false }],
});

describe('shadowedGlobals (the build check)', () => {
  it('refuses a flag named like a global option or one of its aliases, unless marked', () => {
    expect(shadowedGlobals([cmd([{ name: 'region', type: 'string', description: '' }])])).toEqual([
      expect.stringMatching(/^commands\/thing\/make\.js: --region of "thing make" shadows the global option --os-region \(its alias --region\); .*overridesGlobal/),
    ]);
    expect(shadowedGlobals([cmd([{ name: 'timeout', type: 'number', description: '' }])])).toEqual([expect.stringMatching(/shadows the global option --timeout;/)]);
    expect(shadowedGlobals([cmd([{ name: 'fmt', aliases: ['format'], type: 'string', description: '' }])])).toEqual([expect.stringMatching(/--fmt .*shadows the global option --output \(its alias --format\)/)]);
    expect(shadowedGlobals([cmd([{ name: 'region', type: 'string', description: '', overridesGlobal: true }])])).toEqual([]);
  });
  it('refuses a mark with nothing to override, and --help/--version', () => {
    expect(shadowedGlobals([cmd([{ name: 'rack', type: 'string', description: '', overridesGlobal: true }])])).toEqual([expect.stringMatching(/no global option is called that/)]);
    expect(shadowedGlobals([cmd([{ name: 'help', type: 'boolean', description: '', overridesGlobal: true }])])).toEqual([expect.stringMatching(/would take over --help/)]);
  });
  it('the built manifest passes, and its --region flags are the marked KumoScale ones', () => {
    const m = JSON.parse(readFileSync(join(process.cwd(), 'dist/manifest.json'), 'utf8')) as Manifest;
    expect(shadowedGlobals(m.commands)).toEqual([]);
    const owners = m.commands.flatMap((c) => c.variants.filter((v) => v.flags.some((f) => f.name === 'region')).map((v) => `${c.path.join(' ')} ${String(v.backends)}`));
    expect(owners.sort()).toEqual(['backend add kumoscale', 'backend update kumoscale', 'replica add kumoscale', 'volume create kumoscale']);
  });
});

describe('claimed spellings', () => {
  const claimed = claimedSpellings([{ name: 'region', type: 'list', description: '', overridesGlobal: true }, { name: 'rack', type: 'list', description: '' }]);
  it('are the global spellings a command\'s flags take', () => {
    expect([...claimed]).toEqual(['region']);
  });
  it('before the command words mean the global (rewritten to an unclaimed spelling); after them, the command\'s flag', () => {
    expect(routeClaimedGlobals(['--region', 'R2', 'volume', 'create', 'x', '--region', 'z'], 2, claimed)).toEqual(['--os-region', 'R2', 'volume', 'create', 'x', '--region', 'z']);
    expect(routeClaimedGlobals(['--region=R2', '-p', 'lab', 'volume', 'create'], 2, claimed)).toEqual(['--os-region=R2', '-p', 'lab', 'volume', 'create']);
    // A global's value is not a command word: `-p volume` names a profile.
    expect(routeClaimedGlobals(['-p', 'volume', '--region', 'R', 'volume', 'create'], 2, claimed)).toEqual(['-p', 'volume', '--os-region', 'R', 'volume', 'create']);
    expect(routeClaimedGlobals(['volume', 'list', '--region', 'R'], 2, new Set())).toEqual(['volume', 'list', '--region', 'R']);
  });
});
