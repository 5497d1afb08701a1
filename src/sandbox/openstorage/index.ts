// Simulated OpenStorage SDK server (gRPC + REST gateway) backed by an
// in-memory fake driver. See the handlers in volumes.ts, cluster.ts, cloud.ts
// and alerts.ts for the behaviour of each RPC.

import * as grpc from '@grpc/grpc-js';
import { OPENSTORAGE_PROTO_PATH } from '../../backends/openstorage/proto.js';
import { addAlert, SEEDED_ALERTS, type AlertInput } from './alerts.js';
import type { AuthConfig } from './auth.js';
import { FakeDriver, type PoolSeed } from './driver.js';
import { startGateway } from './gateway.js';
import { createGrpcServer } from './grpc-server.js';
import { signJwt } from './jwt.js';
import { loadProtoSchema } from '../../backends/openstorage/schema.js';

export type { AlertInput } from './alerts.js';
export type { PoolSeed } from './driver.js';
export { signJwt } from './jwt.js';

export interface OpenStorageSimOptions {
  /** Listen address of both servers; 127.0.0.1 by default. */
  host?: string;
  /** 0 (default) picks a free port. */
  grpcPort?: number;
  /** 0 (default) picks a free port. */
  restPort?: number;
  /** Shared-secret JWT auth (osd `--jwt-shared-secret`, `--jwt-issuer`); off by default. */
  auth?: { sharedSecret: string; issuer: string; usernameClaim?: 'sub' | 'email' | 'name' } | false;
  /** Serve gRPC and REST over TLS with this key pair. */
  tls?: { key: Buffer; cert: Buffer };
  /** Storage pools of the single node (none by default, like the upstream fake driver). */
  pools?: PoolSeed[];
  /** Milliseconds a cloud backup/restore takes to reach Done (default 2000). */
  backupDurationMs?: number;
  /** Start without the seeded alerts. */
  noSeedAlerts?: boolean;
  /** Answer Alerts RPCs with UNAVAILABLE "Resource has not been initialized" as the upstream fake driver does. */
  alertsUnavailable?: boolean;
}

export interface MintTokenClaims {
  sub: string;
  name?: string;
  email?: string;
  roles: string[];
  groups?: string[];
  /** Default 3600; negative gives an already expired token. */
  expiresInSeconds?: number;
  /** Overrides the configured issuer (to test untrusted issuers). */
  issuer?: string;
}

export interface OpenStorageSim {
  /** host:port of the gRPC server, e.g. 127.0.0.1:41234. */
  grpcAddress: string;
  /** Base URL of the REST gateway, e.g. http://127.0.0.1:41235 (https with tls). */
  restUrl: string;
  /** Same as restUrl (SimulatorHandle compatibility). */
  url: string;
  /** REST port (SimulatorHandle compatibility). */
  port: number;
  grpcPort: number;
  restPort: number;
  /**
   * Request counters: `grpcCalls` (every gRPC call, including those the gateway
   * makes), `restRequests` (routed gateway requests), `authFailures`, and one
   * per RPC named `<Service>.<Rpc>`, e.g. `OpenStorageVolume.Create`.
   */
  counters: Record<string, number>;
  /** Signs a token the simulator accepts (HS256 with the shared secret). */
  mintToken(claims: MintTokenClaims): string;
  /** Adds an alert; later Alerts.EnumerateWithFilters calls return it. Returns its id. */
  emitAlert(alert: AlertInput): string;
  close(): Promise<void>;
}

const UNUSED_SECRET = 'storctl-simulator-auth-disabled';
const DEFAULT_ISSUER = 'openstorage.io';

export async function startOpenStorage(opts: OpenStorageSimOptions = {}): Promise<OpenStorageSim> {
  const host = opts.host ?? '127.0.0.1';
  const auth: AuthConfig | undefined = opts.auth
    ? { sharedSecret: opts.auth.sharedSecret, issuer: opts.auth.issuer, usernameClaim: opts.auth.usernameClaim ?? 'sub' }
    : undefined;
  const schema = loadProtoSchema(OPENSTORAGE_PROTO_PATH);
  const counters: Record<string, number> = {};
  const driver = new FakeDriver({
    authEnabled: auth !== undefined,
    backupDurationMs: opts.backupDurationMs ?? 2000,
    pools: opts.pools ?? [],
    alertsUnavailable: opts.alertsUnavailable ?? false,
  });
  if (!opts.noSeedAlerts) {
    const base = Date.now() - SEEDED_ALERTS.length * 60_000;
    SEEDED_ALERTS.forEach((a, i) => addAlert(driver, { ...a, timestamp: new Date(base + i * 60_000) }));
  }

  const server = createGrpcServer({ driver, schema, auth, counters });
  const bind = (address: string, creds: grpc.ServerCredentials): Promise<number> =>
    new Promise((resolve, reject) => server.bindAsync(address, creds, (err, port) => (err ? reject(err) : resolve(port))));
  const grpcHost = host.includes(':') ? `[${host}]` : host;
  const publicCreds = opts.tls
    ? grpc.ServerCredentials.createSsl(null, [{ private_key: opts.tls.key, cert_chain: opts.tls.cert }], false)
    : grpc.ServerCredentials.createInsecure();
  const grpcPort = await bind(`${grpcHost}:${opts.grpcPort ?? 0}`, publicCreds);
  // The gateway talks plaintext gRPC, like osd's gateway over its unix socket.
  const internalPort = opts.tls ? await bind('127.0.0.1:0', grpc.ServerCredentials.createInsecure()) : grpcPort;
  const internalTarget = opts.tls ? `127.0.0.1:${internalPort}` : `${grpcHost}:${grpcPort}`;

  let gateway;
  try {
    gateway = await startGateway({ schema, grpcTarget: internalTarget, counters, tls: opts.tls }, host, opts.restPort ?? 0);
  } catch (e) {
    server.forceShutdown();
    throw e;
  }
  const addr = gateway.server.address();
  const restPort = typeof addr === 'object' && addr ? addr.port : 0;
  const restUrl = `${opts.tls ? 'https' : 'http'}://${grpcHost}:${restPort}`;

  let closed = false;
  return {
    grpcAddress: `${grpcHost}:${grpcPort}`,
    restUrl,
    url: restUrl,
    port: restPort,
    grpcPort,
    restPort,
    counters,
    mintToken(claims: MintTokenClaims): string {
      const iat = Math.floor(Date.now() / 1000);
      const payload: Record<string, unknown> = {
        iss: claims.issuer ?? auth?.issuer ?? DEFAULT_ISSUER,
        sub: claims.sub,
        name: claims.name ?? claims.sub,
        email: claims.email ?? `${claims.sub}@example.com`,
        iat,
        exp: iat + (claims.expiresInSeconds ?? 3600),
        roles: claims.roles,
      };
      if (claims.groups) payload['groups'] = claims.groups;
      return signJwt(payload, auth?.sharedSecret ?? UNUSED_SECRET);
    },
    emitAlert(alert: AlertInput): string {
      return String(addAlert(driver, alert)['id']);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      driver.close();
      await gateway.close();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 500);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
