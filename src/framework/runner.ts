// Runs one parsed command: builds its Context, picks the implementation for the profile's
// backend, loads that module, runs it, and maps any failure to a message and an exit code.
import type { Command } from 'commander';
import type { ManifestCommand, ManifestVariant, CommandDefinition } from './command.js';
import type { Env, GlobalOptions, IO } from './context.js';
import { EXIT, InterruptedError, StorctlError, UsageError } from './errors.js';
import { camel, distRoot, unionFlags } from './manifest.js';
import { GLOBAL_FLAGS, globalSpellings } from './globals.js';
import { createContext, type ContextInternals } from './context-impl.js';
import { scrubKnownSecrets } from '../transport/redact.js';
import { inert, inertJson, inertLines } from '../output/inert.js';
import { parseDuration } from '../output/waiting.js';

const SIGTERM_EXIT = EXIT.terminated;

/** Ended by SIGTERM: exit 143 (128 + 15), like a shell reports it. */
class TerminatedError extends StorctlError {
  override readonly exitCode = SIGTERM_EXIT;
  override readonly kind = 'interrupted';
}

export interface RunInput {
  entry: ManifestCommand;
  args: string[];
  opts: Record<string, unknown>;
  command: Command;
  io: IO;
  env: Env;
}

export async function runCommand(input: RunInput): Promise<number> {
  const { entry, io, env, command } = input;
  const all = command.optsWithGlobals() as Record<string, any>;
  const globals: GlobalOptions = globalOptions(all);
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted); // second ^C: leave now
    controller.abort(new InterruptedError('interrupted'));
  };
  // SIGTERM (kill, systemd, a CI timeout): end the command like ^C, with 128+15. Whatever does
  // not stop within a few seconds is cut short with process.exit, whose 'exit' hooks still
  // remove the token lock this process holds (auth/lock.ts), so no one waits for a dead holder.
  const onSigterm = () => {
    if (controller.signal.aborted) process.exit(SIGTERM_EXIT);
    controller.abort(new TerminatedError('terminated'));
    setTimeout(() => process.exit(SIGTERM_EXIT), 3000).unref();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  let internals: ContextInternals | undefined;
  try {
    // A bad --wait-timeout must stop the command before it changes anything, not when the wait starts.
    if (globals.waitTimeout !== undefined && parseDuration(globals.waitTimeout) === undefined) {
      throw new UsageError(`--wait-timeout wants a duration such as 90s, 10m or 1h (a plain number is seconds), not "${inert(globals.waitTimeout)}"`);
    }
    const v0 = entry.variants[0]!;
    internals = createContext({ io, env, globals, commandPath: entry.path, meta: v0, signal: controller.signal });
    const ctx = internals.ctx;
    const variant = await pickVariant(entry, internals);
    if (reclaimGlobals(entry, variant, command, all)) {
      Object.assign(globals, globalOptions(all));
      internals.resetProfile(); // resolved for picking the variant, before the reclaimed value
    }
    rejectForeignFlags(entry, variant, command);
    coerceForVariant(variant, input.opts);
    const mod = (await import(new URL(variant.module, distRoot).href)) as { default: CommandDefinition };
    internals.setMeta(mod.default);
    await raceAbort(mod.default.run(ctx, input.args, input.opts), controller.signal);
    return EXIT.ok;
  } catch (err) {
    const reason: unknown = controller.signal.aborted ? controller.signal.reason : undefined;
    return reportError(reason instanceof StorctlError ? reason : err, io, globals, controller.signal.aborted);
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    await internals?.dispose();
  }
}

/** The global options from the parsed options of the command and its parents. */
function globalOptions(all: Record<string, any>): GlobalOptions {
  return {
    profile: all.profile,
    osCloud: all.osCloud,
    output: all.output,
    column: all.column ?? [],
    sort: all.sort,
    noHeaders: all.headers === false,
    long: all.long === true,
    debug: all.debug === true,
    traceFile: all.traceFile,
    timeout: all.timeout,
    connectTimeout: all.connectTimeout,
    retryBudget: all.retryBudget,
    waitTimeout: all.waitTimeout,
    csvSafe: all.csvSafe === true,
    insecure: all.insecure,
    cacert: all.cacert,
    region: all.osRegion,
    endpoint: all.endpoint,
    transport: all.transport,
    osVolumeApiVersion: all.osVolumeApiVersion,
    cache: all.cache !== false,
    yes: all.yes === true,
    color: all.color === false ? false : undefined,
  };
}

