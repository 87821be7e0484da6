import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, useDaemon } from '../../helpers/daemon';
import { kioskctl } from '../../helpers/kioskctl';
import { waitUntil } from '../../helpers/wait';

// kioskctl evaldisplay test against one running daemon with the simulated
// Nextion evaluation display: the test QR goes to the device through the
// daemon's API, a press there (the simulator's rate control) is the answer,
// and nothing is recorded as a rating.

interface Health {
  devices: Array<{ device: string; state: string; detail: { showing?: string | null } }>;
  evaluation: { showing: string | null };
  outbox: { depth: { evaluation: number } };
}

describe('kioskctl evaldisplay test (running daemon, simulated Nextion)', { timeout: 60_000 }, () => {
  const rig = useDaemon({ beforeAll, afterAll });
  const health = async () => (await (await fetch(`${rig.daemon().url}health`)).json()) as Health;
  const evalState = async () => (await health()).devices.find((x) => x.device === 'evalDisplay')!.state;
  const test = (...args: string[]) => kioskctl('evaldisplay', 'test', '-c', rig.daemon().configPath, '--port', String(rig.daemon().port), '--json', ...args);

  it('shows the test QR, prints the level pressed on the device (exit 0), stands it down and records nothing', async () => {
    const run = test('--timeout', '20');
    const eventKey = await waitUntil(async () => (await health()).evaluation.showing, { timeoutMs: 20_000, what: 'the device to show the test invitation' });
    expect(eventKey).toMatch(/^EV-/);
    // The invitation is the daemon's at once; the display shows it once its instructions went over the 9600 baud line.
    // A press before that lands on the idle page and is ignored, as on the real device.
    await waitUntil(async () => (await health()).devices.find((x) => x.device === 'evalDisplay')!.detail.showing, { timeoutMs: 20_000, what: 'the display to show the test QR' });
    expect((await rig.daemon().sim('evalDisplay', 'rate', '4')).status).toBe(200);
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ exit: 0, level: 4, label: '满意', device: { shows: 'qr', rates: true, state: 'online' } });
    const after = await health();
    expect(after.evaluation.showing).toBeNull();
    expect(after.outbox.depth.evaluation).toBe(0);
  });

  it('exit 2 when nothing is pressed within --timeout, the device stood down', async () => {
    const r = await test('--timeout', '1');
    expect(r.code, r.stderr).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ exit: 2, device: { state: 'online' } });
    expect((await health()).evaluation.showing).toBeNull();
  });

  it('exit 5 while a resident’s invitation is on the device, exit 3 with the device unplugged, exit 4 with no daemon', async () => {
    const ws = rig.ws();
    const invited = await call(ws, 'evaluation.invite', {});
    expect(invited.ok).toBe(true);
    const busy = await test();
    expect(busy.code, busy.stderr).toBe(5);
    expect((await health()).evaluation.showing).toBe(invited.result.eventKey);
    await call(ws, 'evaluation.dismiss', { eventKey: invited.result.eventKey });

    await rig.daemon().sim('evalDisplay', 'unplug');
    await waitUntil(async () => (await evalState()) !== 'online', { timeoutMs: 10_000, what: 'the display to go offline' });
    const absent = await test();
    expect(absent.code, absent.stderr).toBe(3);
    expect(JSON.parse(absent.stdout).message).toContain('no evaluation device showed the test');
    await rig.daemon().sim('evalDisplay', 'replug');

    const none = await kioskctl('evaldisplay', 'test', '-c', rig.daemon().configPath, '--port', '9', '--json');
    expect(none.code).toBe(4);
    expect(JSON.parse(none.stdout).message).toContain('no daemon answers');
  });

  // The other device test kioskctl sends to the daemon that holds the device; it shares this file's daemon.
  it('print test goes through the running daemon: its printer prints the test page', async () => {
    const before = (await call(rig.ws(), 'printer.lastJobs', { limit: 20 })).result.jobs.length;
    const r = await kioskctl('print', 'test', '-c', rig.daemon().configPath, '--port', String(rig.daemon().port));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^printed by the running daemon: job \S+: done/);
    const jobs = (await call(rig.ws(), 'printer.lastJobs', { limit: 20 })).result.jobs;
    expect(jobs).toHaveLength(before + 1);
    const text = (jobs.at(-1).lines as string[]).filter((l) => l.trim());
    expect(text.length).toBeGreaterThan(0);
    expect(r.stdout).toContain(text[0]);
  });
});
