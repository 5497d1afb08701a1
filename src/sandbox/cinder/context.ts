// Per-request context for the Cinder simulator and the shared list machinery
// (sort / marker / limit / offset / next links) that every collection uses.
import type { TokenInfo } from '../types.js';
import type { CinderState } from './model.js';
import { ApiError, badRequest, nextQuery, type Microversion } from './http.js';

export interface Ctx {
  api: 'v2' | 'v3';
  /** Negotiated microversion; v2 requests behave as 3.0. */
  mv: Microversion;
  token: TokenInfo;
  /** The request's project (the token's project; the URL one must match it). */
  projectId: string;
  isAdmin: boolean;
  /** http://127.0.0.1:PORT */
  base: string;
  params: URLSearchParams;
  requestId: string;
  maxLimit: number;
  state: CinderState;
}

/** ctx.mv >= 3.minor (always false for v2). */
export function at(ctx: Ctx, minor: number): boolean {
  return ctx.api === 'v3' && ctx.mv.minor >= minor;
}

export function selfLink(ctx: Ctx, collection: string, id: string): { rel: string; href: string }[] {
  return [
    { rel: 'self', href: `${ctx.base}/${ctx.api}/${ctx.projectId}/${collection}/${id}` },
    { rel: 'bookmark', href: `${ctx.base}/${ctx.projectId}/${collection}/${id}` },
  ];
}

export type SortValue = string | number | boolean | null;
export type SortFns<T> = Record<string, (x: T) => SortValue>;

interface SortSpec {
  key: string;
  desc: boolean;
}

const PAGING_PARAMS = new Set(['sort', 'sort_key', 'sort_dir', 'limit', 'marker', 'offset']);

export function isPagingParam(k: string): boolean {
  return PAGING_PARAMS.has(k);
}

function parseDir(d: string): boolean {
  const s = d.trim().toLowerCase();
  if (s === 'desc') return true;
  if (s === 'asc') return false;
  throw badRequest("Invalid input received: Unknown sort direction, must be 'desc' or 'asc'.");
}

export function parseSort<T>(params: URLSearchParams, fns: SortFns<T>): SortSpec[] {
  const sort = params.get('sort');
  const sortKey = params.get('sort_key');
  const sortDir = params.get('sort_dir');
  let specs: SortSpec[] = [];
  if (sort !== null) {
    if (sortKey !== null || sortDir !== null) {
      throw badRequest("The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be used with the 'sort' parameter.");
    }
    for (const part of sort.split(',')) {
      const [k, d] = part.split(':');
      const key = (k ?? '').trim();
      if (!key) continue;
      specs.push({ key, desc: d === undefined ? true : parseDir(d) });
    }
  } else if (sortKey !== null || sortDir !== null) {
    specs = [{ key: sortKey ?? 'created_at', desc: sortDir === null ? true : parseDir(sortDir) }];
  }
  const mapped = specs.map((s) => ({ ...s, key: s.key === 'display_name' ? 'name' : s.key }));
  for (const s of mapped) if (!(s.key in fns)) throw badRequest('Invalid input received: Invalid sort key');
  const dflt = mapped[0]?.desc ?? true;
  if (!mapped.some((s) => s.key === 'created_at')) mapped.push({ key: 'created_at', desc: dflt });
  if (!mapped.some((s) => s.key === 'id')) mapped.push({ key: 'id', desc: dflt });
  return mapped;
}

