// Cinder snapshots: list/show/create/update/delete and metadata.
import { NotFoundError } from '../../framework/errors.js';
import type { CinderClient } from './cinder.js';
import { resourceFault } from './volumes.js';
import type { WaitSpec } from './wait.js';
import { resolveRef } from './resolve.js';
import type { ApiRecord } from './types.js';

export type Snapshot = ApiRecord;

export interface SnapshotFilters {
  allProjects?: boolean;
  status?: string;
  name?: string;
  volumeId?: string;
  limit?: number;
}

export function listSnapshots(c: CinderClient, f: SnapshotFilters = {}): AsyncGenerator<Snapshot> {
  return c.list<Snapshot>(
    'snapshots/detail',
    'snapshots',
    { all_tenants: f.allProjects ? 1 : undefined, status: f.status, name: f.name, volume_id: f.volumeId },
    f.limit,
  );
}

export async function getSnapshot(c: CinderClient, id: string): Promise<Snapshot> {
  return (await c.get<{ snapshot: Snapshot }>(`snapshots/${encodeURIComponent(id)}`)).snapshot;
}

export function findSnapshot(c: CinderClient, ref: string): Promise<Snapshot> {
  return resolveRef<Snapshot>(ref, {
    kind: 'snapshot',
    byId: (id) => getSnapshot(c, id),
    byName: (name) => listSnapshots(c, { name }),
    listCommand: 'storctl snapshot list',
  });
}

export async function createSnapshot(c: CinderClient, spec: Record<string, unknown>): Promise<Snapshot> {
  return (await c.send<{ snapshot: Snapshot }>('POST', 'snapshots', { snapshot: spec }))!.snapshot;
}

export async function updateSnapshot(c: CinderClient, id: string, fields: Record<string, unknown>): Promise<Snapshot> {
  return (await c.send<{ snapshot: Snapshot }>('PUT', `snapshots/${id}`, { snapshot: fields }))!.snapshot;
}

export async function setSnapshotMetadata(c: CinderClient, id: string, md: Record<string, string>, replace = false): Promise<void> {
  await c.send(replace ? 'PUT' : 'POST', `snapshots/${id}/metadata`, { metadata: md });
}

export async function deleteSnapshot(c: CinderClient, id: string, o: { force?: boolean } = {}): Promise<void> {
  if (o.force) await c.send('POST', `snapshots/${id}/action`, { 'os-force_delete': {} });
  else await c.send('DELETE', `snapshots/${id}`);
}

export function snapshotWait(c: CinderClient, s: Snapshot, until: readonly string[] | 'gone'): WaitSpec<Snapshot> {
  return {
    label: `snapshot ${s.id}${s.name ? ` (${s.name})` : ''}`,
    poll: () => getSnapshot(c, s.id).catch((err: unknown) => {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    }),
    status: (r) => String(r.status ?? ''),
    until,
    fault: (r) => resourceFault(c, r.id),
    hint: `see \`storctl snapshot show ${s.id}\``,
  };
}
