import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, spawnDaemon, type SpawnedDaemon } from '../../helpers/daemon';
import { waitUntil } from '../../helpers/wait';

/** systemd's notification socket, played by tests/helpers/notify-socket.py: every message the daemon's systemd-notify sends, in order. */
async function fakeNotifySocket(dir: string): Promise<{ path: string; messages: string[]; proc: ChildProcess }> {
  const path = join(dir, 'notify.sock');
  const proc = spawn('python3', [join(ROOT, 'tests/helpers/notify-socket.py'), path], { stdio: ['ignore', 'pipe', 'inherit'] });
  const messages: string[] = [];
  let bound = false;
  let buf = '';
  proc.stdout!.on('data', (c: Buffer) => {
    buf += c.toString();
    const lines = buf.split('\n');
    buf = lines.pop()!;
    for (const l of lines) {
      if (l === 'bound') bound = true;
      else messages.push(l);
    }
  });
  await waitUntil(() => bound, { what: 'the notify socket bound', timeoutMs: 10_000 });
  return { path, messages, proc };
}

describe('under systemd (Type=notify): READY=1 after it listens, WATCHDOG=1 while healthy, STOPPING=1 on shutdown', () => {
  let d: SpawnedDaemon | undefined;
  let sock: ChildProcess | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await d?.stop();
    sock?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
    d = sock = dir = undefined;
  });

  it('the compiled daemon notifies through systemd-notify', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-notify-'));
    const notify = await fakeNotifySocket(dir);
    sock = notify.proc;
    // WatchdogSec=0.6: a ping every 200 ms.
    d = await spawnDaemon({ env: { NOTIFY_SOCKET: notify.path, WATCHDOG_USEC: '600000' } });
    await waitUntil(() => notify.messages.filter((m) => m === 'WATCHDOG=1').length >= 2, { what: 'two watchdog pings', timeoutMs: 15_000 });
    const ready = notify.messages.findIndex((m) => m.startsWith('READY=1'));
    expect(ready).toBe(0);
    expect(notify.messages[0]).toBe(`READY=1;STATUS=listening on ${d.url}`);
    const exited = new Promise((r) => d!.proc.once('exit', r));
    d.proc.kill('SIGTERM');
    await exited;
    await waitUntil(() => notify.messages.includes('STOPPING=1'), { what: 'STOPPING=1', timeoutMs: 10_000 });
  });
});
