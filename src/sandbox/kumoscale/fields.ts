// Lenient readers for request-body fields. The real server is Java/Jackson-like: it coerces
// numeric strings (Cinder sends `newCapacity` as a string) and ignores unknown fields.
// `undefined` means absent; `null` means present but of the wrong type.

export type Body = Record<string, unknown>;

export function asBody(v: unknown): Body {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Body) : {};
}

export function str(b: Body, k: string): string | undefined | null {
  const v = b[k];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : null;
}

export function num(b: Body, k: string): number | undefined | null {
  const v = b[k];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

export function bool(b: Body, k: string): boolean | undefined | null {
  const v = b[k];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return null;
}

export function strList(b: Body, k: string): string[] | undefined | null {
  const v = b[k];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v ? [v] : [];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return null;
}
