import type { ServerResponse } from 'node:http';

/**
 * Server-sent events to signed-in staff pages: `call` when a resident asks
 * for staff (the page shows it at once), `changed` when anything else the
 * view lists changed (the page fetches the overview again).
 */
export class StaffStream {
  private readonly open_ = new Set<ServerResponse>();

  open(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write(': connected\n\n');
    this.open_.add(res);
    res.on('close', () => this.open_.delete(res));
  }

  send(event: 'call' | 'changed', data: unknown): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of this.open_) res.write(frame);
  }

  close(): void {
    for (const res of this.open_) res.end();
    this.open_.clear();
  }
}
