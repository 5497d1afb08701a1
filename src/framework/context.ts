// What a command gets to work with: IO streams, environment, global options, the resolved
// profile, the HTTP transport, and output helpers. Everything is injected so tests can run a
// command in-process with fake streams, and lazily built so `--help` pays for none of it.
import type { Readable, Writable } from 'node:stream';
import type { ColumnSpec, CommandMeta } from './command.js';
import type { OutputFormat, Rec, RecordSource } from '../output/types.js';
import type { ConfigFile } from '../config/file.js';
import type { ResolvedProfile } from '../config/resolve.js';
import type { Tracer } from '../transport/tracer.js';
import type { HttpClient } from '../transport/http.js';

export type Env = Record<string, string | undefined>;

export interface IO {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdin: Readable & { isTTY?: boolean };
}

export interface GlobalOptions {
  profile?: string;
  osCloud?: string;
  output?: OutputFormat;
  column: string[];
  sort?: string;
  noHeaders: boolean;
  long: boolean;
  debug: boolean;
  traceFile?: string;
  timeout?: number;
  connectTimeout?: number;
  retryBudget?: number;
  /** --wait-timeout as given (a duration string); parsed where --wait polls. */
  waitTimeout?: string;
  csvSafe: boolean;
  insecure?: boolean;
  cacert?: string;
  region?: string;
  endpoint?: string;
  transport?: string;
  osVolumeApiVersion?: string;
  /** false with --no-cache */
  cache: boolean;
  yes: boolean;
  /** false with --no-color; undefined = decide from TTY/NO_COLOR/FORCE_COLOR */
  color?: boolean;
}

export interface Context {
  readonly io: IO;
  readonly env: Env;
  readonly globals: GlobalOptions;
  readonly commandPath: readonly string[];
  readonly meta: CommandMeta;
  readonly tracer: Tracer;
  /** Colour escapes allowed on stdout. */
  readonly color: boolean;
  /** stdin and stderr are terminals: prompts and spinners are allowed. */
  readonly interactive: boolean;
  /** Aborted on SIGINT. */
  readonly signal: AbortSignal;
  config(): Promise<ConfigFile>;
  profile(): Promise<ResolvedProfile>;
  http(): Promise<HttpClient>;
  /** The output format after flags, profile default and TTY defaults. */
  format(): Promise<OutputFormat>;
  printList(records: RecordSource, columns?: readonly ColumnSpec<any>[]): Promise<void>;
  printObject(record: Rec, columns?: readonly ColumnSpec<any>[]): Promise<void>;
  /** Plain text to stdout (a line is added when missing). */
  print(text: string): void;
  /** A notice on stderr (not part of the data). */
  warn(message: string): void;
  /** A line on stderr only under --debug. */
  debug(message: string): void;
  /** Asks y/N on a TTY; true without asking under --yes; a UsageError when it cannot ask. */
  confirm(question: string): Promise<boolean>;
}
