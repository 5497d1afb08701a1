// Shared helpers for the benchmarks: time whole processes, take medians, print ratios.
import { spawnSync } from 'node:child_process';

export function timeRun(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && !opts.allowFail) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median wall time (ms) of `runs` runs after `warmup` unmeasured ones. */
export function medianTime(cmd, args, { runs = 11, warmup = 2, ...opts } = {}) {
  for (let i = 0; i < warmup; i++) timeRun(cmd, args, opts);
  return median(Array.from({ length: runs }, () => timeRun(cmd, args, opts)));
}

/** Peak RSS in MiB of one run, from GNU time when present, else from the child's resource usage. */
export function peakRssMiB(cmd, args, opts = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], ...opts });
  if (r.error) return undefined;
  const kb = Number(String(r.stderr).trim().split('\n').pop());
  return Number.isFinite(kb) ? kb / 1024 : undefined;
}

export function row(label, ms, refMs, refLabel) {
  const ratio = refMs ? `  ${(ms / refMs).toFixed(2)}× ${refLabel}` : '';
  console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms${ratio}`);
}
