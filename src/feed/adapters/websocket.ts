/**
 * A WebSocket client for the feed process (RFC 6455, text messages): Node 20 has none built in, and the feed
 * needs only this much — the opening handshake (its accept key checked), masked text frames out, text frames
 * in (fragmented ones joined), ping answered with pong, close answered and told. `ws://` and `wss://` (TLS,
 * with the host's name for SNI and certificate checks).
 */
import { connect as tcp } from 'node:net';
import { connect as tls } from 'node:tls';
import { createHash, randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';

export interface WsClient {
  send(text: string): void;
  close(): void;
}

export interface WsHandlers {
  open(): void;
  message(text: string): void;
  /** The connection ended: `why` says how (a close frame's code, an error, a refused handshake). */
  closed(why: string): void;
}

export function openWebSocket(url: string, on: WsHandlers, headers: Record<string, string> = {}): WsClient {
  const u = new URL(url);
  const secure = u.protocol === 'wss:';
  const port = Number(u.port || (secure ? 443 : 80));
  const socket: Socket = secure ? tls({ host: u.hostname, port, servername: u.hostname }) : tcp({ host: u.hostname, port });
  const key = randomBytes(16).toString('base64');
  const accept = createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  let open = false;
  let done = false;
  let buf: Buffer = Buffer.alloc(0);
  let parts: Buffer[] = [];
  const finish = (why: string) => {
    if (done) return;
    done = true;
    socket.destroy();
    on.closed(why);
  };
  const frame = (opcode: number, payload: Buffer) => {
    const n = payload.length;
    const head = n < 126 ? Buffer.from([0x80 | opcode, 0x80 | n]) : n < 65536 ? Buffer.from([0x80 | opcode, 0x80 | 126, n >> 8, n & 255]) : (() => { const b = Buffer.alloc(10); b[0] = 0x80 | opcode; b[1] = 0x80 | 127; b.writeBigUInt64BE(BigInt(n), 2); return b; })();
    const mask = randomBytes(4);
    const body = Buffer.alloc(n);
    for (let i = 0; i < n; i++) body[i] = payload[i] ^ mask[i & 3];
    socket.write(Buffer.concat([head, mask, body]));
  };
  socket.on(secure ? 'secureConnect' : 'connect', () => {
    const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    socket.write(`GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`);
  });
  socket.on('data', (chunk: Buffer) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    if (!open) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.subarray(0, end).toString('latin1');
      buf = buf.subarray(end + 4);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
      const got = /\r\nsec-websocket-accept:\s*(\S+)/i.exec(head)?.[1];
      if (status !== '101' || got !== accept) return finish(`the server refused the WebSocket (${status ? `HTTP ${status}` : 'no HTTP answer'})`);
      open = true;
      on.open();
    }
    for (;;) {
      if (buf.length < 2) return;
      const fin = (buf[0] & 0x80) !== 0;
      const opcode = buf[0] & 0x0f;
      const masked = (buf[1] & 0x80) !== 0;
      let n = buf[1] & 0x7f;
      let at = 2;
      if (n === 126) { if (buf.length < 4) return; n = buf.readUInt16BE(2); at = 4; }
      else if (n === 127) { if (buf.length < 10) return; n = Number(buf.readBigUInt64BE(2)); at = 10; }
      const maskAt = at;
      if (masked) at += 4;
      if (buf.length < at + n) return;
      let payload = buf.subarray(at, at + n);
      if (masked) { const m = buf.subarray(maskAt, maskAt + 4); payload = Buffer.from(payload.map((b, i) => b ^ m[i & 3])); }
      buf = buf.subarray(at + n);
      if (opcode === 0x8) {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        try { frame(0x8, payload.subarray(0, 2)); } catch { /* gone already */ }
        return finish(`closed by the server (${code}${payload.length > 2 ? ` ${payload.subarray(2).toString('utf8')}` : ''})`);
      }
      if (opcode === 0x9) { frame(0xa, payload); continue; }
      if (opcode === 0xa) continue;
      if (opcode === 0x1 || opcode === 0x0 || opcode === 0x2) {
        parts.push(Buffer.from(payload));
        if (fin) {
          const text = Buffer.concat(parts).toString('utf8');
          parts = [];
          on.message(text);
        }
      }
    }
  });
  socket.on('error', (e) => finish(e.message));
  socket.on('close', () => finish('connection closed'));
  return {
    send: (text) => { if (open && !done) frame(0x1, Buffer.from(text, 'utf8')); },
    close: () => { if (!done) { try { if (open) frame(0x8, Buffer.from([0x03, 0xe8])); } catch { /* ignore */ } finish('closed by the feed'); } },
  };
}
