import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { Duplex } from 'node:stream';

/** A TLS record starts with this byte (handshake); plain HTTP starts with a method's letter. */
const TLS_HANDSHAKE = 0x16;

/**
 * A listener on the site LAN that speaks HTTPS only: the first byte of each
 * connection says whether it is a TLS handshake; anything else (plain HTTP)
 * is answered 400 in plain text and closed, nothing behind it is reached.
 */
export class TlsOnlyListener {
  private readonly net: NetServer;
  private readonly https: HttpsServer;
  private readonly sockets = new Set<Socket>();

  constructor(opts: { certPath: string; keyPath: string; onRequest: (req: IncomingMessage, res: ServerResponse) => void; onPlain: () => void }) {
    this.https = createHttpsServer({ cert: readFileSync(opts.certPath), key: readFileSync(opts.keyPath), minVersion: 'TLSv1.2' }, opts.onRequest);
    this.net = createNetServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.once('data', (first: Buffer) => {
        socket.pause();
        if (first[0] !== TLS_HANDSHAKE) {
          opts.onPlain();
          socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nThe staff view on the LAN is served over HTTPS only.\n');
          return;
        }
        // The TLS server reads a net socket through its handle, past bytes already read here: it is
        // given a stream that starts with the byte that was looked at and goes on with the socket.
        this.https.emit('connection', carryOn(socket, first));
      });
    });
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.net.once('error', reject);
      this.net.listen(port, host, () => {
        this.net.off('error', reject);
        const a = this.net.address();
        resolve(typeof a === 'object' && a ? a.port : port);
      });
    });
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.net.close(() => resolve()));
  }
}

/** The socket as a plain duplex stream whose first bytes are `first` (already read from it). */
function carryOn(socket: Socket, first: Buffer): Duplex {
  const stream = new Duplex({
    read: () => void socket.resume(),
    write: (chunk: Buffer, _enc, done) => void socket.write(chunk, done),
    final: (done) => void socket.end(done),
    destroy: (err, done) => {
      socket.destroy();
      done(err);
    },
  });
  stream.push(first);
  socket.on('data', (d: Buffer) => {
    if (!stream.push(d)) socket.pause();
  });
  socket.on('end', () => stream.push(null));
  socket.on('close', () => stream.destroy());
  socket.on('error', (err) => stream.destroy(err));
  return stream;
}
