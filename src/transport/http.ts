// The one HTTP client every REST backend uses: pooled keep-alive connections per origin
// (undici Agent), TLS settings, timeouts, bounded retries with backoff for idempotent
// requests, streaming bodies, and --debug tracing. It never knows about auth; the auth
// layer wraps it to add tokens and to re-authenticate once on 401.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
// undici's parts, not its index: see src/types/undici-parts.d.ts.
import Agent from 'undici/lib/dispatcher/agent.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import dispatchRequest from 'undici/lib/api/api-request.js';
import DispatcherBase from 'undici/lib/dispatcher/dispatcher.js';
import dispatchConnect from 'undici/lib/api/api-connect.js';
import { NetworkError, StorctlError, UsageError } from '../framework/errors.js';
import type { Tracer } from './tracer.js';
import type { HeaderMap } from './trace-types.js';

export interface TlsOptions {
  cacert?: string;
  cert?: string;
  key?: string;
  insecure?: boolean;
}

export interface HttpClientOptions {
  tracer: Tracer;
  tls?: TlsOptions;
  /** Overall deadline of one request (headers and body), ms. Default: none (idle timeouts apply). */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  /** Idle limits: waiting for headers, and between body chunks. */
  idleTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  userAgent?: string;
}

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts once this much time has passed since the first attempt. */
  budgetMs: number;
}

export type Body = string | Uint8Array | Readable | AsyncIterable<Uint8Array>;

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string | undefined>;
  body?: Body;
  /** Serialised as JSON with Content-Type: application/json. */
  json?: unknown;
  /** Length of a streamed body, sent as Content-Length (otherwise chunked). */
  contentLength?: number;
  /** Default: GET, HEAD, PUT, DELETE, OPTIONS are idempotent. Streamed bodies are never retried. */
  idempotent?: boolean;
  /** Return the body as a stream instead of reading it. */
  stream?: boolean;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  url: string;
  headers: Record<string, string>;
  /** Read body (stream: false). */
  body: Uint8Array;
  /** Body stream (stream: true). */
  stream: Readable;
  text(): string;
  json<T = any>(): T;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const RETRY_STATUS = new Set([429, 502, 503, 504]);
/** Connection failures that mean "nobody is there": retrying only makes the user wait. */
const FAIL_FAST = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// EPROTO: the peer broke off the handshake (e.g. a client certificate it requires is missing).
const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|EPROTO/;
const TRACE_BODY_LIMIT = 64 * 1024;

