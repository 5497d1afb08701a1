import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { inspectVolume, obj, parseLabels, resolveVolume, volumeName } from '../../backends/openstorage/resources.js';
import { humanBytes } from '../../output/format.js';
import { VOLUME_COLUMNS } from '../../backends/openstorage/views.js';
import { parseSize, SIZE_HELP } from '../../util/size.js';
import { COS_CHOICES, IO_PROFILE_CHOICES, enumValue } from '../../backends/openstorage/enums.js';

interface Opts {
  size?: string | number;
  haLevel?: number;
  replicas?: number;
  label?: string[];
  shared?: string;
  ioProfile?: string;
  cos?: string;
  owner?: string;
}

export default defineCommand<Opts>({
  summary: 'Change an OpenStorage volume: size, HA level, labels, sharing, IO profile, owner',
  description: `Calls OpenStorageVolume.Update with only the fields given, then prints the volume (the SDK's Volume message). Sizes only grow: a --size smaller than the volume is refused (exit 2) before anything is sent, as the SDK's fake driver would shrink it. --label KEY=VALUE adds or changes a label, --label KEY= removes it. ${SIZE_HELP}.`,
  backends: ['openstorage'],
  args: [{ name: 'volume', description: 'Volume id or name', required: true }],
  flags: [
    { name: 'size', short: 's', type: 'string', valueName: 'SIZE', description: 'New size (larger than the current one)' },
    { name: 'replicas', type: 'number', valueName: 'N', description: 'New number of copies of the data (the SDK\'s HA level, 1-3)' },
    { name: 'ha-level', type: 'number', valueName: 'N', description: 'Same as --replicas (the SDK\'s name)', aliases: ['repl'] },
    { name: 'label', short: 'l', type: 'list', valueName: 'KEY=VALUE', description: 'Set a label; KEY= removes it (repeatable)' },
    { name: 'shared', type: 'string', valueName: 'BOOL', choices: ['true', 'false'], description: 'Make the volume shared or not' },
    { name: 'io-profile', type: 'string', valueName: 'PROFILE', choices: IO_PROFILE_CHOICES, description: 'New IO profile' },
    { name: 'cos', type: 'string', valueName: 'CLASS', choices: COS_CHOICES, description: 'New class of service' },
    { name: 'owner', type: 'string', valueName: 'USER', description: 'Give the volume to this user (owner or admin only)' },
  ],
  columns: VOLUME_COLUMNS.map((c) => ({ ...c, long: false })),
  examples: ['storctl volume update db1 --size 20GiB', 'storctl volume update db1 --label tier=gold --label old=', 'storctl volume update db1 --ha-level 2 --shared true'],
  async run(ctx, args, opts) {
    const spec: Record<string, unknown> = {};
    if (opts.size !== undefined) spec.size = parseSize(opts.size);
    const ha = opts.replicas ?? opts.haLevel;
    if (ha !== undefined) spec.ha_level = ha;
    if (opts.shared !== undefined) spec.shared = opts.shared === 'true';
    if (opts.ioProfile) spec.io_profile = enumValue('io-profile', opts.ioProfile);
    if (opts.cos) spec.cos = enumValue('cos', opts.cos);
    if (opts.owner) spec.ownership = { owner: opts.owner };
    const labels = parseLabels(opts.label, '--label', true);
    if (Object.keys(spec).length === 0 && Object.keys(labels).length === 0) {
      throw new UsageError('nothing to change', { hint: 'give at least one of --size, --replicas, --label, --shared, --io-profile, --cos, --owner' });
    }
    await withOpenStorage(ctx, async (osd) => {
      const v = await resolveVolume(osd, args[0]!);
      const current = Number(obj(v.spec).size ?? 0);
      if (typeof spec.size === 'number' && spec.size < current) {
        throw new UsageError(`--size ${String(opts.size)} is smaller than volume ${volumeName(v) || String(v.id)} (${humanBytes(current)}): OpenStorage volumes only grow`, {
          hint: `give a size of at least ${humanBytes(current)}, or leave --size out`,
        });
      }
      const req: Record<string, unknown> = { volume_id: v.id };
      if (Object.keys(spec).length > 0) req.spec = spec;
      if (Object.keys(labels).length > 0) req.labels = labels;
      await osd.call('OpenStorageVolume', 'Update', req);
      await ctx.printObject(await inspectVolume(osd, String(v.id)));
    });
  },
});
