// Cinder backups: list/show/create/restore/delete.
import { NotFoundError } from '../../framework/errors.js';
import type { CinderClient } from './cinder.js';
import type { WaitSpec } from './wait.js';
import { resolveRef } from './resolve.js';
import type { ApiRecord } from './types.js';

export type Backup = ApiRecord;

export interface BackupFilters {
  allProjects?: boolean;
  status?: string;
  name?: string;
  volumeId?: string;
  limit?: number;
}

export function listBackups(c: CinderClient, f: BackupFilters = {}): AsyncGenerator<Backup> {
  return c.list<Backup>(
    'backups/detail',
    'backups',
    { all_tenants: f.allProjects ? 1 : undefined, status: f.status, name: f.name, volume_id: f.volumeId },
    f.limit,
  );
}

export async function getBackup(c: CinderClient, id: string): Promise<Backup> {
  return (await c.get<{ backup: Backup }>(`backups/${encodeURIComponent(id)}`)).backup;
}

export function findBackup(c: CinderClient, ref: string): Promise<Backup> {
  return resolveRef<Backup>(ref, {
    kind: 'backup',
    byId: (id) => getBackup(c, id),
    byName: (name) => listBackups(c, { name }),
    listCommand: 'storctl backup list',
  });
}

/** Starts a backup; the answer has only id, name and links. */
export async function createBackup(c: CinderClient, spec: Record<string, unknown>, mv?: string): Promise<Backup> {
  return (await c.send<{ backup: Backup }>('POST', 'backups', { backup: spec }, mv ? { mv } : {}))!.backup;
}

export interface RestoreResult {
  backup_id: string;
  volume_id: string;
  volume_name?: string | null;
}

export async function restoreBackup(c: CinderClient, id: string, spec: { volume_id?: string; name?: string }): Promise<RestoreResult> {
  return (await c.send<{ restore: RestoreResult }>('POST', `backups/${id}/restore`, { restore: spec }))!.restore;
}

export async function deleteBackup(c: CinderClient, id: string, o: { force?: boolean } = {}): Promise<void> {
  if (o.force) await c.send('POST', `backups/${id}/action`, { 'os-force_delete': {} });
  else await c.send('DELETE', `backups/${id}`);
}

export function backupWait(c: CinderClient, b: Backup, until: readonly string[] | 'gone'): WaitSpec<Backup> {
  return {
    label: `backup ${b.id}${b.name ? ` (${b.name})` : ''}`,
    poll: () => getBackup(c, b.id).catch((err: unknown) => {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    }),
    status: (r) => String(r.status ?? ''),
    until,
    fault: async (r) => (typeof r.fail_reason === 'string' && r.fail_reason ? r.fail_reason : undefined),
    hint: `see \`storctl backup show ${b.id}\``,
  };
}
