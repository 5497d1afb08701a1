// Marker paging as Cinder and Nova do it: a page of `key` items, and a `<key>_links` entry with
// rel "next" while more remain. The next page is asked for with marker=<last id>, keeping the
// other query parameters. Records are yielded one by one, a page at a time, so a renderer can
// stream the first page while the next one is on its way.
import { ServerError } from '../../framework/errors.js';

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
}

export async function* markerPages<T extends { id: string }>(fetch: PageFetcher, o: PageOptions): AsyncGenerator<T> {
  let left = o.limit;
  let marker: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const query: Query = { ...o.query };
    if (left !== undefined) query.limit = left;
    if (marker !== undefined) query.marker = marker;
    const body = (await fetch(query)) ?? {};
    const items = Array.isArray(body[o.key]) ? (body[o.key] as T[]) : [];
    for (const item of items) {
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
