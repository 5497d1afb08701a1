import { defineCommand } from '../../framework/command.js';
import { UsageError } from '../../framework/errors.js';
import { withOpenStorage } from '../../backends/openstorage/client.js';
import { RESOURCE_CHOICES, SEVERITY_CHOICES, enumValue } from '../../backends/openstorage/enums.js';
import { parseTimeOrAgo, timestampOf } from '../../backends/openstorage/resources.js';
import { ALERT_COLUMNS } from '../../backends/openstorage/views.js';
import type { Rec } from '../../backends/openstorage/normalize.js';

interface Opts {
  since?: string;
  until?: string;
  resourceType?: string;
  resourceId?: string;
  alertType?: number;
  severity?: string;
  cleared?: boolean;
  active?: boolean;
}

export default defineCommand<Opts>({
  summary: 'List alerts, filtered by time, resource type and severity',
  description:
    'Streams OpenStorageAlerts.EnumerateWithFilters (a server-streaming RPC; rows print as they arrive). Filters go to the server as queries (one per resource type unless --resource-type picks one; the SDK needs at least one) with the time span, minimum severity and cleared options. JSON records are the SDK\'s Alert messages: id (string), severity, alert_type, message, timestamp and first_seen (ISO 8601), resource, resource_id, cleared, ttl, unique_tag, count.',
  backends: ['openstorage'],
  flags: [
    { name: 'since', type: 'string', valueName: 'TIME|AGO', description: 'Only alerts from this time on (2024-05-01T00:00:00Z, or 30m, 2h, 7d ago)' },
    { name: 'until', type: 'string', valueName: 'TIME|AGO', description: 'Only alerts up to this time' },
    { name: 'resource-type', type: 'string', valueName: 'TYPE', choices: RESOURCE_CHOICES, description: 'Only alerts about this kind of resource' },
    { name: 'resource-id', type: 'string', valueName: 'ID', description: 'Only alerts about this resource (needs --resource-type and --alert-type)' },
    { name: 'alert-type', type: 'number', valueName: 'N', description: 'Only alerts of this type number (needs --resource-type)' },
    { name: 'severity', type: 'string', valueName: 'LEVEL', choices: SEVERITY_CHOICES, description: 'At least this severe (alarm > warning > notify)' },
    { name: 'cleared', type: 'boolean', description: 'Only cleared alerts' },
    { name: 'active', type: 'boolean', description: 'Only alerts not cleared' },
  ],
  columns: ALERT_COLUMNS,
  examples: ['storctl alert list', 'storctl alert list --since 24h --severity warning', 'storctl alert list --resource-type node --active -o json'],
  async run(ctx, _args, opts) {
    if (opts.cleared && opts.active) throw new UsageError('--cleared and --active exclude each other');
    if (opts.resourceId !== undefined && (opts.resourceType === undefined || opts.alertType === undefined)) {
      throw new UsageError('--resource-id needs --resource-type and --alert-type (the SDK queries a resource by all three)');
    }
    if (opts.alertType !== undefined && opts.resourceType === undefined) throw new UsageError('--alert-type needs --resource-type');
    const options: Rec[] = [];
    if (opts.severity) options.push({ min_severity_type: enumValue('severity', opts.severity) });
    if (opts.cleared) options.push({ is_cleared: true });
    if (opts.active) options.push({ is_cleared: false });
    if (opts.since || opts.until) {
      const span: Rec = {};
      if (opts.since) span.start_time = timestampOf(parseTimeOrAgo(opts.since, '--since'));
      span.end_time = timestampOf(opts.until ? parseTimeOrAgo(opts.until, '--until') : new Date(Date.now() + 24 * 3600 * 1000));
      if (!opts.since) span.start_time = timestampOf(new Date(0));
      options.push({ time_span: span });
    }
    const queries: Rec[] = [];
    if (opts.resourceType) {
      const resource_type = enumValue('resource', opts.resourceType);
      if (opts.resourceId !== undefined) queries.push({ resource_id_query: { resource_type, alert_type: opts.alertType, resource_id: opts.resourceId }, opts: options });
      else if (opts.alertType !== undefined) queries.push({ alert_type_query: { resource_type, alert_type: opts.alertType }, opts: options });
      else queries.push({ resource_type_query: { resource_type }, opts: options });
    } else {
      // Without a type, one query per resource type (options ride on a query, and the SDK
      // refuses a request without queries: "Must provide at least one query").
      for (const t of RESOURCE_CHOICES) queries.push({ resource_type_query: { resource_type: enumValue('resource', t) }, opts: options });
    }
    await withOpenStorage(ctx, async (osd) => {
      // A finite stream: the profile's timeout (--timeout) bounds it like a unary call.
      const timeout = (await ctx.profile()).get<number>('timeout');
      const stream = osd.stream('OpenStorageAlerts', 'EnumerateWithFilters', { queries }, timeout ? { timeoutMs: timeout * 1000 } : {});
      async function* alerts() {
        for await (const msg of stream) for (const a of (msg.alerts as Rec[] | undefined) ?? []) yield a;
      }
      await ctx.printList(alerts());
    });
  },
});
