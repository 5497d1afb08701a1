// The one HTTP client every REST backend uses: pooled keep-alive connections per origin
// (undici Agent), TLS settings, timeouts, bounded retries with backoff for idempotent
// requests, streaming bodies, and --debug tracing. It never knows about auth; the auth
// layer wraps it to add tokens and to re-authenticate once on 401.
import { readFileSync } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import type { Dispatcher } from 'undici';
// undici's parts, not its index: see src/types/undici-parts.d.ts.
import Agent from 'undici/lib/dispatcher/agent.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import dispatchRequest from 'undici/lib/api/api-request.js';
import DispatcherBase from 'undici/lib/dispatcher/dispatcher.js';
import dispatchConnect from 'undici/lib/api/api-connect.js';
import { NetworkError, ServerError, StorctlError, UsageError } from '../framework/errors.js';
import { DEFAULT_LOW_SPEED, Watchdog, WatchdogAbort, watchdogError, type LowSpeedRule } from './watchdog.js';
import { diagnoseTls, TLS_FAILURE } from './tls-diagnose.js';
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
  /** Overall deadline of one API request (headers, body and retries), ms. Default 60 s; 0 = none. */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  /** The low-speed rule for data transfers (and for API requests when timeoutMs is 0). */
  lowSpeed?: Partial<LowSpeedRule>;
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
  /**
   * A data transfer: no overall deadline, the low-speed rule instead. Default: streamed
   * request or response bodies are transfers, everything else is an API request.
   */
  transfer?: boolean;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  url: string;
  headers: Record<string, string>;
  /** Read body (stream: false). */
  body: Uint8Array;
  /** Body stream (stream: true). Errors on it are NetworkErrors (cut, stalled). */
  stream: Readable;
  text(): string;
  json<T = any>(): T;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const RETRY_STATUS = new Set([429, 502, 503, 504]);
/** Connection failures that mean "nobody is there": retrying only makes the user wait. */
const FAIL_FAST = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TRACE_BODY_LIMIT = 64 * 1024;
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** Response streams whose source has ended or failed (see watchedBody and handOver). */
const finishedBodies = new WeakSet<Readable>();

type Outcome = { kind: 'response'; response: HttpResponse } | { kind: 'error'; error: StorctlError; code: string; aborted: boolean };

