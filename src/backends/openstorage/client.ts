// The OpenStorage SDK client commands use: `call(service, rpc, request)` returns the answer as a
// normalised record (normalize.ts), identical over gRPC and the REST gateway; `stream()` does
// the same per message of a server stream. The transport is the profile's `transport`
// (--transport): grpc (default) or rest. grpc-js is imported here lazily, only for gRPC.
//
// Errors: an SDK status becomes the typed storctl error (transport/grpc-status.ts) with the
// server's message and a hint; over REST the gateway's error JSON carries the same code and
// message, so both transports fail the same way. A token that came from the cache and is
// refused as UNAUTHENTICATED is replaced once (like authedRequest does on HTTP 401).
import type { Context } from '../../framework/context.js';
import { NetworkError, UsageError } from '../../framework/errors.js';
import { getSession } from '../../auth/session.js';
import { GRPC, GrpcStatusError, errorForGrpcStatus } from '../../transport/grpc-status.js';
import { normalize, type Rec } from './normalize.js';
import { openStorageSchema, rpcInfo, type RpcInfo } from './rpcs.js';
import type { OpenStorageServiceName } from './proto.js';
import type { CallOptions, Message, RawTransport, TransportSetup } from './transport.js';

export type { Rec } from './normalize.js';

/** The services of our proto (type only: importing proto.ts would load proto-loader). */
export type ServiceName = OpenStorageServiceName;

const CONNECT_FAILURE = /No connection established|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNRESET|Connection dropped|failed to connect/i;
const TLS_FAILURE = /certificate|CERT_|SSL|TLS|self[- ]signed|handshake/i;

/** grpc-js's "No connection established. Last error: Error: connect ECONNREFUSED …. Resolution note: " → the reason. */
function connectReason(details: string): string {
  const m = /Last error:\s*(?:Error:\s*)?(.*?)\.?\s*(?:Resolution note:.*)?$/.exec(details);
  return (m?.[1] ?? details).trim() || details;
}

export class OpenStorageClient {
  private readonly schema = openStorageSchema();

  constructor(
    private readonly ctx: Context,
    private readonly raw: RawTransport,
    private readonly profileName: string,
  ) {}

  /** `grpc` or `rest`. */
  get transport(): 'grpc' | 'rest' {
    return this.raw.kind;
  }

  /** One unary RPC; the answer normalised. */
  call(service: ServiceName, rpc: string, request: Message = {}, opts: CallOptions = {}): Promise<Rec> {
    return this.callRpc(rpcInfo(service, rpc), request, opts);
  }

  async callRpc(info: RpcInfo, request: Message, opts: CallOptions = {}): Promise<Rec> {
    let retried = false;
    for (;;) {
      try {
        const answer = await this.raw.unary(info, request, opts);
        return normalize(this.schema, info.responseType, answer, this.raw.kind === 'grpc' ? 'grpc' : 'gateway');
      } catch (err) {
        if (!retried && (await this.replaceCachedToken(err))) {
          retried = true;
          continue;
        }
        throw this.mapError(err, info);
      }
    }
  }

  /** A server-streaming RPC: each message normalised. Breaking out of the loop cancels it. */
  stream(service: ServiceName, rpc: string, request: Message = {}, opts: CallOptions = {}): AsyncGenerator<Rec> {
    return this.streamRpc(rpcInfo(service, rpc), request, opts);
  }

  async *streamRpc(info: RpcInfo, request: Message, opts: CallOptions = {}): AsyncGenerator<Rec> {
    let retried = false;
    for (;;) {
      let got = 0;
      try {
        for await (const msg of this.raw.stream(info, request, opts)) {
          got++;
          yield normalize(this.schema, info.responseType, msg, this.raw.kind === 'grpc' ? 'grpc' : 'gateway');
        }
        return;
      } catch (err) {
        if (got === 0 && !retried && (await this.replaceCachedToken(err))) {
          retried = true;
          continue;
        }
        throw this.mapError(err, info);
      }
    }
  }

  async close(): Promise<void> {
    await this.raw.close();
  }

  /** On UNAUTHENTICATED with a token from the cache: drop it and get a fresh one (true = try again). */
  private async replaceCachedToken(err: unknown): Promise<boolean> {
    if (!(err instanceof GrpcStatusError) || err.code !== GRPC.UNAUTHENTICATED) return false;
    const session = await getSession(this.ctx).catch(() => undefined);
    if (session?.origin !== 'cache') return false;
    this.ctx.debug('UNAUTHENTICATED: the cached token was refused; authenticating again');
    await getSession(this.ctx, { refresh: true });
    return true;
  }

