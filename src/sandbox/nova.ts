// Nova (compute v2.1) simulator limited to what storage admins touch: version
// documents, flavors (+ extra specs, access lists) and limits. Field sets,
// microversion handling and error bodies were matched against nova-api 26
// (Zed, max microversion 2.93).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { ListenOptions, SimulatorHandle, TokenInfo, TokenValidator } from './types.js';
import {
  ApiError,
  HTML_404,
  HtmlNotFound,
  PyFloat,
  UNAUTHORIZED_BODY,
  badRequest,
  boolFromString,
  conflict,
  forbidden,
  headerForService,
  isObj,
  mvCmp,
  mvString,
  nextQuery,
  notFound,
  nowMicros,
  parseJsonObject,
  pyRepr,
  readBody,
  requestId,
  resolveMicroversion,
  schemaError,
  sendRaw,
  toJson,
  type Microversion,
} from './cinder/http.js';

export interface NovaSimOptions extends ListenOptions {
  validateToken: TokenValidator;
  /** Used in the WWW-Authenticate header of 401 answers. Default http://127.0.0.1:5000 */
  keystoneUrl?: string;
}

export interface SimFlavor {
  flavorid: string;
  name: string;
  ram: number;
  disk: number;
  vcpus: number;
  swap: number;
  ephemeral: number;
  rxtxFactor: number;
  isPublic: boolean;
  disabled: boolean;
  description: string | null;
  extraSpecs: Record<string, string>;
  /** Projects granted access to a private flavor. */
  access: string[];
  /** Internal row id (creation order). */
  rowId: number;
  createdMicros: number;
}

export interface NovaSim extends SimulatorHandle {
  /** Add a flavor without HTTP. */
  addFlavor(f: Partial<SimFlavor> & { name: string; ram: number; vcpus: number; disk: number }): SimFlavor;
  readonly flavors: Map<string, SimFlavor>;
}

const MIN_MV: Microversion = { major: 2, minor: 1 };
const MAX_MV: Microversion = { major: 2, minor: 93 };
const JSON_CT = 'application/json; charset=UTF-8';

/** nova-manage's classic default flavors. */
const DEFAULT_FLAVORS: [string, string, number, number, number][] = [
  ['1', 'm1.tiny', 512, 1, 1],
  ['2', 'm1.small', 2048, 20, 1],
  ['3', 'm1.medium', 4096, 40, 2],
  ['4', 'm1.large', 8192, 80, 4],
  ['5', 'm1.xlarge', 16384, 160, 8],
  ['42', 'm1.nano', 64, 0, 1],
  ['84', 'm1.micro', 128, 0, 1],
];

const SORT_KEYS = [
  'created_at', 'description', 'disabled', 'ephemeral_gb', 'flavorid', 'id', 'is_public', 'memory_mb', 'name',
  'root_gb', 'rxtx_factor', 'swap', 'updated_at', 'vcpu_weight', 'vcpus',
];

type SortVal = string | number | boolean | null;
const SORT_FNS: Record<string, (f: SimFlavor) => SortVal> = {
  created_at: (f) => f.createdMicros,
  updated_at: () => null,
  description: (f) => f.description,
  disabled: (f) => f.disabled,
  ephemeral_gb: (f) => f.ephemeral,
  flavorid: (f) => f.flavorid,
  id: (f) => f.rowId,
  is_public: (f) => f.isPublic,
  memory_mb: (f) => f.ram,
  name: (f) => f.name,
  root_gb: (f) => f.disk,
  rxtx_factor: (f) => f.rxtxFactor,
  swap: (f) => f.swap,
  vcpu_weight: () => null,
  vcpus: (f) => f.vcpus,
};

const COUNTER_NAMES = [
  'requests', 'versions', 'unauthorized', 'flavorsList', 'flavorsShow', 'flavorsCreate', 'flavorsUpdate',
  'flavorsDelete', 'extraSpecs', 'flavorAccess', 'limits',
];

interface NCtx {
  mv: Microversion;
  token: TokenInfo;
  isAdmin: boolean;
  /** URL prefix up to and including the optional project: http://h:p/v2.1[/project] */
  prefix: string;
  base: string;
  params: URLSearchParams;
}

function atLeast(ctx: NCtx, minor: number): boolean {
  return mvCmp(ctx.mv, { major: 2, minor }) >= 0;
}

