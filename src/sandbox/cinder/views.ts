// JSON views of Cinder resources, field for field (and in the same order) as
// Cinder 21 prints them, including which fields appear at which microversion
// and which are admin-only.
import { at, selfLink, type Ctx } from './context.js';
import { SERVICE_UUID, type Backup, type Snapshot, type UserMessage, type Volume, type VolumeType } from './model.js';
import { pyTime } from './http.js';

export function volumeSummary(ctx: Ctx, v: Volume): Record<string, unknown> {
  return { id: v.id, name: v.name, links: selfLink(ctx, 'volumes', v.id) };
}

export function volumeMetadataView(v: Volume): Record<string, string> {
  return { ...v.metadata, ...v.adminMetadata };
}

/**
 * Detailed volume. `extended` adds the os-vol-* extension attributes, which
 * Cinder prints on show/detail but not in create/update responses.
 */
export function volumeDetail(ctx: Ctx, v: Volume, extended = true): Record<string, unknown> {
  const st = ctx.state;
  const o: Record<string, unknown> = {
    id: v.id,
    status: v.status,
    size: v.size,
    availability_zone: v.availabilityZone,
    created_at: v.createdAt,
    updated_at: v.updatedAt,
    name: v.name,
    description: v.description,
    volume_type: st.typeName(v.typeId),
    snapshot_id: v.snapshotId,
    source_volid: v.sourceVolid,
    metadata: volumeMetadataView(v),
    links: selfLink(ctx, 'volumes', v.id),
    user_id: v.userId,
    bootable: v.bootable ? 'true' : 'false',
    encrypted: false,
    replication_status: null,
    consistencygroup_id: null,
    multiattach: st.typeMultiattach(v.typeId),
    attachments: v.attachments.map((a) => ({
      id: v.id,
      attachment_id: a.attachmentId,
      volume_id: v.id,
      server_id: a.serverId,
      host_name: a.hostName,
      device: a.device,
      attached_at: a.attachedAt,
    })),
  };
  if (ctx.isAdmin) o['migration_status'] = null;
  if (at(ctx, 13)) o['group_id'] = null;
  if (at(ctx, 21) && ctx.isAdmin) o['provider_id'] = null;
  if (at(ctx, 48)) {
    o['shared_targets'] = false;
    o['service_uuid'] = v.host ? SERVICE_UUID : null;
  }
  if (at(ctx, 61) && ctx.isAdmin) o['cluster_name'] = null;
  if (at(ctx, 63)) o['volume_type_id'] = v.typeId;
  if (at(ctx, 65)) o['consumes_quota'] = true;
  if (extended) {
    o['os-vol-tenant-attr:tenant_id'] = v.projectId;
    if (ctx.isAdmin) {
      o['os-vol-mig-status-attr:migstat'] = null;
      o['os-vol-mig-status-attr:name_id'] = null;
      o['os-vol-host-attr:host'] = v.host;
    }
  }
  return o;
}

export function snapshotView(ctx: Ctx, s: Snapshot, mode: 'summary' | 'detail' | 'basic'): Record<string, unknown> {
  const o: Record<string, unknown> = {
    id: s.id,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    name: s.name,
    description: s.description,
    volume_id: s.volumeId,
    status: s.status,
    size: s.size,
    metadata: { ...s.metadata },
  };
  if (mode === 'summary') return o;
  if (at(ctx, 14)) o['group_snapshot_id'] = null;
  if (at(ctx, 41)) o['user_id'] = s.userId;
  if (at(ctx, 65)) o['consumes_quota'] = true;
  if (mode === 'detail') {
    o['os-extended-snapshot-attributes:project_id'] = s.projectId;
    o['os-extended-snapshot-attributes:progress'] = s.progress;
  }
  return o;
}

export function backupSummary(ctx: Ctx, b: Backup): Record<string, unknown> {
  return { id: b.id, name: b.name, links: selfLink(ctx, 'backups', b.id) };
}

export function backupDetail(ctx: Ctx, b: Backup): Record<string, unknown> {
  const st = ctx.state;
  let hasDependents = false;
  for (const x of st.backups.values()) if (x.parentId === b.id) hasDependents = true;
  const o: Record<string, unknown> = {
    id: b.id,
    status: b.status,
    size: b.size,
    object_count: b.objectCount,
    availability_zone: b.availabilityZone,
    container: b.container,
    created_at: b.createdAt,
    updated_at: b.updatedAt,
    name: b.name,
    description: b.description,
    fail_reason: b.failReason,
    volume_id: b.volumeId,
    links: selfLink(ctx, 'backups', b.id),
    is_incremental: b.isIncremental,
    has_dependent_backups: hasDependents,
    snapshot_id: b.snapshotId,
    data_timestamp: b.dataTimestamp,
  };
  if (at(ctx, 43)) o['metadata'] = { ...b.metadata };
  if (at(ctx, 18) && ctx.isAdmin) o['os-backup-project-attr:project_id'] = b.projectId;
  if (at(ctx, 56)) o['user_id'] = b.userId;
  return o;
}

/** Extra specs a non-admin may see (Cinder's user-visible keys). */
const USER_VISIBLE_SPECS = new Set(['multiattach', 'RESKEY:availability_zones', 'replication_enabled']);

export function typeView(ctx: Ctx, t: VolumeType, mode: 'show' | 'create' | 'default'): Record<string, unknown> {
  const specs: Record<string, string> = {};
  for (const [k, v] of Object.entries(t.extraSpecs)) if (ctx.isAdmin || USER_VISIBLE_SPECS.has(k)) specs[k] = v;
  if (mode === 'create') {
    return {
      id: t.id,
      name: t.name,
      is_public: t.isPublic,
      extra_specs: specs,
      description: t.description,
      'os-volume-type-access:is_public': t.isPublic,
    };
  }
  const o: Record<string, unknown> = {
    id: t.id,
    name: t.name,
    is_public: t.isPublic,
    description: t.description,
    extra_specs: specs,
  };
  if (ctx.isAdmin) o['qos_specs_id'] = null;
  if (mode === 'show') o['os-volume-type-access:is_public'] = t.isPublic;
  return o;
}

export function messageView(ctx: Ctx, m: UserMessage): Record<string, unknown> {
  return {
    id: m.id,
    event_id: m.eventId,
    user_message: m.userMessage,
    message_level: 'ERROR',
    created_at: pyTime(m.createdMicros),
    guaranteed_until: pyTime(m.createdMicros + 30 * 24 * 3600 * 1_000_000),
    request_id: m.requestId,
    links: selfLink(ctx, 'messages', m.id),
    resource_type: m.resourceType,
    resource_uuid: m.resourceUuid,
  };
}
