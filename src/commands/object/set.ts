import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { SwiftClient } from '../../backends/swift/client.js';
import { META_FLAG, OBJECT_SHOW_COLUMNS, REMOVE_META_FLAG, SWIFT_BACKENDS } from '../../backends/swift/columns.js';
import { checkMetaKey, encodeHeaderValue, extractMeta, parseDuration, parseMetaPairs, parseTime } from '../../backends/swift/meta.js';
import { checkContainer, checkObject } from '../../backends/swift/paths.js';
import { objectRecord } from '../../backends/swift/records.js';

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

/** Headers an object POST replaces; kept as they are unless changed. */
const KEPT_HEADERS = ['content-disposition', 'content-encoding', 'cache-control', 'content-language', 'expires', 'x-robots-tag', 'x-object-manifest', 'x-delete-at'];
const SETTABLE = new Set(['content-disposition', 'content-encoding', 'cache-control', 'content-language', 'expires', 'x-robots-tag']);

export default defineCommand<Opts>({
  summary: 'Change an object\'s metadata, content type, headers or expiry',
  description:
    'Updates an object without uploading it again. Swift\'s POST replaces all metadata at once, so storctl reads the current metadata and headers first and sends them back with your changes: --meta adds or replaces items, --remove-meta drops some, --clear-meta starts from none. --content-type changes the type, --header sets Content-Disposition, Content-Encoding, Cache-Control, Content-Language, Expires or X-Robots-Tag. --delete-after / --delete-at schedule expiry, --remove-delete-at cancels it. Prints the object afterwards. Exit codes: 2 when nothing is asked, 3 when access is denied, 4 when the object does not exist.',
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
    { name: 'header', short: 'H', type: 'list', valueName: 'NAME: VALUE', description: 'Set Content-Disposition, Content-Encoding, Cache-Control, Content-Language, Expires or X-Robots-Tag ("NAME:" removes)' },
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
      const key = h.slice(0, i).trim().toLowerCase();
      if (!SETTABLE.has(key)) throw new UsageError(`--header ${h.slice(0, i).trim()} cannot be set on an object`, { hint: `settable: ${[...SETTABLE].join(', ')}` });
      const value = h.slice(i + 1).trim();
      extra[key] = value === '' ? null : value;
    }

    const swift = await SwiftClient.open(ctx);
    const cur = (await swift.request({ method: 'HEAD', container, object: name, op: 'update' })).headers;
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
    const res = await swift.request({ method: 'HEAD', container, object: name, op: 'read' });
    await ctx.printObject(objectRecord(container, name, res.headers));
  },
});
