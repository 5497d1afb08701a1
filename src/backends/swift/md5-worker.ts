// Worker thread that computes MD5s for the main thread (see md5.ts). Messages, in order:
// {id, data} adds bytes to hash `id`; {id, end: true} answers {id, hex}; every data message is
// acknowledged with {id, ack: true} so the sender can bound the bytes in flight.
import { createHash, type Hash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';

const hashes = new Map<number, Hash>();
parentPort?.on('message', (m: { id: number; data?: Uint8Array; end?: boolean }) => {
  let h = hashes.get(m.id);
  if (!h) {
    h = createHash('md5');
    hashes.set(m.id, h);
  }
  if (m.data) {
    h.update(m.data);
    parentPort!.postMessage({ id: m.id, ack: true });
  }
  if (m.end) {
    hashes.delete(m.id);
    parentPort!.postMessage({ id: m.id, hex: h.digest('hex') });
  }
});
