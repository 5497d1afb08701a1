// OpenStorageIdentity, OpenStorageCluster, OpenStorageNode, OpenStoragePool,
// OpenStorageRole and OpenStorageSchedulePolicy of the simulator.

import { status } from '@grpc/grpc-js';
import { StatusError, SYSTEM_GUEST, type SdkRole } from './auth.js';
import { CLUSTER_NAME, CLUSTER_UUID, NODE_ID, type FakeDriver, type ServiceHandlers } from './driver.js';
import { clone, denied, invalid, notFound, num, obj, str, strList, type Obj } from './util.js';

export const SDK_VERSION = { major: 0, minor: 186, patch: 0, version: '0.186.0' };

export const CAPABILITIES = [
  'CLUSTER',
  'CLOUD_BACKUP',
  'CREDENTIALS',
  'NODE',
  'OBJECT_STORAGE',
  'SCHEDULE_POLICY',
  'VOLUME',
  'ALERTS',
  'MOUNT_ATTACH',
  'ROLE',
  'CLUSTER_PAIR',
  'MIGRATE',
  'STORAGE_POLICY',
];

export function identityHandlers(): ServiceHandlers {
  return {
    Capabilities() {
      return { capabilities: CAPABILITIES.map((type) => ({ service: { type } })) };
    },
    Version() {
      return {
        sdk_version: { ...SDK_VERSION },
        version: { driver: 'fake', version: '1.0.0-fake', details: { example: 'data' } },
      };
    },
  };
}

export function clusterHandlers(): ServiceHandlers {
  return {
    InspectCurrent() {
      return { cluster: { status: 'STATUS_OK', id: CLUSTER_UUID, name: CLUSTER_NAME } };
    },
  };
}

export function nodeHandlers(driver: FakeDriver): ServiceHandlers {
  const unsupported = (what: string) => () => {
    throw new StatusError(status.INTERNAL, `Failed to ${what}: Operation not supported`);
  };
  return {
    Inspect(req) {
      const id = str(req['node_id']);
      if (id === '') throw invalid('Must supply a node id');
      if (id !== NODE_ID) throw notFound(`Node id ${id} not found`);
      return { node: driver.node() };
    },
    InspectCurrent() {
      return { node: driver.node() };
    },
    Enumerate() {
      return { node_ids: [NODE_ID] };
    },
    EnumerateWithFilters() {
      return { nodes: [driver.node()] };
    },
    VolumeUsageByNode: unsupported('get volume usage by node'),
    RelaxedReclaimPurge: unsupported('purge relaxed reclaim volumes'),
    DrainAttachments: unsupported('drain attachments'),
    CordonAttachments: unsupported('cordon attachments'),
    UncordonAttachments: unsupported('uncordon attachments'),
    VolumeBytesUsedByNode: unsupported('get volume bytes used by node'),
  };
}

export function poolHandlers(driver: FakeDriver): ServiceHandlers {
  return {
    Resize(req) {
      const uuid = str(req['uuid']);
      if (uuid === '') throw invalid('Must supply a storage pool uuid');
      const pool = driver.pools.find((p) => p['uuid'] === uuid);
      if (!pool) throw notFound(`Storage pool ${uuid} not found`);
      const current = num(pool['TotalSize']);
      let target: number;
      if (req['size'] !== undefined) {
        target = num(req['size']) * 1024 * 1024 * 1024;
      } else if (req['percentage'] !== undefined) {
        target = Math.round(current * (1 + num(req['percentage']) / 100));
      } else {
        throw invalid('Must supply a size or a percentage for the resize');
      }
      if (target <= current) {
        throw invalid(`New size of pool ${uuid} must be larger than the current size ${current}`);
      }
      pool['TotalSize'] = String(target);
      pool['last_operation'] = {
        type: 'OPERATION_RESIZE',
        msg: 'Resized pool',
        params: { size: String(target), operation: str(req['operation_type']) || 'RESIZE_TYPE_AUTO' },
        status: 'OPERATION_SUCCESSFUL',
      };
      return {};
    },
  };
}

function roleFromRequest(req: Obj): SdkRole {
  const r = obj(req['role']);
  if (!r) throw invalid('Must supply a role');
  const name = str(r['name']);
  if (name === '') throw invalid('Must supply a role name');
  const rules = (Array.isArray(r['rules']) ? r['rules'] : []).map((x) => {
    const rule = obj(x) ?? {};
    return { services: strList(rule['services']), apis: strList(rule['apis']) };
  });
  if (rules.length === 0) throw invalid('Must supply at least one rule');
  for (const rule of rules) {
    if (rule.services.length === 0 || rule.apis.length === 0) throw invalid('Each rule must name services and apis');
  }
  return { name, rules };
}

