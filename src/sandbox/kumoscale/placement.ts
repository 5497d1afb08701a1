// Where replicas go and how their space is taken from SSDs. A replica lives on one backend;
// without allowSpan it must fit on one SSD, with allowSpan it may take space from several
// SSDs of that backend. Nothing here is committed until commit() runs.
import type { Allocation, Backend, KsState, StorageClass } from './state.js';

/** Picks SSD space on one backend, or undefined when it does not fit. */
export function fitOn(state: KsState, b: Backend, bytes: number, allowSpan: boolean): Allocation | undefined {
  const ssds = [...b.ssds].sort((x, y) => state.ssdFree(x) - state.ssdFree(y));
  // Best fit on a single SSD first (also for spanning volumes).
  const single = ssds.find((s) => state.ssdFree(s) >= bytes);
  if (single) return { backendId: b.persistentID, parts: bytes > 0 ? [{ serial: single.serialNumber, bytes }] : [] };
  if (!allowSpan) return undefined;
  let left = bytes;
  const parts: Allocation['parts'] = [];
  for (const s of ssds.reverse()) {
    const take = Math.min(left, state.ssdFree(s));
    if (take <= 0) continue;
    parts.push({ serial: s.serialNumber, bytes: take });
    left -= take;
    if (left === 0) break;
  }
  return left === 0 ? { backendId: b.persistentID, parts } : undefined;
}

/** Extra space for an existing allocation (expand): SSDs already used first, others only when spanning. */
export function growOn(state: KsState, a: Allocation, extra: number, allowSpan: boolean): Allocation | undefined {
  const b = state.backends.get(a.backendId);
  if (!b) return undefined;
  if (extra <= 0) return { backendId: a.backendId, parts: [] };
  const used = new Set(a.parts.map((p) => p.serial));
  if (!allowSpan) {
    const candidates = used.size
      ? b.ssds.filter((s) => used.has(s.serialNumber))
      : [...b.ssds].sort((x, y) => state.ssdFree(x) - state.ssdFree(y));
    const s = candidates.find((x) => state.ssdFree(x) >= extra);
    return s ? { backendId: a.backendId, parts: [{ serial: s.serialNumber, bytes: extra }] } : undefined;
  }
  const ordered = [...b.ssds].sort((x, y) => Number(used.has(y.serialNumber)) - Number(used.has(x.serialNumber)));
  let left = extra;
  const parts: Allocation['parts'] = [];
  for (const s of ordered) {
    const take = Math.min(left, state.ssdFree(s));
    if (take <= 0) continue;
    parts.push({ serial: s.serialNumber, bytes: take });
    left -= take;
    if (left === 0) break;
  }
  return left === 0 ? { backendId: a.backendId, parts } : undefined;
}

export function commit(state: KsState, a: Allocation, sign: 1 | -1 = 1): void {
  const b = state.backends.get(a.backendId);
  if (!b) return;
  for (const p of a.parts) {
    const s = b.ssds.find((x) => x.serialNumber === p.serial);
    if (s) s.allocated = Math.max(0, s.allocated + sign * p.bytes);
  }
}

export function release(state: KsState, a: Allocation | undefined): void {
  if (a) commit(state, a, -1);
}

function labelOk(list: string[], value: string): boolean {
  return list.length === 0 || list.includes(value);
}

/** Backends that may take a new replica under a storage class. */
export function eligibleBackends(state: KsState, sc: Pick<StorageClass, 'racks' | 'zones' | 'regions' | 'hostId'>): Backend[] {
  return [...state.backends.values()]
    .filter(
      (b) =>
        b.inUse &&
        b.state === 'Available' &&
        labelOk(sc.racks, b.rack) &&
        labelOk(sc.zones, b.zone) &&
        labelOk(sc.regions, b.region) &&
        (!sc.hostId || b.hostId === sc.hostId),
    )
    .sort((x, y) => state.backendAvailable(y) - state.backendAvailable(x) || x.persistentID.localeCompare(y.persistentID));
}

/**
 * Chooses `count` distinct backends (distinct racks unless sameRackAllowed) and fits `bytes`
 * on each. Returns the allocations (not committed) or undefined when the pool cannot hold them.
 */
export function placeReplicas(
  state: KsState,
  count: number,
  bytes: number,
  sc: StorageClass,
  exclude: { backends: Set<string>; racks: Set<string> } = { backends: new Set(), racks: new Set() },
): Allocation[] | undefined {
  const out: Allocation[] = [];
  const racks = new Set(exclude.racks);
  for (const b of eligibleBackends(state, sc)) {
    if (out.length === count) break;
    if (exclude.backends.has(b.persistentID)) continue;
    if (!sc.sameRackAllowed && b.rack && racks.has(b.rack)) continue;
    const a = fitOn(state, b, bytes, sc.allowSpan);
    if (!a) continue;
    out.push(a);
    if (b.rack) racks.add(b.rack);
  }
  return out.length === count ? out : undefined;
}
