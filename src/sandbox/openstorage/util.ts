// Small helpers for handling loader objects (see codec.ts) in the simulator.

import { status } from '@grpc/grpc-js';
import { StatusError } from './auth.js';
import { timestampFromDate, type LoaderObject, type TimestampObject } from '../../backends/openstorage/codec.js';

export type Obj = LoaderObject;

export function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

export function obj(v: unknown): Obj | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

export function strMap(v: unknown): Record<string, string> {
  const o = obj(v);
  const out: Record<string, string> = {};
  if (o) for (const [k, val] of Object.entries(o)) out[k] = str(val);
  return out;
}

export function strList(v: unknown): string[] {
  return Array.isArray(v) ? v.map(str) : [];
}

export function num(v: unknown): number {
  const n = Number(v ?? 0);
  return Number.isFinite(n) ? n : 0;
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}

let nanoTick = 0;
/** Current time as a Timestamp, with a few extra nanoseconds so that consecutive stamps differ. */
export function now(): TimestampObject {
  nanoTick = (nanoTick + 1) % 1000;
  return timestampFromDate(new Date(), nanoTick);
}

export function invalid(message: string): StatusError {
  return new StatusError(status.INVALID_ARGUMENT, message);
}

export function notFound(message: string): StatusError {
  return new StatusError(status.NOT_FOUND, message);
}

export function denied(message: string): StatusError {
  return new StatusError(status.PERMISSION_DENIED, message);
}

/** Every key/value of `want` is in `have`. */
export function labelsMatch(have: Record<string, string>, want: Record<string, string>): boolean {
  return Object.entries(want).every(([k, v]) => have[k] === v);
}
