// The KumoScale Provisioner REST client: HTTPS with the profile's client certificate (the
// transport sends `cert`/`key` on every connection), Basic/Bearer/OIDC credentials from the
// auth layer, failover across the profile's provisioner URLs, and the reply conventions of
// reference §3: result envelopes, HTML error pages, bare arrays, one-element-array GETs.
import type { Context } from '../../framework/context.js';
import { AuthError, NetworkError, ServerError, StorctlError } from '../../framework/errors.js';
import { authedRequest, cacheUsable } from '../../auth/session.js';
import { cacheDir } from '../../config/paths.js';
import type { HttpResponse } from '../../transport/http.js';
import { bodySummary, envelopeError, httpError, isEnvelope } from './errors.js';
import { nonsense } from '../shape.js';
import { orderEndpoints, parseEndpoints, preferenceFile, readPreferred, writePreferred } from './endpoints.js';

export type Rec = Record<string, any>;

export interface KsRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under the provisioner root, e.g. "/volumes/abc" (segments already encoded). */
  path: string;
  /** Optional /{tenantId} prefix (volumes, snapshots, replicas, publish, clone, migrate). */
  tenant?: string;
  query?: Record<string, string | undefined>;
  json?: unknown;
  /** Default true. GET /info is asked without credentials first. */
  auth?: boolean;
  /** The reference marks this path/method unconfirmed: a 404/405 is explained as such. */
  unconfirmed?: boolean;
  /** What the user asked for, for messages: "create volume db1". */
  action: string;
}

const clients = new WeakMap<Context, Promise<KsClient>>();

/** The client for this command's profile (one per command run). */
export function kumoscale(ctx: Context): Promise<KsClient> {
  let c = clients.get(ctx);
  if (!c) {
    c = KsClient.open(ctx);
    clients.set(ctx, c);
  }
  return c;
}

export function seg(s: string): string {
  return encodeURIComponent(s);
}

export class KsClient {
  private preferred: string | undefined;

  private constructor(
    private readonly ctx: Context,
    readonly profileName: string,
    readonly endpoints: readonly string[],
    private readonly stateFile: string | undefined,
  ) {}

  static async open(ctx: Context): Promise<KsClient> {
    const p = await ctx.profile();
    const endpoints = parseEndpoints(p.get<unknown>('endpoint'), p.name);
    // The provisioner that answered last is a memo under the cache dir: skipped when that is unusable.
    const stateFile = endpoints.length > 1 && ctx.globals.cache && (await cacheUsable(ctx)) ? preferenceFile(cacheDir(ctx.env), endpoints) : undefined;
    const c = new KsClient(ctx, p.name, endpoints, stateFile);
    if (stateFile) {
      c.preferred = await readPreferred(stateFile, endpoints);
      if (c.preferred && c.preferred !== endpoints[0]) ctx.debug(`kumoscale: ${c.preferred} answered last time; trying it first`);
    }
    return c;
  }

  /** The URL tried first (for messages). */
  get current(): string {
    return orderEndpoints(this.endpoints, this.preferred)[0]!;
  }

  /** Sends the request to the first provisioner that answers; connection failures move on. */
  async send(req: KsRequest): Promise<{ res: HttpResponse; base: string }> {
    const failures: StorctlError[] = [];
    const order = orderEndpoints(this.endpoints, this.preferred);
    for (const [i, base] of order.entries()) {
      const url = this.url(base, req);
      try {
        const headers = { accept: 'application/json' };
        const res =
          req.auth === false
            ? await (await this.ctx.http()).request({ method: req.method, url, headers, json: req.json })
            : await authedRequest(this.ctx, { method: req.method, url, headers, json: req.json });
        await this.remember(base);
        return { res, base };
      } catch (err) {
        if (err instanceof AuthError && err.details?.status === 401) await this.remember(base); // it answered
        if (!(err instanceof NetworkError) || this.ctx.signal.aborted || !failOverAfter(err, req.method)) throw err;
        failures.push(err);
        if (i < order.length - 1) this.ctx.debug(`kumoscale: ${base} did not answer (${err.message}); trying ${order[i + 1]}`);
      }
    }
    if (failures.length === 1) throw failures[0]!;
    const last = failures[failures.length - 1]!;
    throw new NetworkError(`none of the ${failures.length} provisioner URLs of profile "${this.profileName}" answered: ${failures.map((f) => f.message).join('; ')}`, {
      ...(last.hint ? { hint: last.hint } : {}),
    });
  }

