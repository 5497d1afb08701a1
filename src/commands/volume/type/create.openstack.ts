import { defineCommand } from '../../../framework/command.js';
import { UsageError } from '../../../framework/errors.js';
import { cinder } from '../../../backends/openstack/cinder.js';
import { createVolumeType } from '../../../backends/openstack/volume-types.js';
import { parseProperties } from '../../../backends/openstack/args.js';
import { VOLUME_TYPE_COLUMNS } from '../../../backends/openstack/views.js';

interface Opts {
  description?: string;
  property?: string[];
  private?: boolean;
  public?: boolean;
}

export default defineCommand<Opts>({
  summary: 'Create a Cinder volume type (admin)',
  description:
    'Creates a volume type with optional extra specs (--property, e.g. volume_backend_name=lvm). Types are public unless --private. A name that exists already is a conflict (exit 5).',
  backends: ['openstack'],
  args: [{ name: 'name', description: 'Name of the new type', required: true }],
  flags: [
    { name: 'description', type: 'string', valueName: 'TEXT', description: 'Description' },
    { name: 'property', type: 'list', valueName: 'KEY=VALUE', description: 'Extra spec (repeatable)' },
    { name: 'private', type: 'boolean', description: 'Visible only to admins and projects given access' },
    { name: 'public', type: 'boolean', description: 'Visible to every project (default)' },
  ],
  columns: VOLUME_TYPE_COLUMNS,
  examples: ['storctl volume type create ssd --property volume_backend_name=ssd-pool', 'storctl volume type create gold --private --description "replicated"'],
  async run(ctx, args, opts) {
    if (opts.private && opts.public) throw new UsageError('--private and --public exclude each other');
    const c = await cinder(ctx);
    const spec: Record<string, unknown> = { name: args[0], 'os-volume-type-access:is_public': !opts.private };
    if (opts.description !== undefined) spec.description = opts.description;
    const specs = parseProperties(opts.property);
    if (Object.keys(specs).length) spec.extra_specs = specs;
    await ctx.printObject(await createVolumeType(c, spec), VOLUME_TYPE_COLUMNS.map((col) => ({ ...col, long: false })));
  },
});
