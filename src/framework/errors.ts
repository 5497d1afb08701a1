// One error class per kind of failure; each carries the exit code documented in storctl(1).
export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  conflict: 5,
  unreachable: 6,
  server: 7,
  interrupted: 130,
  terminated: 143,
} as const;

export class StorctlError extends Error {
  readonly exitCode: number = EXIT.error;
  /** A short machine-readable kind for `-o json` errors. */
  readonly kind: string = 'error';
  /** What the user can do about it; printed after the message. */
  readonly hint?: string;
  /** Extra fields for the JSON error object (e.g. HTTP status, matches). */
  readonly details?: Record<string, unknown>;

  constructor(message: string, opts: { hint?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    if (opts.hint) this.hint = opts.hint;
    if (opts.details) this.details = opts.details;
  }
}

export class UsageError extends StorctlError {
  override readonly exitCode = EXIT.usage;
  override readonly kind = 'usage';
}
export class ConfigError extends StorctlError {
  override readonly exitCode = EXIT.usage;
  override readonly kind = 'config';
}
export class AuthError extends StorctlError {
  override readonly exitCode = EXIT.auth;
  override readonly kind = 'auth';
}
export class NotFoundError extends StorctlError {
  override readonly exitCode = EXIT.notFound;
  override readonly kind = 'not_found';
}
export class ConflictError extends StorctlError {
  override readonly exitCode = EXIT.conflict;
  override readonly kind = 'conflict';
}
export class NetworkError extends StorctlError {
  override readonly exitCode = EXIT.unreachable;
  override readonly kind = 'unreachable';
}
export class ServerError extends StorctlError {
  override readonly exitCode = EXIT.server;
  override readonly kind = 'server';
}
export class InterruptedError extends StorctlError {
  override readonly exitCode = EXIT.interrupted;
  override readonly kind = 'interrupted';
}

/** Maps an HTTP status to the error class a user would expect. */
export function errorForStatus(status: number, message: string, opts: ConstructorParameters<typeof StorctlError>[1] = {}): StorctlError {
  const details = { status, ...(opts.details ?? {}) };
  const o = { ...opts, details };
  if (status === 401 || status === 403) return new AuthError(message, o);
  if (status === 404) return new NotFoundError(message, o);
  if (status === 409 || status === 412 || status === 422) return new ConflictError(message, o);
  if (status === 400 || status === 406 || status === 413 || status === 416) return new StorctlError(message, o);
  if (status >= 500 || status === 429) return new ServerError(message, o);
  return new StorctlError(message, o);
}
