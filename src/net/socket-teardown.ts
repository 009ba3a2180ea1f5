/**
 * Closing sockets without the TLSWrap use-after-free (issue 11 item 3): destroying a TLS socket
 * while OpenSSL is inside SSL_read (from an 'error' or 'data' listener, or a promise continuation
 * run from one) can free the TLS state under the read loop and segfault the process. So a socket
 * is ended first (FIN, and close_notify for TLS), and destroyed only from a fresh turn of the
 * event loop, never from the callback that decided to close it.
 */
import type { Socket } from 'node:net';

/** A peer that does not finish its side of the close within this is cut off. */
const TEARDOWN_GRACE_MS = 1_000;

/** Destroys from the next turn of the event loop (never inside the current callback). */
export function destroyLater(socket: Socket): void {
  if (socket.destroyed) return;
  socket.on('error', () => undefined); // a late error changes no fact
  setImmediate(() => socket.destroy());
}

/**
 * Ends the outermost socket (the last of `layers`, e.g. [tcp, tls]) and then destroys every
 * layer, outermost first, once its end is flushed or the grace period is over.
 */
export function closeGently(layers: Socket[]): void {
  const outer = layers.at(-1);
  if (!outer) return;
  for (const socket of layers) socket.on('error', () => undefined);
  let done = false;
  const destroyAll = (): void => {
    if (done) return;
    done = true;
    clearTimeout(grace);
    setImmediate(() => {
      for (const socket of [...layers].reverse()) if (!socket.destroyed) socket.destroy();
    });
  };
  const grace = setTimeout(destroyAll, TEARDOWN_GRACE_MS);
  grace.unref();
  if (outer.destroyed || !outer.writable) {
    destroyAll();
    return;
  }
  outer.once('finish', destroyAll);
  outer.once('close', destroyAll);
  outer.end();
}
