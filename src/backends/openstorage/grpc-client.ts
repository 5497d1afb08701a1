// The OpenStorage SDK over gRPC. This is the only OpenStorage module that loads grpc-js (through
// ../../transport/grpc.js and ./proto.js); client.ts imports it dynamically, and only when the
// profile's transport is gRPC.
import { UsageError } from '../../framework/errors.js';
import { GrpcTransport, parseGrpcTarget, type GrpcMethod } from '../../transport/grpc.js';
import { OPENSTORAGE_PACKAGE } from './http-rules.js';
import { openStoragePackageDefinition } from './proto.js';
import { DEFAULT_GRPC_PORT, type CallOptions, type Message, type RawTransport, type TransportSetup } from './transport.js';
import { isIdempotent, type RpcInfo } from './rpcs.js';

interface MethodDefinition {
  path: string;
  requestSerialize(v: unknown): Buffer;
  responseDeserialize(b: Buffer): unknown;
}

const methods = new Map<string, GrpcMethod<Message, Message>>();

function methodFor(info: RpcInfo): GrpcMethod<Message, Message> {
  let m = methods.get(info.path);
  if (!m) {
    const service = openStoragePackageDefinition()[`${OPENSTORAGE_PACKAGE}.${info.service}`] as unknown as Record<string, MethodDefinition> | undefined;
    const def = service?.[info.rpc];
    if (!def) throw new Error(`no gRPC definition for ${info.path}`);
    m = {
      path: def.path,
      serialize: (v) => def.requestSerialize(v),
      deserialize: (b) => def.responseDeserialize(b) as Message,
    };
    methods.set(info.path, m);
  }
  return m;
}

/** gRPC metadata from HTTP-style auth headers: lower-case keys, `bearer <jwt>` as the SDK documents it. */
export function grpcMetadata(headers: Record<string, string>): Record<string, string> {
  const md: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const key = k.toLowerCase();
    md[key] = key === 'authorization' ? v.replace(/^bearer\s+/i, 'bearer ') : v;
  }
  return md;
}

export async function createGrpcTransport(setup: TransportSetup): Promise<RawTransport> {
  const { ctx, profile } = setup;
  const endpoint = (ctx.globals.endpoint ? [ctx.globals.endpoint] : (profile.get<string[]>('endpoint') ?? []))[0];
  if (!endpoint) {
    throw new UsageError(`profile "${profile.name}" has no endpoint (the OpenStorage SDK gRPC address, e.g. 127.0.0.1:${DEFAULT_GRPC_PORT})`, {
      hint: `storctl profile set ${profile.name} endpoint=HOST:${DEFAULT_GRPC_PORT}`,
    });
  }
  const cacert = profile.get<string>('cacert');
  const target = parseGrpcTarget(endpoint, DEFAULT_GRPC_PORT, !!cacert);
  const timeout = profile.get<number>('timeout');
  const retryBudget = profile.get<number>('retry_budget');
  const transport = new GrpcTransport({
    target,
    tls: { cacert, cert: profile.get('cert'), key: profile.get('key'), insecure: profile.get<boolean>('insecure') },
    tracer: ctx.tracer,
    timeoutMs: timeout === undefined ? undefined : timeout * 1000,
    retry: retryBudget === undefined ? undefined : retryBudget === 0 ? { retries: 0 } : { budgetMs: retryBudget * 1000 },
    signal: ctx.signal,
    metadata: async () => grpcMetadata(await setup.auth()),
    userAgent: 'storctl',
  });
  const where = `${target.tls ? 'grpcs' : 'grpc'}://${target.address}`;
  return {
    kind: 'grpc',
    where,
    unary(info: RpcInfo, request: Message, opts: CallOptions = {}) {
      return transport.unary(methodFor(info), request, { idempotent: isIdempotent(info.rpc), timeoutMs: opts.timeoutMs });
    },
    stream(info: RpcInfo, request: Message, opts: CallOptions = {}) {
      return transport.serverStream(methodFor(info), request, { timeoutMs: opts.timeoutMs });
    },
    async close() {
      transport.close();
    },
  };
}
