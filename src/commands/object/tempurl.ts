import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { registerSecret } from '../../transport/redact.js';
import { SwiftClient } from '../../backends/swift/client.js';
import { SWIFT_BACKENDS } from '../../backends/swift/columns.js';
import { parseDuration, parseTime } from '../../backends/swift/meta.js';
import { checkContainer, checkObject } from '../../backends/swift/paths.js';
import { findTempUrlKey, signTempUrl, type Digest } from '../../backends/swift/tempurl.js';

interface Opts {
  method?: string;
  expires?: string;
  expiresAt?: string;
  key?: string;
  digest?: Digest;
  prefix?: boolean;
  filename?: string;
  inline?: boolean;
}

const METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];

export default defineCommand<Opts>({
  summary: 'Make a temporary URL that works without a token (GET, PUT…)',
  description:
    'Prints a URL that lets anyone holding it GET (or PUT, HEAD, DELETE) one object, or every object under a prefix with --prefix, until it expires (--expires, default 1h; or --expires-at). It is signed with the container\'s or the account\'s Temp-URL key (set one with `storctl account set --temp-url-key`), or --key. The signature is HMAC-SHA256 unless --digest. The URL is the command\'s output and nothing else: --debug traces never show the signature or the key. With -o json: {"url", "method", "expires_at", "path"}. Exit codes: 2 when no key is set.',
  backends: SWIFT_BACKENDS,
  args: [
    { name: 'container', description: 'Container name', required: true },
    { name: 'object', description: 'Object name (or name prefix with --prefix)', required: true },
  ],
  flags: [
    { name: 'method', type: 'string', valueName: 'METHOD', default: 'GET', choices: METHODS, description: 'HTTP method the URL allows' },
    { name: 'expires', type: 'string', valueName: 'DURATION', description: 'Valid for this long (e.g. 600, 30m, 12h, 7d; default 1h)' },
    { name: 'expires-at', type: 'string', valueName: 'TIME', description: 'Valid until this time (Unix seconds or ISO 8601)' },
    { name: 'key', type: 'string', valueName: 'KEY', description: 'Temp-URL key (default: the container\'s, else the account\'s)' },
    { name: 'digest', type: 'string', valueName: 'ALG', default: 'sha256', choices: ['sha1', 'sha256', 'sha512'], description: 'HMAC digest' },
    { name: 'prefix', type: 'boolean', description: 'Sign every object whose name starts with OBJECT' },
    { name: 'filename', type: 'string', valueName: 'NAME', description: 'File name browsers save the download as' },
    { name: 'inline', type: 'boolean', description: 'Ask browsers to show the object rather than save it' },
  ],
  columns: [
    { key: 'url', header: 'URL' },
    { key: 'method', header: 'Method' },
    { key: 'expires_at', header: 'Expires', format: 'time' },
    { key: 'path', header: 'Path' },
  ],
  examples: [
    'storctl object tempurl backups db.tar.gz --expires 2h',
    'curl -o db.tgz "$(storctl object tempurl backups db.tar.gz)"',
    'curl -T report.pdf "$(storctl object tempurl inbox report.pdf --method PUT --expires 10m)"',
  ],
  async run(ctx, args, opts) {
    const container = checkContainer(args[0]!);
    const object = opts.prefix ? args[1]! : checkObject(args[1]!);
    const method = (opts.method ?? 'GET').toUpperCase();
    if (!METHODS.includes(method)) throw new UsageError(`--method ${opts.method} is not one of ${METHODS.join(', ')}`);
    if (opts.expires !== undefined && opts.expiresAt !== undefined) throw new UsageError('use --expires or --expires-at, not both');
    const now = Math.floor(Date.now() / 1000);
    const expires = opts.expiresAt !== undefined ? parseTime(opts.expiresAt, '--expires-at') : now + parseDuration(opts.expires ?? '3600', '--expires');
    if (expires <= now) throw new UsageError('the URL would already be expired');
    const swift = await SwiftClient.open(ctx);
    if (opts.key) registerSecret(opts.key);
    const key = opts.key ?? (await findTempUrlKey(swift, container));
    registerSecret(key);
    const { url, path } = signTempUrl(swift.base, { container, object, method, expires, key, digest: opts.digest ?? 'sha256', prefix: opts.prefix, filename: opts.filename, inline: opts.inline });
    const format = await ctx.format();
    // The URL is the answer: write it as is (the redactor would hide the signature).
    if (format === 'table' || format === 'value') {
      ctx.io.stdout.write(`${url}\n`);
      return;
    }
    await ctx.printObject({ url, method, expires_at: new Date(expires * 1000).toISOString(), path });
  },
});
