import { readFile } from 'node:fs/promises';
import { defineCommand } from '../framework/command.js';
import { UsageError } from '../framework/errors.js';
import { withOpenStorage } from '../backends/openstorage/client.js';
import { preferFormat } from '../backends/openstorage/cmd.js';
import { CodecError, fromGatewayJson } from '../backends/openstorage/codec.js';
import { findRpc, openStorageSchema } from '../backends/openstorage/rpcs.js';
import type { Context } from '../framework/context.js';

interface Opts {
  data?: string;
  count?: number;
}

async function readData(ctx: Context, spec: string): Promise<string> {
  if (spec === '@-') {
    const chunks: Buffer[] = [];
    for await (const c of ctx.io.stdin) chunks.push(Buffer.from(c as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }
  if (spec.startsWith('@')) {
    try {
      return await readFile(spec.slice(1), 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read --data file ${spec.slice(1)}: ${(err as NodeJS.ErrnoException).code}`);
    }
  }
  return spec;
}

export default defineCommand<Opts>({
  summary: 'Call any OpenStorage SDK RPC with a JSON request',
  description:
    'The escape hatch for what has no command: SERVICE/METHOD names an RPC of any of the SDK\'s 25 services (OpenStorageVolume/Inspect, Volume/Inspect, openstorage.api.OpenStorageNode/Enumerate, ClusterPair/Enumerate…). --data is the request message in proto3 JSON (proto or lowerCamelCase field names, 64-bit numbers as numbers or strings, enums by name, times in RFC 3339). It goes over gRPC, or through the REST gateway (its HTTP rule) when the transport is rest; the token is added like for any command. The answer is printed as JSON in the same normalised form as every command (numbers as numbers, times in ISO 8601, every field present), identical over both transports; a server-streaming RPC prints one JSON line per message (stop with --count or ^C).',
  backends: ['openstorage'],
  args: [{ name: 'method', description: 'SERVICE/METHOD, e.g. OpenStorageVolume/Inspect', required: true }],
  flags: [
    { name: 'data', short: 'd', type: 'string', valueName: 'JSON|@FILE|@-', description: 'Request message (default {})' },
    { name: 'count', short: 'n', type: 'number', valueName: 'N', description: 'Streaming RPCs: stop after N messages' },
  ],
  examples: [
    'storctl rpc OpenStorageIdentity/Version',
    'storctl rpc OpenStorageVolume/Inspect -d \'{"volume_id": "7a3c…"}\'',
    'storctl rpc Volume/InspectWithFilters -d \'{"labels": {"app": "db"}}\' | jq \'.volumes[].volume.id\'',
    'storctl rpc OpenStorageWatch/Watch -d \'{"volume_event": {}}\' --count 5',
    'storctl rpc ClusterPair/Enumerate',
  ],
  async run(ctx, args, opts) {
    const info = findRpc(args[0]!);
    const text = opts.data === undefined ? '{}' : await readData(ctx, opts.data);
    let json: unknown;
    try {
      json = JSON.parse(text.trim() === '' ? '{}' : text);
    } catch (err) {
      throw new UsageError(`--data is not JSON: ${(err as Error).message}`);
    }
    let request: Record<string, unknown>;
    try {
      request = fromGatewayJson(openStorageSchema(), info.requestType, json);
    } catch (err) {
      if (err instanceof CodecError) throw new UsageError(`--data is not a valid ${info.requestType}: ${err.message}`);
      throw err;
    }
    await withOpenStorage(ctx, async (osd) => {
      if (!info.serverStreaming) {
        const answer = await osd.callRpc(info, request);
        await preferFormat(ctx, 'json');
        await ctx.printObject(answer);
        return;
      }
      await preferFormat(ctx, 'ndjson');
      const stream = osd.streamRpc(info, request);
      async function* limited() {
        let n = 0;
        for await (const m of stream) {
          yield m;
          if (opts.count !== undefined && ++n >= opts.count) return;
        }
      }
      await ctx.printList(limited());
    });
  },
});
