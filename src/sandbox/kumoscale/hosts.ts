// Hosts (initiators), NVMe-oF targets and publish/unpublish. A target is one subsystem per
// (backend, host) pair; it exists while at least one volume published to the host has a
// replica on that backend, and each such replica is one namespace.
import { num, str, type Body } from './fields.js';
import { fail, ok, type Envelope, type Host, type KsState } from './state.js';
import { findVolume } from './volumes.js';

export function hostProbe(state: KsState, body: Body): Envelope {
  const hostId = str(body, 'hostId');
  const nqn = str(body, 'hostNqn');
  if (!hostId) return fail('InvalidParameter', 'hostId is mandatory');
  if (!nqn || !nqn.startsWith('nqn.')) return fail('InvalidParameter', 'hostNqn must be an NVMe qualified name (nqn.*)');
  const duration = num(body, 'duration');
  if (duration === null) return fail('InvalidParameter', 'duration must be a number of seconds');
  const prev = state.hosts.get(hostId);
  const host: Host = {
    uuid: hostId,
    nqn,
    name: str(body, 'name') || prev?.name || hostId,
    clientType: str(body, 'clientType') || prev?.clientType || 'Agent',
    version: str(body, 'version') || prev?.version || '',
    lastProbeTime: state.now(),
    duration: duration ?? prev?.duration ?? 30,
  };
  state.hosts.set(hostId, host);
  return ok();
}

/** DELETE /hosts/{hostId}. U: refused while volumes are still published to the host. */
export function deleteHost(state: KsState, hostId: string): Envelope {
  if (!state.hosts.has(hostId)) return fail('NotExists', `Host ${hostId} does not exist`);
  const published = [...state.volumes.values()].filter((v) => v.publishedTo.has(hostId)).length;
  if (published > 0) return fail('VolumeInUse', `${published} volume(s) are published to host ${hostId}; unpublish them first`);
  state.hosts.delete(hostId);
  return ok();
}

export function targetName(backendId: string, hostId: string): string {
  // U: KumoScale's target NQN format is undocumented; this one is a valid, stable NQN.
  return `nqn.2019-07.com.kioxia:kumoscale-sim:${backendId.replace(/:/g, '')}:${hostId}`;
}

export interface TargetRecord {
  targetName: string;
  backendId: string;
  hostId: string;
  volIds: string[];
}

export function allTargets(state: KsState): TargetRecord[] {
  const map = new Map<string, TargetRecord>();
  for (const v of state.volumes.values()) {
    for (const hostId of v.publishedTo) {
      for (const r of v.replicas) {
        if (r.replicaState === 'Terminating') continue;
        const name = targetName(r.alloc.backendId, hostId);
        let t = map.get(name);
        if (!t) {
          t = { targetName: name, backendId: r.alloc.backendId, hostId, volIds: [] };
          map.set(name, t);
        }
        if (!t.volIds.includes(v.uuid)) t.volIds.push(v.uuid);
      }
    }
  }
  return [...map.values()];
}

export function targetView(state: KsState, t: TargetRecord): Record<string, unknown> {
  return {
    targetName: t.targetName,
    backend: { persistentID: t.backendId },
    numNamespaces: t.volIds.length,
    alias: state.hosts.get(t.hostId)?.name ?? t.hostId,
    hostId: t.hostId, // extra (U)
  };
}

function pubArgs(body: Body): { hostId: string; volId: string } | Envelope {
  const hostId = str(body, 'hostId');
  const volId = str(body, 'volId');
  if (!hostId || !volId) return fail('InvalidParameter', 'hostId and volId are mandatory');
  return { hostId, volId };
}

export function publish(state: KsState, tenantId: string, body: Body): Envelope {
  const a = pubArgs(body);
  if ('status' in a) return a;
  if (!state.hosts.has(a.hostId)) return fail('NotExists', `Host ${a.hostId} does not exist; probe it first (POST /host_probe)`);
  const v = findVolume(state, tenantId, a.volId);
  if (!v) return fail('NotExists', `Volume ${a.volId} does not exist`);
  if (v.publishedTo.has(a.hostId)) return fail('AlreadyPublished', `Volume ${a.volId} is already published to host ${a.hostId}`);
  v.publishedTo.add(a.hostId);
  return ok();
}

export function unpublish(state: KsState, tenantId: string, body: Body): Envelope {
  const a = pubArgs(body);
  if ('status' in a) return a;
  const v = findVolume(state, tenantId, a.volId);
  if (!v) return fail('NotExists', `Volume ${a.volId} does not exist`);
  if (!v.publishedTo.has(a.hostId)) return fail('VolumeNotPublished', `Volume ${a.volId} is not published to host ${a.hostId}`);
  v.publishedTo.delete(a.hostId);
  return ok();
}
