// Shared shapes for the embedded simulators. Every simulator runs in one Node
// process (the sandbox daemon or a test), listens on 127.0.0.1 only, keeps its
// state in memory, and counts the requests tests want to assert on.

/** What a Keystone token proves; other simulators accept a token when the validator returns one. */
export interface TokenInfo {
  userId: string;
  userName: string;
  domainId: string;
  projectId?: string;
  projectName?: string;
  roles: string[];
  expiresAt: Date;
}

/** Returns the token's identity, or undefined when the token is unknown, expired or revoked. */
export type TokenValidator = (token: string) => TokenInfo | undefined;

/** One service in the Keystone catalog. `url` may contain `$(project_id)s`, Keystone's template. */
export interface CatalogService {
  type: string;
  name: string;
  url: string;
  region?: string;
}

export interface SimulatorHandle {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Named request counters, e.g. { authRequests: 3 }. */
  readonly counters: Record<string, number>;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Always 127.0.0.1 unless a test says otherwise. */
  host?: string;
}
