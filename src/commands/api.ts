import { inertLines } from '../output/inert.js';
import { readFile } from 'node:fs/promises';
import { defineCommand } from '../framework/command.js';
import { UsageError, errorForStatus } from '../framework/errors.js';
import { authedRequest } from '../auth/session.js';
import { apiBaseUrl } from '../backends/base-url.js';

interface Opts {
  service?: string;
  data?: string;
  header?: string[];
  include?: boolean;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'COPY', 'OPTIONS'];

export default defineCommand<Opts>({
  summary: 'Send an authenticated request to the profile\'s API',
  description:
    'The escape hatch for anything that is not a command yet, like `gh api`: PATH is relative to the profile\'s endpoint (Keystone for OpenStack unless --service picks a catalog entry; the storage URL for Swift; the REST gateway for OpenStorage; the provisioner for KumoScale), or a full URL. The token is added and refreshed like for any command. The response body goes to stdout (JSON pretty-printed); an HTTP error status exits non-zero with the mapped exit code.',
  backends: ['openstack', 'swift', 'openstorage', 'kumoscale'],
  args: [
    { name: 'method', description: 'HTTP method', required: true, complete: METHODS },
    { name: 'path', description: 'Path relative to the endpoint, or a full URL', required: true },
  ],
  flags: [
    { name: 'service', type: 'string', valueName: 'TYPE', description: 'OpenStack catalog service type (volumev3, compute, object-store, identity…)' },
    { name: 'data', short: 'd', type: 'string', valueName: 'JSON|@FILE|@-', description: 'Request body: inline, from a file, or from stdin' },
    { name: 'header', short: 'H', type: 'list', valueName: 'NAME: VALUE', description: 'Extra request header (repeatable)' },
    { name: 'include', short: 'i', type: 'boolean', description: 'Print the status line and response headers first' },
  ],
  examples: [
    'storctl api GET /auth/projects',
    'storctl api --service volumev3 GET /volumes/detail?limit=5',
    'storctl api --service volumev3 POST /volumes -d \'{"volume": {"size": 1}}\'',
    'storctl api -p px GET /v1/clusters/inspectcurrent',
  ],
  async run(ctx, args, opts) {
    const method = args[0]!.toUpperCase();
    if (!METHODS.includes(method)) throw new UsageError(`unknown HTTP method "${args[0]}"`, { hint: `use one of ${METHODS.join(', ')}` });
    const path = args[1]!;
    const url = /^https?:\/\//.test(path) ? path : `${(await apiBaseUrl(ctx, opts.service)).replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    for (const h of opts.header ?? []) {
      const i = h.indexOf(':');
      if (i <= 0) throw new UsageError(`header "${h}" is not "Name: value"`);
      headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
    }
    let body: string | Uint8Array | undefined;
    if (opts.data !== undefined) {
      body = await readData(opts.data, ctx.io.stdin);
      if (!headers['content-type']) headers['content-type'] = looksJson(body) ? 'application/json' : 'application/octet-stream';
    }
    const res = await authedRequest(ctx, { method, url, headers, body });
    const text = res.text();
    // KumoScale answers a logical failure with HTTP 200 and a result envelope
    // ({"status": "NotExists", "description": …}): the same error, exit code and one line as any
    // KumoScale command gives, and nothing on stdout (a 200 header block or the envelope there
    // would read as success to a script that only looks at the output).
    if (res.status >= 200 && res.status < 300 && (await ctx.profile()).backend === 'kumoscale') {
      const { failedEnvelope } = await import('../backends/kumoscale/errors.js');
      const err = failedEnvelope(text, `${method} ${new URL(url).pathname}`);
      if (err) throw err;
    }
    // On a terminal the server's bytes are shown inert; to a pipe they pass as received.
    const shown = ctx.io.stdout.isTTY ? inertLines : (t: string) => t;
    if (opts.include) {
      ctx.io.stdout.write(shown(`HTTP ${res.status}\n${Object.entries(res.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n`));
    }
    if (text) {
      let out = text;
      if ((res.headers['content-type'] ?? '').includes('json')) {
        try {
          out = JSON.stringify(JSON.parse(text), null, 2);
        } catch {
          /* print as received */
        }
      }
      ctx.print(shown(out));
    }
    if (res.status >= 400) throw errorForStatus(res.status, `${method} ${new URL(url).pathname} answered HTTP ${res.status}`);
  },
});

async function readData(spec: string, stdin: NodeJS.ReadableStream): Promise<string | Uint8Array> {
  if (spec === '@-') {
    const chunks: Buffer[] = [];
    for await (const c of stdin) chunks.push(Buffer.from(c as Buffer));
    return Buffer.concat(chunks);
  }
  if (spec.startsWith('@')) {
    try {
      return await readFile(spec.slice(1));
    } catch (err) {
      throw new UsageError(`cannot read --data file ${spec.slice(1)}: ${(err as NodeJS.ErrnoException).code}`);
    }
  }
  return spec;
}

function looksJson(body: string | Uint8Array): boolean {
  const s = (typeof body === 'string' ? body : Buffer.from(body).subarray(0, 1).toString()).trimStart();
  return s.startsWith('{') || s.startsWith('[');
}
