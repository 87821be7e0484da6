import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { API_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../contract/api';

/** Who may talk to the daemon: loopback peers, from an origin it serves, with this boot's token. */
export interface GuardPolicy {
  token: string;
  /** Origins allowed to open the API socket, e.g. http://127.0.0.1:8080 (and the dev server in `npm run dev`). */
  origins: ReadonlySet<string>;
  /** Host header values accepted for HTTP (defends against DNS rebinding). */
  hosts: ReadonlySet<string>;
}

function isLoopback(addr: string | undefined): boolean {
  if (!addr) return false;
  return addr === '::1' || addr.startsWith('127.') || addr.startsWith('::ffff:127.');
}

export type Refusal = { status: number; reason: string };

export function checkHttp(req: IncomingMessage, policy: GuardPolicy): Refusal | null {
  if (!isLoopback(req.socket.remoteAddress)) return { status: 403, reason: 'only loopback peers are served' };
  const host = req.headers.host ?? '';
  if (!policy.hosts.has(host)) return { status: 421, reason: `host ${JSON.stringify(host)} is not served here` };
  return null;
}

/** Runs before the WebSocket handshake completes: a refused peer never reaches a command. */
export function checkUpgrade(req: IncomingMessage, policy: GuardPolicy): Refusal | null {
  const http = checkHttp(req, policy);
  if (http) return http;
  const origin = req.headers.origin;
  if (!origin || !policy.origins.has(origin)) return { status: 403, reason: `origin ${JSON.stringify(origin ?? null)} is not allowed` };
  const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim());
  if (!protocols.includes(API_PROTOCOL)) return { status: 400, reason: `subprotocol ${API_PROTOCOL} required` };
  const tokenProto = protocols.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
  const given = tokenProto ? tokenProto.slice(TOKEN_PROTOCOL_PREFIX.length) : '';
  if (!safeEqual(given, policy.token)) return { status: 401, reason: 'missing or wrong session token' };
  return null;
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
