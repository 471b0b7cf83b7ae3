import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** How long, and how much more of an unread request body, a closing connection keeps reading. */
export const LINGER = { ms: 2_000, bytes: 4 * 1024 * 1024 };

/**
 * Closes the connection after the response with a lingering close (RFC 9112 §9.6): half-close,
 * then keep reading (and discarding) what the client is still sending for a while. Closing a
 * socket at once while request bytes are unread makes the kernel send a reset, and the client's
 * TCP stack may then drop the response it has not read yet: a 413 or 400 refusal of a large body
 * would reach the client as ECONNRESET instead. Bounded in time and bytes, so a client that keeps
 * sending cannot hold the connection.
 */
export function lingerOnClose(req: IncomingMessage): void {
  const socket = req.socket as Socket & { destroySoon?: () => void };
  // Node's server closes a `Connection: close` response's socket with destroySoon() once written.
  socket.destroySoon = () => {
    let read = 0;
    const stop = () => {
      clearTimeout(timer);
      socket.off('data', count);
      socket.destroy();
    };
    const count = (chunk: Buffer) => {
      read += chunk.length;
      if (read > LINGER.bytes) stop();
    };
    const timer = setTimeout(stop, LINGER.ms);
    timer.unref();
    socket.once('end', stop).once('close', () => clearTimeout(timer));
    socket.end();
    // The parser is detached once the response is done: read the socket itself, in flowing mode.
    socket.on('data', count);
    socket.resume();
    req.resume();
  };
}
