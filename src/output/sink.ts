// Writing to stdout politely: wait for 'drain' when the stream is full, and treat a closed pipe
// (`storctl volume list | head`) as "stop writing", not as a crash.
import type { Writable } from 'node:stream';

interface StreamState {
  closed: boolean;
  error?: Error;
}

const states = new WeakMap<Writable, StreamState>();

function isClosedPipe(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END';
}

/**
 * One 'error' listener per stream, kept for the stream's life: an EPIPE that arrives after the
 * renderer returned must not become an uncaught 'error' event either.
 */
function stateOf(out: Writable): StreamState {
  let state = states.get(out);
  if (!state) {
    const s: StreamState = { closed: false };
    out.on('error', (err: Error) => {
      if (isClosedPipe(err)) s.closed = true;
      else s.error ??= err;
    });
    states.set(out, s);
    state = s;
  }
  return state;
}

export class Sink {
  private readonly state: StreamState;

  constructor(private readonly out: Writable) {
    this.state = stateOf(out);
  }

  /** True once the reader went away; callers stop producing output. */
  get closed(): boolean {
    if (this.state.closed) return true;
    if (this.out.destroyed || this.out.writableEnded) this.state.closed = true;
    return this.state.closed;
  }

  /** Writes `text`; resolves false (without writing) once the pipe is closed. */
  async write(text: string): Promise<boolean> {
    if (this.state.error) throw this.state.error;
    if (this.closed) return false;
    if (text === '') return true;
    let ok: boolean;
    try {
      ok = this.out.write(text);
    } catch (err) {
      if (isClosedPipe(err)) {
        this.state.closed = true;
        return false;
      }
      throw err;
    }
    if (!ok) await this.drain();
    if (this.state.error) throw this.state.error;
    return !this.closed;
  }

  private drain(): Promise<void> {
    if (this.closed || !this.out.writableNeedDrain) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.out.off('drain', done);
        this.out.off('close', done);
        this.out.off('error', done);
        resolve();
      };
      this.out.on('drain', done);
      this.out.on('close', done);
      this.out.on('error', done);
    });
  }
}
