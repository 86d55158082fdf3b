import { createHash } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { ReceivedRequest } from './fixture-server.js';

/**
 * The smallest WebSocket endpoint the fixtures need (RFC 6455): it accepts the handshake on any
 * host and path, then reads the frames the page sends and hands each message's payload to
 * `onMessage`. It never replies with data: the fixtures only prove what a page *sends*.
 */

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** Largest message accepted; a fixture never sends more, a bug must not eat the memory. */
const MAX_MESSAGE = 1024 * 1024;

/** Completes the opening handshake; false when the request is not a WebSocket upgrade. */
export function acceptWebSocket(req: http.IncomingMessage, socket: Duplex): boolean {
  const key = req.headers['sec-websocket-key'];
  if (typeof key !== 'string' || (req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return false;
  const accept = createHash('sha1').update(key + GUID).digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  return true;
}

/**
 * Reads client frames from `socket`: unmasks them, joins continuation frames, and calls
 * `onMessage` with each text or binary message. A close frame is answered with a close frame.
 */
export function readClientFrames(socket: Duplex, onMessage: (payload: Buffer) => void): void {
  let buffer = Buffer.alloc(0);
  let fragments: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      if (buffer.length < 2) return;
      const fin = (buffer[0]! & 0x80) !== 0;
      const opcode = buffer[0]! & 0x0f;
      const masked = (buffer[1]! & 0x80) !== 0;
      let length = buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) return;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (length > MAX_MESSAGE) {
        socket.destroy();
        return;
      }
      const maskAt = offset;
      if (masked) offset += 4;
      if (buffer.length < offset + length) return;
      const payload = Buffer.from(buffer.subarray(offset, offset + length));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= buffer[maskAt + (i % 4)]!;
      buffer = buffer.subarray(offset + length);
      if (opcode === 0x8) {
        socket.end(Buffer.from([0x88, 0x00]));
        return;
      }
      if (opcode === 0x9 || opcode === 0xa) continue; // ping / pong: nothing to record
      fragments.push(payload);
      if (fin) {
        const message = Buffer.concat(fragments);
        fragments = [];
        onMessage(message);
      }
    }
  });
  socket.on('error', () => socket.destroy());
}

/**
 * Accepts WebSocket upgrades on `server` (any host, any path) and records each message a page
 * sends as a {@link ReceivedRequest} with method `WS` and the message as its body.
 */
export function serveWebSockets(server: http.Server, record: (r: ReceivedRequest) => void): void {
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!acceptWebSocket(req, socket)) return void socket.destroy();
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', `wss://${host || '127.0.0.1'}`);
    if (head.length > 0) socket.unshift(head);
    readClientFrames(socket, (body) => record({
      at: new Date().toISOString(), host, method: 'WS', path: url.pathname, url: url.href,
      query: Object.fromEntries(url.searchParams), headers: { ...req.headers }, body,
    }));
  });
}
