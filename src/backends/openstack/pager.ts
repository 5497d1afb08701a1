// Marker paging as Cinder and Nova do it: a page of `key` items, and a `<key>_links` entry with
// rel "next" while more remain. The next page is asked for with marker=<last id>, keeping the
// other query parameters. Records are yielded one by one, a page at a time, so a renderer can
// stream the first page while the next one is on its way. A page that is not an object with
// an array under `key`, or an item without a string id (or with a name that is not a string),
// is the server's nonsense: a ServerError naming the field (../shape.ts).
import { ServerError } from '../../framework/errors.js';
import { checkArray, checkObject, checkRecord, type FieldRule } from '../shape.js';

export type Query = Record<string, string | number | boolean | undefined>;

export interface PageFetcher {
  (query: Query): Promise<Record<string, unknown> | undefined>;
}

export interface PageOptions {
  /** Collection key in the body: "volumes", "snapshots", "flavors"... */
  key: string;
  query?: Query;
  /** Stop after this many records in total (sent as the page size too). */
  limit?: number;
  /** The collection URL, for messages about a malformed answer. */
  source?: string;
  /** Identifier fields each item must have (default: id a string, name a string or null). */
  fields?: Record<string, FieldRule>;
}

const ID_FIELDS: Record<string, FieldRule> = { id: 'string', name: 'string?' };

export async function* markerPages<T extends { id: string }>(fetch: PageFetcher, o: PageOptions): AsyncGenerator<T> {
  let left = o.limit;
  let marker: string | undefined;
  const seen = new Set<string>();
  let index = 0;
  const fields = o.fields ?? ID_FIELDS;
  for (;;) {
    const query: Query = { ...o.query };
    if (left !== undefined) query.limit = left;
    if (marker !== undefined) query.marker = marker;
    const raw = await fetch(query);
    if (raw === undefined) return; // an empty answer
    const body = checkObject(raw, 'the response', o.source);
    const items = checkArray(body[o.key], o.key, o.source) as T[];
    for (const item of items) {
      checkRecord(item, `${o.key}[${index++}]`, fields, o.source);
      yield item;
      if (left !== undefined && --left <= 0) return;
    }
    const links = body[`${o.key}_links`];
    const hasNext = Array.isArray(links) && links.some((l) => l && (l as { rel?: string }).rel === 'next');
    const last = items[items.length - 1]?.id;
    if (!hasNext || last === undefined) return;
    // A server that ignores the marker would hand out the same pages forever.
    if (seen.has(last)) throw new ServerError(`the ${o.key} listing does not advance: the server answered marker ${marker} with a page it had already sent`, { hint: 'the server (or a proxy) ignores the marker parameter; report it to the cloud operator' });
    seen.add(last);
    marker = last;
  }
}

/** Query string from a Query, skipping undefined values. */
export function queryString(q: Query | undefined): string {
  if (!q) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) if (v !== undefined) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
