// The shape of one command. Each file under src/commands/<topic>/[<sub>/]<verb>[.<backend>].ts
// default-exports a CommandDefinition. The command's path (e.g. ["volume", "type", "list"])
// comes from the file's location; a `.<backend>` suffix lets shared nouns (volume, snapshot)
// have one implementation per backend under one path.
import type { Context } from './context.js';

export type BackendName = 'openstack' | 'swift' | 'openstorage' | 'kumoscale';
export const BACKENDS: readonly BackendName[] = ['openstack', 'swift', 'openstorage', 'kumoscale'];

export interface ArgSpec {
  name: string;
  description: string;
  required?: boolean;
  /** Takes one or more values (e.g. `volume delete ID...`). */
  variadic?: boolean;
  /** What completion offers: a fixed list, files, or nothing. */
  complete?: readonly string[] | 'file';
}

export type FlagType = 'boolean' | 'string' | 'number' | 'list';

export interface FlagSpec {
  /** Long name without dashes, kebab-case: "all-projects". The option key is its camelCase. */
  name: string;
  short?: string;
  type: FlagType;
  description: string;
  /** Placeholder shown in help, e.g. "SIZE". */
  valueName?: string;
  choices?: readonly string[];
  default?: string | number | boolean;
  required?: boolean;
  /** Hidden aliases accepted for habits from other tools. */
  aliases?: readonly string[];
  complete?: 'file';
  /**
   * This flag deliberately takes the name (or an alias) of a global option for this command
   * (KumoScale's --region label vs the OpenStack region). The build refuses a flag that shadows
   * a global without this mark; with it, the command's flag wins after the command words and
   * the global stays reachable under its other spellings (--os-region).
   */
  overridesGlobal?: boolean;
}

/** Column for table/csv/value output. `key` is the JSON field; `header` the table heading. */
export interface ColumnSpec<R = Record<string, unknown>> {
  key: string;
  header: string;
  /** Derives the cell from the record when it is not simply record[key]. */
  get?: (record: R) => unknown;
  /** How a table shows the value to people; JSON always keeps the raw value. */
  format?: 'bytes' | 'time' | 'list' | 'bool' | 'json';
  /** Shown only with --long (or -c). */
  long?: boolean;
}

export interface CommandMeta {
  summary: string;
  description?: string;
  args?: readonly ArgSpec[];
  flags?: readonly FlagSpec[];
  examples?: readonly string[];
  /** Backends this command serves; 'none' = needs no profile (profile, completion, sandbox...). */
  backends: readonly BackendName[] | 'none';
  /** Columns of list/show output, for help, completion of -c and the renderer. */
  columns?: readonly ColumnSpec<any>[];
  /** Asks for confirmation on a TTY unless --yes. Documented in help. */
  destructive?: boolean;
}

export interface CommandDefinition<O = Record<string, any>> extends CommandMeta {
  run(ctx: Context, args: string[], opts: O): Promise<void>;
}

export function defineCommand<O = Record<string, any>>(def: CommandDefinition<O>): CommandDefinition<O> {
  return def;
}

/** Serialisable part of a definition, written to dist/manifest.json at build time. */
export interface ManifestVariant {
  /** Module path relative to dist/, e.g. "commands/volume/list.openstack.js". */
  module: string;
  backends: readonly BackendName[] | 'none';
  flags: readonly FlagSpec[];
  args: readonly ArgSpec[];
  columns: readonly Pick<ColumnSpec, 'key' | 'header' | 'long' | 'format'>[];
  summary: string;
  description?: string;
  examples: readonly string[];
  destructive: boolean;
}

export interface ManifestCommand {
  /** ["volume", "list"] */
  path: string[];
  /** One per backend implementation; most commands have exactly one. */
  variants: ManifestVariant[];
}

export interface ManifestTopic {
  path: string[];
  summary: string;
}

export interface Manifest {
  version: string;
  commands: ManifestCommand[];
  topics: ManifestTopic[];
}
