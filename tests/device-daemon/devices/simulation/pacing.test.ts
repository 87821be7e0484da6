import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PacedLine, paced, uartBytesPerSecond } from '../../../../device-daemon/devices/simulation/pacing';

// The wire clock is faked: each chunk must arrive when its last byte would
// have, whatever the machine's load. Timers count whole milliseconds, so a
// chunk may come up to 1 ms before its ideal time, never later.

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => i & 0xff));

/** Each time within the last whole millisecond before its ideal time. */
function onTime(at: number[], ideal: number[]) {
  expect(at).toHaveLength(ideal.length);
  at.forEach((t, i) => {
    expect(t, `#${i}`).toBeLessThanOrEqual(ideal[i]!);
    expect(t, `#${i}`).toBeGreaterThan(ideal[i]! - 1);
  });
}

/** Records what arrives and when (fake ms since the start). */
function sink() {
  const t0 = performance.now();
  const got: Array<{ at: number; chunk: Buffer }> = [];
  return { got, fn: (chunk: Buffer) => void got.push({ at: performance.now() - t0, chunk }) };
}

describe('paced', () => {
  it('a chunk due in under a millisecond still waits for the next turn of the event loop, as an I/O callback does', async () => {
    const order: string[] = [];
    // 1 byte at 115200 baud is 87 µs of wire: no timer is due, yet the sender's turn must end first.
    setImmediate(() => order.push('a callback already queued'));
    const done = paced(bytes(1), uartBytesPerSecond(115_200), () => void order.push('delivered'));
    order.push('sender continues');
    await vi.runAllTimersAsync();
    expect(await done).toBe(1);
    expect(order).toEqual(['sender continues', 'a callback already queued', 'delivered']);
  });

  it('hands over each slice when its last byte would have arrived at the line rate', async () => {
    const s = sink();
    // 9600 baud = 960 B/s; 4 ms slices of 4 bytes (3.84 rounded); 10 bytes → 4, 4, 2
    const done = paced(bytes(10), uartBytesPerSecond(9600), s.fn);
    await vi.runAllTimersAsync();
    expect(await done).toBe(10);
    expect(s.got.map((g) => g.chunk.length)).toEqual([4, 4, 2]);
    onTime(
      s.got.map((g) => g.at),
      [4.17, 8.33, 10.42],
    );
    expect(Buffer.concat(s.got.map((g) => g.chunk))).toEqual(bytes(10));
  });

  it('a late timer delivers a bigger burst instead of drifting: the end stays at the wire time', async () => {
    const s = sink();
    const done = paced(bytes(40), 960, s.fn); // 41.7 ms of wire time
    vi.advanceTimersByTime(30); // the loop sleeps through 30 ms (a busy event loop) …
    await vi.runAllTimersAsync();
    expect(await done).toBe(40);
    onTime([s.got.at(-1)!.at], [41.67]);
  });

  it('cutAt delivers exactly that many bytes, splitting the slice that holds the cut', async () => {
    const s = sink();
    const done = paced(bytes(100), 11_520, s.fn, { cutAt: 61 }); // 46-byte slices at 115200 baud
    await vi.runAllTimersAsync();
    expect(await done).toBe(61);
    expect(s.got.map((g) => g.chunk.length)).toEqual([46, 15]);
    expect(Buffer.concat(s.got.map((g) => g.chunk))).toEqual(bytes(61));
  });

  it('abort is asked before each slice with the bytes sent so far, and stops the rest', async () => {
    const s = sink();
    const asked: number[] = [];
    const done = paced(bytes(20), 960, s.fn, {
      abort: (sent) => {
        asked.push(sent);
        return sent >= 8;
      },
    });
    await vi.runAllTimersAsync();
    expect(await done).toBe(8);
    expect(asked).toEqual([0, 4, 8]);
  });
});

describe('PacedLine', () => {
  it('queues transfers: the second starts when the first has left, in order, and says so', async () => {
    const line = new PacedLine();
    const s = sink();
    const starts: number[] = [];
    const t0 = performance.now();
    const a = line.send(bytes(8), 960, s.fn, { onStart: () => starts.push(performance.now() - t0) });
    const b = line.send(Buffer.from([0xaa, 0xbb]), 960, s.fn, { onStart: () => starts.push(performance.now() - t0) });
    await vi.runAllTimersAsync();
    expect([await a, await b]).toEqual([8, 2]);
    expect(Buffer.concat(s.got.map((g) => g.chunk))).toEqual(Buffer.concat([bytes(8), Buffer.from([0xaa, 0xbb])]));
    expect(starts[0]).toBe(0);
    onTime([starts[1]!, s.got.at(-1)!.at], [8.33, 8.33 + 2.08]);
  });

  it('a transfer whose sink throws fails alone; the line carries on', async () => {
    const line = new PacedLine();
    const s = sink();
    const bad = line.send(bytes(2), 960, () => {
      throw new Error('sink gone');
    });
    const good = line.send(bytes(2), 960, s.fn);
    const badResult = expect(bad).rejects.toThrow('sink gone');
    await vi.runAllTimersAsync();
    await badResult;
    expect(await good).toBe(2);
    await line.idle();
  });
});
