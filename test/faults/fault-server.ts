// A server that misbehaves on purpose, speaking just enough of each API storctl drives to get a
// command to the request under test: Keystone v3 (token + catalog pointing back here), Swift v1
// auth and Swift (account, container, a 1 MiB object with Range), Cinder v3 volumes, and a
// KumoScale provisioner list. Each rule picks requests by method and path and answers them with
// a fault: hang, trickle, cut mid-body (RST or FIN), a status forever, a chosen body. Every
// timer and socket is bounded and closed by close(); it listens on 127.0.0.1 only.
import { createHash } from 'node:crypto';
import { createServer as createHttp, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export const PROJECT = 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0';
export const TOKEN = 'gAAAAfaulttoken0123456789';
export const OBJECT_SIZE = 1 << 20;
/** The object every Swift GET serves: deterministic bytes, so tests can compare. */
export const OBJECT = Buffer.from(Array.from({ length: OBJECT_SIZE }, (_, i) => (i * 31 + (i >> 8)) & 0xff));
export const OBJECT_MD5 = createHash('md5').update(OBJECT).digest('hex');
export const VOLUME = { id: '6b1a6d4e-3c2b-4f0e-9a51-5d1c7f0e2a11', name: 'vol1', status: 'available', size: 1, volume_type: 'lvm', bootable: 'false', attachments: [], metadata: {}, created_at: '2026-01-01T00:00:00.000000' };

export type Fault =
  /** Read the request, never answer (the socket stays open until close()). */
  | { kind: 'hang' }
  /** Send headers, then one byte every `everyMs` of a never-ending body. */
  | { kind: 'trickle'; everyMs: number; status?: number; contentType?: string }
  /** Answer this status with these headers and body. */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string | Buffer }
  /** Start the normal answer, then cut the connection after `after` body bytes. */
  | { kind: 'cut'; after: number; how: 'rst' | 'fin' };

export interface Rule {
  method?: string;
  path: RegExp;
  fault: Fault;
  /** Apply this many times, then fall through to the normal answer. Default: always. */
  times?: number;
}

export interface Hit {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

export interface FaultServer {
  url: string;
  hits: Hit[];
  rules: Rule[];
  close(): Promise<void>;
}

export interface TlsMaterial {
  cert: string | Buffer;
  key: string | Buffer;
  /** Ask for a client certificate signed by this CA and refuse the handshake without one. */
  clientCa?: string | Buffer;
}

const MAX_TRICKLE_MS = 150_000;

export async function startFaultServer(opts: { rules?: Rule[]; tls?: TlsMaterial } = {}): Promise<FaultServer> {
  const rules = opts.rules ?? [];
  const hits: Hit[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let url = '';

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    hits.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const rule = rules.find((r) => (!r.method || r.method === req.method) && r.path.test(path) && (r.times === undefined || r.times > 0));
    if (rule && rule.times !== undefined) rule.times--;
    const fault = rule?.fault;
    req.resume();
    req.on('end', () => {
      if (fault?.kind === 'hang') return;
      if (fault?.kind === 'status') {
        res.writeHead(fault.status, { 'content-type': 'text/plain', ...fault.headers });
        return void res.end(fault.body ?? '');
      }
      if (fault?.kind === 'trickle') {
        res.writeHead(fault.status ?? 200, { 'content-type': fault.contentType ?? 'application/json' });
        const started = Date.now();
        const t = setInterval(() => {
          if (res.destroyed || Date.now() - started > MAX_TRICKLE_MS) {
            clearInterval(t);
            timers.delete(t);
            return void res.destroy();
          }
          res.write(' ');
        }, fault.everyMs);
        timers.add(t);
        return;
      }
      const answer = normal(req, path, url);
      if (fault?.kind === 'cut') {
        const body = answer.body;
        res.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) });
        res.write(body.subarray(0, fault.after), () => {
          const socket = res.socket;
          if (!socket) return;
          if (fault.how === 'rst') socket.resetAndDestroy();
          else socket.end();
        });
        return;
      }
      res.writeHead(answer.status, answer.headers);
      res.end(req.method === 'HEAD' ? undefined : answer.body);
    });
  };

  const server: Server = opts.tls
    ? createHttps({ cert: opts.tls.cert, key: opts.tls.key, ...(opts.tls.clientCa ? { ca: opts.tls.clientCa, requestCert: true, rejectUnauthorized: true } : {}) }, handler)
    : createHttp(handler);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', () => {}); // refused handshakes are the point of some tests
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hits,
    rules,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(JSON.stringify(value)),
});

