// Builds the Context a command runs with. Each service (config, profile, HTTP, renderer) is
// created on first use and shared for the rest of the command.
import type { ColumnSpec, CommandMeta } from './command.js';
import type { Context, Env, GlobalOptions, IO } from './context.js';
import { UsageError, InterruptedError } from './errors.js';
import type { ConfigFile } from '../config/file.js';
import type { ResolvedProfile } from '../config/resolve.js';
import type { HttpClient } from '../transport/http.js';
import { Tracer } from '../transport/tracer.js';
import { inert } from '../output/inert.js';
import type { OutputFormat, Rec, RecordSource, RenderOptions } from '../output/types.js';

export interface ContextInput {
  io: IO;
  env: Env;
  globals: GlobalOptions;
  commandPath: readonly string[];
  meta: CommandMeta;
  signal: AbortSignal;
}

export interface ContextInternals {
  ctx: Context;
  setMeta(meta: CommandMeta): void;
  /** Resolve the profile again on next use (the global options changed before anything used it). */
  resetProfile(): void;
  dispose(): Promise<void>;
}

export function wantsColor(io: IO, env: Env, globals: Pick<GlobalOptions, 'color'>): boolean {
  if (globals.color === false) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return !!io.stdout.isTTY && env.TERM !== 'dumb';
}

export function createContext(input: ContextInput): ContextInternals {
  const { io, env, globals } = input;
  let meta = input.meta;
  const tracer = new Tracer({ debug: globals.debug ? io.stderr : null, traceFile: globals.traceFile });
  let configP: Promise<ConfigFile> | undefined;
  let profileP: Promise<ResolvedProfile> | undefined;
  let httpP: Promise<HttpClient> | undefined;
  const warned = new Set<string>();
  const warn = (m: string) => {
    if (warned.has(m)) return;
    warned.add(m);
    io.stderr.write(`storctl: warning: ${inert(m)}\n`);
  };

  const config = () =>
    (configP ??= (async () => {
      const [{ loadConfig, isSecretBearing }, { configPath, cacheDir }, { join }] = await Promise.all([import('../config/file.js'), import('../config/paths.js'), import('node:path')]);
      const cfg = await loadConfig(configPath(env), join(cacheDir(env), 'config.json'));
      if (cfg.mode !== undefined && (cfg.mode & 0o077) !== 0 && isSecretBearing(cfg)) {
        warn(`${cfg.path} holds secrets and is readable by others (mode ${cfg.mode.toString(8)}); run: chmod 600 ${cfg.path}`);
      }
      return cfg;
    })());

  const profile = () =>
    (profileP ??= (async () => {
      const { resolveProfile } = await import('../config/resolve.js');
      const flags: Record<string, unknown> = {
        insecure: globals.insecure || undefined,
        cacert: globals.cacert,
        timeout: globals.timeout,
        connect_timeout: globals.connectTimeout,
        retry_budget: globals.retryBudget,
        wait_timeout: globals.waitTimeout,
        region_name: globals.region,
        endpoint: globals.endpoint,
        transport: globals.transport,
        volume_api_version: globals.osVolumeApiVersion,
      };
      const p = await resolveProfile({ env, config: await config(), profile: globals.profile, osCloud: globals.osCloud, flags });
      for (const w of p.warnings) warn(w);
      if (p.get('insecure')) warn(`TLS certificates are not verified (insecure, from ${p.settings.get('insecure')!.source}): anyone on the path can read and change this session`);
      return p;
    })());

  const http = () =>
    (httpP ??= (async () => {
      const { HttpClient } = await import('../transport/http.js');
      const p = await profile();
      const seconds = (key: string) => {
        const v = p.get<number>(key);
        return v === undefined ? undefined : v * 1000;
      };
      const budget = seconds('retry_budget');
      return new HttpClient({
        tracer,
        env,
        signal: input.signal,
        timeoutMs: seconds('timeout'),
        connectTimeoutMs: seconds('connect_timeout'),
        lowSpeed: { bytesPerSec: p.get<number>('low_speed_limit'), windowMs: seconds('low_speed_time') },
        retry: budget === undefined ? undefined : budget === 0 ? { retries: 0 } : { budgetMs: budget },
        tls: { cacert: p.get('cacert'), cert: p.get('cert'), key: p.get('key'), insecure: p.get<boolean>('insecure') },
        userAgent: `storctl/${process.env.npm_package_version ?? ''}`.replace(/\/$/, ''),
      });
    })());

  const color = wantsColor(io, env, globals);
  const interactive = !!io.stdin.isTTY && !!io.stderr.isTTY;

  const format = async (): Promise<OutputFormat> => {
    if (globals.output) return globals.output;
    if (meta.backends !== 'none' || globals.profile) {
      try {
        const p = await profile();
        const f = p.get<OutputFormat>('output');
        if (f) return f;
      } catch {
        /* no profile: fall back to table */
      }
    }
    return 'table';
  };

  const renderOptions = async (columns: readonly ColumnSpec<any>[]): Promise<RenderOptions> => ({
    format: await format(),
    columns,
    selected: globals.column,
    sort: globals.sort,
    noHeaders: globals.noHeaders,
    long: globals.long,
    color,
    width: io.stdout.isTTY ? io.stdout.columns || 80 : Number(env.COLUMNS) || 10_000,
    tty: !!io.stdout.isTTY,
    csvSafe: globals.csvSafe === true,
  });

  const ctx: Context = {
    io,
    env,
    globals,
    get commandPath() {
      return input.commandPath;
    },
    get meta() {
      return meta;
    },
    tracer,
    color,
    interactive,
    signal: input.signal,
    config,
    profile,
    http,
    format,
    async printList(records: RecordSource, columns?: readonly ColumnSpec<any>[]) {
      const { renderer } = await import('../output/render.js');
      await renderer.list(records, await renderOptions(columns ?? meta.columns ?? []), io.stdout);
    },
    async printObject(record: Rec, columns?: readonly ColumnSpec<any>[]) {
      const { renderer } = await import('../output/render.js');
      await renderer.object(record, await renderOptions(columns ?? meta.columns ?? []), io.stdout);
    },
    print(text: string) {
      io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    warn,
    debug(message: string) {
      tracer.note(message);
    },
    async confirm(question: string) {
      if (globals.yes) return true;
      if (!interactive) {
        throw new UsageError(`${question.replace(/\?$/, '')}: refusing without confirmation because stdin is not a terminal`, { hint: 'pass --yes to confirm in scripts' });
      }
      const { askYesNo } = await import('../util/prompt.js');
      try {
        return await askYesNo(io, question);
      } catch {
        throw new InterruptedError('interrupted');
      }
    },
  };

  return {
    ctx,
    setMeta(m) {
      meta = m;
    },
    resetProfile() {
      profileP = undefined;
    },
    async dispose() {
      if (httpP) await (await httpP.catch(() => undefined))?.close().catch(() => {});
      await tracer.close();
    },
  };
}