export class HttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly retry: RetryPolicy;
  private readonly lowSpeed: LowSpeedRule;
  private readonly timeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly connectOptions: Record<string, unknown>;

  constructor(private readonly opts: HttpClientOptions) {
    this.retry = { retries: 3, baseDelayMs: 300, maxDelayMs: 5000, budgetMs: 30_000, ...opts.retry };
    this.lowSpeed = {
      bytesPerSec: opts.lowSpeed?.bytesPerSec ?? DEFAULT_LOW_SPEED.bytesPerSec,
      windowMs: opts.lowSpeed?.windowMs ?? DEFAULT_LOW_SPEED.windowMs,
    };
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.connectTimeoutMs = opts.connectTimeoutMs || DEFAULT_CONNECT_TIMEOUT_MS;
    const connect = tlsConnectOptions(opts.tls ?? {}, this.connectTimeoutMs);
    this.connectOptions = connect;
    // Our watchdog bounds every request (deadline or low-speed rule); undici's own idle
    // timers would only cut a legitimately long --timeout short.
    const agentOpts = { connect, keepAliveTimeout: 30_000, headersTimeout: 0, bodyTimeout: 0 };
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
    const transfer = req.transfer ?? (req.stream === true || !replayable);
    // One watchdog for the whole request, retries included: --timeout bounds what the user waits.
    const dog = new Watchdog([req.signal, this.opts.signal]);
    if (transfer || this.timeoutMs === 0) dog.lowSpeed(this.lowSpeed);
    // A download waits for its headers under the API deadline, then only under the low-speed
    // rule; an upload's answer comes after its body, so it never has a deadline.
    if (this.timeoutMs > 0 && (!transfer || replayable)) dog.deadline(this.timeoutMs);
    const origin = originOf(req.url);
    try {
      const started = Date.now();
      for (let attempt = 0; ; attempt++) {
        const outcome = await this.attempt(method, req, headers, body, dog, transfer);
        const elapsed = Date.now() - started;
        const budgetLeft = this.retry.budgetMs - elapsed;
        const canRetry = retryable && attempt < this.retry.retries && budgetLeft > 0;
        if (outcome.kind === 'response') {
          const r = outcome.response;
          if (!RETRY_STATUS.has(r.status)) return this.handOver(r, req, dog);
          const asked = retryAfterMs(r.headers['retry-after']);
          // A server that asks for longer than we may wait: say so now rather than sleep and fail.
          if (asked !== undefined && retryable && asked > Math.min(budgetLeft, this.deadlineLeft(started))) {
            r.stream.destroy();
            throw rateLimited(r.status, origin, asked);
          }
          if (!canRetry) return this.handOver(r, req, dog);
          const wait = Math.min(asked ?? this.backoff(attempt), budgetLeft);
          r.stream.destroy();
          this.opts.tracer.note(`retrying ${method} after HTTP ${r.status} in ${wait} ms (attempt ${attempt + 2})`);
          await sleep(wait, dog.signal).catch((e) => { throw this.abortError(e, origin); });
          continue;
        }
        const code = outcome.code;
        if (!canRetry || FAIL_FAST.has(code) || TLS_FAILURE.test(code) || outcome.aborted) throw outcome.error;
        const wait = Math.min(this.backoff(attempt), budgetLeft);
        this.opts.tracer.note(`retrying ${method} after ${code} in ${wait} ms (attempt ${attempt + 2})`);
        await sleep(wait, dog.signal).catch((e) => { throw this.abortError(e, origin); });
      }
    } finally {
      // A streamed response keeps its watchdog (low-speed rule) until the body ends.
      if (!dog.handedOver) dog.stop();
    }
  }

  /** A streamed body goes on under the low-speed rule alone; the watchdog stops when it ends. */
  private handOver(r: HttpResponse, req: HttpRequest, dog: Watchdog): HttpResponse {
    if (req.stream) {
      dog.clearDeadline();
      dog.handedOver = true;
      if (finishedBodies.has(r.stream)) dog.stop(); // a short body may be through already
    }
    return r;
  }

  /** Ends the command's connections now: a graceful close keeps the process alive ~0.5 s. */
  async close(): Promise<void> {
    await this.dispatcher.destroy();
  }

  private deadlineLeft(started: number): number {
    return this.timeoutMs > 0 ? this.timeoutMs - (Date.now() - started) : Infinity;
  }

  private backoff(attempt: number): number {
    const exp = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
    return Math.round(exp / 2 + Math.random() * (exp / 2)); // "equal jitter": never zero, never in lockstep
  }

  private abortError(reason: unknown, origin: string): StorctlError {
    if (reason instanceof WatchdogAbort) return watchdogError(reason, origin, this.lowSpeed);
    if (reason instanceof StorctlError) return reason;
    return new NetworkError(`request to ${origin} was interrupted`);
  }

  private async attempt(method: string, req: HttpRequest, headers: Record<string, string>, body: Body | undefined, dog: Watchdog, transfer: boolean): Promise<Outcome> {
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
    const failed = async (err: unknown, beforeResponse: boolean): Promise<Outcome> => {
      const mapped = await this.mapError(err, req.url, dog, beforeResponse);
      if (tracer.enabled) tracer.httpError({ id, error: mapped.error.message, durationMs: Math.round(performance.now() - t0) });
      return { kind: 'error', ...mapped };
    };
    let res: Dispatcher.ResponseData;
    try {
      const target = new URL(req.url);
      res = await dispatchRequest.call(this.dispatcher, {
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: method as Dispatcher.HttpMethod,
        headers,
        body: transfer && body !== undefined ? (counted(body, dog) as any) : (body as any),
        signal: dog.signal,
      });
    } catch (err) {
      return failed(err, true);
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
      return { kind: 'response', response: makeResponse(res.statusCode, req.url, resHeaders, new Uint8Array(), this.watchedBody(res.body as unknown as Readable, req.url, dog)) };
    }
    let bytes: Uint8Array;
    try {
      bytes = method === 'HEAD' ? new Uint8Array() : await readAll(res.body as unknown as Readable, dog);
    } catch (err) {
      return failed(err, false);
    }
    done(bytes);
    return { kind: 'response', response: makeResponse(res.statusCode, req.url, resHeaders, bytes, Readable.from([])) };
  }

  /**
   * The response body as the caller reads it: bytes count for the low-speed rule (time the
   * caller spends not reading does not), the watchdog stops when the body ends, and every
   * failure arrives as a one-line NetworkError rather than a raw socket error.
   */
  private watchedBody(source: Readable, url: string, dog: Watchdog): Readable {
    const origin = originOf(url);
    const out = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        dog.progress(chunk.length);
        cb(null, chunk);
      },
    });
    dog.setPaused(() => out.readableLength >= out.readableHighWaterMark);
    const onAbort = () => source.destroy(dog.signal.reason);
    dog.signal.addEventListener('abort', onAbort, { once: true });
    const finish = () => {
      dog.signal.removeEventListener('abort', onAbort);
      finishedBodies.add(out);
      // A body dropped for a retry leaves the watchdog to the request's next attempt.
      if (dog.handedOver) dog.stop();
    };
    // pipe() rather than pipeline(): a source error must reach the caller mapped, not raw.
    source.on('error', (err) => {
      finish();
      if (out.destroyed) return;
      void this.mapError(err, url, dog).then((mapped) => {
        const cut = mapped.code !== 'ETIMEDOUT' && mapped.code !== 'ESTALLED' && !mapped.aborted;
        out.destroy(cut ? new NetworkError(`connection to ${origin} broke off mid-body (${mapped.code})`, { hint: 'try again; check the server and any proxy between', details: { code: mapped.code } }) : mapped.error);
      });
    });
    source.on('end', finish);
    out.on('close', () => {
      finish();
      if (!source.destroyed) source.destroy(); // the caller let go early
    });
    source.pipe(out);
    return out;
  }

  private async mapError(err: unknown, url: string, dog: Watchdog, beforeResponse = false): Promise<{ error: StorctlError; code: string; aborted: boolean }> {
    const reason = dog.signal.aborted ? dog.signal.reason : undefined;
    const origin = originOf(url);
    if (reason instanceof WatchdogAbort) {
      const error = watchdogError(reason, origin, this.lowSpeed);
      return { error, code: reason.reason === 'deadline' ? 'ETIMEDOUT' : 'ESTALLED', aborted: true };
    }
    if (reason !== undefined) return { error: reason instanceof StorctlError ? reason : new NetworkError(`request to ${origin} was interrupted`), code: 'ABORT', aborted: true };
    const code = (err as { code?: string })?.code;
    const cut = beforeResponse && (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE');
    const tls = await diagnoseTls(err, { url, clientCert: !!this.opts.tls?.cert, connectTimeoutMs: this.connectTimeoutMs, connectOptions: this.connectOptions, cutBeforeResponse: cut });
    if (tls) return { error: tls, code: String(tls.details?.code ?? 'TLS'), aborted: false };
    return mapNetworkError(err, url, this.connectTimeoutMs);
  }
}

