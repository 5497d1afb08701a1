// gRPC status codes and the storctl error each one becomes. No grpc-js import: the REST
// gateway client (which carries the same codes in its error JSON) uses this too, without
// loading grpc-js.
import { AuthError, ConflictError, NetworkError, NotFoundError, ServerError, StorctlError } from '../framework/errors.js';

export const GRPC_CODE_NAMES: readonly string[] = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

export const GRPC = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

export function grpcCodeName(code: number): string {
  return GRPC_CODE_NAMES[code] ?? `CODE_${code}`;
}

/** A call that ended with a non-OK status (from the server, or made up by the client library). */
export class GrpcStatusError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
    /** `/package.Service/Method` */
    readonly method: string,
  ) {
    super(details || grpcCodeName(code));
    this.name = 'GrpcStatusError';
  }
  get codeName(): string {
    return grpcCodeName(this.code);
  }
}

/**
 * The storctl error for a status: UNAUTHENTICATED/PERMISSION_DENIED → auth (3), NOT_FOUND → 4,
 * ALREADY_EXISTS/FAILED_PRECONDITION/ABORTED → conflict (5), UNAVAILABLE/DEADLINE_EXCEEDED →
 * unreachable (6), INTERNAL/UNKNOWN/DATA_LOSS/UNIMPLEMENTED → server (7), anything else (the
 * server refusing the input: INVALID_ARGUMENT, OUT_OF_RANGE…) → error (1). The message is the
 * server's own.
 */
export function errorForGrpcStatus(code: number, message: string, opts: { hint?: string; details?: Record<string, unknown> } = {}): StorctlError {
  const o = { ...opts, details: { grpc_code: code, grpc_status: grpcCodeName(code), ...(opts.details ?? {}) } };
  switch (code) {
    case GRPC.UNAUTHENTICATED:
    case GRPC.PERMISSION_DENIED:
      return new AuthError(message, o);
    case GRPC.NOT_FOUND:
      return new NotFoundError(message, o);
    case GRPC.ALREADY_EXISTS:
    case GRPC.FAILED_PRECONDITION:
    case GRPC.ABORTED:
      return new ConflictError(message, o);
    case GRPC.UNAVAILABLE:
    case GRPC.DEADLINE_EXCEEDED:
      return new NetworkError(message, o);
    case GRPC.INTERNAL:
    case GRPC.UNKNOWN:
    case GRPC.DATA_LOSS:
    case GRPC.UNIMPLEMENTED:
      return new ServerError(message, o);
    default:
      return new StorctlError(message, o);
  }
}
