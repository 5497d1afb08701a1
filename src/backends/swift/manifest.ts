// Static large object manifests: reading one (?multipart-manifest=get) and flattening nested
// manifests, so downloads can check each segment's MD5 and the manifest's ETag of ETags.
import type { SwiftClient } from './client.js';
import type { SegmentInfo } from './integrity.js';
import { splitPath } from './paths.js';

interface RawSegment {
  name?: string;
  bytes?: number;
  hash?: string;
  range?: string;
  data?: string;
  sub_slo?: boolean;
  content_type?: string;
}

export async function getManifest(swift: SwiftClient, container: string, object: string): Promise<SegmentInfo[]> {
  const res = await swift.request({ method: 'GET', container, object, query: { 'multipart-manifest': 'get' }, headers: { accept: 'application/json' }, op: 'read the manifest of' });
  const raw = res.json<RawSegment[]>();
  if (!Array.isArray(raw)) return [];
  return raw.map((s) => ({ name: s.name, bytes: Number(s.bytes ?? 0), hash: s.hash, range: s.range, data: s.data, sub_slo: s.sub_slo === true }));
}

/** Segments with nested manifests (without a range) replaced by their own segments. */
export async function flattenManifest(swift: SwiftClient, segments: SegmentInfo[], depth = 0): Promise<SegmentInfo[]> {
  if (depth > 10 || !segments.some((s) => s.sub_slo && !s.range)) return segments;
  const out: SegmentInfo[] = [];
  for (const s of segments) {
    if (!s.sub_slo || s.range || !s.name) {
      out.push(s);
      continue;
    }
    const [c, o] = splitPath(s.name);
    if (!o) {
      out.push(s);
      continue;
    }
    out.push(...(await flattenManifest(swift, await getManifest(swift, c, o), depth + 1)));
  }
  return out;
}

/** "container/object" of a segment entry. */
export function segmentTarget(seg: SegmentInfo): [string, string] | undefined {
  if (!seg.name) return undefined;
  const [c, o] = splitPath(seg.name);
  return o ? [c, o] : undefined;
}