/** Reads a whole (API) body; bytes feed the low-speed rule when that is the bound in force. */
async function readAll(body: Readable, dog: Watchdog): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    dog.progress(chunk.length);
    chunks.push(chunk);
    total += chunk.length;
  }
  return chunks.length === 1 ? new Uint8Array(chunks[0]!.buffer, chunks[0]!.byteOffset, total) : new Uint8Array(Buffer.concat(chunks, total));
}

/** A streamed request body whose bytes count for the low-speed rule. */
async function* counted(body: Body, dog: Watchdog): AsyncGenerator<Uint8Array> {
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    dog.progress(bytes.length);
    yield bytes;
    return;
  }
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    dog.progress(chunk.length);
    yield chunk;
  }
}

function rateLimited(status: number, origin: string, askedMs: number): StorctlError {
  const secs = Math.ceil(askedMs / 1000);
  return new ServerError(`${status === 429 ? 'rate limited' : `HTTP ${status} (service unavailable)`}: ${origin} asks to retry after ${secs} s`, {
    hint: `try again later, or wait longer with --retry-budget ${secs + 5} (profile: retry_budget)`,
    details: { status, retry_after: secs },
  });
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
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
        const kind = /^\s*</.test(text) ? 'an HTML page' : text.trim() === '' ? 'an empty body' : 'a body that is not JSON';
        throw new ServerError(`the server at ${originOf(url)} answered HTTP ${status} with ${kind} where JSON was expected: ${text.slice(0, 120).replace(/\s+/g, ' ')}`, {
          hint: 'check that the endpoint points at the right service, or look at the whole answer with --debug',
          details: { status },
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

function mapNetworkError(err: unknown, url: string, connectTimeoutMs: number): { error: StorctlError; code: string; aborted: boolean } {
  const e = err as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = e?.cause?.code ?? e?.code ?? e?.name ?? 'ERR';
  const origin = originOf(url);
  const detail = e?.cause?.message ?? e?.message ?? String(err);
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return {
      error: new NetworkError(`cannot connect to ${origin}: no answer within ${connectTimeoutMs / 1000} s`, { hint: 'check the host, port and firewall (storctl profile explain), or raise --connect-timeout', details: { code } }),
      code: 'ETIMEDOUT',
      aborted: false,
    };
  }
  if (code === 'ECONNREFUSED') return { error: new NetworkError(`cannot connect to ${origin}: connection refused`, { hint: 'is the service running and the endpoint right? (storctl profile explain)' }), code, aborted: false };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { error: new NetworkError(`cannot resolve host of ${origin}`, { hint: 'check the host name in the endpoint (storctl profile explain)' }), code, aborted: false };
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_CLOSED') {
    return { error: new NetworkError(`connection to ${origin} was cut (${code === 'UND_ERR_SOCKET' ? 'closed by the server' : code})`, { hint: 'the server or a proxy dropped the connection; try again, and check the server\'s logs', details: { code } }), code, aborted: false };
  }
  if (e?.name === 'AbortError') return { error: new NetworkError(`request to ${origin} was interrupted`), code: 'ABORT', aborted: true };
  return { error: new NetworkError(`connection to ${origin} failed: ${detail} (${code})`, { details: { code } }), code, aborted: false };
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
