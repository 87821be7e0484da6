import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { replyDeadline } from '../../../../device-daemon/devices/transport/reply-deadline';

/** Keep the event loop busy for `ms`, as a burst of the daemon's own work does. */
function stall(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // busy: no timer, no I/O callback runs
  }
}

/**
 * A peer that answers "x" on its stdout as soon as it reads anything on its
 * stdin: a device answering over a real pipe, in another process, while this
 * one is stalled.
 */
async function peer() {
  const child = spawn(process.execPath, ['-e', 'process.stdout.write("ready");process.stdin.once("data",()=>process.stdout.write("x"))'], { stdio: ['pipe', 'pipe', 'inherit'] });
  await once(child.stdout, 'data');
  return child;
}

describe('reply deadline', () => {
  it('a reply that came in while this process stalled is read before the deadline expires', async () => {
    const child = await peer();
    try {
      const events: string[] = [];
      const answered = new Promise<void>((resolve) =>
        child.stdout.once('data', () => {
          events.push('reply');
          deadline.cancel();
          resolve();
        }),
      );
      const deadline = replyDeadline(50, () => events.push('expired'));
      child.stdin.write('ask');
      stall(400); // the answer arrives within a few ms, but nobody reads it for 400 ms
      await answered;
      expect(events).toEqual(['reply']);
    } finally {
      child.kill();
    }
  });

  it('a device that does not answer still expires: after the deadline, plus at most the stalled time given back', async () => {
    const started = performance.now();
    const expired = new Promise<number>((resolve) => replyDeadline(50, () => resolve(performance.now() - started), { maxExtensionMs: 300 }));
    stall(200);
    const after = await expired;
    expect(after).toBeGreaterThanOrEqual(200);
    // Not forever: 200 ms of stall given back at most once more, then the final turn.
    expect(after).toBeLessThan(200 + 300 + 1000);
  });

  it('without a stall it expires on time and never after a cancel', async () => {
    const started = performance.now();
    await new Promise<void>((resolve) => replyDeadline(30, resolve));
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
    let fired = false;
    const d = replyDeadline(10, () => {
      fired = true;
    });
    d.cancel();
    await new Promise<void>((resolve) => replyDeadline(40, resolve));
    expect(fired).toBe(false);
  });
});
