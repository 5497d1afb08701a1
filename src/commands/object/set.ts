import { defineCommand } from '../../framework/command.js';
import { NotFoundError, UsageError } from '../../framework/errors.js';
import { SwiftClient } from '../../backends/swift/client.js';
import { META_FLAG, OBJECT_SHOW_COLUMNS, REMOVE_META_FLAG, SWIFT_BACKENDS } from '../../backends/swift/columns.js';
import { checkMetaKey, encodeHeaderValue, extractMeta, parseDuration, parseMetaPairs, parseTime } from '../../backends/swift/meta.js';
import { checkContainer, checkObject, display } from '../../backends/swift/paths.js';
import { objectRecord } from '../../backends/swift/records.js';
import { checkManifestValue } from '../../backends/swift/dlo.js';

interface Opts {
  meta?: string[];
  removeMeta?: string[];
  clearMeta?: boolean;
  contentType?: string;
  header?: string[];
  deleteAfter?: string;
  deleteAt?: string;
  removeDeleteAt?: boolean;
}

/** Headers an object POST replaces (the object server's default allowed_headers); kept as they are unless changed. */
const KEPT_HEADERS = ['content-disposition', 'content-encoding', 'cache-control', 'content-language', 'expires', 'x-robots-tag', 'x-object-manifest', 'x-delete-at'];
/** Headers with a flag of their own. */
const OWN_FLAG: Record<string, string> = { 'content-type': '--content-type', 'x-delete-at': '--delete-at or --remove-delete-at', 'x-delete-after': '--delete-after' };
/** Headers that are not object attributes: transport, credentials, identity, or what only a PUT sets. */
const REFUSED = new Set([
  'content-length', 'transfer-encoding', 'host', 'connection', 'keep-alive', 'te', 'upgrade', 'expect', 'x-auth-token', 'x-storage-token',
  'etag', 'x-timestamp', 'x-static-large-object', 'x-copy-from', 'x-copy-from-account', 'destination', 'destination-account', 'x-fresh-metadata',
  'x-symlink-target', 'x-symlink-target-account', 'x-symlink-target-etag',
]);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export default defineCommand<Opts>({
  summary: 'Change an object\'s metadata, content type, headers or expiry',
  description:
    'Updates an object without uploading it again. Swift\'s POST replaces all metadata at once, so storctl reads the current metadata and headers first and sends them back with your changes: --meta adds or replaces items, --remove-meta drops some, --clear-meta starts from none. --content-type changes the type; --header \'Name: value\' (repeatable) sets any other object header, e.g. Content-Disposition, Cache-Control, Content-Encoding, Content-Language, Expires, X-Robots-Tag or X-Object-Manifest (CONTAINER/PREFIX: turns the object into a dynamic large object made of the objects under that prefix; checked as Swift checks it on upload), and \'Name:\' removes one. Swift keeps only the headers its object server allows (allowed_headers; the ones above by default): storctl warns when the server dropped one. --delete-after / --delete-at schedule expiry, --remove-delete-at cancels it. Prints the object afterwards. Exit codes: 2 when nothing is asked, 3 when access is denied, 4 when the object does not exist.',
  backends: SWIFT_BACKENDS,
  args: [
    { name: 'container', description: 'Container name', required: true },
    { name: 'object', description: 'Object name', required: true },
  ],
  flags: [
    META_FLAG,
    REMOVE_META_FLAG,
    { name: 'clear-meta', type: 'boolean', description: 'Drop all existing metadata first' },
    { name: 'content-type', type: 'string', valueName: 'TYPE', description: 'New content type' },
    { name: 'header', short: 'H', type: 'list', valueName: 'NAME: VALUE', description: 'Set a header, e.g. "Cache-Control: max-age=300" or "X-Object-Manifest: segs/big.iso/" (repeatable; "NAME:" removes)' },
    { name: 'delete-after', type: 'string', valueName: 'DURATION', description: 'Expire the object after this long (e.g. 3600, 12h, 7d)' },
    { name: 'delete-at', type: 'string', valueName: 'TIME', description: 'Expire the object at this time (Unix seconds or ISO 8601)' },
    { name: 'remove-delete-at', type: 'boolean', description: 'Cancel a scheduled expiry' },
  ],
  columns: OBJECT_SHOW_COLUMNS,
  examples: [
    'storctl object set backups db.tar.gz --meta retention=90d',
    'storctl object set www index.html --content-type "text/html; charset=utf-8" -H "Cache-Control: max-age=300"',
    'storctl object set tmp report.pdf --delete-after 24h',
    'storctl object set backups db.tar.gz --remove-meta retention --remove-delete-at',
    "storctl object set images big.iso -H 'X-Object-Manifest: images_segments/big.iso/'",
  ],
  async run(ctx, args, opts) {
    const container = checkContainer(args[0]!);
    const name = checkObject(args[1]!);
    const changes = [opts.meta?.length, opts.removeMeta?.length, opts.clearMeta, opts.contentType, opts.header?.length, opts.deleteAfter, opts.deleteAt, opts.removeDeleteAt].some((v) => v !== undefined && v !== false && v !== 0);
    if (!changes) throw new UsageError('nothing to change', { hint: 'pass --meta, --remove-meta, --content-type, --header, --delete-after… (see --help)' });
    const expiryFlags = [opts.deleteAfter !== undefined, opts.deleteAt !== undefined, !!opts.removeDeleteAt].filter(Boolean).length;
    if (expiryFlags > 1) throw new UsageError('use one of --delete-after, --delete-at, --remove-delete-at');
    const pairs = parseMetaPairs(opts.meta);
    const remove = new Set((opts.removeMeta ?? []).map((k) => checkMetaKey(k, '--remove-meta').toLowerCase()));
    const extra: Record<string, string | null> = {};
    for (const h of opts.header ?? []) {
      const i = h.indexOf(':');
      if (i <= 0) throw new UsageError(`--header "${h}" is not "Name: value"`);
      const name = h.slice(0, i).trim();
      const key = name.toLowerCase();
      if (!TOKEN.test(name)) throw new UsageError(`--header "${h}": "${name}" is not a header name`);
      if (OWN_FLAG[key]) throw new UsageError(`--header ${name}: use ${OWN_FLAG[key]}`);
      if (key.startsWith('x-object-meta-') || key.startsWith('x-remove-object-meta-')) throw new UsageError(`--header ${name}: use --meta KEY=VALUE or --remove-meta KEY`);
      if (REFUSED.has(key)) throw new UsageError(`--header ${name} cannot be set on an object with a POST`);
      const value = h.slice(i + 1).trim();
      if (value !== '' && key === 'x-object-manifest') checkManifestValue(value);
      extra[key] = value === '' ? null : value;
    }

    const swift = await SwiftClient.open(ctx);
    // The object's own headers: a DLO whose segment container is gone reads as 404 otherwise.
    const cur = (await swift.request({ method: 'HEAD', container, object: name, query: { 'multipart-manifest': 'get' }, op: 'update' })).headers;
    const headers: Record<string, string> = {};
    if (!opts.clearMeta) {
      for (const [k, v] of Object.entries(extractMeta(cur, 'object'))) if (!remove.has(k)) headers[`x-object-meta-${k}`] = encodeHeaderValue(v);
    }
    for (const [k, v] of pairs) headers[`x-object-meta-${k.toLowerCase()}`] = encodeHeaderValue(v);
    for (const k of KEPT_HEADERS) if (cur[k] !== undefined) headers[k] = cur[k]!;
    for (const [k, v] of Object.entries(extra)) {
      if (v === null) delete headers[k];
      else headers[k] = encodeHeaderValue(v);
    }
    if (opts.deleteAfter !== undefined) {
      delete headers['x-delete-at'];
      headers['x-delete-after'] = String(parseDuration(opts.deleteAfter, '--delete-after'));
    }
    if (opts.deleteAt !== undefined) headers['x-delete-at'] = String(parseTime(opts.deleteAt, '--delete-at'));
    if (opts.removeDeleteAt) delete headers['x-delete-at'];
    if (opts.contentType) headers['content-type'] = opts.contentType;
    await swift.request({ method: 'POST', container, object: name, headers, op: 'update' });
    const res = await swift.request({ method: 'HEAD', container, object: name, op: 'read', accept: typeof extra['x-object-manifest'] === 'string' ? [404] : [] });
    if (res.status === 404) {
      // A DLO whose segment container does not exist reads as 404 (the manifest is there).
      throw new NotFoundError(`updated ${display(container, name)}, but it now reads as not found: the container of its X-Object-Manifest "${extra['x-object-manifest']}" does not exist`, {
        hint: 'upload the segments there, or point X-Object-Manifest at an existing container',
      });
    }
    const dropped = Object.entries(extra)
      .filter(([k, v]) => v !== null && res.headers[k] === undefined)
      .map(([k]) => k);
    if (dropped.length > 0) {
      ctx.warn(`Swift did not keep ${dropped.join(', ')}: its object server keeps only the headers in its allowed_headers (by default Content-Disposition, Content-Encoding, Cache-Control, Content-Language, Expires, X-Robots-Tag, X-Object-Manifest, X-Delete-At)`);
    }
    await ctx.printObject(objectRecord(container, name, res.headers));
  },
});