function cmpVal(a: SortVal, b: SortVal): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** jsonschema-like check of an integer-ish flavor field (integer or digit string). */
function intField(field: string, v: unknown, min: number): number {
  let n = v;
  if (typeof n === 'string') {
    if (!/^[0-9]+$/.test(n)) throw schemaError(field, v, `${pyRepr(v)} does not match '^[0-9]+$'`);
    n = Number(n);
  }
  if (typeof n !== 'number' || !Number.isInteger(n)) throw schemaError(field, v, `${pyRepr(v)} is not of type 'integer', 'string'`);
  if (n < min) throw schemaError(field, v, `${n} is less than the minimum of ${min}`);
  if (n > 2147483647) throw schemaError(field, v, `${n} is greater than the maximum of 2147483647`);
  return n;
}

export async function startNova(opts: NovaSimOptions): Promise<NovaSim> {
  const keystoneUrl = opts.keystoneUrl ?? 'http://127.0.0.1:5000';
  const flavors = new Map<string, SimFlavor>();
  let nextRow = 1;
  const counters: Record<string, number> = {};
  for (const n of COUNTER_NAMES) counters[n] = 0;
  const count = (n: string): void => {
    counters[n] = (counters[n] ?? 0) + 1;
  };
  let base = '';

  function addFlavor(p: Partial<SimFlavor> & { name: string; ram: number; vcpus: number; disk: number }): SimFlavor {
    const f: SimFlavor = {
      flavorid: p.flavorid ?? randomUUID(),
      swap: 0,
      ephemeral: 0,
      rxtxFactor: 1,
      isPublic: true,
      disabled: false,
      description: null,
      extraSpecs: {},
      access: [],
      ...p,
      rowId: nextRow++,
      createdMicros: nowMicros(),
    };
    flavors.set(f.flavorid, f);
    return f;
  }
  for (const [flavorid, name, ram, disk, vcpus] of DEFAULT_FLAVORS) addFlavor({ flavorid, name, ram, disk, vcpus });

  const visible = (ctx: NCtx, f: SimFlavor): boolean =>
    ctx.isAdmin || f.isPublic || (ctx.token.projectId !== undefined && f.access.includes(ctx.token.projectId));

  function find(ctx: NCtx, id: string): SimFlavor {
    const f = flavors.get(id);
    if (!f || !visible(ctx, f)) throw notFound(`Flavor ${id} could not be found.`);
    return f;
  }

  function links(ctx: NCtx, f: SimFlavor): { rel: string; href: string }[] {
    const bookmarkPrefix = ctx.prefix.replace(/\/v2\.1(?=\/|$)/, '');
    return [
      { rel: 'self', href: `${ctx.prefix}/flavors/${f.flavorid}` },
      { rel: 'bookmark', href: `${bookmarkPrefix}/flavors/${f.flavorid}` },
    ];
  }

  function detail(ctx: NCtx, f: SimFlavor, withSpecs = true): Record<string, unknown> {
    const o: Record<string, unknown> = {
      id: f.flavorid,
      name: f.name,
      ram: f.ram,
      disk: f.disk,
      swap: atLeast(ctx, 75) ? f.swap : f.swap === 0 ? '' : f.swap,
      'OS-FLV-EXT-DATA:ephemeral': f.ephemeral,
      'OS-FLV-DISABLED:disabled': f.disabled,
      vcpus: f.vcpus,
      'os-flavor-access:is_public': f.isPublic,
      rxtx_factor: new PyFloat(f.rxtxFactor),
      links: links(ctx, f),
    };
    if (atLeast(ctx, 55)) o['description'] = f.description;
    if (withSpecs && atLeast(ctx, 61)) o['extra_specs'] = { ...f.extraSpecs };
    return o;
  }

  function summary(ctx: NCtx, f: SimFlavor): Record<string, unknown> {
    const o: Record<string, unknown> = { id: f.flavorid, name: f.name, links: links(ctx, f) };
    if (atLeast(ctx, 55)) o['description'] = f.description;
    return o;
  }

  function list(ctx: NCtx, isDetail: boolean): { status: number; body: unknown } {
    const p = ctx.params;
    let isPublic: boolean | undefined = true;
    if (ctx.isAdmin) {
      const raw = p.get('is_public');
      if (raw !== null) {
        if (raw.toLowerCase() === 'none') isPublic = undefined;
        else {
          const b = boolFromString(raw);
          if (b === undefined) throw badRequest(`Invalid is_public filter [${raw}]`);
          isPublic = b;
        }
      }
    }
    const num = (name: string): number | undefined => {
      const raw = p.get(name);
      if (raw === null) return undefined;
      if (!/^\s*[+-]?\d+\s*$/.test(raw)) throw badRequest(`Invalid ${name} filter [${raw}]`);
      return Number(raw);
    };
    const minRam = num('minRam');
    const minDisk = num('minDisk');
    const sortKey = p.get('sort_key') ?? 'flavorid';
    if (!SORT_KEYS.includes(sortKey)) {
      throw badRequest(
        `Invalid input for query parameters sort_key. Value: ${sortKey}. '${sortKey}' is not one of [${SORT_KEYS.map((k) => `'${k}'`).join(', ')}]`,
      );
    }
    const sortDir = p.get('sort_dir') ?? 'asc';
    if (sortDir !== 'asc' && sortDir !== 'desc') {
      throw badRequest(`Invalid input for query parameters sort_dir. Value: ${sortDir}. '${sortDir}' is not one of ['asc', 'desc']`);
    }
    const limitRaw = p.get('limit');
    if (limitRaw !== null && !/^[0-9]*$/.test(limitRaw)) {
      throw badRequest(`Invalid input for query parameters limit. Value: ${limitRaw}. '${limitRaw}' does not match '^[0-9]*$'`);
    }
    const limit = Math.min(limitRaw ? Number(limitRaw) : 1000, 1000);
    const f1 = SORT_FNS[sortKey]!;
    const dir = sortDir === 'desc' ? -1 : 1;
    const cmp = (a: SimFlavor, b: SimFlavor): number => dir * cmpVal(f1(a), f1(b)) || dir * (a.rowId - b.rowId);
    const items = [...flavors.values()]
      .filter((f) => {
        if (!ctx.isAdmin) return f.isPublic ? !f.disabled : visible(ctx, f);
        return isPublic === undefined || f.isPublic === isPublic;
      })
      .filter((f) => (minRam === undefined || f.ram >= minRam) && (minDisk === undefined || f.disk >= minDisk))
      .sort(cmp);
    let start = 0;
    const marker = p.get('marker');
    if (marker !== null) {
      const m = flavors.get(marker);
      if (!m || !visible(ctx, m)) throw badRequest(`marker [${marker}] not found`);
      start = items.length;
      for (let i = 0; i < items.length; i++) {
        if (cmp(items[i]!, m) > 0) {
          start = i;
          break;
        }
      }
    }
    const page = items.slice(start, start + limit);
    const body: Record<string, unknown> = {
      flavors: page.map((f) => (isDetail ? detail(ctx, f) : summary(ctx, f))),
    };
    if (page.length > 0 && page.length >= limit) {
      const path = isDetail ? 'flavors/detail' : 'flavors';
      body['flavors_links'] = [{ rel: 'next', href: `${ctx.prefix}/${path}?${nextQuery(p, page[page.length - 1]!.flavorid)}` }];
    }
    return { status: 200, body };
  }

  function create(ctx: NCtx, raw: Buffer): { status: number; body: unknown } {
    if (!ctx.isAdmin) throw forbidden('os_compute_api:os-flavor-manage:create');
    const body = parseJsonObject(raw);
    if (!('flavor' in body)) throw badRequest("'flavor' is a required property");
    const b = body['flavor'];
    if (!isObj(b)) throw schemaError('flavor', b, `${pyRepr(b)} is not of type 'object'`);
    for (const k of ['name', 'ram', 'vcpus', 'disk']) {
      if (!(k in b)) throw schemaError('flavor', b, `'${k}' is a required property`);
    }
    const allowed = new Set(['name', 'ram', 'vcpus', 'disk', 'id', 'swap', 'OS-FLV-EXT-DATA:ephemeral', 'rxtx_factor', 'os-flavor-access:is_public']);
    if (atLeast(ctx, 55)) allowed.add('description');
    const extra = Object.keys(b).filter((k) => !allowed.has(k));
    if (extra.length) {
      throw schemaError('flavor', b, `Additional properties are not allowed (${extra.map((k) => pyRepr(k)).join(', ')} ${extra.length === 1 ? 'was' : 'were'} unexpected)`);
    }
    const name = b['name'];
    if (typeof name !== 'string') throw schemaError('name', name, `${pyRepr(name)} is not of type 'string'`);
    if (name.length < 1) throw schemaError('name', name, `${pyRepr(name)} is too short`);
    if (name.length > 255) throw schemaError('name', name, `${pyRepr(name)} is too long`);
    if (name.trim() !== name) {
      throw schemaError('name', name, `${pyRepr(name)} does not match '^(?! )[a-zA-Z0-9. _-]+(?<! )$'`);
    }
    const ram = intField('ram', b['ram'], 1);
    const vcpus = intField('vcpus', b['vcpus'], 1);
    const disk = intField('disk', b['disk'], 0);
    const swap = b['swap'] === undefined ? 0 : intField('swap', b['swap'], 0);
    const ephemeral = b['OS-FLV-EXT-DATA:ephemeral'] === undefined ? 0 : intField('OS-FLV-EXT-DATA:ephemeral', b['OS-FLV-EXT-DATA:ephemeral'], 0);
    let rxtx = 1;
    if (b['rxtx_factor'] !== undefined) {
      const r = typeof b['rxtx_factor'] === 'string' ? Number(b['rxtx_factor']) : b['rxtx_factor'];
      if (typeof r !== 'number' || !Number.isFinite(r)) {
        throw schemaError('rxtx_factor', b['rxtx_factor'], `${pyRepr(b['rxtx_factor'])} is not of type 'number', 'string'`);
      }
      if (r <= 0) throw schemaError('rxtx_factor', b['rxtx_factor'], `${r} is less than or equal to the minimum of 0`);
      rxtx = r;
    }
    let isPublic = true;
    if (b['os-flavor-access:is_public'] !== undefined) {
      const v = boolFromString(b['os-flavor-access:is_public']);
      if (v === undefined) {
        throw schemaError('os-flavor-access:is_public', b['os-flavor-access:is_public'],
          `${pyRepr(b['os-flavor-access:is_public'])} is not one of [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no']`);
      }
      isPublic = v;
    }
    let description: string | null = null;
    if (b['description'] !== undefined && b['description'] !== null) {
      if (typeof b['description'] !== 'string') throw schemaError('description', b['description'], `${pyRepr(b['description'])} is not of type 'string', 'null'`);
      description = b['description'];
    }
    let id: string | undefined;
    if (b['id'] !== undefined && b['id'] !== null) {
      const raw = b['id'];
      if (typeof raw !== 'string' && typeof raw !== 'number') throw schemaError('id', raw, `${pyRepr(raw)} is not of type 'string', 'null'`);
      id = String(raw);
      if (!/^(?! )[a-zA-Z0-9. _-]+(?<! )$/.test(id) || id.length > 255) {
        throw schemaError('id', raw, `${pyRepr(raw)} does not match '^(?! )[a-zA-Z0-9. _-]+(?<! )$'`);
      }
    }
    for (const f of flavors.values()) if (f.name === name) throw conflict(`Flavor with name ${name} already exists.`);
    if (id !== undefined && flavors.has(id)) throw conflict(`Flavor with ID ${id} already exists.`);
    const f = addFlavor({ name, ram, vcpus, disk, swap, ephemeral, rxtxFactor: rxtx, isPublic, description, ...(id !== undefined ? { flavorid: id } : {}) });
    return { status: 200, body: { flavor: detail(ctx, f) } };
  }

  function extraSpecs(ctx: NCtx, method: string, f: SimFlavor, key: string | undefined, raw: Buffer): { status: number; body?: unknown } {
    count('extraSpecs');
    const specsOf = (v: unknown): Record<string, string> => {
      if (!isObj(v)) throw schemaError('extra_specs', v, `${pyRepr(v)} is not of type 'object'`);
      const out: Record<string, string> = {};
      for (const [k, x] of Object.entries(v)) {
        if (!/^[a-zA-Z0-9-_:. ]{1,255}$/.test(k)) {
          throw schemaError('extra_specs', v, `${pyRepr(k)} does not match any of the regexes: '^[a-zA-Z0-9-_:. ]{1,255}$'`);
        }
        if (typeof x === 'string') out[k] = x;
        else if (typeof x === 'number') out[k] = String(x);
        else if (typeof x === 'boolean') out[k] = x ? 'True' : 'False';
        else throw schemaError(k, x, `${pyRepr(x)} is not of type 'string', 'number', 'boolean'`);
      }
      return out;
    };
    const missing = (): ApiError => notFound(`Flavor ${f.flavorid} has no extra specs with key ${key}.`);
    if (key === undefined) {
      if (method === 'GET') return { status: 200, body: { extra_specs: { ...f.extraSpecs } } };
      if (method !== 'POST') throw new HtmlNotFound();
      if (!ctx.isAdmin) throw forbidden('os_compute_api:os-flavor-extra-specs:create');
      const body = parseJsonObject(raw);
      if (!('extra_specs' in body)) throw badRequest("'extra_specs' is a required property");
      const specs = specsOf(body['extra_specs']);
      f.extraSpecs = { ...f.extraSpecs, ...specs };
      return { status: 200, body: { extra_specs: specs } };
    }
    if (method === 'GET') {
      if (!(key in f.extraSpecs)) throw missing();
      return { status: 200, body: { [key]: f.extraSpecs[key] } };
    }
    if (method === 'PUT') {
      if (!ctx.isAdmin) throw forbidden('os_compute_api:os-flavor-extra-specs:update');
      const specs = specsOf(parseJsonObject(raw));
      if (!(key in specs)) throw badRequest('Request body and URI mismatch');
      if (Object.keys(specs).length > 1) throw badRequest('Request body contains too many items');
      f.extraSpecs = { ...f.extraSpecs, [key]: specs[key]! };
      return { status: 200, body: { [key]: specs[key] } };
    }
    if (method === 'DELETE') {
      if (!ctx.isAdmin) throw forbidden('os_compute_api:os-flavor-extra-specs:delete');
      if (!(key in f.extraSpecs)) throw missing();
      const next = { ...f.extraSpecs };
      delete next[key];
      f.extraSpecs = next;
      return { status: 200 };
    }
    throw new HtmlNotFound();
  }

  function accessList(f: SimFlavor): unknown {
    return { flavor_access: f.access.map((p) => ({ flavor_id: f.flavorid, tenant_id: p })) };
  }

  function limitsBody(ctx: NCtx): unknown {
    const abs: Record<string, number> = {
      maxTotalInstances: 10,
      maxTotalCores: 20,
      maxTotalRAMSize: 51200,
      maxServerMeta: 128,
    };
    if (!atLeast(ctx, 39)) abs['maxImageMeta'] = 128;
    if (!atLeast(ctx, 57)) {
      abs['maxPersonality'] = 5;
      abs['maxPersonalitySize'] = 10240;
    }
    abs['maxTotalKeypairs'] = 100;
    abs['maxServerGroups'] = 10;
    abs['maxServerGroupMembers'] = 10;
    if (!atLeast(ctx, 36)) {
      abs['maxTotalFloatingIps'] = -1;
      abs['maxSecurityGroups'] = -1;
      abs['maxSecurityGroupRules'] = -1;
    }
    abs['totalRAMUsed'] = 0;
    abs['totalCoresUsed'] = 0;
    abs['totalInstancesUsed'] = 0;
    if (!atLeast(ctx, 36)) {
      abs['totalFloatingIpsUsed'] = 0;
      abs['totalSecurityGroupsUsed'] = 0;
    }
    abs['totalServerGroupsUsed'] = 0;
    return { limits: { rate: [], absolute: abs } };
  }

  function route(ctx: NCtx, method: string, rest: string[], raw: Buffer): { status: number; body?: unknown } {
    const [coll, id, sub, key] = rest;
    if (coll === 'limits' && rest.length === 1 && method === 'GET') {
      count('limits');
      return { status: 200, body: limitsBody(ctx) };
    }
    if (coll !== 'flavors') throw new HtmlNotFound();
    if (id === undefined) {
      if (method === 'GET') return count('flavorsList'), list(ctx, false);
      if (method === 'POST') return count('flavorsCreate'), create(ctx, raw);
      throw new HtmlNotFound();
    }
    if (id === 'detail' && rest.length === 2 && method === 'GET') return count('flavorsList'), list(ctx, true);
    if (sub === undefined) {
      if (method === 'GET') {
        count('flavorsShow');
        return { status: 200, body: { flavor: detail(ctx, find(ctx, id)) } };
      }
      if (method === 'DELETE') {
        count('flavorsDelete');
        if (!ctx.isAdmin) throw forbidden('os_compute_api:os-flavor-manage:delete');
        const f = find(ctx, id);
        flavors.delete(f.flavorid);
        return { status: 202 };
      }
      if (method === 'PUT' && atLeast(ctx, 55)) {
        count('flavorsUpdate');
        if (!ctx.isAdmin) throw forbidden('os_compute_api:os-flavor-manage:update');
        const body = parseJsonObject(raw);
        const b = body['flavor'];
        if (!isObj(b)) throw schemaError('flavor', b, `${pyRepr(b)} is not of type 'object'`);
        if (!('description' in b)) throw schemaError('flavor', b, "'description' is a required property");
        const d = b['description'];
        if (d !== null && typeof d !== 'string') throw schemaError('description', d, `${pyRepr(d)} is not of type 'string', 'null'`);
        const f = find(ctx, id);
        f.description = d;
        return { status: 200, body: { flavor: detail(ctx, f) } };
      }
      throw new HtmlNotFound();
    }
    if (sub === 'os-extra_specs' && rest.length <= 4) return extraSpecs(ctx, method, find(ctx, id), key, raw);
    if (sub === 'os-flavor-access' && rest.length === 3 && method === 'GET') {
      count('flavorAccess');
      if (!ctx.isAdmin) throw forbidden('os_compute_api:os-flavor-access');
      const f = find(ctx, id);
      if (f.isPublic) throw notFound('Access list not available for public flavors.');
      return { status: 200, body: accessList(f) };
    }
    if (sub === 'action' && rest.length === 3 && method === 'POST') {
      count('flavorAccess');
      const body = parseJsonObject(raw);
      const f = find(ctx, id);
      const add = body['addTenantAccess'];
      const remove = body['removeTenantAccess'];
      const args = add ?? remove;
      if (!isObj(args)) throw badRequest('Invalid request body');
      const tenant = args['tenant'];
      if (typeof tenant !== 'string') throw schemaError(add ? 'addTenantAccess' : 'removeTenantAccess', args, "'tenant' is a required property");
      if (add) {
        if (!ctx.isAdmin) throw forbidden('os_compute_api:os-flavor-access:add_tenant_access');
        if (f.isPublic) throw conflict('Can not add access to a public flavor.');
        if (f.access.includes(tenant)) throw conflict(`Flavor access already exists for flavor ${f.flavorid} and project ${tenant} combination.`);
        f.access.push(tenant);
      } else {
        if (!ctx.isAdmin) throw forbidden('os_compute_api:os-flavor-access:remove_tenant_access');
        if (!f.access.includes(tenant)) throw notFound(`Flavor access not found for ${f.flavorid} / ${tenant} combination.`);
        f.access = f.access.filter((p) => p !== tenant);
      }
      return { status: 200, body: accessList(f) };
    }
    throw new HtmlNotFound();
  }

  function versionDoc(id: 'v2.0' | 'v2.1', full: boolean): Record<string, unknown> {
    const is21 = id === 'v2.1';
    const doc: Record<string, unknown> = {
      id,
      status: is21 ? 'CURRENT' : 'SUPPORTED',
      version: is21 ? mvString(MAX_MV) : '',
      min_version: is21 ? mvString(MIN_MV) : '',
      updated: is21 ? '2013-07-23T11:33:21Z' : '2011-01-21T11:33:21Z',
      links: [{ rel: 'self', href: `${base}/${is21 ? 'v2.1' : 'v2'}/` }],
    };
    if (full) {
      (doc['links'] as unknown[]).push({ rel: 'describedby', type: 'text/html', href: 'http://docs.openstack.org/' });
      doc['media-types'] = [{ base: 'application/json', type: `application/vnd.openstack.compute+json;version=${is21 ? '2.1' : '2'}` }];
    }
    return doc;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    count('requests');
    const reqId = requestId();
    const idHeaders = { 'X-OpenStack-Request-Id': reqId, 'X-Compute-Request-Id': reqId };
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', base);
    const raw = await readBody(req);
    const segs = url.pathname.split('/').filter((s) => s.length > 0);
    let mvHeaders: Record<string, string | string[]> = {};
    const send = (status: number, body: unknown, ct = JSON_CT): void =>
      sendRaw(res, status, { 'Content-Type': ct, ...mvHeaders, ...idHeaders }, body === undefined ? '' : toJson(body));
    const fault = (e: ApiError): void => send(e.status, { [e.kind]: { code: e.status, message: e.message } });
    const html404 = (): void => sendRaw(res, 404, { 'Content-Type': 'text/html; charset=UTF-8', ...idHeaders }, HTML_404);

    if (segs.length === 0) {
      count('versions');
      return sendRaw(res, 200, { 'Content-Type': 'application/json' }, toJson({ versions: [versionDoc('v2.0', false), versionDoc('v2.1', false)] }));
    }
    const api = segs[0];
    if (api === 'v2' && segs.length === 1) {
      count('versions');
      return sendRaw(res, 200, { 'Content-Type': 'application/json' }, toJson({ version: versionDoc('v2.0', true) }));
    }
    if (api !== 'v2.1') return html404();

    // Microversion: OpenStack-API-Version wins over the legacy header.
    const modern = req.headers['openstack-api-version'];
    const legacy = req.headers['x-openstack-nova-api-version'];
    let wanted: string | undefined;
    if (typeof modern === 'string') wanted = headerForService(modern, 'compute');
    if (wanted === undefined && typeof legacy === 'string') wanted = legacy.trim();
    const r = resolveMicroversion(wanted, MIN_MV, MAX_MV);
    const echo = (v: string): void => {
      mvHeaders = {
        'OpenStack-API-Version': `compute ${v}`,
        'X-OpenStack-Nova-API-Version': v,
        Vary: ['OpenStack-API-Version', 'X-OpenStack-Nova-API-Version'],
      };
    };
    if (segs.length === 1) {
      count('versions');
      echo(r.ok ? mvString(r.version) : mvString(MIN_MV));
      return send(200, { version: versionDoc('v2.1', true) }, 'application/json');
    }

    const tokenHeader = req.headers['x-auth-token'];
    const token = typeof tokenHeader === 'string' ? opts.validateToken(tokenHeader) : undefined;
    if (!token) {
      count('unauthorized');
      return sendRaw(res, 401, {
        'Content-Type': 'application/json',
        'WWW-Authenticate': `Keystone uri="${keystoneUrl}"`,
        ...idHeaders,
      }, UNAUTHORIZED_BODY);
    }
    if (!r.ok) {
      if (r.echo !== undefined) echo(r.echo);
      return fault(r.error);
    }
    echo(mvString(r.version));

    let rest = segs.slice(1);
    let prefix = `${base}/v2.1`;
    if (rest[0] !== 'flavors' && rest[0] !== 'limits') {
      const urlProject = rest[0]!;
      rest = rest.slice(1);
      if (rest.length === 0) return html404();
      if (urlProject !== token.projectId) {
        return fault(badRequest(
          `Malformed request URL: URL's project_id '${urlProject}' doesn't match Context's project_id '${token.projectId ?? 'None'}'`,
        ));
      }
      prefix = `${base}/v2.1/${urlProject}`;
    }
    const ctx: NCtx = { mv: r.version, token, isAdmin: token.roles.includes('admin'), prefix, base, params: url.searchParams };
    try {
      const out = route(ctx, method, rest, raw);
      if (out.body === undefined) return sendRaw(res, out.status, { 'Content-Type': 'text/html; charset=UTF-8', ...mvHeaders, ...idHeaders }, '');
      return send(out.status, out.body, 'application/json');
    } catch (e) {
      if (e instanceof HtmlNotFound) return html404();
      if (e instanceof ApiError) return fault(e);
      throw e;
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof ApiError) {
        sendRaw(res, e.status, { 'Content-Type': JSON_CT }, toJson({ [e.kind]: { code: e.status, message: e.message } }));
        return;
      }
      const msg = 'Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.';
      if (!res.headersSent) sendRaw(res, 500, { 'Content-Type': JSON_CT }, toJson({ computeFault: { code: 500, message: msg } }));
      else res.destroy();
      console.error('nova simulator:', e);
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

  return {
    url: base,
    port,
    counters,
    flavors,
    addFlavor,
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
