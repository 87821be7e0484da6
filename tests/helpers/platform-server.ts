import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { SUBMIT_PATHS, WireCaseSearch, WireRecordQuery, WireSubmission, type WireCase, type WireRecordSet } from '../../device-daemon/platform/wire';

// A real HTTP server implementing docs/platform-openapi.yaml for tests. It
// validates every request against the contract and can be told to misbehave:
// answer an error, hang, drop the connection after committing, or go down
// (stop listening: connection refused) and come back on the same port.

export type Behaviour =
  | { kind: 'ok' }
  | { kind: 'status'; status: number; code?: string; retryAfterSec?: number }
  | { kind: 'hang' }
  /** Commit the submission, then destroy the socket without answering. */
  | { kind: 'dropAfterCommit' }
  | { kind: 'badBody' };

export interface Committed {
  key: string;
  body: WireSubmission;
  platformRef: string;
  receivedAt: string;
  /** Resends of this key answered as replays (a lost answer, a crash before the ack was stored). */
  replays: number;
}

export class PlatformServer {
  readonly server: Server;
  port = 0;
  readonly committed = new Map<string, Committed>();
  /** Commit order (keys), to check delivery order. */
  readonly order: string[] = [];
  readonly requests: Array<{ method: string; path: string; key?: string; terminal?: string }> = [];
  records = new Map<string, WireRecordSet[]>();
  catalogVersion = 'v1';
  /** Per-request behaviours, consumed first; then `always`. */
  readonly queue: Behaviour[] = [];
  always: Behaviour = { kind: 'ok' };
  /** Optional per-request choice (chaos tests), consulted when the queue is empty. */
  pick: (() => Behaviour) | undefined;
  /** Artificial latency per request (ms), to widen the window a kill can land in. */
  latencyMs: () => number = () => 0;
  private readonly sockets = new Set<Socket>();
  private readonly hanging = new Set<ServerResponse>();
  private seq = 0;

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  /** Stop listening and cut every connection: clients get ECONNREFUSED. */
  async down(): Promise<void> {
    for (const r of this.hanging) r.destroy();
    this.hanging.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  up(): Promise<this> {
    return this.start(this.port);
  }

  stop(): Promise<void> {
    return this.down();
  }

  bodies(): WireSubmission[] {
    return this.order.map((k) => this.committed.get(k)!.body);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const key = header(req, 'idempotency-key');
    const terminal = header(req, 'x-terminal-id');
    this.requests.push({ method: req.method ?? '', path: url.pathname, ...(key ? { key } : {}), ...(terminal ? { terminal } : {}) });
    const text = await readBody(req);
    const behaviour = this.queue.shift() ?? this.pick?.() ?? this.always;
    const delay = this.latencyMs();
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (behaviour.kind === 'hang') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    if (behaviour.kind === 'status') {
      const headers: Record<string, string> = behaviour.retryAfterSec !== undefined ? { 'Retry-After': String(behaviour.retryAfterSec) } : {};
      return json(res, behaviour.status, { code: behaviour.code ?? `E${behaviour.status}`, message: 'told to fail by the test' }, headers);
    }
    if (behaviour.kind === 'badBody') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end('{"unexpected":true}');
    }
    if (!terminal) return json(res, 401, { code: 'UNAUTHORIZED', message: 'X-Terminal-Id missing' });

    const kindPath = Object.entries(SUBMIT_PATHS).find(([, p]) => p === url.pathname);
    if (req.method === 'POST' && kindPath) {
      if (!key) return json(res, 400, { code: 'VALIDATION_FAILED', message: 'Idempotency-Key header required' });
      const parsed = WireSubmission.safeParse(safeJson(text));
      if (!parsed.success || parsed.data.kind !== kindPath[0]) return json(res, 422, { code: 'VALIDATION_FAILED', message: parsed.success ? 'kind does not match the path' : parsed.error.message });
      const seen = this.committed.get(key);
      if (seen) {
        if (JSON.stringify(seen.body) !== JSON.stringify(parsed.data)) return json(res, 409, { code: 'IDEMPOTENCY_CONFLICT', message: 'key reused with another body' });
        seen.replays++;
        return json(res, 200, { caseNo: seen.body.caseNo, platformRef: seen.platformRef, receivedAt: seen.receivedAt }, { 'Idempotent-Replayed': 'true' });
      }
      for (const c of this.committed.values()) {
        if (c.body.caseNo === parsed.data.caseNo) return json(res, 409, { code: 'CASE_NUMBER_CONFLICT', message: 'case number exists under another key' });
      }
      const c: Committed = { key, body: parsed.data, platformRef: `P${++this.seq}`, receivedAt: new Date().toISOString(), replays: 0 };
      this.committed.set(key, c);
      this.order.push(key);
      if (behaviour.kind === 'dropAfterCommit') return void req.socket.destroy();
      return json(res, 201, { caseNo: c.body.caseNo, platformRef: c.platformRef, receivedAt: c.receivedAt });
    }
    const caseMatch = /^\/v1\/cases\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && caseMatch) {
      const caseNo = decodeURIComponent(caseMatch[1]!);
      const c = [...this.committed.values()].find((x) => x.body.caseNo === caseNo);
      return c ? json(res, 200, toCase(c)) : json(res, 404, { code: 'CASE_NOT_FOUND', message: 'no such case' });
    }
    if (req.method === 'POST' && url.pathname === '/v1/cases/search') {
      const q = WireCaseSearch.safeParse(safeJson(text));
      if (!q.success) return json(res, 422, { code: 'VALIDATION_FAILED', message: q.error.message });
      return json(res, 200, { cases: [...this.committed.values()].filter((c) => c.body.applicant?.idNumber === q.data.idNumber).map(toCase) });
    }
    if (req.method === 'POST' && url.pathname === '/v1/records/query') {
      const q = WireRecordQuery.safeParse(safeJson(text));
      if (!q.success) return json(res, 422, { code: 'VALIDATION_FAILED', message: q.error.message });
      const r = this.records.get(q.data.idNumber)?.find((x) => x.recordType === q.data.recordType);
      return r ? json(res, 200, r) : json(res, 404, { code: 'RECORD_NOT_FOUND', message: 'no record' });
    }
    if (req.method === 'GET' && url.pathname === '/v1/catalog') {
      if (url.searchParams.get('since') === this.catalogVersion) {
        res.writeHead(304);
        return void res.end();
      }
      return json(res, 200, { version: this.catalogVersion, items: [{ code: 'X1' }] });
    }
    json(res, 404, { code: 'NOT_FOUND', message: 'no such endpoint' });
  }
}

function toCase(c: Committed): WireCase {
  return {
    caseNo: c.body.caseNo,
    kind: c.body.kind,
    itemCode: c.body.itemCode,
    acceptedAt: c.body.acceptedAt,
    promisedDate: c.body.promisedDate,
    status: 'received',
    events: [{ status: 'received', at: c.receivedAt }],
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
