// Flags several KumoScale commands share, and the storage-class object they build.
import type { FlagSpec } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { wholeNumber } from './units.js';

export const TENANT_FLAG: FlagSpec = {
  name: 'tenant',
  type: 'string',
  valueName: 'TENANT_ID',
  description: 'Work in this tenant (the /{tenantId} path prefix); default: the default tenant "0"',
};

export const WAIT_FLAG: FlagSpec = { name: 'wait', type: 'boolean', description: 'Wait until the change has settled (tasks ended, replicas Available)' };

export const MIGRATE_FLAGS: FlagSpec[] = [
  { name: 'replica', type: 'string', valueName: 'REPLICA', description: 'The replica to move (its UUID or its backend\'s ID; default: the provisioner picks)' },
  { name: 'to', type: 'string', valueName: 'BACKEND', description: 'Destination backend (ID or management IP; unconfirmed field, a provisioner may choose itself)' },
];

export const PLACEMENT_FLAGS: FlagSpec[] = [
  { name: 'rack', type: 'list', valueName: 'RACK', description: 'Place replicas only in this rack (repeatable)' },
  { name: 'zone', type: 'list', valueName: 'ZONE', description: 'Place replicas only in this zone (repeatable)' },
  { name: 'region', type: 'list', valueName: 'REGION', description: 'Place replicas only in this region (repeatable)', overridesGlobal: true },
  { name: 'same-rack-allowed', type: 'boolean', description: 'Allow two replicas in the same rack' },
];

export const STORAGE_CLASS_FLAGS: FlagSpec[] = [
  { name: 'replicas', type: 'number', valueName: 'N', description: 'Number of replicas (storageClass.numReplicas, default 1)' },
  ...PLACEMENT_FLAGS,
  { name: 'allow-span', type: 'boolean', description: 'Let the volume span several SSDs of a backend (storageClass.allowSpan)' },
  { name: 'block-size', type: 'number', valueName: 'BYTES', description: 'Block size: 4096 (default) or 512' },
  { name: 'max-iops-per-gb', type: 'number', valueName: 'N', description: 'QoS: IOPS limit per GB (0 = unlimited)' },
  { name: 'desired-iops-per-gb', type: 'number', valueName: 'N', description: 'QoS: guaranteed IOPS per GB (0 = none)' },
  { name: 'max-bw-per-gb', type: 'number', valueName: 'N', description: 'QoS: bandwidth limit per GB (unit as the provisioner defines it; 0 = unlimited)' },
  { name: 'desired-bw-per-gb', type: 'number', valueName: 'N', description: 'QoS: guaranteed bandwidth per GB (0 = none)' },
  { name: 'max-replica-down-time', type: 'number', valueName: 'MINUTES', description: 'Replace a replica missing this long (0 = never)' },
  { name: 'host-id', type: 'string', valueName: 'HOST_ID', description: 'Place on the storage inside this host (hyperconverged)' },
  { name: 'storage-class-name', type: 'string', valueName: 'NAME', description: 'Storage class name (storageClass.name)' },
];

export interface PlacementOpts {
  rack?: string[];
  zone?: string[];
  region?: string[];
  sameRackAllowed?: boolean;
}

export interface StorageClassOpts extends PlacementOpts {
  replicas?: number;
  allowSpan?: boolean;
  blockSize?: number;
  maxIopsPerGb?: number;
  desiredIopsPerGb?: number;
  maxBwPerGb?: number;
  desiredBwPerGb?: number;
  maxReplicaDownTime?: number;
  hostId?: string;
  storageClassName?: string;
}

/** racks/zones/regions/sameRackAllowed, only the ones given. */
export function placement(o: PlacementOpts): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (o.rack?.length) out.racks = o.rack;
  if (o.zone?.length) out.zones = o.zone;
  if (o.region?.length) out.regions = o.region;
  if (o.sameRackAllowed) out.sameRackAllowed = true;
  return out;
}

/**
 * The inline `storageClass` of Create Volume (field names from KIOXIA's Cinder driver and CSI
 * parameters). The server ignores unknown fields silently, so only known names are sent.
 * Bandwidth-per-GB units are unconfirmed (bytes/s per GB in Cinder, KB/s per GB in the CSI README).
 */
export function storageClass(o: StorageClassOpts): Record<string, unknown> {
  const replicas = o.replicas === undefined ? 1 : wholeNumber(o.replicas, '--replicas', 4);
  if (replicas < 1) throw new UsageError('--replicas must be at least 1');
  const sc: Record<string, unknown> = { numReplicas: replicas, ...placement(o) };
  if (o.allowSpan) sc.allowSpan = true;
  if (o.blockSize !== undefined) {
    if (o.blockSize !== 512 && o.blockSize !== 4096) throw new UsageError(`--block-size must be 512 or 4096, not ${o.blockSize}`);
    sc.blockSize = o.blockSize;
  }
  const nums: [keyof StorageClassOpts, string, string][] = [
    ['maxIopsPerGb', 'maxIOPSPerGB', '--max-iops-per-gb'],
    ['desiredIopsPerGb', 'desiredIOPSPerGB', '--desired-iops-per-gb'],
    ['maxBwPerGb', 'maxBWPerGB', '--max-bw-per-gb'],
    ['desiredBwPerGb', 'desiredBWPerGB', '--desired-bw-per-gb'],
    ['maxReplicaDownTime', 'maxReplicaDownTime', '--max-replica-down-time'],
  ];
  for (const [opt, field, flag] of nums) if (o[opt] !== undefined) sc[field] = wholeNumber(o[opt], flag);
  if (o.hostId) sc.hostId = o.hostId;
  if (o.storageClassName) sc.name = o.storageClassName;
  return sc;
}

/** Backend location labels (rack, zone, region): at most 255 characters each (reference §2.1). */
export const LABEL_MAX = 255;

export function checkLabels(o: { rack?: string; zone?: string; region?: string }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['rack', 'zone', 'region'] as const) {
    const v = o[k];
    if (v === undefined) continue;
    if (v.length > LABEL_MAX) throw new UsageError(`--${k} is ${v.length} characters; KumoScale allows at most ${LABEL_MAX}`);
    out[k] = v;
  }
  return out;
}

