// OpenStorage SDK operations shared by several commands: finding volumes by id or name,
// listing volumes and snapshots, labels from flags. Records are the SDK's own messages,
// normalised (normalize.ts); the few fields storctl adds are documented where they are added.
import { NotFoundError, UsageError } from '../../framework/errors.js';
import type { OpenStorageClient, Rec } from './client.js';

export function obj(v: unknown): Rec {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {};
}

export function volumeName(v: Rec): string {
  return String(obj(v.locator).name ?? '');
}

/**
 * The volume a snapshot (or clone) was taken from; '' for a plain volume. Upstream's SDK marks
 * neither with `readonly`: what is a snapshot is what the server's SnapshotEnumerate lists.
 */
export function parentOf(v: Rec): string {
  const p = obj(v.source).parent;
  return typeof p === 'string' ? p : '';
}

/** `--label k=v` values → a map. `allowRemove` accepts `k=` (update: remove the label). */
export function parseLabels(values: readonly string[] | undefined, flag = '--label', allowRemove = false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of values ?? []) {
    for (const part of item.split(',')) {
      if (part.trim() === '') continue;
      const eq = part.indexOf('=');
      if (eq <= 0) throw new UsageError(`${flag} "${part}" is not KEY=VALUE`, { hint: `e.g. ${flag} app=db` });
      const k = part.slice(0, eq).trim();
      const v = part.slice(eq + 1).trim();
      if (v === '' && !allowRemove) throw new UsageError(`${flag} "${part}" has no value`, { hint: `e.g. ${flag} ${k}=VALUE` });
      out[k] = v;
    }
  }
  return out;
}

export async function inspectVolume(osd: OpenStorageClient, id: string): Promise<Rec> {
  const r = await osd.call('OpenStorageVolume', 'Inspect', { volume_id: id });
  return obj(r.volume);
}

/** Volumes (and snapshots) matching the filters, in one call. */
export async function findVolumes(osd: OpenStorageClient, filters: { name?: string; labels?: Record<string, string>; owner?: string } = {}): Promise<Rec[]> {
  const req: Rec = {};
  if (filters.name) req.name = filters.name;
  if (filters.labels && Object.keys(filters.labels).length > 0) req.labels = filters.labels;
  if (filters.owner) req.ownership = { owner: filters.owner };
  const r = await osd.call('OpenStorageVolume', 'InspectWithFilters', req);
  return (r.volumes as Rec[] | undefined ?? []).map((x) => obj(x.volume));
}

/**
 * A volume by id, or else by name (names are unique in OpenStorage). A reference that is
 * neither fails with the server's NOT_FOUND message.
 */
export async function resolveVolume(osd: OpenStorageClient, ref: string): Promise<Rec> {
  if (ref.trim() === '') throw new UsageError('empty volume id or name');
  try {
    return await inspectVolume(osd, ref);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    const byName = (await findVolumes(osd, { name: ref })).filter((v) => volumeName(v) === ref);
    if (byName.length === 1) return byName[0]!;
    if (byName.length > 1) throw new UsageError(`${byName.length} volumes are named "${ref}"`, { hint: 'use the volume id' });
    throw err;
  }
}

/**
 * Ids of the snapshots the server lists (OpenStorageVolume.SnapshotEnumerate, or
 * SnapshotEnumerateWithFilters for labels of one volume: its REST route needs the volume).
 */
export async function snapshotIds(osd: OpenStorageClient, opts: { volumeId?: string; labels?: Record<string, string> } = {}): Promise<string[]> {
  const labels = opts.labels ?? {};
  const r =
    opts.volumeId && Object.keys(labels).length > 0
      ? await osd.call('OpenStorageVolume', 'SnapshotEnumerateWithFilters', { volume_id: opts.volumeId, labels })
      : await osd.call('OpenStorageVolume', 'SnapshotEnumerate', opts.volumeId ? { volume_id: opts.volumeId } : {});
  return ((r.volume_snapshot_ids as string[] | undefined) ?? []).map(String);
}

/** A snapshot by id or name: a volume with a parent that the server lists among its snapshots. */
export async function resolveSnapshot(osd: OpenStorageClient, ref: string): Promise<Rec> {
  const v = await resolveVolume(osd, ref);
  const parent = parentOf(v);
  if (parent === '' || !(await snapshotIds(osd, { volumeId: parent })).includes(String(v.id))) {
    throw new NotFoundError(`${ref} is a volume, not a snapshot`, { hint: 'storctl snapshot list shows the snapshots' });
  }
  return v;
}

/**
 * Snapshots (of one volume, or all), with optional label filters: the ids from the snapshot
 * enumeration, the records from one InspectWithFilters (plus an Inspect for any the filter
 * call did not return).
 */
export async function listSnapshots(osd: OpenStorageClient, opts: { volumeId?: string; labels?: Record<string, string> } = {}): Promise<Rec[]> {
  const labels = opts.labels ?? {};
  const ids = await snapshotIds(osd, opts);
  if (ids.length === 0) return [];
  const byId = new Map((await findVolumes(osd, { labels })).map((v) => [String(v.id), v]));
  const out: Rec[] = [];
  for (const id of ids) {
    const v = byId.get(id) ?? (Object.keys(labels).length === 0 ? await inspectVolume(osd, id).catch(() => undefined) : undefined);
    if (v) out.push(v);
  }
  return out;
}

/** Leaves out the snapshots (one SnapshotEnumerate, only when some volume has a parent). */
export async function withoutSnapshots(osd: OpenStorageClient, volumes: Rec[]): Promise<Rec[]> {
  if (!volumes.some((v) => parentOf(v) !== '')) return volumes;
  const snaps = new Set(await snapshotIds(osd));
  return volumes.filter((v) => !snaps.has(String(v.id)));
}

/** Runs `fn` over items with at most `limit` in flight, keeping the order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** `--since 1h` / `--since 2024-05-01T00:00:00Z` → a Date. Durations: s, m, h, d, w. */
export function parseTimeOrAgo(text: string, flag: string, now = Date.now()): Date {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$/i.exec(text);
  if (m) {
    const mult = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[m[2]!.toLowerCase() as 's']!;
    return new Date(now - Number(m[1]) * mult * 1000);
  }
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new UsageError(`${flag} "${text}" is neither a duration (30m, 2h, 7d) nor a time (2024-05-01T12:00:00Z)`);
  return new Date(t);
}

/** A Date as a google.protobuf.Timestamp request value. */
export function timestampOf(d: Date): { seconds: string; nanos: number } {
  const ms = d.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: (ms - seconds * 1000) * 1_000_000 };
}

/** Every node's pools (the SDK has no pool enumeration): StoragePool records plus `node_id`. */
export async function listPools(osd: OpenStorageClient): Promise<Rec[]> {
  const r = await osd.call('OpenStorageNode', 'EnumerateWithFilters');
  const out: Rec[] = [];
  for (const n of (r.nodes as Rec[] | undefined) ?? []) {
    for (const p of (n.pools as Rec[] | undefined) ?? []) out.push({ ...obj(p), node_id: n.id });
  }
  return out;
}
