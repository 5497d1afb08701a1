// A small, deliberately hostile OpenStack on 127.0.0.1: just enough Keystone v3 (POST
// /v3/auth/tokens → 201, X-Subject-Token, a catalog whose volumev3 endpoint points back here)
// Cinder (volumes/detail, volumes/{id}, POST volumes) and a Swift account listing to drive the built CLI into what the
// sandbox simulators never do: error bodies with terminal control sequences, fields of the
// wrong type, HTML or truncated bodies, a volume that never leaves "creating".
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const PROJECT = 'f00dcafe';

/** What Cinder answers; each route may be replaced per test. */
export interface Reply {
  status: number;
  /** A string or Buffer is sent as is; anything else as JSON. */
  body: unknown;
  contentType?: string;
}

export interface HostileServer {
  url: string;
  /** Keystone v3 base (the profile's auth_url). */
  authUrl: string;
  /** Cinder base, http://127.0.0.1:PORT/v3/PROJECT. */
  cinderUrl: string;
  /** The answer to GET volumes/detail. */
  list: Reply;
  /** The answer to GET volumes/{id} (id passed in). */
  show: (id: string) => Reply;
  /** The answer to POST volumes. */
  create: Reply;
  /** The answer to a Swift account listing (GET /v1/AUTH_PROJECT). */
  swiftList: Reply;
  /** Requests seen, "METHOD path". */
  seen: string[];
  close(): Promise<void>;
}

function send(res: ServerResponse, r: Reply): void {
  const raw = typeof r.body === 'string' || Buffer.isBuffer(r.body);
  const body = raw ? (r.body as string | Buffer) : JSON.stringify(r.body);
  res.writeHead(r.status, { 'content-type': r.contentType ?? (raw ? 'text/plain' : 'application/json'), 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function drain(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

export function volume(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '0b7e5c1e-0000-4000-8000-000000000001',
    name: 'db-1',
    status: 'available',
    size: 1,
    attachments: [],
    volume_type: '__DEFAULT__',
    bootable: 'false',
    availability_zone: 'nova',
    metadata: {},
    created_at: '2026-01-01T00:00:00.000000',
    ...fields,
  };
}

export async function startHostile(): Promise<HostileServer> {
  let base = '';
  const state: HostileServer = {
    url: '',
    authUrl: '',
    cinderUrl: '',
    list: { status: 200, body: { volumes: [volume()] } },
    show: (id) => ({ status: 200, body: { volume: volume({ id }) } }),
    create: { status: 202, body: { volume: volume({ status: 'creating' }) } },
    swiftList: { status: 200, body: [{ name: 'logs', count: 1, bytes: 10, last_modified: '2026-01-01T00:00:00.000000' }] },
    seen: [],
    close: async () => {},
  };
  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    state.seen.push(`${req.method} ${path}`);
    await drain(req);
    if (req.method === 'POST' && path === '/v3/auth/tokens') {
      const body = {
        token: {
          expires_at: new Date(Date.now() + 3600_000).toISOString(),
          issued_at: new Date().toISOString(),
          user: { id: 'u1', name: 'admin', domain: { id: 'default', name: 'Default' } },
          project: { id: PROJECT, name: 'admin', domain: { id: 'default', name: 'Default' } },
          roles: [{ id: 'r1', name: 'admin' }],
          catalog: [
            {
              type: 'volumev3',
              name: 'cinderv3',
              endpoints: [{ interface: 'public', region_id: 'RegionOne', region: 'RegionOne', url: `${base}/v3/${PROJECT}` }],
            },
            {
              type: 'object-store',
              name: 'swift',
              endpoints: [{ interface: 'public', region_id: 'RegionOne', region: 'RegionOne', url: `${base}/v1/AUTH_${PROJECT}` }],
            },
          ],
        },
      };
      const text = JSON.stringify(body);
      res.writeHead(201, { 'content-type': 'application/json', 'x-subject-token': 'gAAAAhostiletoken0123456789', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    if (req.method === 'GET' && path === `/v1/AUTH_${PROJECT}`) return send(res, state.swiftList);
    const prefix = `/v3/${PROJECT}/`;
    if (path.startsWith(prefix)) {
      const rest = path.slice(prefix.length);
      if (req.method === 'GET' && rest === 'volumes/detail') return send(res, state.list);
      if (req.method === 'POST' && rest === 'volumes') return send(res, state.create);
      const m = /^volumes\/([^/]+)$/.exec(rest);
      if (req.method === 'GET' && m) return send(res, state.show(decodeURIComponent(m[1]!)));
    }
    send(res, { status: 404, body: { itemNotFound: { code: 404, message: 'not here' } } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.url = base;
  state.authUrl = `${base}/v3`;
  state.cinderUrl = `${base}/v3/${PROJECT}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** Writes a config.yaml with profile "hostile" (current) pointing at the server. */
export async function writeHostileProfile(home: string, s: HostileServer): Promise<void> {
  const dir = join(home, '.config', 'storctl');
  await mkdir(dir, { recursive: true });
  const yaml = [
    'current_profile: hostile',
    'profiles:',
    '  hostile:',
    '    backend: openstack',
    `    auth_url: ${s.authUrl}`,
    '    username: admin',
    '    password: secret-pass',
    '    project_name: admin',
    '    user_domain_name: Default',
    '    project_domain_name: Default',
    '    region_name: RegionOne',
    '',
  ].join('\n');
  await writeFile(join(dir, 'config.yaml'), yaml, { mode: 0o600 });
}
