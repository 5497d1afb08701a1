// KumoScale Provisioner REST API simulator: HTTPS only, 127.0.0.1, state in memory.
// Reference: shared/specs/kumoscale-provisioner.md. Choices where the spec is silent are
// marked "U" next to the code that makes them.
import { readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { generateTestPki, type TestPki } from '../tls.js';
import type { ListenOptions, SimulatorHandle } from '../types.js';
import { Authenticator, errorPage, type KsAuthConfig, type KsUser } from './auth.js';
import { asBody } from './fields.js';
import { matchRoute, runRoute, type Reply } from './routes.js';
import { defaultStorageNodes, GB, KsState, type Backend, type StorageNodeSeed, type SyslogEntry } from './state.js';

export type { KsAuthConfig, KsUser } from './auth.js';
export type { StorageNodeSeed, SyslogEntry } from './state.js';

/** The sandbox's built-in administrator (role "admin": every call allowed). */
export const KUMOSCALE_SANDBOX_USER: KsUser = { user: 'admin', password: 'KumoSandbox-1!', role: 'admin' };

export interface KumoScaleSimOptions extends ListenOptions {
  pki?: TestPki;
  /** Reject TLS handshakes without a client certificate signed by the CA. Default false. */
  requireClientCert?: boolean;
  /** Default: LOCAL with KUMOSCALE_SANDBOX_USER. */
  auth?: KsAuthConfig;
  /** The simulated storage-node fleet (default: 3 nodes in the pool, 1 spare, 1 without SSD groups). */
  storageNodes?: StorageNodeSeed[];
  /** How long time-driven tasks (replica resync, migration) take. Default 3000 ms. */
  taskDurationMs?: number;
  /** Reported by GET /info. */
  version?: string;
}

/** One injected failure (test hook). */
export type KsFailure =
  | { httpStatus: number; body?: string }
  | { status: string; description?: string }
  | { drop: true };

export interface KumoScaleSim extends SimulatorHandle {
  readonly pki: TestPki;
  /** Raw state, for assertions. */
  readonly state: KsState;
  /** A Bearer token (JWT) for a local user; `expiresInSec` may be negative for an expired token. */
  mintToken(user: string, expiresInSec?: number): string;
  /** Marks a pool backend Available/Unavailable; its replicas go Missing / Available. */
  setBackendState(persistentID: string, state: Backend['state']): void;
  /** The next request matching `match` (after auth) fails this way instead of running. */
  failNextWith(failure: KsFailure | number, match?: { method?: string; path?: string | RegExp }): void;
  /** Ends every running task now (as if its time had passed). */
  completeTasks(): void;
  /** Makes another storage node reachable for POST /backends. */
  addStorageNode(node: StorageNodeSeed): void;
  setSyslog(entries: SyslogEntry[]): void;
}

const MAX_BODY = 1 << 20;

function sendHtml(res: ServerResponse, status: number, reason: string, message: string, headers: Record<string, string> = {}): void {
  const body = errorPage(status, reason, message);
  res.writeHead(status, { 'Content-Type': 'text/html;charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function sendReply(res: ServerResponse, reply: Reply): void {
  if ('empty' in reply) {
    res.writeHead(200, { 'Content-Length': 0 });
    res.end();
    return;
  }
  const body = JSON.stringify(reply.json);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startKumoScale(opts: KumoScaleSimOptions = {}): Promise<KumoScaleSim> {
  const pki = opts.pki ?? (await generateTestPki());
  const [key, cert, ca] = await Promise.all([
    readFile(pki.serverKey), readFile(pki.serverCert), readFile(pki.caCert),
  ]);
  const state = new KsState(opts.storageNodes ?? defaultStorageNodes(), opts.taskDurationMs ?? 3000, opts.version ?? '3.20.0-sim');
  const auth = new Authenticator(opts.auth ?? { mode: 'LOCAL', users: [KUMOSCALE_SANDBOX_USER] });
  const counters: Record<string, number> = {
    requests: 0, infoRequests: 0, unauthorized: 0, forbidden: 0, notFound: 0, logicalFailures: 0,
    basicAuth: 0, bearerAuth: 0, clientCertPresented: 0, tlsClientErrors: 0, injectedFailures: 0,
  };
  const injections: { failure: KsFailure; method?: string; path?: string | RegExp }[] = [];
  const bump = (k: string): void => {
    counters[k] = (counters[k] ?? 0) + 1;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    bump('requests');
    if ((req.socket as TLSSocket).getPeerCertificate?.()?.subject) bump('clientCertPresented');
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    let segs: string[];
    try {
      segs = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      return sendHtml(res, 400, 'Bad Request', 'Malformed path');
    }
    const raw = await readBody(req);
    if (raw === 'too-large') return sendHtml(res, 413, 'Payload Too Large', 'Request body exceeds 1 MiB');
    state.tick();

    // GET /info is public (U, inferred from KIOXIA's test framework): no credentials needed.
    if (method === 'GET' && segs.length === 1 && segs[0] === 'info') {
      bump('infoRequests');
      let free = 0;
      for (const b of state.backends.values()) free += state.backendAvailable(b);
      return sendReply(res, {
        json: {
          version: state.version,
          totalFreeSpace: free, // U: bytes
          totalFreeSpaceGB: Math.floor(free / GB), // extra
          syslogsBackend: state.syslog.map((s) => s.url), // U: type undocumented
          authenticationMode: auth.mode,
        },
      });
    }

    const who = auth.authenticate(req.headers.authorization);
    if (!who) {
      bump('unauthorized');
      // U: a Basic challenge as a servlet container would send; clients only read "Status 401".
      return sendHtml(res, 401, 'Unauthorized', 'Full authentication is required to access this resource', {
        'WWW-Authenticate': 'Basic realm="KumoScale"',
      });
    }
    bump(who.via === 'basic' ? 'basicAuth' : who.via === 'bearer' ? 'bearerAuth' : 'noAuth');
    if (!auth.allowed(who, method)) {
      bump('forbidden');
      return sendHtml(res, 403, 'Forbidden', 'Access is denied');
    }

    const idx = injections.findIndex(
      (i) =>
        (!i.method || i.method.toUpperCase() === method) &&
        (!i.path || (typeof i.path === 'string' ? i.path === url.pathname : i.path.test(url.pathname))),
    );
    if (idx >= 0) {
      const [inj] = injections.splice(idx, 1);
      bump('injectedFailures');
      const f = inj!.failure;
      if ('drop' in f) {
        req.socket.destroy();
        return;
      }
      if ('httpStatus' in f) {
        const reason = f.httpStatus >= 500 ? 'Internal Server Error' : 'Error';
        return sendHtml(res, f.httpStatus, reason, f.body ?? 'Injected failure');
      }
      bump('logicalFailures');
      return sendReply(res, { json: { status: f.status, description: f.description ?? f.status } });
    }

    const m = matchRoute(method, segs);
    if (m.kind === 'not-found') {
      bump('notFound');
      return sendHtml(res, 404, 'Not Found', `No resource at ${url.pathname}`);
    }
    if (m.kind === 'method-not-allowed') {
      return sendHtml(res, 405, 'Method Not Allowed', `Request method '${method}' is not supported`, { Allow: m.allow.join(', ') });
    }
    let body: unknown = {};
    const text = raw.toString('utf8').trim();
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        return sendHtml(res, 400, 'Bad Request', 'The request body is not valid JSON');
      }
    }
    const reply = runRoute(m, state, url.searchParams, asBody(body));
    if ('json' in reply && reply.json && typeof reply.json === 'object' && !Array.isArray(reply.json)) {
      const st = (reply.json as { status?: unknown }).status;
      if (typeof st === 'string' && st !== 'Success' && 'description' in reply.json) bump('logicalFailures');
    }
    sendReply(res, reply);
  }

  const server: Server = createServer(
    { key, cert, ca, requestCert: true, rejectUnauthorized: opts.requireClientCert === true, minVersion: 'TLSv1.2' },
    (req, res) => {
      handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) sendHtml(res, 500, 'Internal Server Error', err instanceof Error ? err.message : String(err));
        else res.destroy();
      });
    },
  );
  server.on('tlsClientError', () => bump('tlsClientErrors'));

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    counters,
    pki,
    state,
    mintToken: (user, expiresInSec) => auth.mint(user, expiresInSec),
    setBackendState: (id, s) => state.setBackendState(id, s),
    failNextWith(failure, match) {
      const f: KsFailure = typeof failure === 'number' ? { httpStatus: failure } : failure;
      injections.push({ failure: f, ...(match?.method ? { method: match.method } : {}), ...(match?.path ? { path: match.path } : {}) });
    },
    completeTasks() {
      for (const t of state.tasks.values()) if (t.state === 'Running') state.finishTask(t);
    },
    addStorageNode(node) {
      state.fleet.set(node.persistentID, node);
    },
    setSyslog(entries) {
      state.syslog = entries.map((e) => ({ ...e }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          // A PKI the sim generated itself is removed with it; a caller's PKI is left alone.
          if (opts.pki) resolve();
          else void rm(pki.dir, { recursive: true, force: true }).then(() => resolve(), () => resolve());
        });
      }),
  };
}
