// Cinder's project-level and operator views: quota sets, absolute limits, services.
import type { CinderClient } from './cinder.js';

export interface QuotaUsage {
  limit: number;
  in_use: number;
  reserved: number;
}

/** One row per quota: {resource, limit, in_use, reserved} (API names). */
export interface QuotaRow extends Record<string, unknown> {
  resource: string;
  limit: number;
  in_use?: number;
  reserved?: number;
}

export async function getQuotas(c: CinderClient, projectId: string, o: { defaults?: boolean } = {}): Promise<QuotaRow[]> {
  const path = `os-quota-sets/${encodeURIComponent(projectId)}${o.defaults ? '/defaults' : ''}`;
  const body = await c.get<{ quota_set: Record<string, unknown> }>(path, o.defaults ? undefined : { usage: 'true' });
  return quotaRows(body.quota_set);
}

export function quotaRows(set: Record<string, unknown>): QuotaRow[] {
  const rows: QuotaRow[] = [];
  for (const [resource, v] of Object.entries(set ?? {})) {
    if (resource === 'id') continue;
    if (v && typeof v === 'object') {
      const u = v as Partial<QuotaUsage>;
      rows.push({ resource, limit: Number(u.limit), in_use: Number(u.in_use ?? 0), reserved: Number(u.reserved ?? 0) });
    } else if (typeof v === 'number') rows.push({ resource, limit: v });
  }
  return rows;
}

export async function setQuotas(c: CinderClient, projectId: string, limits: Record<string, number>): Promise<QuotaRow[]> {
  const body = await c.send<{ quota_set: Record<string, unknown> }>('PUT', `os-quota-sets/${encodeURIComponent(projectId)}`, { quota_set: limits });
  return quotaRows(body?.quota_set ?? {});
}

/** Absolute limits as {name, value} rows, in the server's order. */
export async function getLimits(c: CinderClient): Promise<{ name: string; value: unknown }[]> {
  const body = await c.get<{ limits?: { absolute?: Record<string, unknown> } }>('limits');
  return Object.entries(body.limits?.absolute ?? {}).map(([name, value]) => ({ name, value }));
}

export async function listServices(c: CinderClient, o: { host?: string; binary?: string } = {}): Promise<Record<string, unknown>[]> {
  const body = await c.get<{ services?: Record<string, unknown>[] }>('os-services', { host: o.host, binary: o.binary });
  return body.services ?? [];
}
