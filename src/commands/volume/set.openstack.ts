import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { cinder } from '../../backends/openstack/cinder.js';
import { deleteVolumeMetadataKey, findVolume, getVolume, setVolumeMetadata, updateVolume, volumeAction } from '../../backends/openstack/volumes.js';
import { parseProperties } from '../../backends/openstack/args.js';
import { VOLUME_COLUMNS, VOLUME_SHOW_COLUMNS } from '../../backends/openstack/views.js';

interface Opts {
  name?: string;
  description?: string;
  property?: string[];
  unsetProperty?: string[];
  clearProperties?: boolean;
  bootable?: boolean;
  nonBootable?: boolean;
  readOnly?: boolean;
  readWrite?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Change a Cinder volume\'s name, description, metadata or flags',
  description:
    'Renames the volume, changes its description, adds (--property), removes (--unset-property) or replaces (--clear-properties with --property) metadata, and sets the bootable and read-only flags. Prints the volume afterwards. Cinder changes the read-only flag only on an available volume.',
  backends: ['openstack'],
  args: [{ name: 'volume', description: 'Volume name or ID', required: true }],
  flags: [
    { name: 'name', type: 'string', valueName: 'NAME', description: 'New name' },
    { name: 'description', type: 'string', valueName: 'TEXT', description: 'New description' },
    { name: 'property', type: 'list', valueName: 'KEY=VALUE', description: 'Add or change metadata (repeatable)' },
    { name: 'unset-property', type: 'list', valueName: 'KEY', description: 'Remove a metadata key (repeatable)' },
    { name: 'clear-properties', type: 'boolean', description: 'Remove all metadata first (then add --property ones)' },
    { name: 'bootable', type: 'boolean', description: 'Mark bootable' },
    { name: 'non-bootable', type: 'boolean', description: 'Mark not bootable' },
    { name: 'read-only', type: 'boolean', description: 'Attach read-only from now on' },
    { name: 'read-write', type: 'boolean', description: 'Attach read-write from now on' },
  ],
  columns: VOLUME_COLUMNS,
  examples: [
    'storctl volume set db-data --name db-primary --description "primary DB"',
    'storctl volume set db-data --property backup=nightly --unset-property tmp',
    'storctl volume set golden-image --bootable --read-only',
  ],
  async run(ctx, args, opts) {
    if (opts.bootable && opts.nonBootable) throw new UsageError('--bootable and --non-bootable exclude each other');
    if (opts.readOnly && opts.readWrite) throw new UsageError('--read-only and --read-write exclude each other');
    const props = parseProperties(opts.property);
    const anything =
      opts.name !== undefined || opts.description !== undefined || Object.keys(props).length > 0 || (opts.unsetProperty?.length ?? 0) > 0 ||
      opts.clearProperties || opts.bootable || opts.nonBootable || opts.readOnly || opts.readWrite;
    if (!anything) throw new UsageError('nothing to change', { hint: 'see storctl volume set --help' });
    const c = await cinder(ctx);
    const v = await findVolume(c, args[0]!);
    const fields: Record<string, unknown> = {};
    if (opts.name !== undefined) fields.name = opts.name;
    if (opts.description !== undefined) fields.description = opts.description;
    if (Object.keys(fields).length) await updateVolume(c, v.id, fields);
    if (opts.clearProperties) await setVolumeMetadata(c, v.id, props, true);
    else if (Object.keys(props).length) await setVolumeMetadata(c, v.id, props);
    for (const key of opts.unsetProperty ?? []) await deleteVolumeMetadataKey(c, v.id, key);
    if (opts.bootable || opts.nonBootable) await volumeAction(c, v.id, 'os-set_bootable', { bootable: !!opts.bootable });
    if (opts.readOnly || opts.readWrite) await volumeAction(c, v.id, 'os-update_readonly_flag', { readonly: !!opts.readOnly });
    await ctx.printObject(await getVolume(c, v.id), VOLUME_SHOW_COLUMNS);
  },
});