  /**
   * Sends, checks the HTTP status and the result envelope, and returns the parsed body
   * (undefined for an empty body, which KIOXIA clients treat as success).
   */
  async call(req: KsRequest): Promise<unknown> {
    let { res, base } = await this.send(req);
    if (res.status === 401 && req.auth === false) ({ res, base } = await this.send({ ...req, auth: true }));
    const origin = new URL(base).origin;
    if (res.status < 200 || res.status >= 300) {
      throw httpError({
        status: res.status, method: req.method, path: pathOf(req), origin, body: res.text(),
        unconfirmed: req.unconfirmed, action: req.action, profile: this.profileName,
      });
    }
    if (res.body.length === 0) return undefined;
    const text = res.text();
    if (text.trim() === '') return undefined;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ServerError(`${req.action}: the server at ${origin} answered HTTP ${res.status} with a body that is not JSON (${bodySummary(text, 80)})`, {
        hint: 'check that the endpoint is a KumoScale provisioner URL (storctl profile explain)',
        details: { status: res.status },
      });
    }
    if (isEnvelope(body) && body.status !== 'Success') throw envelopeError(body, req.action);
    return body;
  }

  /** An operation (POST/PUT/PATCH/DELETE): throws on a failure envelope, returns the envelope. */
  async op(req: KsRequest): Promise<Rec | undefined> {
    return (await this.call(req)) as Rec | undefined;
  }

  /** A list GET: a bare array (an empty body or a Success envelope is an empty list). */
  async list(req: Omit<KsRequest, 'method'>): Promise<Rec[]> {
    const body = await this.call({ ...req, method: 'GET' });
    const source = `${this.current}${req.path}`;
    const what = req.path.replace(/^\/+/, '').split('/')[0] || 'list';
    if (body !== undefined && body !== null && typeof body !== 'object') throw nonsense(what, body, 'an array', source);
    const list = asList(body);
    list.forEach((r, i) => checkIds(r, `${what}[${i}]`, source));
    return list;
  }

  /** A single-item GET: the object, or the first element of a one-element array. */
  async one(req: Omit<KsRequest, 'method'>): Promise<Rec | undefined> {
    return asOne(await this.call({ ...req, method: 'GET' }));
  }

  private url(base: string, req: KsRequest): string {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) qs.set(k, v);
    const q = qs.toString();
    return `${base}${pathOf(req)}${q ? `?${q}` : ''}`;
  }

  private async remember(base: string): Promise<void> {
    if (!this.stateFile || this.preferred === base) return;
    this.preferred = base;
    try {
      await writePreferred(this.stateFile, this.endpoints, base);
      this.ctx.debug(`kumoscale: remembering ${base} as the provisioner to try first`);
    } catch (err) {
      this.ctx.debug(`kumoscale: could not write ${this.stateFile}: ${(err as Error).message}`);
    }
  }
}

function pathOf(req: KsRequest): string {
  const path = req.path.startsWith('/') ? req.path : `/${req.path}`;
  return req.tenant ? `/${seg(req.tenant)}${path}` : path;
}

/**
 * A timeout may mean the first provisioner received a change and is still working on it, so
 * only reads move on after one; connection refused, DNS and TLS failures are always safe.
 */
function failOverAfter(err: NetworkError, method: string): boolean {
  if (/interrupted/.test(err.message)) return false;
  if (/^timed out/.test(err.message)) return method === 'GET';
  return true;
}

/** Identifier fields of provisioner records: when present, a string (what lookups compare). */
// taskId is left out: the reference leaves its type open (lookups compare String(taskId)).
const ID_FIELDS = ['uuid', 'alias', 'name', 'persistentID', 'tenantId', 'snapshotID', 'targetName'];

function checkIds(r: Rec, path: string, source: string): void {
  for (const key of ID_FIELDS) {
    const v = r[key];
    if (v !== undefined && v !== null && typeof v !== 'string') throw nonsense(`${path}.${key}`, v, 'a string', source);
  }
}

export function asList(body: unknown): Rec[] {
  if (body === undefined || body === null) return [];
  if (Array.isArray(body)) return body.filter((x) => x && typeof x === 'object') as Rec[];
  if (isEnvelope(body)) return [];
  return typeof body === 'object' ? [body as Rec] : [];
}

export function asOne(body: unknown): Rec | undefined {
  if (body === undefined || body === null) return undefined;
  if (Array.isArray(body)) return (body.find((x) => x && typeof x === 'object') as Rec | undefined) ?? undefined;
  if (isEnvelope(body)) return undefined;
  return typeof body === 'object' ? (body as Rec) : undefined;
}
