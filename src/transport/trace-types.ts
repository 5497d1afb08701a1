// Events the HTTP and gRPC transports report to the tracer (--debug, --trace-file).
export type HeaderMap = Record<string, string | string[] | undefined>;

export interface HttpRequestEvent {
  id: number;
  method: string;
  url: string;
  headers: HeaderMap;
  /** Text or bytes of a small request body; `{ streamed: true }` for a streamed one. */
  body?: string | Uint8Array | { streamed: true; length?: number };
}

export interface HttpResponseEvent {
  id: number;
  status: number;
  headers: HeaderMap;
  /** The first bytes of the body (the transport caps what it keeps). */
  body?: Uint8Array;
  /** Total body length when known, to say how much was cut. */
  bodyLength?: number;
  durationMs: number;
}

export interface HttpErrorEvent {
  id: number;
  error: string;
  durationMs: number;
}

export interface GrpcEvent {
  method: string;
  metadata: Record<string, string | string[]>;
  request: unknown;
  /** Unary response, or for streams the count of messages received. */
  response?: unknown;
  status: { code: number; name: string; details: string };
  durationMs: number;
}
