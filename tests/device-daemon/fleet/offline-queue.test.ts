import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OfflineQueue } from '../../../device-daemon/fleet/offline-queue';

const dir = mkdtempSync(join(tmpdir(), 'kiosk-fleet-queue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('OfflineQueue', () => {
  it('keeps order, drops the oldest first when full and counts the drops', () => {
    const q = new OfflineQueue(':memory:', 3);
    for (let i = 0; i < 5; i++) q.push('t', String(i));
    expect(q.peek(10).map((m) => m.payload)).toEqual(['2', '3', '4']);
    expect(q.status()).toEqual({ depth: 3, dropped: 2 });
    q.remove(q.peek(1)[0]!.id);
    expect(q.peek(10).map((m) => m.payload)).toEqual(['3', '4']);
    q.close();
  });

  it('keeps what was not sent, and the drop count, across a restart', () => {
    const file = join(dir, 'fleet-queue.db');
    const a = new OfflineQueue(file, 2);
    for (const p of ['a', 'b', 'c']) a.push('t', p);
    a.close();
    const b = new OfflineQueue(file, 2);
    expect(b.peek(10).map((m) => m.payload)).toEqual(['b', 'c']);
    expect(b.status()).toEqual({ depth: 2, dropped: 1 });
    b.close();
  });
});
