// Cinder volumes: list/show/create/update/delete, metadata, actions, and the server's
// explanation (user messages, 3.3+) of a volume that ended in error.
import { NotFoundError } from '../../framework/errors.js';
import { checkObject, checkRecord, sourceOf } from '../shape.js';
import type { CinderClient } from './cinder.js';
import type { WaitSpec } from './wait.js';
import { resolveRef } from './resolve.js';
import type { ApiRecord } from './types.js';

export type Volume = ApiRecord;

export interface VolumeFilters {
  allProjects?: boolean;
  status?: string;
  name?: string;
  /** At most this many (paging continues until then). */
  limit?: number;
}

export function listVolumes(c: CinderClient, f: VolumeFilters = {}): AsyncGenerator<Volume> {
  return c.list<Volume>('volumes/detail', 'volumes', { all_tenants: f.allProjects ? 1 : undefined, status: f.status, name: f.name }, f.limit);
}

const VOLUME_IDS = { id: 'string', name: 'string?', status: 'string' } as const;

export async function getVolume(c: CinderClient, id: string): Promise<Volume> {
  const path = `volumes/${encodeURIComponent(id)}`;
  const body = checkObject(await c.get<unknown>(path), 'the response', sourceOf(c.url(path)));
  return checkRecord<Volume>(body.volume, 'volume', VOLUME_IDS, sourceOf(c.url(path)));
}

/** A volume by ID or unique name (in the current project). */
export function findVolume(c: CinderClient, ref: string): Promise<Volume> {
  return resolveRef<Volume>(ref, {
    kind: 'volume',
    byId: (id) => getVolume(c, id),
    byName: (name) => listVolumes(c, { name }),
    listCommand: 'storctl volume list',
  });
}

export async function createVolume(c: CinderClient, spec: Record<string, unknown>): Promise<Volume> {
  const body = checkObject(await c.send<unknown>('POST', 'volumes', { volume: spec }), 'the response', sourceOf(c.url('volumes')));
  return checkRecord<Volume>(body.volume, 'volume', VOLUME_IDS, sourceOf(c.url('volumes')));
}

export async function updateVolume(c: CinderClient, id: string, fields: Record<string, unknown>): Promise<Volume> {
  return (await c.send<{ volume: Volume }>('PUT', `volumes/${id}`, { volume: fields }))!.volume;
}

/** Merges keys into the volume's metadata (replace: the metadata becomes exactly `md`). */
export async function setVolumeMetadata(c: CinderClient, id: string, md: Record<string, string>, replace = false): Promise<void> {
  await c.send(replace ? 'PUT' : 'POST', `volumes/${id}/metadata`, { metadata: md });
}

export async function deleteVolumeMetadataKey(c: CinderClient, id: string, key: string): Promise<void> {
  await c.send('DELETE', `volumes/${id}/metadata/${encodeURIComponent(key)}`);
}

/** POST /volumes/{id}/action {"<name>": args}. */
export async function volumeAction(c: CinderClient, id: string, name: string, args: unknown = {}, mv?: string): Promise<void> {
  await c.send('POST', `volumes/${id}/action`, { [name]: args }, mv ? { mv } : {});
}

export async function deleteVolume(c: CinderClient, id: string, o: { cascade?: boolean } = {}): Promise<void> {
  await c.send('DELETE', `volumes/${id}`, undefined, { query: { cascade: o.cascade ? 'true' : undefined } });
}

/** The newest user message about a resource (Cinder 3.3+), e.g. why a volume is in error. */
export async function resourceFault(c: CinderClient, id: string): Promise<string | undefined> {
  if (c.api !== 'v3') return undefined;
  try {
    const body = await c.get<{ messages?: { user_message?: string; created_at?: string }[] }>('messages', { resource_uuid: id }, '3.3');
    const msgs = (body.messages ?? []).slice().sort((a, b) => String(b.created_at ?? '').localeCompare(String(a.created_at ?? '')));
    return msgs[0]?.user_message || undefined;
  } catch {
    return undefined;
  }
}

/** What --wait polls for a volume; `until` the good end states, or "gone" for deletes. */
export function volumeWait(c: CinderClient, v: Volume, until: readonly string[] | 'gone'): WaitSpec<Volume> {
  return {
    label: `volume ${v.id}${v.name ? ` (${v.name})` : ''}`,
    poll: () => getVolume(c, v.id).catch((err: unknown) => {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    }),
    status: (r) => String(r.status ?? ''),
    until,
    fault: (r) => resourceFault(c, r.id),
    hint: `see \`storctl volume show ${v.id}\``,
  };
}
