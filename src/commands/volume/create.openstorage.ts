import { defineCommand } from '../../framework/command.js';
import { ConflictError, UsageError } from '../../framework/errors.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { findVolumes, inspectVolume, parseLabels, volumeName } from '../../backends/openstorage/resources.js';
import { VOLUME_COLUMNS } from '../../backends/openstorage/views.js';
import { parseSize, SIZE_HELP } from '../../util/size.js';
import { COS_CHOICES, FS_CHOICES, IO_PROFILE_CHOICES, enumValue } from '../../backends/openstorage/enums.js';

interface Opts {
  size?: string | number;
  haLevel?: number;
  replicas?: number;
  replicaNode?: string[];
  label?: string[];
  shared?: boolean;
  sharedv4?: boolean;
  ioProfile?: string;
  fs?: string;
  cos?: string;
  owner?: string;
}

export default defineCommand<Opts>({
  summary: 'Create an OpenStorage volume',
  description: `Calls OpenStorageVolume.Create with a VolumeSpec, then prints the new volume (the SDK's Volume message, as \`volume show\`). ${SIZE_HELP}. A name that is already taken is a conflict (exit 5) rather than the SDK's silent return of the existing volume.`,
  backends: ['openstorage'],
  args: [{ name: 'name', description: 'Volume name (unique in the cluster)', required: true }],
  flags: [
    { name: 'size', short: 's', type: 'string', valueName: 'SIZE', description: 'Size: 10GiB, 500MiB, 1TB… (a plain number is GiB)', required: true },
    { name: 'replicas', type: 'number', valueName: 'N', description: 'Copies of the data: the SDK\'s HA level, 1-3 (default 1)' },
    { name: 'ha-level', type: 'number', valueName: 'N', description: 'Same as --replicas (the SDK\'s name)', aliases: ['repl'] },
    { name: 'replica-node', type: 'list', valueName: 'NODE', description: 'Put a replica on this node (repeatable)' },
    { name: 'label', short: 'l', type: 'list', valueName: 'KEY=VALUE', description: 'Label (repeatable)' },
    { name: 'shared', type: 'boolean', description: 'Shared volume (attachable on several nodes)' },
    { name: 'sharedv4', type: 'boolean', description: 'Sharedv4 (NFS-exported) volume' },
    { name: 'io-profile', type: 'string', valueName: 'PROFILE', choices: IO_PROFILE_CHOICES, description: 'IO profile' },
    { name: 'fs', type: 'string', valueName: 'FS', choices: FS_CHOICES, description: 'Filesystem to format with' },
    { name: 'cos', type: 'string', valueName: 'CLASS', choices: COS_CHOICES, description: 'Class of service' },
    { name: 'owner', type: 'string', valueName: 'USER', description: 'Create on behalf of this user (system.admin only)' },
  ],
  columns: VOLUME_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl volume create db1 --size 10GiB', 'storctl volume create logs --size 500MiB --replicas 2 --label app=logs --io-profile sequential', 'storctl volume create scratch --size 1 --shared -o json'],
  async run(ctx, args, opts) {
    const name = args[0]!;
    // the command framework does not enforce flags marked required
    if (opts.size === undefined) throw new UsageError('--size is required', { hint: `e.g. storctl volume create ${name} --size 10GiB` });
    const spec: Record<string, unknown> = { size: parseSize(opts.size), ha_level: opts.replicas ?? opts.haLevel ?? 1 };
    if (opts.replicaNode?.length) spec.replica_set = { nodes: opts.replicaNode };
    if (opts.shared) spec.shared = true;
    if (opts.sharedv4) spec.sharedv4 = true;
    if (opts.ioProfile) spec.io_profile = enumValue('io-profile', opts.ioProfile);
    if (opts.fs) spec.format = enumValue('fs', opts.fs);
    if (opts.cos) spec.cos = enumValue('cos', opts.cos);
    if (opts.owner) spec.ownership = { owner: opts.owner };
    await withOpenStorage(ctx, async (osd) => {
      const existing = (await findVolumes(osd, { name })).find((v) => volumeName(v) === name);
      if (existing) throw new ConflictError(`a volume named "${name}" already exists (${String(existing.id)})`, { hint: `storctl volume show ${name}` });
      const r = await osd.call('OpenStorageVolume', 'Create', { name, spec, labels: parseLabels(opts.label) });
      await ctx.printObject(await inspectVolume(osd, String(r.volume_id)));
    });
  },
});
