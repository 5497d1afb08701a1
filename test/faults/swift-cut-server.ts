// A proxy in front of the Swift simulator that cuts object download bodies on purpose: after a
// number of body bytes it resets the connection (RST) or closes it (FIN). It records every object
// GET (path, Range, If-Match, status) so tests can check how the client resumed. Loopback only;
// bounded: after MAX_REQUESTS requests it answers 503 to everything.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const MAX_REQUESTS = 500;
/** Time for the client to read the bytes before the connection goes (so the cut byte is exact). */
const SETTLE_MS = 150;

export interface SeenGet {
  path: string;
  /** 0-based count of GETs of this path. */
  n: number;
  range?: string;
  ifMatch?: string;
  status?: number;
  /** Body bytes passed on. */
  sent: number;
  cut?: 'rst' | 'fin';
}

export interface Fault {
  /** Cut the body after this many bytes (0 = right after the headers). */
  cutAfter?: number;
  how?: 'rst' | 'fin';
  /** Forward without the Range header (the server then answers 200 with everything). */
  dropRange?: boolean;
  /** Runs before the request is forwarded (e.g. replace the object). */
  before?: () => Promise<void>;
}

export type FaultPlan = (get: SeenGet) => Fault | undefined;

export interface CutProxy {
  url: string;
  gets: SeenGet[];
  /** GETs of one object path (ending with `/${name}`). */
  getsOf(name: string): SeenGet[];
  close(): Promise<void>;
}

function isObjectGet(req: IncomingMessage): string | undefined {
  if (req.method !== 'GET') return undefined;
  const u = new URL(req.url ?? '/', 'http://x');
  if (u.searchParams.has('multipart-manifest')) return undefined;
  const parts = u.pathname.split('/').filter(Boolean);
  return parts.length >= 4 ? decodeURIComponent(u.pathname) : undefined;
}

export async function cutProxy(target: string, plan: FaultPlan): Promise<CutProxy> {
  const t = new URL(target);
  const gets: SeenGet[] = [];
  const perPath = new Map<string, number>();
  let requests = 0;
  const server: Server = createServer(async (req, res) => {
    if (++requests > MAX_REQUESTS) {
      res.writeHead(503, { 'content-length': '0' }).end();
      return;
    }
    const headers = { ...req.headers, host: t.host };
    const path = isObjectGet(req);
    let seen: SeenGet | undefined;
    let fault: Fault | undefined;
    if (path !== undefined) {
      const n = perPath.get(path) ?? 0;
      perPath.set(path, n + 1);
      seen = { path, n, range: req.headers.range, ifMatch: req.headers['if-match'] as string | undefined, sent: 0 };
      gets.push(seen);
      fault = plan(seen);
      if (fault?.dropRange) delete headers.range;
      if (fault?.before) await fault.before();
    }
    const up = httpRequest({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers }, (r) => {
      if (seen) seen.status = r.statusCode;
      res.writeHead(r.statusCode ?? 502, r.headers);
      const cut = fault?.cutAfter !== undefined && (r.statusCode === 200 || r.statusCode === 206) ? fault.cutAfter : undefined;
      let done = false;
      const kill = () => {
        done = true;
        r.destroy();
        if (seen) seen.cut = fault?.how ?? 'rst';
        setTimeout(() => {
          const sock = res.socket as (Socket & { resetAndDestroy?: () => void }) | null;
          if (!sock) return;
          if ((fault?.how ?? 'rst') === 'rst') sock.resetAndDestroy!();
          else sock.end();
        }, SETTLE_MS);
      };
      if (cut === 0) {
        res.flushHeaders();
        kill();
        return;
      }
      r.on('data', (c: Buffer) => {
        if (done) return;
        if (cut !== undefined && seen!.sent + c.length >= cut) {
          res.write(c.subarray(0, cut - seen!.sent));
          seen!.sent = cut;
          kill();
          return;
        }
        if (seen) seen.sent += c.length;
        res.write(c);
      });
      r.on('end', () => {
        if (!done) res.end();
      });
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${t.pathname}`.replace(/\/+$/, ''),
    gets,
    getsOf: (name) => gets.filter((g) => g.path.endsWith(`/${name}`)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