  /** The typed storctl error for a failed call, with the server's message and a hint. */
  mapError(err: unknown, info: RpcInfo): Error {
    if (!(err instanceof GrpcStatusError)) return err as Error;
    const p = this.profileName;
    const rpc = `${info.service}/${info.rpc}`;
    const details = { rpc, transport: this.raw.kind };
    const msg = err.details || `${rpc} failed with ${err.codeName}`;
    const http = /Received HTTP status code (\d+)/.exec(msg);
    if (http && this.raw.kind === 'grpc') {
      return new NetworkError(`${this.raw.where} answered with HTTP ${http[1]}, not gRPC`, {
        details: { ...details, grpc_code: err.code, grpc_status: err.codeName },
        hint: `check that the profile's endpoint is the SDK's gRPC port (9100 by default; the REST gateway is 9110: use --transport rest for it), and any proxy in the way`,
      });
    }
    switch (err.code) {
      case GRPC.UNAUTHENTICATED:
        return errorForGrpcStatus(err.code, msg, {
          details,
          hint: `the server did not accept the token of profile "${p}"; check it with \`storctl auth status\` or store a new one (read from stdin, so it stays out of shell history): storctl profile set ${p} --token-stdin`,
        });
      case GRPC.PERMISSION_DENIED: {
        let hint: string;
        if (/unable to authenticate token/i.test(msg)) hint = `the token of profile "${p}" is expired or not signed by a key the server trusts; get a new one and store it: storctl profile set ${p} --token-stdin (reads it from stdin)`;
        else if (/without authentication token/i.test(msg)) hint = `profile "${p}" sends no token, so the server runs calls as system.guest; set one: storctl profile set ${p} --token-stdin (reads it from stdin), or token_command=…`;
        else hint = `the token's roles, or the resource's owner, do not allow ${rpc} (see \`storctl role list\`)`;
        return errorForGrpcStatus(err.code, msg, { details, hint });
      }
      case GRPC.UNAVAILABLE:
        if (TLS_FAILURE.test(msg) && CONNECT_FAILURE.test(msg)) {
          return errorForGrpcStatus(err.code, `TLS with the OpenStorage SDK at ${this.raw.where} failed: ${connectReason(msg)}`, {
            details,
            hint: `set cacert to the CA that signed the server's certificate (storctl profile set ${p} cacert=FILE), or use --insecure for a self-signed test server`,
          });
        }
        if (CONNECT_FAILURE.test(msg)) {
          return errorForGrpcStatus(err.code, `cannot reach the OpenStorage SDK at ${this.raw.where}: ${connectReason(msg)}`, {
            details,
            hint: `check the profile's endpoint (storctl profile explain ${p}) and that the SDK server listens there (gRPC port 9100, REST gateway 9110 by default)`,
          });
        }
        return errorForGrpcStatus(err.code, msg, { details, hint: 'the server is not ready for this call; try again later' });
      case GRPC.DEADLINE_EXCEEDED:
        return errorForGrpcStatus(err.code, `${rpc} timed out: ${msg}`, { details, hint: 'raise the limit with --timeout SECONDS (or the profile\'s timeout)' });
      case GRPC.UNIMPLEMENTED:
        return errorForGrpcStatus(err.code, msg, { details, hint: `this server does not implement ${rpc} (an older SDK or another driver)` });
      case GRPC.CANCELLED:
        if (this.ctx.signal.aborted) return this.ctx.signal.reason as Error;
        return errorForGrpcStatus(err.code, msg, { details });
      default:
        return errorForGrpcStatus(err.code, msg, { details });
    }
  }
}

async function createClient(ctx: Context): Promise<OpenStorageClient> {
  const profile = await ctx.profile();
  const kind = (profile.get<string>('transport') ?? 'grpc').toLowerCase();
  if (kind !== 'grpc' && kind !== 'rest') {
    throw new UsageError(`profile "${profile.name}" has transport "${kind}"; OpenStorage speaks grpc or rest`, { hint: `storctl profile set ${profile.name} transport=grpc` });
  }
  const setup: TransportSetup = {
    ctx,
    profile,
    auth: async () => (await getSession(ctx)).headers,
  };
  let raw: RawTransport;
  if (kind === 'rest') {
    const { createRestTransport } = await import('./rest-client.js');
    raw = await createRestTransport(setup);
  } else {
    const { createGrpcTransport } = await import('./grpc-client.js');
    raw = await createGrpcTransport(setup);
  }
  ctx.debug(`OpenStorage SDK over ${kind} at ${raw.where}`);
  return new OpenStorageClient(ctx, raw, profile.name);
}

const clients = new WeakMap<Context, Promise<OpenStorageClient>>();

/** The command's client: one per command (one gRPC channel, reused by every call). */
export function openStorage(ctx: Context): Promise<OpenStorageClient> {
  let c = clients.get(ctx);
  if (!c) {
    c = createClient(ctx);
    clients.set(ctx, c);
  }
  return c;
}

/** Runs `fn` with the client and closes it afterwards (an open gRPC channel keeps the process alive). */
export async function withOpenStorage<T>(ctx: Context, fn: (osd: OpenStorageClient) => Promise<T>): Promise<T> {
  const osd = await openStorage(ctx);
  try {
    return await fn(osd);
  } finally {
    clients.delete(ctx);
    await osd.close().catch(() => {});
  }
}
