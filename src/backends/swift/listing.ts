// Account and container listings, paged with markers for any count. The next page is requested
// while the current one is being consumed, so long listings stream at the server's pace.
import { ServerError, UsageError } from '../../framework/errors.js';
import { checkArray, checkRecord, nonsense, sourceOf } from '../shape.js';
import type { SwiftClient } from './client.js';
import { listingIso } from './meta.js';

export interface ListOptions {
  prefix?: string;
  delimiter?: string;
  marker?: string;
  endMarker?: string;
  /** Stop after this many entries (all when undefined). */
  limit?: number;
  /** Entries per request; the server's listing limit (10,000 by default) caps it. */
  pageSize?: number;
}

export interface ObjectRow {
  name?: string;
  bytes?: number;
  hash?: string;
  content_type?: string;
  last_modified?: string;
  slo_etag?: string;
  /** A "directory" when listing with a delimiter. */
  subdir?: string;
  [k: string]: unknown;
}

export interface ContainerRow {
  name: string;
  count: number;
  bytes: number;
  last_modified?: string;
  [k: string]: unknown;
}

const DEFAULT_PAGE = 10_000;

type Row = Record<string, unknown>;

async function fetchPage(swift: SwiftClient, container: string | undefined, opts: ListOptions, marker: string | undefined, limit: number): Promise<{ rows: Row[]; limit: number }> {
  for (let attempt = 0; ; attempt++) {
    const res = await swift.request({
      method: 'GET',
      container,
      query: { format: 'json', limit, marker, prefix: opts.prefix, delimiter: opts.delimiter, end_marker: opts.endMarker },
      headers: { accept: 'application/json' },
      accept: [412],
      op: 'list',
    });
    if (res.status === 412) {
      const m = /Maximum limit is (\d+)/i.exec(res.text());
      if (m && attempt === 0 && Number(m[1]) > 0 && Number(m[1]) < limit) {
        swift.ctx.debug(`listing limit of this cluster is ${m[1]}`);
        limit = Number(m[1]);
        continue;
      }
      throw new UsageError(`cannot list ${container === undefined ? 'the account' : `container "${container}"`}: ${res.text().replace(/<[^>]+>/g, ' ').trim()}`);
    }
    if (res.status === 204 || res.body.length === 0) return { rows: [], limit };
    const source = sourceOf(res.url);
    const rows = checkArray(res.json<unknown>(), 'the listing', source) as Row[];
    // The name is the marker of the next page and what every command works on.
    rows.forEach((row, i) => {
      const r = checkRecord<Row>(row, `listing[${i}]`, { name: 'string?', subdir: 'string?' }, source);
      if (r.name === undefined && r.subdir === undefined) throw nonsense(`listing[${i}].name`, r.name, 'a string', source);
      if (r.name === null) throw nonsense(`listing[${i}].name`, r.name, 'a string', source);
    });
    return { rows, limit };
  }
}

function markerOf(row: Row): string | undefined {
  return (row.name as string | undefined) ?? (row.subdir as string | undefined);
}

async function* pages(swift: SwiftClient, container: string | undefined, opts: ListOptions): AsyncGenerator<Row[]> {
  let remaining = opts.limit ?? Infinity;
  let pageSize = Math.max(1, Math.min(opts.pageSize ?? DEFAULT_PAGE, DEFAULT_PAGE));
  let marker = opts.marker;
  if (remaining <= 0) return;
  let next: Promise<{ rows: Row[]; limit: number }> | undefined = fetchPage(swift, container, opts, marker, Math.min(pageSize, remaining));
  next.catch(() => {});
  while (next) {
    const { rows, limit } = await next;
    pageSize = limit;
    next = undefined;
    if (rows.length === 0) return;
    const take = rows.length > remaining ? rows.slice(0, remaining) : rows;
    remaining -= take.length;
    const last = markerOf(rows[rows.length - 1]!);
    // Listings are sorted by UTF-8 bytes; a page that does not move past the marker would repeat forever.
    if (marker !== undefined && last !== undefined && Buffer.compare(Buffer.from(last), Buffer.from(marker)) <= 0) {
      throw new ServerError(`the Swift listing of ${container ?? 'the account'} does not advance: the page after marker "${marker}" ends at "${last}"`, {
        hint: 'the server (or a proxy) ignores the marker parameter; report it to the storage operator',
      });
    }
    marker = last;
    // Ask for the next page now; the consumer works through this one meanwhile.
    if (remaining > 0 && marker !== undefined) {
      next = fetchPage(swift, container, opts, marker, Math.min(pageSize, remaining));
      next.catch(() => {});
    }
    yield take;
  }
}

function normalizeObject(row: Row): ObjectRow {
  if (typeof row.last_modified === 'string') row.last_modified = listingIso(row.last_modified);
  if (typeof row.content_type === 'string') row.content_type = row.content_type.replace(/;\s*swift_bytes=\d+/, '');
  return row as ObjectRow;
}

export async function* listObjects(swift: SwiftClient, container: string, opts: ListOptions = {}): AsyncGenerator<ObjectRow> {
  for await (const page of pages(swift, container, opts)) for (const row of page) yield normalizeObject(row);
}

export async function* listContainers(swift: SwiftClient, opts: ListOptions = {}): AsyncGenerator<ContainerRow> {
  for await (const page of pages(swift, undefined, opts)) {
    for (const row of page) {
      if (typeof row.last_modified === 'string') row.last_modified = listingIso(row.last_modified);
      yield row as ContainerRow;
    }
  }
}
