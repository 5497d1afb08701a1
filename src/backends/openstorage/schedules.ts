// Snapshot schedules in the SDK: named schedule policies (OpenStorageSchedulePolicy) that a
// volume refers to by name (OpenStorageVolume.SnapshotScheduleUpdate; the volume's
// spec.snapshot_schedule then reads "policy=NAME[,NAME…]").
import { UsageError } from '../../framework/errors.js';
import type { OpenStorageClient, Rec } from './client.js';
import { obj } from './resources.js';
import { WEEKDAYS } from './enums.js';

/** Policy names a volume refers to. */
export function volumePolicies(v: Rec): string[] {
  const s = String(obj(v.spec).snapshot_schedule ?? '');
  const m = /(?:^|;)\s*policy=([^;]*)/.exec(s);
  return m ? m[1]!.split(',').map((x) => x.trim()).filter(Boolean) : [];
}

export async function setVolumePolicies(osd: OpenStorageClient, volumeId: string, names: string[]): Promise<void> {
  await osd.call('OpenStorageVolume', 'SnapshotScheduleUpdate', { volume_id: volumeId, snapshot_schedule_names: names });
}

function hhmm(text: string, flag: string): { hour: number; minute: number } {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new UsageError(`${flag}: "${text}" is not a time of day HH:MM`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** "3600", "90s", "30m", "6h", "1d" → seconds. */
export function parseSeconds(text: string, flag: string): number {
  const m = /^\s*(\d+)\s*(s|m|h|d)?\s*$/i.exec(text);
  if (!m || Number(m[1]) <= 0) throw new UsageError(`${flag}: "${text}" is not a positive duration (3600, 30m, 6h, 1d)`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's').toLowerCase() as 's']!;
}

export interface IntervalFlags {
  periodic?: string[];
  daily?: string[];
  weekly?: string[];
  monthly?: string[];
  retain?: number;
}

/** SdkSchedulePolicyInterval messages from the flags. */
export function intervalsFrom(f: IntervalFlags): Rec[] {
  const out: Rec[] = [];
  const keep = (i: Rec): Rec => (f.retain !== undefined ? { retain: f.retain, ...i } : i);
  for (const p of f.periodic ?? []) out.push(keep({ periodic: { seconds: parseSeconds(p, '--periodic') } }));
  for (const d of f.daily ?? []) out.push(keep({ daily: hhmm(d, '--daily') }));
  for (const w of f.weekly ?? []) {
    const [day, time] = w.split('@');
    const idx = WEEKDAYS.findIndex((x) => x.startsWith((day ?? '').trim().toLowerCase().slice(0, 3)) && (day ?? '').trim().length >= 3);
    if (idx < 0 || !time) throw new UsageError(`--weekly: "${w}" is not DAY@HH:MM (e.g. sunday@02:00)`);
    const name = WEEKDAYS[idx]!;
    out.push(keep({ weekly: { day: `SdkTimeWeekday${name.charAt(0).toUpperCase()}${name.slice(1)}`, ...hhmm(time, '--weekly') } }));
  }
  for (const mo of f.monthly ?? []) {
    const [day, time] = mo.split('@');
    const d = Number(day);
    if (!Number.isInteger(d) || d < 1 || d > 28 || !time) throw new UsageError(`--monthly: "${mo}" is not DAY@HH:MM with DAY 1-28 (e.g. 1@03:00)`);
    out.push(keep({ monthly: { day: d, ...hhmm(time, '--monthly') } }));
  }
  return out;
}
