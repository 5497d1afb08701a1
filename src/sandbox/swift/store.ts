// In-memory state of the Swift simulator: accounts, containers, objects and
// the listing algorithm (prefix/marker/end_marker/delimiter/limit/reverse).

import { utf8Compare } from './util.js';

/** One entry of a stored SLO manifest (the JSON Swift keeps as the manifest body). */
export interface SloSegment {
  name?: string;
  bytes?: number;
  hash?: string;
  content_type?: string;
  last_modified?: string;
  range?: string;
  sub_slo?: boolean;
  data?: string;
}

export interface SwiftObject {
  name: string;
  /** Body as received, chunk by chunk. For an SLO this is the manifest JSON. */
  chunks: Buffer[];
  size: number;
  /** md5 hex of the stored body. */
  etag: string;
  contentType: string;
  /** X-Timestamp, seconds with five decimals. */
  ts: number;
  /** Title-cased user metadata and allowed headers, in request order (X-Object-Meta-*, Content-Encoding, X-Delete-At, X-Object-Manifest ...). */
  headers: Map<string, string>;
  deleteAt?: number;
  slo?: { etag: string; size: number; segments: SloSegment[] };
}

export type VersionMode = 'stack' | 'history';

function sortNames(names: Iterable<string>): string[] {
  return [...names]
    .map((n) => [Buffer.from(n, 'utf8'), n] as const)
    .sort((a, b) => Buffer.compare(a[0], b[0]))
    .map((x) => x[1]);
}

export class SwiftContainer {
  readonly objects = new Map<string, SwiftObject>();
  /** Title-cased X-Container-Meta-* headers. */
  readonly meta = new Map<string, string>();
  read?: string;
  write?: string;
  versions?: { mode: VersionMode; location: string };
  bytes = 0;
  count = 0;
  /** Last PUT/POST of the container itself (Last-Modified). */
  modTs: number;
  private sorted?: string[];
  private readonly expiring = new Set<string>();

  constructor(
    readonly name: string,
    readonly ts: number,
  ) {
    this.modTs = ts;
  }

  put(obj: SwiftObject): void {
    const old = this.objects.get(obj.name);
    if (old) {
      this.bytes -= old.size;
      this.count -= 1;
    } else {
      this.sorted = undefined;
    }
    this.objects.set(obj.name, obj);
    this.bytes += obj.size;
    this.count += 1;
    if (obj.deleteAt !== undefined) this.expiring.add(obj.name);
    else this.expiring.delete(obj.name);
  }

  remove(name: string): SwiftObject | undefined {
    const old = this.objects.get(name);
    if (!old) return undefined;
    this.objects.delete(name);
    this.bytes -= old.size;
    this.count -= 1;
    this.expiring.delete(name);
    this.sorted = undefined;
    return old;
  }

  /** Drop objects whose X-Delete-At has passed (the object expirer, run lazily). */
  sweep(nowSeconds: number): void {
    if (this.expiring.size === 0) return;
    for (const name of [...this.expiring]) {
      const o = this.objects.get(name);
      if (!o || o.deleteAt === undefined) this.expiring.delete(name);
      else if (o.deleteAt <= nowSeconds) this.remove(name);
    }
  }

  /** A live (not expired) object. */
  get(name: string, nowSeconds: number): SwiftObject | undefined {
    const o = this.objects.get(name);
    if (!o) return undefined;
    if (o.deleteAt !== undefined && o.deleteAt <= nowSeconds) {
      this.remove(name);
      return undefined;
    }
    return o;
  }

  sortedNames(): string[] {
    this.sorted ??= sortNames(this.objects.keys());
    return this.sorted;
  }
}

export class SwiftAccount {
  /** Swift autocreates accounts on the first write; before that HEAD/GET show zeros. */
  exists = false;
  ts = 0;
  readonly meta = new Map<string, string>();
  readonly containers = new Map<string, SwiftContainer>();
  private sorted?: string[];

  constructor(readonly name: string) {}

  addContainer(c: SwiftContainer): void {
    this.containers.set(c.name, c);
    this.sorted = undefined;
  }

  removeContainer(name: string): void {
    this.containers.delete(name);
    this.sorted = undefined;
  }

  sortedNames(): string[] {
    this.sorted ??= sortNames(this.containers.keys());
    return this.sorted;
  }

  totals(nowSeconds: number): { containers: number; objects: number; bytes: number } {
    let objects = 0;
    let bytes = 0;
    for (const c of this.containers.values()) {
      c.sweep(nowSeconds);
      objects += c.count;
      bytes += c.bytes;
    }
    return { containers: this.containers.size, objects, bytes };
  }
}

export interface ListParams {
  prefix: string;
  marker: string;
  endMarker: string;
  delimiter: string;
  limit: number;
  reverse: boolean;
}

export type ListEntry = { name: string } | { subdir: string };

/** First index whose name is > key (strict) or >= key. */
function bound(names: string[], key: string, strict: boolean): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = utf8Compare(names[mid]!, key);
    if (c < 0 || (strict && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Swift's listing walk over names sorted by UTF-8 bytes. */
export function listNames(names: string[], p: ListParams): ListEntry[] {
  const out: ListEntry[] = [];
  if (p.limit <= 0) return out;
  const { prefix, delimiter } = p;
  if (!p.reverse) {
    let i = 0;
    if (p.marker && utf8Compare(p.marker, prefix) >= 0) i = bound(names, p.marker, true);
    else if (prefix) i = bound(names, prefix, false);
    while (i < names.length && out.length < p.limit) {
      const name = names[i]!;
      if (p.endMarker && utf8Compare(name, p.endMarker) >= 0) break;
      if (prefix && !name.startsWith(prefix)) break;
      if (delimiter) {
        const at = name.indexOf(delimiter, prefix.length);
        if (at >= 0) {
          const sub = name.slice(0, at + delimiter.length);
          if (sub !== p.marker) out.push({ subdir: sub });
          i += 1;
          while (i < names.length && names[i]!.startsWith(sub)) i += 1;
          continue;
        }
      }
      out.push({ name });
      i += 1;
    }
    return out;
  }
  let i = names.length - 1;
  if (p.marker) i = bound(names, p.marker, false) - 1;
  while (i >= 0 && out.length < p.limit) {
    const name = names[i]!;
    if (p.endMarker && utf8Compare(name, p.endMarker) <= 0) break;
    if (prefix && !name.startsWith(prefix)) {
      if (utf8Compare(name, prefix) < 0) break;
      i -= 1;
      continue;
    }
    if (delimiter) {
      const at = name.indexOf(delimiter, prefix.length);
      if (at >= 0) {
        const sub = name.slice(0, at + delimiter.length);
        if (sub !== p.marker) out.push({ subdir: sub });
        i -= 1;
        while (i >= 0 && names[i]!.startsWith(sub)) i -= 1;
        continue;
      }
    }
    out.push({ name });
    i -= 1;
  }
  return out;
}
