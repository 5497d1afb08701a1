// Options every command accepts, before or after the command words.
import type { FlagSpec, ManifestCommand } from './command.js';
import { OUTPUT_FORMATS } from '../output/types.js';

export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'profile', short: 'p', type: 'string', valueName: 'NAME', description: 'Profile to use (env STORCTL_PROFILE; default: the current profile)' },
  { name: 'os-cloud', type: 'string', valueName: 'NAME', description: 'Take settings from this clouds.yaml cloud (env OS_CLOUD)' },
  { name: 'output', short: 'o', type: 'string', valueName: 'FORMAT', choices: OUTPUT_FORMATS, description: 'Output format', aliases: ['format', 'f'] },
  { name: 'column', short: 'c', type: 'list', valueName: 'NAME', description: 'Show only this column (repeatable; header or JSON key)' },
  { name: 'sort', type: 'string', valueName: 'KEY[:desc]', description: 'Sort rows by these columns (comma-separated)' },
  { name: 'no-headers', type: 'boolean', description: 'Omit the header row (table, csv)' },
  { name: 'csv-safe', type: 'boolean', description: "CSV: prefix cells starting with = + - @ (or TAB, CR) with ' so spreadsheets do not run them as formulas" },
  { name: 'debug', type: 'boolean', description: 'Trace every request and response on stderr (secrets redacted)' },
  { name: 'trace-file', type: 'string', valueName: 'FILE', description: 'Append the same trace as JSON lines to FILE', complete: 'file' },
  { name: 'timeout', type: 'number', valueName: 'SECONDS', description: 'Deadline of one API request (default 60; 0 = none; transfers use the stall rule instead)' },
  { name: 'connect-timeout', type: 'number', valueName: 'SECONDS', description: 'Give up connecting after this long (default 10)' },
  { name: 'retry-budget', type: 'number', valueName: 'SECONDS', description: 'Stop retrying failed requests after this long (default 30; 0 = no retries)' },
  { name: 'wait-timeout', type: 'string', valueName: 'DURATION', description: 'With --wait: give up waiting after this long (e.g. 90s, 10m, 1h; default 30m)' },
  { name: 'insecure', type: 'boolean', description: 'Do not verify TLS certificates (test servers only)' },
  { name: 'cacert', type: 'string', valueName: 'FILE', description: 'CA bundle to verify the server with', complete: 'file' },
  // --region stays an alias for habit's sake, except for commands with a --region of their own
  // (KumoScale placement labels): there the command's flag wins and the region is --os-region.
  { name: 'os-region', type: 'string', valueName: 'NAME', description: 'OpenStack region (env OS_REGION_NAME; also --region where the command has no --region of its own)', aliases: ['os-region-name', 'region'] },
  { name: 'endpoint', type: 'string', valueName: 'URL', description: 'Override the service endpoint' },
  { name: 'transport', type: 'string', valueName: 'KIND', choices: ['grpc', 'rest'], description: 'OpenStorage transport' },
  { name: 'os-volume-api-version', type: 'string', valueName: 'VERSION', description: 'Cinder API (micro)version, e.g. 3.59 (env OS_VOLUME_API_VERSION)' },
  { name: 'no-cache', type: 'boolean', description: 'Do not read or write the token cache' },
  { name: 'yes', short: 'y', type: 'boolean', description: 'Answer yes to confirmations (destructive commands)' },
  { name: 'no-color', type: 'boolean', description: 'Never colour output (also NO_COLOR)' },
];

/** Every long spelling of a global option (name and aliases) -> the option. */
export function globalSpellings(): Map<string, FlagSpec> {
  const out = new Map<string, FlagSpec>();
  for (const f of GLOBAL_FLAGS) {
    out.set(f.name, f);
    for (const a of f.aliases ?? []) if (a.length > 1) out.set(a, f);
  }
  return out;
}

/**
 * The global spellings a command's own flags take over (flags marked `overridesGlobal`; the
 * build refuses unmarked ones). For that command the parser gives those words to the command
 * and registers the global only under its other spellings.
 */
export function claimedSpellings(flags: readonly FlagSpec[]): Set<string> {
  const spellings = globalSpellings();
  const out = new Set<string>();
  for (const f of flags) for (const n of [f.name, ...(f.aliases ?? []).filter((a) => a.length > 1)]) if (spellings.has(n)) out.add(n);
  return out;
}

/**
 * Before the command words only global options can stand, so a claimed spelling there
 * (`storctl --region R2 volume create …`) still means the global: it is rewritten to the global's
 * first spelling the command does not claim. After the words it is the command's flag.
 */
export function routeClaimedGlobals(argv: readonly string[], commandLength: number, claimed: ReadonlySet<string>): string[] {
  if (claimed.size === 0) return [...argv];
  const spellings = globalSpellings();
  const takesValue = new Set<string>();
  for (const f of GLOBAL_FLAGS) {
    if (f.type === 'boolean') continue;
    for (const n of [f.name, ...(f.aliases ?? [])]) takesValue.add(n.length === 1 ? `-${n}` : `--${n}`);
    if (f.short) takesValue.add(`-${f.short}`);
  }
  const out = [...argv];
  let words = 0;
  for (let i = 0; i < out.length && words < commandLength; i++) {
    const a = out[i]!;
    if (a === '--') break;
    if (!a.startsWith('-')) {
      words++;
      continue;
    }
    const eq = a.indexOf('=');
    const name = (eq > 0 ? a.slice(0, eq) : a).replace(/^--/, '');
    if (a.startsWith('--') && claimed.has(name)) {
      const g = spellings.get(name)!;
      const free = [g.name, ...(g.aliases ?? [])].find((n) => n.length > 1 && !claimed.has(n));
      if (free) out[i] = `--${free}${eq > 0 ? a.slice(eq) : ''}`;
    }
    if (eq < 0 && takesValue.has(a)) i++;
  }
  return out;
}

/**
 * Command flags that take a global option's name or alias without `overridesGlobal` (the parser
 * would hand the word to the global and the command would never see it), marks with nothing
 * to override, and flags that would take --help or --version: one message each. The build
 * (scripts/build-manifest.mjs) refuses a manifest with any.
 */
export function shadowedGlobals(commands: readonly Pick<ManifestCommand, 'path' | 'variants'>[]): string[] {
  const owner = new Map<string, string>([['help', 'help'], ['version', 'version']]);
  for (const [spelling, g] of globalSpellings()) owner.set(spelling, g.name);
  const problems: string[] = [];
  for (const { path, variants } of commands) {
    for (const v of variants) {
      for (const f of v.flags) {
        const where = `${v.module}: --${f.name} of "${path.join(' ')}"`;
        const taken = [f.name, ...(f.aliases ?? [])].filter((n) => n.length > 1 && owner.has(n));
        const first = taken[0];
        if (first === undefined) {
          if (f.overridesGlobal) problems.push(`${where} is marked overridesGlobal, but no global option is called that`);
          continue;
        }
        const g = owner.get(first)!;
        if (g === 'help' || g === 'version') problems.push(`${where} would take over --${g}`);
        else if (!f.overridesGlobal) {
          problems.push(`${where} shadows the global option --${g}${first !== g ? ` (its alias --${first})` : ''}; rename the flag, or mark it overridesGlobal: true if the command means to take that name`);
        }
      }
    }
  }
  return problems;
}
