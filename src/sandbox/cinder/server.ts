// Cinder (block storage v2 + v3) simulator: HTTP server, authentication,
// microversion negotiation, URL layout and dispatch. Behaviour was matched
// against a real Cinder 21 (Zed, max microversion 3.70); v2 follows what
// Cinder's v2 API did (same resources, no microversions).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ListenOptions, SimulatorHandle, TokenValidator } from '../types.js';
import { type Ctx, type Reply } from './context.js';
import {
  ApiError,
  GENERIC_400,
  HTML_404,
  HtmlNotFound,
  UNAUTHORIZED_BODY,
  badRequest,
  headerForService,
  mvString,
  readBody,
  requestId,
  resolveMicroversion,
  sendRaw,
  toJson,
  type Microversion,
} from './http.js';
import { CinderState, VOLUME_HOST, stableUserId, type CinderFailOp, type Volume } from './model.js';
import { attachVolume, volumeAction } from './actions.js';
import { availabilityZones, limits, messagesRoute, quotaRoute, services, typesRoute } from './admin.js';
import { backupRoute, snapshotRoute } from './resources.js';
import { createVolume, deleteVolume, findVolume, listVolumes, metadataRoute, showVolume, updateVolume } from './volumes.js';

export interface CinderSimOptions extends ListenOptions {
  /** X-Auth-Token → identity; 401 when it returns undefined. The `admin` role is Cinder's admin. */
  validateToken: TokenValidator;
  /** Serve /v2 (default true). */
  v2?: boolean;
  /** Serve /v3 (default true). */
  v3?: boolean;
  /** Time each background transition takes (creating → available, extending, deleting...). Default 300. */
  stateDelayMs?: number;
  /** osapi_max_limit: page size cap, applied even without ?limit. Default 1000. */
  maxLimit?: number;
  /** Used in the WWW-Authenticate header of 401 answers. Default http://127.0.0.1:5000 */
  keystoneUrl?: string;
}

export interface SeedOptions {
  /** Name prefix; volumes are named `${prefix}-00001` ... Default "seed". */
  namePrefix?: string;
  size?: number;
  status?: string;
  /** Volume type name (must exist). Default __DEFAULT__. */
  volumeType?: string;
}

export interface CinderSim extends SimulatorHandle {
  /** Bulk-create `count` volumes directly in `available` state (no quota check). Returns their ids, oldest first. */
  seedVolumes(projectId: string, count: number, opts?: SeedOptions): string[];
  /** Make a volume in-use with one attachment to `serverId`, as os-attach would. */
  attach(volumeId: string, serverId: string, device?: string): void;
  /** Remove all attachments; the volume becomes available. */
  detach(volumeId: string): void;
  /** Make the next `times` background operations of kind `op` end in an error state. */
  failNext(op: CinderFailOp, times?: number): void;
  /** Run or stop the cinder-backup service (a stopped one is not listed, as when none is deployed). */
  setBackupService(running: boolean): void;
  /** Force a volume's status (like os-reset_status, without HTTP). */
  setVolumeStatus(volumeId: string, status: string): void;
  /** Override quota limits of a project (keys as in os-quota-sets). */
  setQuota(projectId: string, quotas: Record<string, number>): void;
  /** Create a volume type without HTTP; returns its id. */
  addVolumeType(name: string, extraSpecs?: Record<string, string>, isPublic?: boolean): string;
  /** Current raw state of one volume (undefined once deleted). */
  getVolume(volumeId: string): Volume | undefined;
  /** Direct access to the in-memory model (tests only). */
  readonly state: CinderState;
}

const MIN_MV: Microversion = { major: 3, minor: 0 };
const MAX_MV: Microversion = { major: 3, minor: 70 };

/** First path segments that mean "no project id in the URL" (/v3/volumes ...). */
const COLLECTIONS = new Set([
  'volumes', 'snapshots', 'backups', 'types', 'os-quota-sets', 'limits', 'os-services',
  'os-availability-zone', 'messages',
]);

const COUNTER_NAMES = [
  'requests', 'versions', 'unauthorized', 'volumesList', 'volumesShow', 'volumesCreate', 'volumesUpdate',
  'volumesDelete', 'volumesAction', 'volumesMetadata', 'snapshotsList', 'snapshots', 'backupsList', 'backups',
  'types', 'quotas', 'limits', 'services', 'availabilityZones', 'messages',
];

function versionEntry(base: string, api: 'v2' | 'v3'): Record<string, unknown> {
  const links = [
    { rel: 'describedby', type: 'text/html', href: 'https://docs.openstack.org/' },
    { rel: 'self', href: `${base}/${api}/` },
  ];
  if (api === 'v2') {
    return {
      id: 'v2.0', status: 'DEPRECATED', version: '', min_version: '', updated: '2017-02-25T12:00:00Z', links,
      'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.volume+json;version=2' }],
    };
  }
  return {
    id: 'v3.0', status: 'CURRENT', version: mvString(MAX_MV), min_version: mvString(MIN_MV), updated: '2022-08-31T00:00:00Z', links,
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.volume+json;version=3' }],
  };
}

