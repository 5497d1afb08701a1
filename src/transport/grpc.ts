// The gRPC transport (@grpc/grpc-js): one channel per process and target, TLS or plaintext,
// metadata (auth) added to every call by an interceptor, per-call deadlines, bounded retries
// with backoff of UNAVAILABLE for idempotent unary calls, cancellation on ^C, and --debug
// tracing (method, metadata, request, response, status, duration; the tracer redacts).
// Only backends that speak gRPC import this module, and only when a command runs over gRPC:
// loading grpc-js costs tens of milliseconds that `--help` and other commands never pay.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { UsageError } from '../framework/errors.js';
import { GRPC, GrpcStatusError, grpcCodeName } from './grpc-status.js';
import type { Tracer } from './tracer.js';

export interface GrpcMethod<Req = unknown, Res = unknown> {
  /** `/package.Service/Method` */
  path: string;
  serialize(value: Req): Buffer;
  deserialize(bytes: Buffer): Res;
}

export interface GrpcTarget {
  /** What grpc-js dials: `host:port`, `[v6]:port` or `unix:/path`. */
  address: string;
  tls: boolean;
}

export interface GrpcTlsOptions {
  /** CA bundle file; setting it turns TLS on for a bare host:port. */
  cacert?: string;
  /** Client certificate and key files (PEM), when the server asks for one. */
  cert?: string;
  key?: string;
  /** Accept any server certificate (self-signed test servers only). */
  insecure?: boolean;
}

export interface GrpcRetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts once this much time has passed since the first attempt. */
  budgetMs: number;
}

export interface GrpcTransportOptions {
  target: GrpcTarget;
  tls?: GrpcTlsOptions;
  tracer: Tracer;
  /** Deadline of a unary call (ms); default 120 s. */
  timeoutMs?: number;
  retry?: Partial<GrpcRetryPolicy>;
  /** Cancels every call in flight (SIGINT). */
  signal?: AbortSignal;
  /** Metadata for each call (e.g. `authorization`), asked for before every attempt. */
  metadata?: () => Promise<Record<string, string>>;
  userAgent?: string;
}

export interface UnaryOptions {
  /** May be sent again after UNAVAILABLE. */
  idempotent?: boolean;
  timeoutMs?: number;
}

export interface StreamOptions {
  /** Deadline for the whole stream; none by default (watches run until cancelled). */
  timeoutMs?: number;
}

/** Per call, as for HTTP API requests; 0 = no deadline (a watch). */
const DEFAULT_TIMEOUT_MS = 60_000;
/** Connection failures that mean "nobody is there" or "wrong certificate": retrying only makes the user wait. */
const FAIL_FAST = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|certificate|CERT_|SSL|TLS|self[- ]signed|handshake/i;

/**
 * `host:port`, `host` (default port), `grpc://host:port` (plaintext), `grpcs://` or `https://`
 * (TLS), `http://` (plaintext), `[::1]:9100`, `unix:/path`. TLS is also on when `tlsByDefault`
 * (a CA bundle is configured).
 */
export function parseGrpcTarget(endpoint: string, defaultPort: number, tlsByDefault = false): GrpcTarget {
  const text = endpoint.trim();
  if (text === '') throw new UsageError('empty gRPC endpoint');
  if (/^unix:/i.test(text)) return { address: text, tls: false };
  const m = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(text);
  let tls = tlsByDefault;
  let rest = text;
  if (m) {
    const scheme = m[1]!.toLowerCase();
    if (scheme === 'grpcs' || scheme === 'https') tls = true;
    else if (scheme === 'grpc' || scheme === 'http' || scheme === 'dns') tls = tlsByDefault;
    else throw new UsageError(`unsupported gRPC endpoint scheme "${scheme}://" in ${endpoint}`, { hint: 'use host:port, grpc://host:port or grpcs://host:port' });
    rest = m[2]!;
  }
  rest = rest.replace(/\/.*$/, '');
  let host: string;
  let port: number;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (v6) {
    host = `[${v6[1]}]`;
    port = v6[2] ? Number(v6[2]) : defaultPort;
  } else {
    const hp = /^([^:]+)(?::(\d+))?$/.exec(rest);
    if (!hp) throw new UsageError(`cannot read a host and port from gRPC endpoint "${endpoint}"`, { hint: 'use host:port, e.g. 127.0.0.1:9100' });
    host = hp[1]!;
    port = hp[2] ? Number(hp[2]) : defaultPort;
  }
  if (!(port > 0 && port < 65536)) throw new UsageError(`bad port in gRPC endpoint "${endpoint}"`);
  return { address: `${host}:${port}`, tls };
}

