import { readFile } from 'node:fs/promises';
import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { registerSecret } from '../../transport/redact.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { LICENSE_COLUMNS } from '../../backends/kumoscale/views.js';

interface Opts {
  file?: string;
}

export default defineCommand<Opts>({
  summary: 'Install a KumoScale license key',
  description:
    'Sends the key with POST /license {"license": KEY}, then shows the license now in force. Give the key as an argument, or with --file FILE (- reads stdin) so it stays out of the shell history. The provisioner\'s refusal (for example an invalid key) exits 1 with its description.',
  backends: ['kumoscale'],
  args: [{ name: 'key', description: 'License key (or use --file)' }],
  flags: [{ name: 'file', type: 'string', valueName: 'FILE', description: 'Read the key from FILE (- for stdin)', complete: 'file' }],
  columns: LICENSE_COLUMNS,
  examples: ['storctl license set --file ks-license.txt', 'cat key.txt | storctl license set --file -'],
  async run(ctx, args, opts) {
    if ((args[0] === undefined) === (opts.file === undefined)) throw new UsageError('give the license key as an argument or with --file, not both or neither');
    let key = args[0];
    if (opts.file !== undefined) {
      if (opts.file === '-') {
        const chunks: Buffer[] = [];
        for await (const c of ctx.io.stdin) chunks.push(Buffer.from(c as Buffer));
        key = Buffer.concat(chunks).toString('utf8');
      } else {
        key = await readFile(opts.file, 'utf8').catch((err: NodeJS.ErrnoException) => {
          throw new UsageError(`cannot read --file ${opts.file}: ${err.code ?? err.message}`);
        });
      }
    }
    key = key!.trim();
    if (!key) throw new UsageError('the license key is empty');
    registerSecret(key); // out of --debug, trace files and any message that echoes it
    const c = await kumoscale(ctx);
    await c.op({ method: 'POST', path: '/license', json: { license: key }, action: 'cannot install the license' });
    const lic = await c.one({ path: '/license', action: 'cannot read the license' });
    await ctx.printObject(lic ?? { status: 'Success' });
  },
});
