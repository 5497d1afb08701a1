import { defineCommand } from '../framework/command.js';
import { NotFoundError } from '../framework/errors.js';
import { SwiftClient } from '../backends/swift/client.js';
import { SWIFT_BACKENDS } from '../backends/swift/columns.js';

export default defineCommand<{ section?: string }>({
  summary: 'Show what the Swift cluster supports (/info)',
  description:
    'Reads the cluster\'s capabilities document (GET /info at the proxy root; no token needed): the core limits (max_file_size, container_listing_limit…) and one section per middleware (slo, bulk_delete, tempurl, versioned_writes…). Storctl uses it to pick bulk deletes and segment limits. --section shows one section. Exit codes: 4 when the section does not exist or the cluster hides /info.',
  backends: SWIFT_BACKENDS,
  flags: [{ name: 'section', type: 'string', valueName: 'NAME', description: 'Show one section only, e.g. slo or swift' }],
  examples: ['storctl capabilities', 'storctl capabilities --section slo', 'storctl capabilities -o json | jq .swift.max_file_size'],
  async run(ctx, _args, opts) {
    const swift = await SwiftClient.open(ctx);
    const info = await swift.info();
    if (Object.keys(info).length === 0) throw new NotFoundError('the cluster does not publish its capabilities (GET /info)', { hint: 'the proxy may disable expose_info' });
    if (opts.section !== undefined) {
      const section = info[opts.section];
      if (section === undefined) throw new NotFoundError(`no section "${opts.section}" in /info`, { hint: `sections: ${Object.keys(info).sort().join(', ')}` });
      await ctx.printObject(section && typeof section === 'object' && !Array.isArray(section) ? section : { [opts.section]: section });
      return;
    }
    await ctx.printObject(info);
  },
});
