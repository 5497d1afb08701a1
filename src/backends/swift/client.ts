// A thin Swift client over authedRequest: builds URLs under the account's storage URL, maps
// error answers to typed errors, and caches the cluster's /info (capabilities).
import type { Context } from '../../framework/context.js';
import { AuthError, NetworkError, ServerError, StorctlError } from '../../framework/errors.js';
import { authedRequest, getSession } from '../../auth/session.js';
import type { Body, HttpResponse } from '../../transport/http.js';
import { CutOff, swiftError, type Target } from './errors.js';
import { infoUrl, objectPath, storageUrl } from './paths.js';

export interface SwiftRequest {
  method: string;
  container?: string;
  object?: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string | undefined>;
  body?: Body;
  contentLength?: number;
  stream?: boolean;
  /** Statuses that are answers rather than errors (default: 2xx). */
  accept?: readonly number[];
  /** For messages: "upload", "delete", "read"... */
  op?: string;
  signal?: AbortSignal;
}

export type Info = Record<string, any>;

export class SwiftClient {
  private infoP?: Promise<Info>;

  private constructor(
    readonly ctx: Context,
    /** Storage URL without a trailing slash, e.g. https://swift/v1/AUTH_x */
    readonly base: string,
  ) {}

  static async open(ctx: Context): Promise<SwiftClient> {
    return new SwiftClient(ctx, await storageUrl(ctx));
  }

  url(container?: string, object?: string, query?: SwiftRequest['query']): string {
    let u = this.base + objectPath(container, object);
    const q = Object.entries(query ?? {}).filter(([, v]) => v !== undefined && v !== false);
    if (q.length) u += '?' + q.map(([k, v]) => (v === true ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)).join('&');
    return u;
  }

  /** One request; a status outside 2xx (and `accept`) becomes a typed error. */
  async request(r: SwiftRequest): Promise<HttpResponse> {
    const res = await authedRequest(this.ctx, {
      method: r.method,
      url: this.url(r.container, r.object, r.query),
      headers: r.headers,
      body: r.body,
      contentLength: r.contentLength,
      stream: r.stream,
      signal: r.signal ?? this.ctx.signal,
    });
    if ((res.status >= 200 && res.status < 300) || r.accept?.includes(res.status)) return res;
    throw await swiftError(res, target(r), !!r.stream);
  }

  /** HEAD; undefined when the target does not exist (or, with `forbiddenOk`, may not be read). */
  async head(container?: string, object?: string, op = 'read', forbiddenOk = false): Promise<Record<string, string> | undefined> {
    const res = await this.request({ method: 'HEAD', container, object, accept: forbiddenOk ? [403, 404] : [404], op });
    return res.status === 404 || res.status === 403 ? undefined : res.headers;
  }

  /** The cluster's capabilities (GET /info, no token needed); {} when the cluster hides them. */
  info(): Promise<Info> {
    return (this.infoP ??= (async () => {
      const http = await this.ctx.http();
      const res = await http.request({ method: 'GET', url: infoUrl(this.base), headers: { accept: 'application/json' }, signal: this.ctx.signal });
      if (res.status !== 200) {
        this.ctx.debug(`GET /info answered HTTP ${res.status}; assuming no optional middleware`);
        return {};
      }
      try {
        return res.json<Info>();
      } catch {
        return {};
      }
    })());
  }

  /** Makes sure a token is there before a streamed (non-replayable) request body is sent. */
  async ensureSession(refresh = false): Promise<void> {
    await getSession(this.ctx, { refresh });
  }
}

function target(r: SwiftRequest): Target {
  return { container: r.container, object: r.object, op: r.op ?? opFor(r.method, r.object !== undefined) };
}

function opFor(method: string, isObject: boolean): string {
  switch (method) {
    case 'PUT':
      return isObject ? 'upload' : 'create';
    case 'POST':
      return 'update';
    case 'DELETE':
      return 'delete';
    case 'COPY':
      return 'copy';
    default:
      return 'read';
  }
}

/** Errors worth another attempt with a fresh body: network trouble and server errors. */
export function isTransient(err: unknown): boolean {
  return err instanceof NetworkError || err instanceof ServerError || (err instanceof StorctlError && (err.details?.status === 408 || err.details?.status === 429));
}

/** An expired token refused on a streamed body (authedRequest cannot replay those). */
export function isUnauthorized(err: unknown): boolean {
  return err instanceof AuthError && err.details?.status === 401;
}

/**
 * Runs `attempt` again (with a fresh body from the caller) after a 401 (once, with a new
 * token) or a transient failure (up to `retries` times, with backoff).
 */
export async function withRetries<T>(swift: SwiftClient, attempt: (n: number) => Promise<T>, retries = 2): Promise<T> {
  let reauthed = false;
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (swift.ctx.signal.aborted) throw err;
      if (isUnauthorized(err) && !reauthed) {
        reauthed = true;
        swift.ctx.debug('HTTP 401 on a streamed request: authenticating again and resending');
        await swift.ensureSession(true);
        continue;
      }
      // A CutOff has had its own resumes (resume.ts): asking again from the start would not help.
      if (n < retries && isTransient(err) && !(err instanceof CutOff)) {
        const wait = 500 * 2 ** n;
        swift.ctx.debug(`${(err as Error).message}; retrying in ${wait} ms`);
        await new Promise((r) => setTimeout(r, wait));
        continue;
      }
      throw err;
    }
  }
}