function readPem(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new UsageError(`cannot read ${what} file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: 'fix the path in the profile (storctl profile explain) or the flag',
    });
  }
}

let quietIpServername = false;

/**
 * grpc-js passes the target host as the TLS server name even when it is an IP address, and
 * Node then prints DEP0123 ("Setting the TLS ServerName to an IP address…") on stderr: noise
 * the user cannot act on (an IP endpoint is legitimate). That one warning is dropped.
 */
function silenceIpServernameWarning(): void {
  if (quietIpServername) return;
  quietIpServername = true;
  const original = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((...args: unknown[]) => {
    const opt = args[1];
    const code = typeof opt === 'object' && opt !== null ? (opt as { code?: unknown }).code : args[2];
    if (code === 'DEP0123') return;
    original(...args);
  }) as typeof process.emitWarning;
}

function credentialsFor(target: GrpcTarget, tls: GrpcTlsOptions): grpc.ChannelCredentials {
  if (!target.tls) return grpc.credentials.createInsecure();
  if (isIP(target.address.replace(/:\d+$/, '').replace(/^\[|\]$/g, ''))) silenceIpServernameWarning();
  const ca = tls.cacert ? readPem(tls.cacert, 'CA bundle') : null;
  const cert = tls.cert ? readPem(tls.cert, 'client certificate') : null;
  const key = tls.key ? readPem(tls.key, 'client key') : cert && /PRIVATE KEY/.test(cert.toString('utf8')) ? cert : null;
  const verify: grpc.VerifyOptions = tls.insecure ? { rejectUnauthorized: false, checkServerIdentity: () => undefined } : {};
  return grpc.credentials.createSsl(ca, cert ? key : null, key ? cert : null, verify);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The interceptor that puts `md` on every call it sees (the auth header, typically). */
export function metadataInterceptor(md: Record<string, string>): grpc.Interceptor {
  return (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        for (const [k, v] of Object.entries(md)) metadata.set(k, v);
        next(metadata, listener);
      },
    });
}

function statusError(err: Partial<grpc.ServiceError> | undefined, path: string): GrpcStatusError {
  const code = typeof err?.code === 'number' ? err.code : GRPC.UNKNOWN;
  const details = (err?.details ?? err?.message ?? '').replace(/\s*\r?\n\s*/g, ' ');
  return new GrpcStatusError(code, details, path);
}

export class GrpcTransport {
  private readonly client: grpc.Client;
  private readonly retry: GrpcRetryPolicy;
  private closed = false;

  constructor(private readonly opts: GrpcTransportOptions) {
    this.retry = { retries: 3, baseDelayMs: 250, maxDelayMs: 4000, budgetMs: 20_000, ...opts.retry };
    const channelOptions: grpc.ClientOptions = {
      'grpc.max_receive_message_length': 64 * 1024 * 1024,
      // storctl retries itself (bounded, traced); grpc-js's transparent retries stay off.
      'grpc.enable_retries': 0,
    };
    if (opts.userAgent) channelOptions['grpc.primary_user_agent'] = opts.userAgent;
    this.client = new grpc.Client(opts.target.address, credentialsFor(opts.target, opts.tls ?? {}), channelOptions);
  }

  get target(): GrpcTarget {
    return this.opts.target;
  }

  /** One request, one response; UNAVAILABLE is retried for idempotent calls. */
  async unary<Req, Res>(method: GrpcMethod<Req, Res>, request: Req, opts: UnaryOptions = {}): Promise<Res> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.unaryOnce(method, request, opts.timeoutMs ?? this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      } catch (err) {
        const elapsed = Date.now() - started;
        const retryable =
          err instanceof GrpcStatusError &&
          err.code === GRPC.UNAVAILABLE &&
          opts.idempotent === true &&
          attempt < this.retry.retries &&
          elapsed < this.retry.budgetMs &&
          !FAIL_FAST.test(err.details) &&
          !this.opts.signal?.aborted;
        if (!retryable) throw err;
        const exp = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
        const wait = Math.min(Math.round(exp / 2 + Math.random() * (exp / 2)), Math.max(0, this.retry.budgetMs - elapsed));
        this.opts.tracer.note(`retrying ${method.path} after UNAVAILABLE in ${wait} ms (attempt ${attempt + 2})`);
        await sleep(wait, this.opts.signal);
      }
    }
  }

  private async unaryOnce<Req, Res>(method: GrpcMethod<Req, Res>, request: Req, timeoutMs: number): Promise<Res> {
    const md = (await this.opts.metadata?.()) ?? {};
    const tracer = this.opts.tracer;
    const t0 = performance.now();
    return new Promise<Res>((resolve, reject) => {
      const signal = this.opts.signal;
      if (signal?.aborted) return reject(signal.reason);
      const call = this.client.makeUnaryRequest<Req, Res>(
        method.path,
        method.serialize,
        method.deserialize,
        request,
        new grpc.Metadata(),
        { deadline: timeoutMs > 0 ? Date.now() + timeoutMs : Infinity, interceptors: [metadataInterceptor(md)] },
        (err, res) => {
          signal?.removeEventListener('abort', onAbort);
          const e = err ? statusError(err, method.path) : undefined;
          if (tracer.enabled) {
            tracer.grpc({
              method: method.path,
              metadata: md,
              request,
              ...(e ? {} : { response: res }),
              status: { code: e?.code ?? GRPC.OK, name: grpcCodeName(e?.code ?? GRPC.OK), details: e?.details ?? '' },
              durationMs: Math.round(performance.now() - t0),
            });
          }
          if (e) reject(signal?.aborted ? signal.reason : e);
          else resolve(res as Res);
        },
      );
      const onAbort = () => call.cancel();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** A server-streaming call as an async iterable; leaving the loop early cancels the call. */
  async *serverStream<Req, Res>(method: GrpcMethod<Req, Res>, request: Req, opts: StreamOptions = {}): AsyncGenerator<Res> {
    const md = (await this.opts.metadata?.()) ?? {};
    const tracer = this.opts.tracer;
    const signal = this.opts.signal;
    if (signal?.aborted) throw signal.reason;
    const t0 = performance.now();
    const callOptions: grpc.CallOptions = { interceptors: [metadataInterceptor(md)] };
    const timeoutMs = opts.timeoutMs ?? this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (timeoutMs > 0) callOptions.deadline = Date.now() + timeoutMs;
    const call = this.client.makeServerStreamRequest<Req, Res>(method.path, method.serialize, method.deserialize, request, new grpc.Metadata(), callOptions);

    // Bridge events to pulls: a small queue, one waiter at most.
    const queue: Res[] = [];
    let failure: GrpcStatusError | undefined;
    let ended = false;
    let wake: (() => void) | undefined;
    let count = 0;
    let traced = false;
    const notify = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    const trace = (code: number, details: string) => {
      if (traced || !tracer.enabled) return;
      traced = true;
      tracer.grpc({ method: method.path, metadata: md, request, response: { messages: count }, status: { code, name: grpcCodeName(code), details }, durationMs: Math.round(performance.now() - t0) });
    };
    call.on('data', (m: Res) => {
      queue.push(m);
      notify();
    });
    call.on('error', (err: grpc.ServiceError) => {
      failure = statusError(err, method.path);
      trace(failure.code, failure.details);
      ended = true;
      notify();
    });
    call.on('end', () => {
      ended = true;
      notify();
    });
    call.on('status', (s: grpc.StatusObject) => {
      if (s.code === GRPC.OK) trace(GRPC.OK, '');
    });
    const onAbort = () => call.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    let finished = false;
    try {
      for (;;) {
        if (queue.length > 0) {
          count++;
          yield queue.shift()!;
          continue;
        }
        if (failure) throw signal?.aborted ? signal.reason : failure;
        if (ended) break;
        await new Promise<void>((r) => (wake = r));
      }
      finished = true;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (!finished && !ended) {
        call.cancel();
        trace(GRPC.CANCELLED, `cancelled by the client after ${count} message(s)`);
      }
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.close();
  }
}
