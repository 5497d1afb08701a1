// What the OpenStorage client needs from a transport (gRPC or the REST gateway): send one
// request message (a proto-loader style object) and get the raw answer back, or iterate a
// server stream. Failures with an SDK status are GrpcStatusError over both transports.
import type { Context } from '../../framework/context.js';
import type { ResolvedProfile } from '../../config/resolve.js';
import type { RpcInfo } from './rpcs.js';

export type Message = Record<string, unknown>;

export interface CallOptions {
  /** Deadline for this call (ms); streams have none unless given. */
  timeoutMs?: number;
}

export interface RawTransport {
  readonly kind: 'grpc' | 'rest';
  /** Where calls go, for messages: `127.0.0.1:9100` or `http://127.0.0.1:9110`. */
  readonly where: string;
  /** The answer as the transport gives it: a loader object (gRPC) or gateway JSON (REST). */
  unary(info: RpcInfo, request: Message, opts?: CallOptions): Promise<Message>;
  stream(info: RpcInfo, request: Message, opts?: CallOptions): AsyncGenerator<Message>;
  close(): Promise<void>;
}

export interface TransportSetup {
  ctx: Context;
  profile: ResolvedProfile;
  /** Headers/metadata that authenticate a call (empty without a token). */
  auth(): Promise<Record<string, string>>;
}

export const DEFAULT_GRPC_PORT = 9100;
export const DEFAULT_REST_PORT = 9110;