export function roleHandlers(driver: FakeDriver): ServiceHandlers {
  const editable = (name: string): boolean => !name.startsWith('system.') || name === SYSTEM_GUEST;
  return {
    Create(req) {
      const role = roleFromRequest(req);
      if (role.name.startsWith('system.')) throw invalid(`Role name ${role.name} cannot start with system.`);
      if (driver.roles.has(role.name)) throw new StatusError(status.ALREADY_EXISTS, `Role ${role.name} already exists`);
      driver.roles.set(role.name, role);
      return { role: clone(role) };
    },
    Enumerate() {
      return { names: [...driver.roles.keys()] };
    },
    Inspect(req) {
      const name = str(req['name']);
      if (name === '') throw invalid('Must supply a role name');
      const role = driver.roles.get(name);
      if (!role) throw notFound(`Role ${name} not found`);
      return { role: clone(role) };
    },
    Delete(req) {
      const name = str(req['name']);
      if (name === '') throw invalid('Must supply a role name');
      if (name.startsWith('system.')) throw denied(`Role ${name} cannot be deleted`);
      driver.roles.delete(name);
      return {};
    },
    Update(req) {
      const role = roleFromRequest(req);
      if (!driver.roles.has(role.name)) throw notFound(`Role ${role.name} not found`);
      if (!editable(role.name)) throw denied(`Role ${role.name} cannot be changed`);
      driver.roles.set(role.name, role);
      return { role: clone(role) };
    },
  };
}

function validatePolicy(p: Obj | undefined): Obj {
  if (!p) throw invalid('Must supply a schedule policy');
  if (str(p['name']) === '') throw invalid('Must supply a schedule policy name');
  const schedules = Array.isArray(p['schedules']) ? (p['schedules'] as unknown[]) : [];
  if (schedules.length === 0) throw invalid('Must supply at least one schedule');
  for (const s of schedules) {
    const iv = obj(s) ?? {};
    if (!obj(iv['daily']) && !obj(iv['weekly']) && !obj(iv['monthly']) && !obj(iv['periodic'])) {
      throw invalid('Each schedule must be daily, weekly, monthly or periodic');
    }
    const periodic = obj(iv['periodic']);
    if (periodic && num(periodic['seconds']) <= 0) throw invalid('Periodic schedule must have a positive number of seconds');
  }
  return clone(p);
}

export function schedulePolicyHandlers(driver: FakeDriver): ServiceHandlers {
  return {
    Create(req) {
      const p = validatePolicy(obj(req['schedule_policy']));
      const name = str(p['name']);
      if (driver.schedulePolicies.has(name)) {
        throw new StatusError(status.ALREADY_EXISTS, `Schedule policy ${name} already exists`);
      }
      driver.schedulePolicies.set(name, p);
      return {};
    },
    Update(req) {
      const p = validatePolicy(obj(req['schedule_policy']));
      const name = str(p['name']);
      if (!driver.schedulePolicies.has(name)) throw notFound(`Schedule policy ${name} not found`);
      driver.schedulePolicies.set(name, p);
      return {};
    },
    Enumerate() {
      return { policies: [...driver.schedulePolicies.values()].map(clone) };
    },
    Inspect(req) {
      const name = str(req['name']);
      if (name === '') throw invalid('Must supply a schedule policy name');
      const p = driver.schedulePolicies.get(name);
      if (!p) throw notFound(`Schedule policy ${name} not found`);
      return { policy: clone(p) };
    },
    Delete(req) {
      const name = str(req['name']);
      if (name === '') throw invalid('Must supply a schedule policy name');
      driver.schedulePolicies.delete(name);
      return {};
    },
  };
}

/**
 * OpenStorageClusterPair of a single cluster that is paired with nobody: Enumerate lists no
 * pairs, Inspect fails like the cluster manager does for an unknown id, GetToken hands out the
 * cluster's pairing token. The other RPCs answer UNIMPLEMENTED.
 */
export function clusterPairHandlers(driver: FakeDriver): ServiceHandlers {
  return {
    Enumerate() {
      return { result: {} };
    },
    Inspect(req) {
      const id = str(req['id']);
      if (id === '') throw invalid('Must supply cluster ID');
      throw new StatusError(status.INTERNAL, `Cannot Get cluster information for ${id} : Cluster pair for ${id} does not exist`);
    },
    GetToken() {
      return { result: { token: driver.pairToken } };
    },
  };
}
