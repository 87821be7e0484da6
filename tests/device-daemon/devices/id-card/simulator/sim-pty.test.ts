import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ByteTransport } from '../../../../../device-daemon/devices/transport/byte-transport';
import { SerialTransport } from '../../../../../device-daemon/devices/transport/serial-transport';
import { SamSimulator, INSTANT_TIMING } from '../../../../../device-daemon/devices/id-card/simulator/sam-simulator';
import { SimPty } from '../../../../../device-daemon/devices/id-card/simulator/sim-pty';
import { simCard } from '../../../../../device-daemon/devices/id-card/simulator/sim-cards';
import { errorCode, readerOn, waitFor, waitState } from '../helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const device = (transport: ByteTransport, driver: string) => readerOn(transport, driver, cleanups);

describe('serial transport on a real pseudo-terminal (native serialport binding, python3 pty)', () => {
  it('reads cards of every kind at 115200, paced at the wire rate', async () => {
    const sim = new SamSimulator({ timing: INSTANT_TIMING });
    const link = join(tmpdir(), `idcard-test-${process.pid}-${Date.now()}`);
    const pty = new SimPty(sim, link, 115200);
    cleanups.push(() => pty.stop());
    await pty.plug();
    const d = device(new SerialTransport({ path: link, baudRate: 115200 }), 'serial');
    await d.start();
    expect(d.status().state).toBe('online');
    for (const id of ['resident-young', 'foreign-2023', 'foreign-old', 'hk-permit']) {
      d.wipeSession();
      sim.swap(id);
      const t0 = performance.now();
      const read = await d.read(3000);
      const ms = performance.now() - t0;
      expect(read.record.idNumber).toBe(simCard(id).record.idNumber);
      // find + select + read + appended address ≈ 1450 bytes ≈ 126 ms on the wire; it cannot be faster than the wire
      expect(ms).toBeGreaterThan(110);
    }
  });

  it('a reply that kept coming while the daemon was busy is read, not cut as a reply that stopped mid-frame', async () => {
    const sim = new SamSimulator({ timing: INSTANT_TIMING });
    const link = join(tmpdir(), `idcard-test-${process.pid}-${Date.now()}-s`);
    const pty = new SimPty(sim, link, 115200);
    cleanups.push(() => pty.stop());
    await pty.plug();
    const transport = new SerialTransport({ path: link, baudRate: 115200 });
    const d = device(transport, 'serial');
    await d.start();
    sim.place('resident-valid');
    // The first bytes of the read's reply (~1,300 bytes, ~113 ms on the wire) are in; then the event loop is held for
    // 400 ms (a burst of the daemon's own work), longer than the 250 ms of silence that end a frame. The rest of the
    // reply arrives meanwhile and waits in the pty; Node runs due timers before it reads them.
    let held = false;
    transport.onData(() => {
      if (held || !sim.received.some((r) => r.cmd === 0x30 && r.para === 0x01)) return;
      held = true;
      const end = Date.now() + 400;
      while (Date.now() < end) {
        // busy: no timer, no I/O callback runs
      }
    });
    const read = await d.read(3000);
    expect(held).toBe(true);
    expect(read.record.name).toBe('林晓禾');
  });

  it('unplug mid-read ends the read with transportLost; the reader is found again under the same path after replug', async () => {
    const sim = new SamSimulator({ timing: { ...INSTANT_TIMING, readMs: 150 } });
    const link = join(tmpdir(), `idcard-test-${process.pid}-${Date.now()}-b`);
    const pty = new SimPty(sim, link, 115200);
    cleanups.push(() => pty.stop());
    await pty.plug();
    const d = device(new SerialTransport({ path: link, baudRate: 115200 }), 'serial');
    await d.start();
    sim.place('resident-valid');
    const p = errorCode(d.read(3000));
    await waitFor(() => sim.received.some((r) => r.cmd === 0x30 && r.para === 0x01), 2000, 'read request');
    await pty.unplug();
    expect(await p).toBe('transportLost');
    await waitFor(() => ['offline', 'noDevice'].includes(d.status().state), 2000, 'offline');
    await pty.replug();
    await waitState(d, 'online', 8000); // python start-up plus one backoff step; generous for a loaded CI box
    expect((await d.read(2000)).record.name).toBe('林晓禾');
  });
});