/** What a healthy server would answer: enough for the CLI to reach the request under test. */
function normal(req: IncomingMessage, path: string, base: string): Answer {
  if (req.method === 'POST' && path === '/v3/auth/tokens') {
    const expires = new Date(Date.now() + 3600_000).toISOString();
    const endpoint = (type: string, name: string, u: string) => ({ type, name, id: type, endpoints: [{ id: `${type}-p`, interface: 'public', region: 'RegionOne', region_id: 'RegionOne', url: u }] });
    return json(
      201,
      {
        token: {
          methods: ['password'],
          expires_at: expires,
          issued_at: new Date().toISOString(),
          user: { id: 'u1', name: 'admin', domain: { id: 'default', name: 'Default' } },
          project: { id: PROJECT, name: 'admin', domain: { id: 'default', name: 'Default' } },
          roles: [{ id: 'r1', name: 'admin' }],
          catalog: [endpoint('volumev3', 'cinderv3', `${base}/v3/${PROJECT}`), endpoint('object-store', 'swift', `${base}/v1/AUTH_${PROJECT}`)],
        },
      },
      { 'x-subject-token': TOKEN },
    );
  }
  if (path === '/v3' || path === '/v3/') return json(200, { version: { id: 'v3.14', status: 'stable', links: [{ rel: 'self', href: `${base}/v3/` }] } });
  if (path === '/auth/v1.0') {
    return { status: 200, headers: { 'x-auth-token': TOKEN, 'x-storage-token': TOKEN, 'x-storage-url': `${base}/v1/AUTH_test` }, body: Buffer.alloc(0) };
  }
  const swift = /^\/v1\/AUTH_[^/]+(?:\/([^/]+)(?:\/(.+))?)?$/.exec(path);
  if (swift) {
    const [, container, object] = swift;
    const marker = new URL(req.url ?? '/', base).searchParams.get('marker');
    if (!object && marker !== null && marker >= (container ? 'obj' : 'c1')) return json(200, []);
    if (!container) return json(200, [{ name: 'c1', count: 1, bytes: OBJECT_SIZE, last_modified: '2026-01-01T00:00:00.000000' }], { 'x-account-container-count': '1', 'x-account-object-count': '1', 'x-account-bytes-used': String(OBJECT_SIZE) });
    if (!object) return json(200, [{ name: 'obj', bytes: OBJECT_SIZE, hash: OBJECT_MD5, content_type: 'application/octet-stream', last_modified: '2026-01-01T00:00:00.000000' }], { 'x-container-object-count': '1', 'x-container-bytes-used': String(OBJECT_SIZE) });
    const headers = { 'content-type': 'application/octet-stream', etag: `"${OBJECT_MD5}"`, 'accept-ranges': 'bytes', 'last-modified': 'Thu, 01 Jan 2026 00:00:00 GMT' };
    const range = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
    if (range) {
      const start = Number(range[1]);
      return { status: 206, headers: { ...headers, 'content-range': `bytes ${start}-${OBJECT_SIZE - 1}/${OBJECT_SIZE}` }, body: OBJECT.subarray(start) };
    }
    return { status: 200, headers, body: OBJECT };
  }
  if (path === `/v3/${PROJECT}/volumes/detail` || path === `/v3/${PROJECT}/volumes`) return json(200, { volumes: [VOLUME] });
  if (path === `/v3/${PROJECT}/volumes/${VOLUME.id}`) return json(200, { volume: VOLUME });
  if (path.startsWith(`/v3/${PROJECT}/`)) return json(404, { itemNotFound: { code: 404, message: 'not found' } });
  if (path === '/backends') return json(200, [{ uuid: 'b1', name: 'backend1', state: 'Available' }]);
  return json(404, { error: { code: 404, message: `no route ${path}` } });
}

/** A config.yaml for the fault server, one profile per API shape. */
export function faultProfiles(url: string, extra: Record<string, string> = {}): string {
  const more = Object.entries(extra).map(([k, v]) => `    ${k}: ${v}`);
  return [
    'profiles:',
    '  os:',
    '    backend: openstack',
    `    auth_url: ${url}/v3`,
    '    identity_api_version: "3"',
    '    username: admin',
    '    password: s3cret-Fault-Pass',
    '    project_name: admin',
    '    user_domain_name: Default',
    '    project_domain_name: Default',
    ...more,
    '  sw:',
    '    backend: swift',
    `    auth_url: ${url}/auth/v1.0`,
    '    username: test:tester',
    '    password: s3cret-Fault-Key',
    ...more,
    '  ks:',
    '    backend: kumoscale',
    `    endpoint: ${url}`,
    '    username: admin',
    '    password: s3cret-Fault-Basic',
    ...more,
    '',
  ].join('\n');
}
