// A one-line progress bar on stderr (bytes, percent, rate, ETA) for uploads and downloads. Only
// on a terminal (ctx.interactive); otherwise every call is a no-op and nothing is printed.
import type { Context } from '../../framework/context.js';
import { humanBytes } from '../../output/format.js';

const REDRAW_MS = 120;

export class Progress {
  private done = 0;
  private total: number | undefined;
  private files = 0;
  private filesTotal: number | undefined;
  private readonly started = Date.now();
  private timer?: NodeJS.Timeout;
  private lastLen = 0;
  private samples: [number, number][] = [];
  private readonly out?: NodeJS.WritableStream & { columns?: number };

  constructor(
    ctx: Context,
    private readonly verb: string,
    opts: { total?: number; files?: number } = {},
  ) {
    this.total = opts.total;
    this.filesTotal = opts.files;
    if (ctx.interactive && ctx.io.stderr.isTTY) {
      this.out = ctx.io.stderr as NodeJS.WritableStream & { columns?: number };
      this.timer = setInterval(() => this.draw(), REDRAW_MS);
      this.timer.unref();
    }
  }

  get active(): boolean {
    return !!this.out;
  }

  add(bytes: number): void {
    this.done += bytes;
  }

  /** Undo bytes of a failed attempt that will be sent again. */
  sub(bytes: number): void {
    this.done = Math.max(0, this.done - bytes);
  }

  addTotal(bytes: number): void {
    this.total = (this.total ?? 0) + bytes;
  }

  setTotal(bytes: number | undefined): void {
    this.total = bytes;
  }

  fileDone(): void {
    this.files++;
  }

  setFiles(n: number): void {
    this.filesTotal = n;
  }

  private rate(): number {
    const now = Date.now();
    this.samples.push([now, this.done]);
    while (this.samples.length > 2 && now - this.samples[0]![0] > 5000) this.samples.shift();
    const [t0, b0] = this.samples[0]!;
    const dt = (now - t0) / 1000;
    if (dt < 0.5) {
      const all = (now - this.started) / 1000;
      return all > 0 ? this.done / all : 0;
    }
    return (this.done - b0) / dt;
  }

  private line(final: boolean): string {
    const rate = final ? this.done / Math.max(0.001, (Date.now() - this.started) / 1000) : this.rate();
    const total = this.total;
    const known = total !== undefined && total > 0;
    const pct = known ? Math.min(100, (this.done / total) * 100) : 0;
    const head = [this.verb];
    if (this.filesTotal !== undefined && this.filesTotal > 1) head.push(`${this.files}/${this.filesTotal} files`);
    const tail: string[] = [];
    if (known) tail.push(`${pct.toFixed(0).padStart(3)}%`, `${humanBytes(this.done)} / ${humanBytes(total)}`);
    else tail.push(humanBytes(this.done));
    tail.push(`${humanBytes(Math.round(rate))}/s`);
    if (final) tail.push(`in ${clock((Date.now() - this.started) / 1000)}`);
    else if (known && rate > 0 && total > this.done) tail.push(`ETA ${clock((total - this.done) / rate)}`);
    const cols = (this.out?.columns ?? 80) - 1;
    const plain = [...head, ...tail].join('  ');
    // The bar takes what room is left (at most 30 columns); without room, numbers only.
    const room = cols - plain.length - 4;
    if (!known || room < 10) return plain.length > cols ? plain.slice(0, cols) : plain;
    const width = Math.min(30, room);
    const filled = Math.round((pct / 100) * width);
    return [...head, `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`, ...tail].join('  ');
  }

  private draw(final = false): void {
    if (!this.out) return;
    const text = this.line(final);
    this.out.write(`\r${text}${' '.repeat(Math.max(0, this.lastLen - text.length))}${final ? '\n' : ''}`);
    this.lastLen = text.length;
  }

  /** Draws the final line (success) or clears the bar (failure). */
  finish(ok = true): void {
    if (!this.out) return;
    clearInterval(this.timer);
    if (ok) this.draw(true);
    else this.out.write(`\r${' '.repeat(this.lastLen)}\r`);
  }
}

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`;
}
