import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CommandError, DaemonClient } from '../../../kiosk-ui/src/client/daemon-client';
import { BUSY_RETRIES } from '../../../kiosk-ui/src/client/busy-retry';

// The page's client against the daemon's per-connection limits: a read the
// daemon refused as tooManyRequests (it did not run) is sent again after the
// wait the daemon names; an action is handed back to the screen at once.

/** A WebSocket the test answers: records what the client sent. */
class FakeSocket {
  static readonly OPEN = 1;
  static last: FakeSocket | undefined;
  readyState = 0;
  readonly sent: Array<{ id: string; name: string }> = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor() {
    FakeSocket.last = this;
  }
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close() {}
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  answer(msg: object) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  refuse(retryAfterMs: number) {
    const cmd = this.sent.at(-1)!;
    this.answer({ kind: 'completion', id: cmd.id, ok: false, error: { code: 'tooManyRequests', message: 'more than 10 commands per second', detail: { retryAfterMs } } });
  }
}

describe('daemon client and tooManyRequests', () => {
  let ws: FakeSocket;
  let client: DaemonClient;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeSocket);
    client = new DaemonClient({ url: 'ws://test/api', token: 't', WebSocketImpl: FakeSocket as unknown as typeof WebSocket });
    client.connect();
    ws = FakeSocket.last!;
    ws.open();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('a refused read is sent again after the wait the daemon names, and its answer is the result', async () => {
    const result = client.call('system.ping', {});
    expect(ws.sent).toHaveLength(1);
    ws.refuse(400);
    await vi.advanceTimersByTimeAsync(399);
    expect(ws.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(ws.sent.map((c) => c.name)).toEqual(['system.ping', 'system.ping']);
    const ping = ws.sent[1]!;
    ws.answer({ kind: 'completion', id: ping.id, ok: true, result: { time: '2026-11-30T15:00:00.000Z' } });
    await expect(result).resolves.toEqual({ time: '2026-11-30T15:00:00.000Z' });
  });

  it('a read refused every time is handed back after its retries', async () => {
    const result = client.call('catalog.item', { id: 'WD-KIOSK-001' });
    const failed = expect(result).rejects.toMatchObject({ code: 'tooManyRequests' });
    for (let i = 0; i <= BUSY_RETRIES; i++) {
      expect(ws.sent).toHaveLength(i + 1);
      ws.refuse(100);
      await vi.advanceTimersByTimeAsync(100);
    }
    await failed;
    expect(ws.sent).toHaveLength(BUSY_RETRIES + 1);
  });

  it('a refused action (a print) is handed back at once, never sent again', async () => {
    const result = client.call('printer.testPage', {});
    const failed = expect(result).rejects.toBeInstanceOf(CommandError);
    ws.refuse(100);
    await failed;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ws.sent).toHaveLength(1);
  });
});
