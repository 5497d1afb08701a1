import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { kumoscale } from '../../backends/kumoscale/client.js';
import { SYSLOG_COLUMNS } from '../../backends/kumoscale/views.js';

interface Opts {
  url?: string;
  tls?: boolean;
  certFile?: string;
}

export default defineCommand<Opts>({
  summary: 'Set a syslog destination of the provisioner (unconfirmed API)',
  description:
    'Sends POST /syslog with {name, url, useTls, certFileName}, the fields GET /syslog shows. The reference found no REST call for changing syslog (KumoScale documents the operator and custom resources for it), so this is a best guess: a provisioner that does not accept it answers 404 or 405, and the command says so (exit 4 or 1) without changing anything. Shows the destinations afterwards.',
  backends: ['kumoscale'],
  args: [{ name: 'name', description: 'Destination name', required: true }],
  flags: [
    { name: 'url', type: 'string', valueName: 'URL', description: 'Where to send, e.g. udp://10.0.0.9:514 or tcp://logs:6514', required: true },
    { name: 'tls', type: 'boolean', description: 'Use TLS to the syslog server' },
    { name: 'cert-file', type: 'string', valueName: 'NAME', description: 'Certificate file name known to the provisioner (with --tls)' },
  ],
  columns: SYSLOG_COLUMNS,
  examples: ['storctl syslog set central --url udp://10.0.0.9:514', 'storctl syslog set secure --url tcp://logs.example.com:6514 --tls --cert-file logs-ca.pem'],
  async run(ctx, args, opts) {
    if (!opts.url) throw new UsageError('--url is required', { hint: 'e.g. --url udp://10.0.0.9:514' });
    if (!/^(udp|tcp|tls|ssl):\/\/[^\s]+$/i.test(opts.url)) throw new UsageError(`--url "${opts.url}" is not udp://HOST:PORT or tcp://HOST:PORT`);
    const c = await kumoscale(ctx);
    const body = { name: args[0], url: opts.url, useTls: !!opts.tls, ...(opts.certFile ? { certFileName: opts.certFile } : {}) };
    // Unconfirmed: path, method and body are inferred from GET /syslog's fields (reference §2.9).
    await c.op({ method: 'POST', path: '/syslog', json: body, unconfirmed: true, action: `cannot set syslog destination ${args[0]}` });
    await ctx.printList(await c.list({ path: '/syslog', action: 'cannot read the syslog settings' }));
  },
});
