// Cinder volume types (with extra specs).
import type { CinderClient } from './cinder.js';
import { resolveRef } from './resolve.js';
import type { ApiRecord } from './types.js';

export type VolumeType = ApiRecord;

/** Public types; `all` adds private ones (admins see those). */
export async function listVolumeTypes(c: CinderClient, o: { all?: boolean } = {}): Promise<VolumeType[]> {
  const body = await c.get<{ volume_types?: VolumeType[] }>('types', o.all ? { is_public: 'None' } : undefined);
  return body.volume_types ?? [];
}

export async function getVolumeType(c: CinderClient, id: string): Promise<VolumeType> {
  return (await c.get<{ volume_type: VolumeType }>(`types/${encodeURIComponent(id)}`)).volume_type;
}

/** A type by ID or name: the list is short and the show URL takes only IDs. */
export function findVolumeType(c: CinderClient, ref: string): Promise<VolumeType> {
  let all: Promise<VolumeType[]> | undefined;
  const everything = () => (all ??= listVolumeTypes(c, { all: true }));
  return resolveRef<VolumeType>(ref, {
    kind: 'volume type',
    byId: async (id) => (await everything()).find((t) => t.id === id) ?? getVolumeType(c, id),
    byName: everything,
    listCommand: 'storctl volume type list',
  });
}

export async function createVolumeType(c: CinderClient, spec: Record<string, unknown>): Promise<VolumeType> {
  return (await c.send<{ volume_type: VolumeType }>('POST', 'types', { volume_type: spec }))!.volume_type;
}

export async function deleteVolumeType(c: CinderClient, id: string): Promise<void> {
  await c.send('DELETE', `types/${id}`);
}