export class HttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly retry: RetryPolicy;

  constructor(private readonly opts: HttpClientOptions) {
    this.retry = { retries: 3, baseDelayMs: 300, maxDelayMs: 5000, budgetMs: 30_000, ...opts.retry };
    const connect = tlsConnectOptions(opts.tls ?? {}, opts.connectTimeoutMs ?? 10_000);
    const agentOpts = {
      connect,
      keepAliveTimeout: 30_000,
      headersTimeout: opts.idleTimeoutMs ?? 120_000,
      bodyTimeout: opts.idleTimeoutMs ?? 120_000,
    };
    const env = opts.env ?? process.env;
    const proxied = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
    // Proxies tunnel with CONNECT; undici's index installs that method on every dispatcher.
    if (proxied && !(DispatcherBase.prototype as any).connect) (DispatcherBase.prototype as any).connect = dispatchConnect;
    this.dispatcher = proxied
      ? new EnvHttpProxyAgent({
          ...agentOpts,
          httpProxy: env.HTTP_PROXY || env.http_proxy,
          httpsProxy: env.HTTPS_PROXY || env.https_proxy,
          noProxy: env.NO_PROXY || env.no_proxy,
        })
      : new Agent(agentOpts);
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const method = req.method.toUpperCase();
    const headers: Record<string, string> = { 'user-agent': this.opts.userAgent ?? 'storctl' };
    for (const [k, v] of Object.entries(req.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
    let body: Body | undefined = req.body;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] ??= 'application/json';
    }
    if (req.contentLength !== undefined) headers['content-length'] = String(req.contentLength);
    const replayable = body === undefined || typeof body === 'string' || body instanceof Uint8Array;
    const retryable = replayable && (req.idempotent ?? IDEMPOTENT.has(method));
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(method, req, headers, body);
      const elapsed = Date.now() - started;
      const canRetry = retryable && attempt < this.retry.retries && elapsed < this.retry.budgetMs;
      if (outcome.kind === 'response') {
        const r = outcome.response;
        if (!(canRetry && RETRY_STATUS.has(r.status))) return r;
        const wait = Math.min(retryAfterMs(r.headers['retry-after']) ?? this.backoff(attempt), this.retry.budgetMs - elapsed);
        if (wait < 0) return r;
        this.opts.tracer.note(`retrying ${method} after HTTP ${r.status} in ${wait} ms (attempt ${attempt + 2})`);
        await sleep(wait, this.signalFor(req));
        continue;
      }
      const code = outcome.code;
      if (!canRetry || FAIL_FAST.has(code) || TLS_CODES.test(code) || outcome.aborted) throw outcome.error;
      const wait = this.backoff(attempt);
      this.opts.tracer.note(`retrying ${method} after ${code} in ${wait} ms (attempt ${attempt + 2})`);
      await sleep(wait, this.signalFor(req));
    }
  }

  /** Ends the command's connections now: a graceful close keeps the process alive ~0.5 s. */
  async close(): Promise<void> {
    await this.dispatcher.destroy();
  }

  private backoff(attempt: number): number {
    const exp = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
    return Math.round(exp / 2 + Math.random() * (exp / 2)); // "equal jitter": never zero, never in lockstep
  }

  private signalFor(req: HttpRequest): AbortSignal | undefined {
    const signals = [req.signal, this.opts.signal].filter((s): s is AbortSignal => !!s);
    if (this.opts.timeoutMs) signals.push(AbortSignal.timeout(this.opts.timeoutMs));
    return signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
  }

  private async attempt(
    method: string,
    req: HttpRequest,
    headers: Record<string, string>,
    body: Body | undefined,
  ): Promise<{ kind: 'response'; response: HttpResponse } | { kind: 'error'; error: StorctlError; code: string; aborted: boolean }> {
    const tracer = this.opts.tracer;
    const id = tracer.enabled ? tracer.nextId() : 0;
    const t0 = performance.now();
    if (tracer.enabled) {
      tracer.httpRequest({
        id,
        method,
        url: req.url,
        headers,
        body: body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? body : { streamed: true, length: req.contentLength },
      });
    }
    const signal = this.signalFor(req);
    let res: Dispatcher.ResponseData;
    try {
      const target = new URL(req.url);
      res = await dispatchRequest.call(this.dispatcher, {
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: method as Dispatcher.HttpMethod,
        headers,
        body: body as any,
        signal,
      });
    } catch (err) {
      const durationMs = Math.round(performance.now() - t0);
      const mapped = mapNetworkError(err, req.url, this.opts.timeoutMs);
      if (tracer.enabled) tracer.httpError({ id, error: mapped.error.message, durationMs });
      return { kind: 'error', ...mapped };
    }
    const resHeaders = flattenHeaders(res.headers);
    const done = (bodyBytes?: Uint8Array) => {
      if (!tracer.enabled) return;
      tracer.httpResponse({
        id,
        status: res.statusCode,
        headers: resHeaders,
        body: bodyBytes && bodyBytes.length > TRACE_BODY_LIMIT ? bodyBytes.subarray(0, TRACE_BODY_LIMIT) : bodyBytes,
        bodyLength: bodyBytes?.length ?? (resHeaders['content-length'] ? Number(resHeaders['content-length']) : undefined),
        durationMs: Math.round(performance.now() - t0),
      });
    };
    if (req.stream) {
      done();
      return { kind: 'response', response: makeResponse(res.statusCode, req.url, resHeaders, new Uint8Array(), res.body as unknown as Readable) };
    }
    let bytes: Uint8Array;
    try {
      bytes = method === 'HEAD' ? new Uint8Array() : new Uint8Array(await res.body.arrayBuffer());
    } catch (err) {
      const mapped = mapNetworkError(err, req.url, this.opts.timeoutMs);
      if (tracer.enabled) tracer.httpError({ id, error: mapped.error.message, durationMs: Math.round(performance.now() - t0) });
      return { kind: 'error', ...mapped };
    }
    done(bytes);
    return { kind: 'response', response: makeResponse(res.statusCode, req.url, resHeaders, bytes, Readable.from([])) };
  }
}