export async function startCinder(opts: CinderSimOptions): Promise<CinderSim> {
  const serveV2 = opts.v2 ?? true;
  const serveV3 = opts.v3 ?? true;
  const maxLimit = opts.maxLimit ?? 1000;
  const keystoneUrl = opts.keystoneUrl ?? 'http://127.0.0.1:5000';
  const state = new CinderState(opts.stateDelayMs ?? 300);
  const counters: Record<string, number> = {};
  for (const n of COUNTER_NAMES) counters[n] = 0;
  const count = (n: string): void => {
    counters[n] = (counters[n] ?? 0) + 1;
  };
  let base = '';

  function route(ctx: Ctx, method: string, rest: string[], raw: Buffer): Reply {
    const [coll, ...tail] = rest;
    switch (coll) {
      case 'volumes': {
        const [id, sub, key] = tail;
        if (id === undefined) {
          if (method === 'GET') return count('volumesList'), listVolumes(ctx, false);
          if (method === 'POST') return count('volumesCreate'), createVolume(ctx, raw);
          break;
        }
        if (tail.length === 1) {
          if (id === 'detail' && method === 'GET') return count('volumesList'), listVolumes(ctx, true);
          if (method === 'GET') return count('volumesShow'), showVolume(ctx, id);
          if (method === 'PUT') return count('volumesUpdate'), updateVolume(ctx, id, raw);
          if (method === 'DELETE') return count('volumesDelete'), deleteVolume(ctx, id);
          break;
        }
        if (sub === 'action' && tail.length === 2 && method === 'POST') return count('volumesAction'), volumeAction(ctx, id, raw);
        if (sub === 'metadata' && tail.length <= 3) {
          count('volumesMetadata');
          const v = findVolume(ctx, id);
          return metadataRoute(ctx, method, v, `Volume ${v.id}`, key, raw);
        }
        break;
      }
      case 'snapshots':
        count(tail.length === 0 || (tail.length === 1 && tail[0] === 'detail') ? 'snapshotsList' : 'snapshots');
        return snapshotRoute(ctx, method, tail, raw);
      case 'backups':
        count(tail.length === 0 || (tail.length === 1 && tail[0] === 'detail') ? 'backupsList' : 'backups');
        return backupRoute(ctx, method, tail, raw);
      case 'types':
        count('types');
        return typesRoute(ctx, method, tail, raw);
      case 'os-quota-sets':
        count('quotas');
        return quotaRoute(ctx, method, tail, raw);
      case 'limits':
        if (tail.length === 0 && method === 'GET') return count('limits'), limits(ctx);
        break;
      case 'os-services':
        if (tail.length === 0 && method === 'GET') return count('services'), services(ctx);
        break;
      case 'os-availability-zone':
        if (tail.length === 0 && method === 'GET') return count('availabilityZones'), availabilityZones();
        break;
      case 'messages':
        count('messages');
        return messagesRoute(ctx, method, tail);
      default:
        break;
    }
    throw new HtmlNotFound();
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    count('requests');
    const reqId = requestId();
    const idHeaders: Record<string, string> = { 'X-OpenStack-Request-Id': reqId, 'X-Compute-Request-Id': reqId };
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', base);
    const raw = await readBody(req);
    const path = url.pathname;
    const segs = path.split('/').filter((s) => s.length > 0);
    let mvHeaders: Record<string, string> = {};

    const json = (status: number, body: unknown, extra: Record<string, string> = {}): void =>
      sendRaw(res, status, { 'Content-Type': 'application/json', ...mvHeaders, ...idHeaders, ...extra }, toJson(body));
    const html404 = (): void =>
      sendRaw(res, 404, { 'Content-Type': 'text/html; charset=UTF-8', 'X-OpenStack-Request-Id': reqId }, HTML_404);
    const fault = (e: ApiError): void => {
      const inner: Record<string, unknown> = { code: e.status, message: e.message };
      if (e.status === 413) inner['retryAfter'] = '0';
      json(e.status, { [e.kind]: inner }, e.headers);
    };

    const v3Default: Record<string, string> = serveV3 ? { 'OpenStack-API-Version': `volume ${mvString(MIN_MV)}`, Vary: 'OpenStack-API-Version' } : {};
    if (segs.length === 0) {
      count('versions');
      const versions = [];
      if (serveV2) versions.push(versionEntry(base, 'v2'));
      if (serveV3) versions.push(versionEntry(base, 'v3'));
      mvHeaders = v3Default;
      return json(300, { versions });
    }
    const api = segs[0];
    if ((api !== 'v2' || !serveV2) && (api !== 'v3' || !serveV3)) return html404();
    if (segs.length === 1) {
      count('versions');
      if (!path.endsWith('/')) {
        return sendRaw(res, 302, { 'Content-Type': 'text/plain; charset=utf8', Location: `${base}/${api}/`, 'X-OpenStack-Request-Id': reqId }, '');
      }
      if (api === 'v3') mvHeaders = v3Default;
      return json(200, { versions: [versionEntry(base, api)] });
    }

    const tokenHeader = req.headers['x-auth-token'];
    const token = typeof tokenHeader === 'string' ? opts.validateToken(tokenHeader) : undefined;
    if (!token) {
      count('unauthorized');
      return sendRaw(res, 401, {
        'Content-Type': 'application/json',
        'WWW-Authenticate': `Keystone uri="${keystoneUrl}"`,
        'X-OpenStack-Request-Id': reqId,
      }, UNAUTHORIZED_BODY);
    }

    let mv: Microversion = MIN_MV;
    if (api === 'v3') {
      const h = req.headers['openstack-api-version'];
      const headerValue = Array.isArray(h) ? h.join(',') : h;
      let wanted: string | undefined;
      if (headerValue !== undefined) {
        wanted = headerForService(headerValue, 'volume');
        if (wanted === undefined) return fault(badRequest(GENERIC_400));
      }
      const r = resolveMicroversion(wanted, MIN_MV, MAX_MV);
      if (!r.ok) {
        if (r.echo !== undefined) mvHeaders = { 'OpenStack-API-Version': `volume ${r.echo}`, Vary: 'OpenStack-API-Version' };
        return fault(r.error);
      }
      mv = r.version;
      mvHeaders = { 'OpenStack-API-Version': `volume ${mvString(mv)}`, Vary: 'OpenStack-API-Version' };
    }

    let rest = segs.slice(1);
    const projectId = token.projectId ?? '';
    if (!(api === 'v3' && COLLECTIONS.has(rest[0]!))) {
      const urlProject = rest[0]!;
      rest = rest.slice(1);
      if (rest.length === 0) return html404();
      if (urlProject !== projectId) return fault(badRequest('Malformed request url'));
    }

    const ctx: Ctx = {
      api,
      mv,
      token,
      projectId,
      isAdmin: token.roles.includes('admin'),
      base,
      params: url.searchParams,
      requestId: reqId,
      maxLimit,
      state,
    };
    try {
      const reply = route(ctx, method, rest, raw);
      if (reply.body === undefined) {
        return sendRaw(res, reply.status, { 'Content-Type': 'text/html; charset=UTF-8', ...mvHeaders, ...idHeaders }, '');
      }
      return json(reply.status, reply.body);
    } catch (e) {
      if (e instanceof HtmlNotFound) return html404();
      if (e instanceof ApiError) return fault(e);
      throw e;
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof ApiError) {
        sendRaw(res, e.status, { 'Content-Type': 'application/json' }, toJson({ [e.kind]: { code: e.status, message: e.message } }));
        return;
      }
      const msg = 'The server has either erred or is incapable of performing the requested operation.';
      if (!res.headersSent) sendRaw(res, 500, { 'Content-Type': 'application/json' }, toJson({ computeFault: { code: 500, message: msg } }));
      else res.destroy();
      console.error('cinder simulator:', e);
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const mustVolume = (id: string): Volume => {
    const v = state.volumes.get(id);
    if (!v) throw new Error(`cinder simulator: no volume ${id}`);
    return v;
  };

  return {
    url: base,
    port,
    counters,
    state,
    seedVolumes(projectId, n, o = {}) {
      const prefix = o.namePrefix ?? 'seed';
      const type = o.volumeType ? state.typeByName(o.volumeType) : state.types.get(state.defaultTypeId);
      if (!type) throw new Error(`cinder simulator: no volume type ${o.volumeType}`);
      const userId = stableUserId(projectId);
      const ids: string[] = [];
      const width = Math.max(5, String(n).length);
      for (let i = 1; i <= n; i++) {
        const v = state.newVolume({
          projectId,
          userId,
          size: o.size ?? 1,
          name: `${prefix}-${String(i).padStart(width, '0')}`,
          status: o.status ?? 'available',
          typeId: type.id,
          host: VOLUME_HOST,
        });
        v.updatedAt = v.createdAt;
        ids.push(v.id);
      }
      return ids;
    },
    attach(volumeId, serverId, device = '/dev/vdb') {
      attachVolume(state, mustVolume(volumeId), serverId, device);
    },
    detach(volumeId) {
      const v = mustVolume(volumeId);
      v.attachments = [];
      v.status = 'available';
      const md = { ...v.adminMetadata };
      delete md['attached_mode'];
      v.adminMetadata = md;
      state.touch(v);
    },
    failNext(op, times = 1) {
      state.failNext(op, times);
    },
    setBackupService(running) {
      state.backupService = running;
    },
    setVolumeStatus(volumeId, status) {
      const v = mustVolume(volumeId);
      v.status = status;
      state.touch(v);
    },
    setQuota(projectId, quotas) {
      state.quotas.set(projectId, { ...(state.quotas.get(projectId) ?? {}), ...quotas });
    },
    addVolumeType(name, extraSpecs = {}, isPublic = true) {
      return state.addType(name, extraSpecs, isPublic).id;
    },
    getVolume(volumeId) {
      return state.volumes.get(volumeId);
    },
    close() {
      state.close();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