async function pickVariant(entry: ManifestCommand, internals: ContextInternals): Promise<ManifestVariant> {
  const only = entry.variants.length === 1 ? entry.variants[0]! : undefined;
  if (only && only.backends === 'none') return only;
  const profile = await internals.ctx.profile();
  const found = entry.variants.find((v) => v.backends !== 'none' && v.backends.includes(profile.backend));
  if (found) return found;
  const served = entry.variants.flatMap((v) => (v.backends === 'none' ? [] : v.backends));
  throw new UsageError(`"storctl ${entry.path.join(' ')}" does not apply to ${profile.backend} profiles (profile "${profile.name}" is ${profile.backend}; this command serves ${served.join(', ')})`, {
    hint: `pick a ${served.join(' or ')} profile with --profile NAME`,
  });
}

const GLOBAL_KEYS = new Set(GLOBAL_FLAGS.map((f) => camel(f.name)));
const GLOBAL_SPELLINGS = globalSpellings();

/**
 * Another backend's variant may declare a flag with a global's name (KumoScale placement
 * --region vs the OpenStack region, marked `overridesGlobal`). After the command words the
 * parser files the value under the command (cli.ts); when the chosen variant does not declare
 * the flag, it is the global option after all. True when a global changed.
 */
function reclaimGlobals(entry: ManifestCommand, variant: ManifestVariant, command: Command, all: Record<string, any>): boolean {
  const own = new Set(variant.flags.map((f) => f.name));
  let changed = false;
  for (const f of unionFlags(entry)) {
    const global = GLOBAL_SPELLINGS.get(f.name);
    const key = camel(f.name);
    if (!global || own.has(f.name) || command.getOptionValueSource(key) !== 'cli') continue;
    const v: unknown = (command.opts() as Record<string, unknown>)[key];
    all[camel(global.name)] = Array.isArray(v) ? v[v.length - 1] : v;
    changed = true;
  }
  return changed;
}

/** A flag that only another backend's implementation knows is a mistake, not a no-op. */
function rejectForeignFlags(entry: ManifestCommand, variant: ManifestVariant, command: Command) {
  if (entry.variants.length === 1) return;
  const known = new Set(variant.flags.map((f) => camel(f.name)));
  for (const other of entry.variants) {
    for (const f of other.flags) {
      const key = camel(f.name);
      if (!known.has(key) && !GLOBAL_KEYS.has(key) && !GLOBAL_SPELLINGS.has(f.name) && command.getOptionValueSource(key) === 'cli') {
        throw new UsageError(`--${f.name} does not apply to ${variant.backends === 'none' ? 'this' : variant.backends.join('/')} profiles for "${entry.path.join(' ')}"`, {
          hint: `see storctl ${entry.path.join(' ')} --help`,
        });
      }
    }
  }
}

/** Converts flags the parser kept as strings (see unionFlags) to the chosen variant's types. */
function coerceForVariant(variant: ManifestVariant, opts: Record<string, unknown>) {
  for (const f of variant.flags) {
    const key = camel(f.name);
    const v = opts[key];
    if (typeof v !== 'string') continue;
    if (f.type === 'number') {
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${f.name} wants a number, not "${v}"`, { hint: `see storctl --help for this command` });
      opts[key] = n;
    }
    if (f.choices && !f.choices.includes(v)) throw new UsageError(`--${f.name} must be one of ${f.choices.join(', ')}, not "${v}"`);
  }
}

function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => { signal.removeEventListener('abort', onAbort); resolve(v); },
      (e) => { signal.removeEventListener('abort', onAbort); reject(e); },
    );
  });
}

export function reportError(err: unknown, io: IO, globals: Pick<GlobalOptions, 'output' | 'debug'>, interrupted = false): number {
  let error: StorctlError;
  if (err instanceof StorctlError) error = err;
  else if (interrupted) error = new InterruptedError('interrupted');
  else if ((err as Error)?.name === 'UsageError') error = new UsageError((err as Error).message);
  else {
    const e = err as Error;
    error = new StorctlError(`internal error: ${e?.message ?? String(err)}`, { hint: 'this is a storctl bug; run with --debug for the stack and report it' });
    if (globals.debug && e?.stack) io.stderr.write(inertLines(scrubKnownSecrets(e.stack)) + '\n');
  }
  const message = scrubKnownSecrets(error.message);
  const hint = error.hint ? scrubKnownSecrets(error.hint) : undefined;
  if (globals.output === 'json') {
    const body = { error: { kind: error.kind, message, ...(hint ? { hint } : {}), exit_code: error.exitCode, ...(error.details ?? {}) } };
    io.stderr.write(inertJson(scrubKnownSecrets(JSON.stringify(body))) + '\n');
  } else {
    // Messages and hints quote servers (error bodies, names, statuses): one inert line.
    io.stderr.write(`storctl: ${inert(message)}${hint ? `; ${inert(hint)}` : ''}\n`);
  }
  return error.exitCode;
}