function cmpVal(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return -1; // NULL sorts first ascending, as in SQL
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function comparator<T>(specs: SortSpec[], fns: SortFns<T>): (a: T, b: T) => number {
  const getters = specs.map((s) => ({ f: fns[s.key] as (x: T) => SortValue, desc: s.desc }));
  return (a, b) => {
    for (const g of getters) {
      const c = cmpVal(g.f(a), g.f(b));
      if (c !== 0) return g.desc ? -c : c;
    }
    return 0;
  };
}

export function parseNonNegInt(raw: string | null, name: string): number | undefined {
  if (raw === null) return undefined;
  const s = raw.trim();
  if (!/^[+-]?\d+$/.test(s)) throw badRequest(`${name} param must be an integer`);
  const n = Number(s);
  if (n < 0) throw badRequest(`${name} param must be positive`);
  return n;
}

export interface PageOptions<T> {
  /** Items in creation order (oldest first), already filtered. */
  items: T[];
  sortFns: SortFns<T>;
  /** Resolve the marker among everything the caller may see (not only filtered items). */
  findMarker: (id: string) => T | undefined;
  markerNotFound: (id: string) => ApiError;
  /** Path used in the next link, e.g. "volumes" or "volumes/detail". */
  linkPath: string;
  linksKey: string;
}

export interface Page<T> {
  page: T[];
  links?: { rel: string; href: string }[];
  total: number;
}

export function paginate<T extends { id: string }>(ctx: Ctx, o: PageOptions<T>): Page<T> {
  const specs = parseSort(ctx.params, o.sortFns);
  const limitParam = parseNonNegInt(ctx.params.get('limit'), 'limit');
  const offset = parseNonNegInt(ctx.params.get('offset'), 'offset') ?? 0;
  const limit = Math.min(limitParam ?? ctx.maxLimit, ctx.maxLimit);
  const isDefault =
    specs.length === 2 && specs[0]!.key === 'created_at' && specs[0]!.desc && specs[1]!.key === 'id' && specs[1]!.desc;
  const cmp = comparator(specs, o.sortFns);
  // Creation order is strictly increasing created_at, so the default order is the reverse.
  const sorted = isDefault ? o.items.slice().reverse() : o.items.slice().sort(cmp);
  let start = 0;
  const marker = ctx.params.get('marker');
  if (marker !== null) {
    const m = o.findMarker(marker);
    if (!m) throw o.markerNotFound(marker);
    start = sorted.length;
    for (let i = 0; i < sorted.length; i++) {
      if (cmp(sorted[i]!, m) > 0) {
        start = i;
        break;
      }
    }
  }
  start += offset;
  const page = sorted.slice(start, start + limit);
  const out: Page<T> = { page, total: o.items.length };
  if (page.length > 0 && page.length >= limit) {
    const last = page[page.length - 1]!;
    out.links = [
      {
        rel: 'next',
        href: `${ctx.base}/${ctx.api}/${ctx.projectId}/${o.linkPath}?${nextQuery(ctx.params, last.id)}`,
      },
    ];
  }
  return out;
}

/** Build a list body: {"volumes": [...], "volumes_links": [...], "count": N}. */
export function listBody<T>(
  key: string,
  linksKey: string,
  p: Page<T>,
  view: (x: T) => unknown,
  withCount: boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = { [key]: p.page.map(view) };
  if (p.links) body[linksKey] = p.links;
  if (withCount) body['count'] = p.total;
  return body;
}

/** Cinder's metadata filter value: a JSON (or Python-literal) dict. */
export function parseMetadataFilter(raw: string): Record<string, string> | undefined {
  for (const s of [raw, raw.replace(/'/g, '"')]) {
    try {
      const v: unknown = JSON.parse(s);
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
        const out: Record<string, string> = {};
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = String(x);
        return out;
      }
    } catch {
      // try the next spelling
    }
  }
  return undefined;
}

/**
 * Generic filter matcher. `fields` maps filter names to getters; `name~` style
 * keys do substring ("like") matching; unknown keys match nothing, as Cinder does
 * when it filters on a column that does not exist.
 */
export function matchFilters<T>(
  x: T,
  filters: [string, string][],
  fields: Record<string, (x: T) => SortValue>,
  metadata?: (x: T) => Record<string, string>,
): boolean {
  for (const [k0, want] of filters) {
    const like = k0.endsWith('~');
    const k = like ? k0.slice(0, -1) : k0;
    if (k === 'metadata' && metadata) {
      const m = parseMetadataFilter(want);
      if (!m) return false;
      const have = metadata(x);
      for (const [mk, mv] of Object.entries(m)) if (have[mk] !== mv) return false;
      continue;
    }
    const f = fields[k];
    if (!f) return false;
    const v = f(x);
    if (typeof v === 'boolean') {
      const b = want.trim().toLowerCase();
      const wb = ['1', 't', 'true', 'on', 'y', 'yes'].includes(b);
      if (v !== wb) return false;
      continue;
    }
    const sv = v === null ? '' : String(v);
    if (like ? !sv.toLowerCase().includes(want.toLowerCase()) : sv !== want) return false;
  }
  return true;
}

/** What a handler returns; `body` undefined means an empty response. */
export interface Reply {
  status: number;
  body?: unknown;
}

export const accepted: Reply = { status: 202 };
