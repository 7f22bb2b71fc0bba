import { Socket } from 'node:net';

type WriteDone = (error?: Error | null) => void;
type Write = (chunk: string | Uint8Array, encodingOrDone?: BufferEncoding | WriteDone, done?: WriteDone) => boolean;

/**
 * A TCP socket that sends everything written to it in one turn of the event loop as one write:
 * the first write of a turn corks the socket and the end of the turn uncorks it (Node's documented
 * `cork()` / `uncork()` pattern: "defer `uncork()` with `process.nextTick()`"). A read-only
 * request's opening and its first read are written in the same turn (request-db.ts), so they reach
 * PostgreSQL as one packet: one system call here and one wake-up of the backend there instead of
 * two. node-postgres already corks the messages of one extended query; this joins whole queries.
 *
 * Given to node-postgres through its documented `stream` client option (data-source.ts). With TLS,
 * node-postgres wraps the socket and writes below this method: nothing is joined, nothing changes.
 */
export class CoalescingSocket extends Socket {
  private corkedThisTurn = false;
  /** The write this socket delegates to: Node's own (see the accessor below). */
  private send = Socket.prototype.write as Write;

  /**
   * `write` is an accessor: reading it gives the coalescing write; assigning it sets what that
   * write delegates to. `net.Socket` assigns `this.write` itself — back to `Socket.prototype.write`
   * when it connects, a write that fails after it has ended — and keeps doing so: Node's choice is
   * kept, with the coalescing in front of it. (A plain method override would be shadowed by the
   * first of those assignments and join nothing; test/persistence/one-packet.test.ts notices.)
   */
  static {
    Object.defineProperty(CoalescingSocket.prototype, 'write', {
      get(this: CoalescingSocket): Write {
        return this.coalescingWrite;
      },
      set(this: CoalescingSocket, write: Write) {
        this.send = write;
      },
    });
  }

  /** Corks for the rest of this turn of the event loop, then writes. */
  private coalescingWrite(chunk: string | Uint8Array, encodingOrDone?: BufferEncoding | WriteDone, done?: WriteDone): boolean {
    if (!this.corkedThisTurn) {
      this.corkedThisTurn = true;
      this.cork();
      process.nextTick(() => {
        this.corkedThisTurn = false;
        this.uncork();
      });
    }
    return this.send.call(this, chunk, encodingOrDone, done);
  }
}

/** node-postgres's `stream` option: a new coalescing socket for each connection. */
export const coalescingStream = (): Socket => new CoalescingSocket();
