// The Cinder client: which endpoint (catalog or profile `endpoints:`), which API (v3 with a
// microversion, or v2 where only v2 exists), authenticated JSON requests, and paging.
//
// Speed matters: a plain `volume list` is one request with a warm token. The server's maximum
// microversion is looked up (one GET of the version document, once per command) only when a
// feature needs more than what is pinned or more than 3.0.
import type { Context } from '../../framework/context.js';
import { NotFoundError, StorctlError, UsageError } from '../../framework/errors.js';
import { authedRequest, getSession } from '../../auth/session.js';
import { serviceEndpoint } from '../../auth/catalog.js';
import type { HttpResponse } from '../../transport/http.js';
import { apiError, parseFault } from './errors.js';
import { markerPages, queryString, type Query } from './pager.js';

export interface Microversion {
  major: number;
  minor: number;
}

export function parseMicroversion(s: string): Microversion | undefined {
  const m = /^\s*(\d+)\.(\d+)\s*$/.exec(s);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

export function mvString(v: Microversion): string {
  return `${v.major}.${v.minor}`;
}

export function mvCompare(a: Microversion, b: Microversion): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

export interface VersionRequest {
  /** Undefined: v3 when the cloud has it, else v2. */
  api?: 'v2' | 'v3';
  /** An explicit 3.x: sent on every request. */
  pinned?: Microversion;
  /** "latest": the server's maximum, discovered. */
  latest?: boolean;
}

/** The `volume_api_version` setting / --os-volume-api-version: 2, 3, 3.x or latest. */
export function parseVolumeApiVersion(raw: string | undefined): VersionRequest {
  const s = (raw ?? '').trim().toLowerCase();
  if (s === '') return {};
  if (s === 'latest' || s === '3.latest') return { api: 'v3', latest: true };
  if (/^v?2(\.0)?$/.test(s)) return { api: 'v2' };
  if (/^v?3$/.test(s)) return { api: 'v3' };
  const mv = parseMicroversion(s.replace(/^v/, ''));
  if (mv && mv.major === 3) return { api: 'v3', pinned: mv };
  throw new UsageError(`volume API version "${raw}" is not 2, 3, 3.x or latest`, {
    hint: 'e.g. --os-volume-api-version 3.59 (or volume_api_version in the profile)',
  });
}

export interface EndpointParts {
  /** Everything before the version segment: "http://h:8776" or "https://cloud/volume". */
  root: string;
  /** The version segment, when the URL has one. */
  api?: 'v1' | 'v2' | 'v3';
  /** What follows the version segment: "/<project_id>" or "". */
  rest: string;
}

/** Splits a block-storage endpoint URL around its version segment. */
export function splitEndpoint(url: string): EndpointParts {
  const u = new URL(url.replace(/\/+$/, ''));
  const segs = u.pathname.split('/').filter((s) => s !== '');
  let i = -1;
  for (let k = segs.length - 1; k >= 0; k--) {
    if (/^v\d+(\.\d+)?$/.test(segs[k]!)) {
      i = k;
      break;
    }
  }
  const origin = `${u.protocol}//${u.host}`;
  if (i < 0) return { root: `${origin}${segs.length ? '/' + segs.join('/') : ''}`, rest: '' };
  const major = segs[i]!.slice(1).split('.')[0];
  const api = major === '3' ? 'v3' : major === '2' ? 'v2' : 'v1';
  return {
    root: `${origin}${i > 0 ? '/' + segs.slice(0, i).join('/') : ''}`,
    api,
    rest: segs.length > i + 1 ? '/' + segs.slice(i + 1).join('/') : '',
  };
}

export interface RequestOptions {
  query?: Query;
  json?: unknown;
  /** Microversion for this call; default: the pinned one, or 3.0. */
  mv?: string;
}

interface VersionEntry {
  id?: string;
  status?: string;
  version?: string;
  min_version?: string;
}

export class CinderClient {
  private maxP?: Promise<Microversion | undefined>;

  constructor(
    private readonly ctx: Context,
    /** Versioned base URL, e.g. http://h:8776/v3/<project_id>. */
    readonly base: string,
    readonly api: 'v2' | 'v3',
    /** Where the version document lives. */
    readonly root: string,
    private readonly pinned?: Microversion,
  ) {}

  /** The microversion sent by default (v3 only). */
  get microversion(): string | undefined {
    if (this.api === 'v2') return undefined;
    return this.pinned ? mvString(this.pinned) : '3.0';
  }

  url(path: string, query?: Query): string {
    return `${this.base}/${path.replace(/^\/+/, '')}${queryString(query)}`;
  }

  /** An authenticated request; error statuses become typed errors. */
  async request(method: string, path: string, o: RequestOptions = {}): Promise<HttpResponse> {
    const url = this.url(path, o.query);
    const headers: Record<string, string> = { accept: 'application/json' };
    const mv = o.mv ?? this.microversion;
    if (this.api === 'v3' && mv) headers['openstack-api-version'] = `volume ${mv}`;
    const res = await authedRequest(this.ctx, { method, url, headers, ...(o.json !== undefined ? { json: o.json } : {}) });
    if (res.status >= 400) throw this.error(res, method, url);
    return res;
  }

  private error(res: HttpResponse, method: string, url: string): StorctlError {
    // A 404 without a Cinder fault (HTML, or webob's bare {"message", "code", "title"}) means
    // nothing is routed there: typically an API version this server does not have.
    if (res.status === 404 && !parseFault(res.text()).kind) {
      const path = new URL(url).pathname;
      if (this.api === 'v2') {
        return new NotFoundError(`this Cinder does not serve API v2 (HTTP 404 for ${method} ${path})`, {
          hint: 'drop --os-volume-api-version 2 / volume_api_version 2 to use v3',
          details: { status: 404 },
        });
      }
      return apiError(res, { service: 'Cinder', method, url, hint: 'check the block-storage endpoint (storctl catalog list, or endpoints: in the profile)' });
    }
    return apiError(res, { service: 'Cinder', method, url });
  }

  async get<T = any>(path: string, query?: Query, mv?: string): Promise<T> {
    return (await this.request('GET', path, { query, ...(mv ? { mv } : {}) })).json<T>();
  }

  /** Parsed JSON of a write, or undefined for an empty (202/204) answer. */
  async send<T = any>(method: string, path: string, json?: unknown, o: Omit<RequestOptions, 'json'> = {}): Promise<T | undefined> {
    const res = await this.request(method, path, { ...o, json });
    return res.body.length ? res.json<T>() : undefined;
  }

  /** Every item of a collection, following next links page by page. */
  list<T extends { id: string }>(path: string, key: string, query?: Query, limit?: number, mv?: string): AsyncGenerator<T> {
    return markerPages<T>((q) => this.get(path, q, mv), { key, query, limit, source: this.url(path) });
  }

  /** The server's maximum v3 microversion (one GET, once per command); undefined when unknown. */
  maxMicroversion(): Promise<Microversion | undefined> {
    return (this.maxP ??= (async () => {
      const http = await this.ctx.http();
      const res = await http.request({ method: 'GET', url: `${this.root}/`, headers: { accept: 'application/json' } }).catch(() => undefined);
      if (!res || (res.status !== 200 && res.status !== 300)) return undefined;
      let versions: VersionEntry[] = [];
      try {
        const doc = res.json();
        versions = Array.isArray(doc?.versions) ? doc.versions : doc?.version ? [doc.version] : [];
      } catch {
        return undefined;
      }
      const v3 = versions.find((v) => typeof v.id === 'string' && v.id.startsWith('v3'));
      return v3?.version ? parseMicroversion(v3.version) : v3 ? { major: 3, minor: 0 } : undefined;
    })());
  }

  /**
   * The microversion to send for a feature that needs at least `min`: the pinned one when it
   * is high enough, else `min` when the server has it. Explains what to do otherwise.
   */
  async microversionFor(min: string, feature: string): Promise<string> {
    const want = parseMicroversion(min)!;
    if (this.api === 'v2') {
      throw new UsageError(`${feature} needs Cinder API ${min} or later; this endpoint is v2`, { hint: 'use a v3 endpoint (drop --os-volume-api-version 2)' });
    }
    if (this.pinned) {
      if (mvCompare(this.pinned, want) >= 0) return mvString(this.pinned);
      throw new UsageError(`${feature} needs Cinder microversion ${min}; the requested microversion (--os-volume-api-version / volume_api_version) is ${mvString(this.pinned)}`, {
        hint: `pass --os-volume-api-version ${min} (or later)`,
      });
    }
    const max = await this.maxMicroversion();
    if (max && mvCompare(max, want) < 0) {
      throw new StorctlError(`${feature} needs Cinder microversion ${min}; this server supports up to ${mvString(max)}`);
    }
    return min;
  }
}

const clients = new WeakMap<Context, Promise<CinderClient>>();

const V3_TYPES = ['volumev3', 'block-storage'];
const V2_TYPES = ['volumev2', 'volume'];

/** The Cinder client of this command (built once). */
export function cinder(ctx: Context): Promise<CinderClient> {
  let c = clients.get(ctx);
  if (!c) {
    c = build(ctx);
    clients.set(ctx, c);
  }
  return c;
}

async function build(ctx: Context): Promise<CinderClient> {
  const profile = await ctx.profile();
  const want = parseVolumeApiVersion(profile.get<string>('volume_api_version'));
  const types = want.api === 'v2' ? [...V2_TYPES, ...V3_TYPES] : [...V3_TYPES, ...V2_TYPES];
  const ep = await serviceEndpoint(ctx, types);
  const parts = splitEndpoint(ep.url);
  let api = parts.api;
  let rest = parts.rest;
  if (api === undefined) {
    // An unversioned endpoint: ask it what it serves.
    api = await discoverApi(ctx, parts.root, want.api);
    rest = `/${(await getSession(ctx)).record?.identity.projectId ?? ''}`.replace(/\/$/, '');
  }
  if (api === 'v1') throw new UsageError(`the block-storage endpoint ${ep.url} is Cinder v1, which storctl does not speak`, { hint: 'point endpoints.volumev3 of the profile at the v3 API' });
  if (want.api === 'v2' && api === 'v3') {
    ctx.debug(`no v2 entry in the catalog; trying v2 next to ${ep.url}`);
    api = 'v2';
  } else if (want.api === 'v3' && api === 'v2') {
    if (want.pinned || want.latest) ctx.warn(`this cloud has only Cinder v2 (${ep.url}); microversion ${want.latest ? 'latest' : mvString(want.pinned!)} is ignored`);
    else ctx.debug(`only Cinder v2 in the catalog (${ep.url}); using v2`);
  }
  const base = `${parts.root}/${api}${rest}`;
  ctx.debug(`cinder: ${base} (${api}${api === 'v3' ? `, microversion ${want.pinned ? mvString(want.pinned) : want.latest ? 'latest' : '3.0'}` : ''})`);
  if (api === 'v3' && want.latest) {
    const probe = new CinderClient(ctx, base, api, parts.root);
    const max = await probe.maxMicroversion();
    return new CinderClient(ctx, base, api, parts.root, max);
  }
  return new CinderClient(ctx, base, api, parts.root, api === 'v3' ? want.pinned : undefined);
}

async function discoverApi(ctx: Context, root: string, want?: 'v2' | 'v3'): Promise<'v2' | 'v3'> {
  const http = await ctx.http();
  const res = await http.request({ method: 'GET', url: `${root}/`, headers: { accept: 'application/json' } });
  let ids: string[] = [];
  try {
    const doc = res.json();
    ids = (Array.isArray(doc?.versions) ? doc.versions : []).map((v: VersionEntry) => String(v.id ?? ''));
  } catch {
    /* not a version document */
  }
  const has = (p: string) => ids.some((id) => id.startsWith(p));
  if (want === 'v2' && has('v2')) return 'v2';
  if (has('v3')) return 'v3';
  if (has('v2')) return 'v2';
  throw new UsageError(`cannot tell which Cinder API ${root} serves (HTTP ${res.status}, no version document)`, {
    hint: 'set endpoints.volumev3 in the profile to the versioned URL (…/v3/<project_id>)',
  });
}