function makeResponse(status: number, url: string, headers: Record<string, string>, body: Uint8Array, stream: Readable): HttpResponse {
  return {
    status,
    url,
    headers,
    body,
    stream,
    text: () => Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'),
    json() {
      const text = this.text();
      try {
        return JSON.parse(text);
      } catch {
        throw new StorctlError(`the server at ${new URL(url).origin} answered HTTP ${status} with a body that is not JSON: ${text.slice(0, 120).replace(/\s+/g, ' ')}`, {
          hint: 'check that the endpoint points at the right service (try --debug)',
        });
      }
    },
  };
}

export function flattenHeaders(h: HeaderMap | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function tlsConnectOptions(tls: TlsOptions, timeout: number): Record<string, unknown> {
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new UsageError(`cannot read ${what} file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
        hint: `fix the path in the profile (storctl profile explain) or the flag`,
      });
    }
  };
  const connect: Record<string, unknown> = { timeout };
  if (tls.cacert) connect.ca = read(tls.cacert, 'CA certificate');
  if (tls.cert) {
    connect.cert = read(tls.cert, 'client certificate');
    // A KumoScale-style .pem carries the key too.
    connect.key = tls.key ? read(tls.key, 'client key') : connect.cert;
  }
  if (tls.insecure) connect.rejectUnauthorized = false;
  return connect;
}

function mapNetworkError(err: unknown, url: string, timeoutMs?: number): { error: StorctlError; code: string; aborted: boolean } {
  const e = err as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = e?.cause?.code ?? e?.code ?? (e?.name === 'TimeoutError' ? 'ETIMEDOUT' : e?.name ?? 'ERR');
  let origin = url;
  try {
    origin = new URL(url).origin;
  } catch {
    /* keep the raw string */
  }
  const detail = e?.cause?.message ?? e?.message ?? String(err);
  if (code === 'ETIMEDOUT' || e?.name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return {
      error: new NetworkError(`timed out talking to ${origin}${timeoutMs ? ` (limit ${timeoutMs / 1000}s)` : ''}`, { hint: 'check the endpoint and network, or raise --timeout' }),
      code: 'ETIMEDOUT',
      aborted: e?.name === 'TimeoutError' || e?.name === 'AbortError',
    };
  }
  if (code === 'ECONNREFUSED') return { error: new NetworkError(`cannot connect to ${origin}: connection refused`, { hint: 'is the service running and the endpoint right? (storctl profile explain)' }), code, aborted: false };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { error: new NetworkError(`cannot resolve host of ${origin}`, { hint: 'check the host name in the endpoint (storctl profile explain)' }), code, aborted: false };
  if (TLS_CODES.test(code)) {
    return {
      error: new NetworkError(`TLS verification failed for ${origin}: ${detail}`, { hint: 'pass the server CA with --cacert FILE (profile: cacert), or --insecure for a test server' }),
      code,
      aborted: false,
    };
  }
  if (e?.name === 'AbortError') return { error: new NetworkError(`request to ${origin} was interrupted`), code: 'ABORT', aborted: true };
  return { error: new NetworkError(`connection to ${origin} failed: ${detail} (${code})`), code, aborted: false };
}

function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); reject(signal.reason); }, { once: true });
  });
}
