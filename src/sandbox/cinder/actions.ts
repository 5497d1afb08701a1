// POST /volumes/{id}/action: os-extend, os-retype, os-set_bootable,
// os-update_readonly_flag, os-reset_status, os-force_delete and the legacy
// attach family (os-reserve, os-attach, os-detach, ...).
import { randomUUID } from 'node:crypto';
import { accepted, at, type Ctx, type Reply } from './context.js';
import { badRequest, forbidden, isObj, nowMicros, parseJsonObject, pyRepr, pyStr, pyTime, schemaError } from './http.js';
import { VOLUME_STATUSES, type CinderState, type Volume } from './model.js';
import { checkPerVolumeLimit, checkVolumeQuota, findVolume, removeVolume, typeByNameOrId } from './volumes.js';

const BOOL_CHOICES =
  "[True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', 'y', 't', " +
  "False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no', 'n', 'f']";
const TRUE_SET = new Set([true, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', 'y', 't']);
const FALSE_SET = new Set([false, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no', 'n', 'f']);

function schemaBool(field: string, v: unknown): boolean {
  if (TRUE_SET.has(v as string | boolean)) return true;
  if (FALSE_SET.has(v as string | boolean)) return false;
  throw schemaError(field, v, `${pyRepr(v)} is not one of ${BOOL_CHOICES}`);
}

function required(action: string, args: Record<string, unknown>, key: string): unknown {
  if (!(key in args)) throw schemaError(action, args, `'${key}' is a required property`);
  return args[key];
}

type ActionFn = (ctx: Ctx, v: Volume, args: Record<string, unknown>) => Reply;

const ACTIONS: Record<string, ActionFn> = {
  'os-extend': extend,
  'os-retype': retype,
  'os-set_bootable': (ctx, v, args) => {
    v.bootable = schemaBool('bootable', required('os-set_bootable', args, 'bootable'));
    ctx.state.touch(v);
    return { status: 200 };
  },
  'os-update_readonly_flag': (ctx, v, args) => {
    const flag = schemaBool('readonly', required('os-update_readonly_flag', args, 'readonly'));
    if (v.status !== 'available') {
      throw badRequest(
        `Invalid volume: Volume ${v.id} status must be available to update readonly flag, but current status is: ${v.status}.`,
      );
    }
    v.adminMetadata = { ...v.adminMetadata, readonly: flag ? 'True' : 'False' };
    ctx.state.touch(v);
    return accepted;
  },
  'os-reset_status': (ctx, v, args) => {
    if (!ctx.isAdmin) throw forbidden('volume_extension:volume_admin_actions:reset_status');
    const status = args['status'];
    if (status !== undefined) {
      const s = typeof status === 'string' ? status.toLowerCase() : status;
      if (typeof s !== 'string' || !VOLUME_STATUSES.includes(s)) {
        throw badRequest(
          `Volume status: ${pyStr(status)} is invalid, valid statuses are: (${VOLUME_STATUSES.map((x) => `'${x}'`).join(', ')}).`,
        );
      }
      v.status = s;
    }
    const attach = args['attach_status'];
    if (attach !== undefined) {
      if (attach !== 'attached' && attach !== 'detached') {
        throw badRequest(`Must specify a valid attach status: ${pyStr(attach)} is not a valid attach status.`);
      }
      if (attach === 'detached') detachAll(v);
    }
    ctx.state.touch(v);
    return accepted;
  },
  'os-force_delete': (ctx, v) => {
    if (!ctx.isAdmin) throw forbidden('volume_extension:volume_admin_actions:force_delete');
    removeVolume(ctx, v, false, true);
    return accepted;
  },
  'os-reserve': (ctx, v) => {
    if (v.status !== 'available' && !(v.status === 'in-use' && ctx.state.typeMultiattach(v.typeId))) {
      throw badRequest(`Invalid volume: Volume status must be available or in-use to reserve, but the current status is ${v.status}.`);
    }
    v.status = 'attaching';
    ctx.state.touch(v);
    return accepted;
  },
  'os-unreserve': (ctx, v) => {
    if (v.status === 'attaching') v.status = v.attachments.length ? 'in-use' : 'available';
    ctx.state.touch(v);
    return accepted;
  },
  'os-begin_detaching': (ctx, v) => {
    if (v.status !== 'in-use') throw badRequest(`Invalid volume: Volume status must be in-use to detach, but current status is ${v.status}.`);
    v.status = 'detaching';
    ctx.state.touch(v);
    return accepted;
  },
  'os-roll_detaching': (ctx, v) => {
    if (v.status === 'detaching') v.status = 'in-use';
    ctx.state.touch(v);
    return accepted;
  },
  'os-attach': (ctx, v, args) => {
    const server = args['instance_uuid'];
    const host = args['host_name'];
    if (server === undefined && host === undefined) throw badRequest('Invalid request to attach volume to an invalid target');
    const mountpoint = args['mountpoint'];
    if (typeof mountpoint !== 'string') throw schemaError('os-attach', args, "'mountpoint' is a required property");
    if (v.attachments.length > 0 && !ctx.state.typeMultiattach(v.typeId)) {
      throw badRequest('Invalid volume: volume is already attached and multiple attachments are not enabled');
    }
    if (!['available', 'attaching', 'reserved', 'in-use'].includes(v.status)) {
      throw badRequest(`Invalid volume: Volume status must be available or attaching, but current status is ${v.status}.`);
    }
    attachVolume(ctx.state, v, typeof server === 'string' ? server : null, mountpoint, typeof host === 'string' ? host : null);
    return accepted;
  },
  'os-detach': (ctx, v, args) => {
    // Cinder answers 202 and lets the volume manager sort it out; detaching nothing changes nothing.
    if (v.attachments.length === 0) return accepted;
    const aid = args['attachment_id'];
    if (typeof aid === 'string') {
      v.attachments = v.attachments.filter((a) => a.attachmentId !== aid);
      if (v.attachments.length === 0) detachAll(v);
      else v.status = 'in-use';
    } else {
      detachAll(v);
    }
    ctx.state.touch(v);
    return accepted;
  },
};

export function attachVolume(st: CinderState, v: Volume, serverId: string | null, device: string | null, hostName: string | null = null): void {
  v.attachments.push({
    attachmentId: randomUUID(),
    serverId: serverId ?? '',
    device,
    hostName,
    attachedAt: pyTime(nowMicros()),
  });
  v.status = 'in-use';
  v.adminMetadata = { readonly: v.adminMetadata['readonly'] ?? 'False', ...v.adminMetadata, attached_mode: 'rw' };
  st.touch(v);
}

function detachAll(v: Volume): void {
  v.attachments = [];
  v.status = 'available';
  const md = { ...v.adminMetadata };
  delete md['attached_mode'];
  v.adminMetadata = md;
}

function extend(ctx: Ctx, v: Volume, args: Record<string, unknown>): Reply {
  const st = ctx.state;
  let n = required('os-extend', args, 'new_size');
  if (typeof n === 'string') {
    if (!/^[0-9]+$/.test(n)) throw schemaError('new_size', n, `${pyRepr(n)} does not match '^[0-9]+$'`);
    n = Number(n);
  }
  if (typeof n !== 'number' || !Number.isInteger(n)) throw schemaError('new_size', n, `${pyRepr(n)} is not of type 'integer', 'string'`);
  if (n < 1) throw schemaError('new_size', n, `${n} is less than the minimum of 1`);
  const newSize = n;
  const attachedPath = at(ctx, 42) && v.status === 'in-use';
  if (newSize <= v.size) {
    throw badRequest(
      `Invalid input received: New size for extend must be greater than current size. (current: ${v.size}, extended: ${newSize}).`,
    );
  }
  const expected = attachedPath ? 'in-use' : 'available';
  if (v.status !== expected) {
    throw badRequest(`Invalid volume: Volume ${v.id} status must be '{'status': '${expected}'}' to extend, currently ${v.status}.`);
  }
  checkPerVolumeLimit(ctx, v.projectId, newSize);
  checkVolumeQuota(ctx, v.projectId, st.typeName(v.typeId), 0, newSize - v.size);
  const fail = st.shouldFail('extend');
  const previous = v.status;
  const reqId = ctx.requestId;
  v.status = 'extending';
  st.touch(v);
  st.later(() => {
    if (!st.volumes.has(v.id) || v.status !== 'extending') return;
    if (fail) {
      v.status = 'error_extending';
      st.addMessage(v.projectId, 'VOLUME', v.id, 'VOLUME_VOLUME_006_002',
        'extend volume:Volume driver reported an error while extending the volume.', reqId);
    } else {
      v.size = newSize;
      v.status = previous;
    }
    st.touch(v);
  });
  return accepted;
}

function retype(ctx: Ctx, v: Volume, args: Record<string, unknown>): Reply {
  const st = ctx.state;
  const ref = required('os-retype', args, 'new_type');
  if (typeof ref !== 'string') throw schemaError('new_type', ref, `${pyRepr(ref)} is not of type 'string'`);
  const policy = args['migration_policy'];
  if (policy !== undefined && policy !== null && policy !== 'never' && policy !== 'on-demand') {
    throw schemaError('migration_policy', policy, `${pyRepr(policy)} is not one of ['on-demand', 'never']`);
  }
  const t = typeByNameOrId(ctx, ref);
  if ((v.status !== 'available' && v.status !== 'in-use') || t.id === v.typeId) {
    throw badRequest(
      'Invalid volume: Retype needs volume to be in available or in-use state, not be part of an active migration or a consistency group, ' +
        'requested type has to be different that the one from the volume, and for in-use volumes front-end qos specs cannot change.',
    );
  }
  const fail = st.shouldFail('retype') || st.typeUnschedulable(t.id);
  const previous = v.status;
  v.status = 'retyping';
  st.touch(v);
  st.later(() => {
    if (!st.volumes.has(v.id) || v.status !== 'retyping') return;
    if (!fail) v.typeId = t.id;
    v.status = previous;
    st.touch(v);
  });
  return accepted;
}

export function volumeAction(ctx: Ctx, id: string, raw: Buffer): Reply {
  const body = parseJsonObject(raw);
  const name = Object.keys(body)[0];
  const fn = name !== undefined ? ACTIONS[name] : undefined;
  if (!name || !fn) {
    throw badRequest(`There is no such action: ${name ?? 'None'}. Verify the request body and Content-Type header and try again.`);
  }
  const args = body[name];
  const v = findVolume(ctx, id);
  if (!isObj(args)) {
    if (args === null && (name === 'os-force_delete' || name === 'os-reserve' || name === 'os-unreserve' || name === 'os-begin_detaching' || name === 'os-roll_detaching' || name === 'os-detach')) {
      return fn(ctx, v, {});
    }
    throw schemaError(name, args, `${pyRepr(args)} is not of type 'object'`);
  }
  return fn(ctx, v, args);
}
