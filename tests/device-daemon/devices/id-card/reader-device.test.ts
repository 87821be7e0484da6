import { afterEach, describe, expect, it } from 'vitest';
import { KNOWN_SW3, SAM_STATUS } from '../../../../device-daemon/devices/id-card/codec/sam-status';
import { SAM_COMMANDS } from '../../../../device-daemon/devices/id-card/codec/sam-commands';
import { simCards } from '../../../../device-daemon/devices/id-card/simulator/sim-cards';
import { SerialTransport } from '../../../../device-daemon/devices/transport/serial-transport';
import { errorCode, readerOn, simReader, startSimReader, waitFor, waitState } from './helpers';

type Started = Awaited<ReturnType<typeof startSimReader>>;
let current: Started | undefined;
async function reader(o: Parameters<typeof startSimReader>[0] = {}) {
  current = await startSimReader(o);
  return current;
}
afterEach(async () => {
  await current?.device.stop();
  current = undefined;
});

const READ = SAM_COMMANDS.readBase;
/** The idle watch's first check is over (it would otherwise meet a fault injected for the read). */
const idleChecked = (d: Started['device']) => waitFor(() => d.status().detail.media !== 'unknown', 2000, 'first idle presence check');

describe('reading cards through the real driver and the byte-level simulator', () => {
  it('reads every kind of synthetic card, with the appended address when the card has one', async () => {
    const { device, sim, events } = await reader();
    expect(device.status().detail.samId).toBe('05.01-20260101-0000004104-0000000001');
    for (const id of ['resident-valid', 'resident-young', 'foreign-2023', 'foreign-old', 'hk-permit', 'tw-permit-expired', 'resident-expired']) {
      device.wipeSession();
      sim.swap(id);
      const read = await device.read(3000);
      const { appendedAddress, ...rest } = simCards().get(id)!.record;
      expect(read.record).toMatchObject(rest);
      expect(read.record.appendedAddress).toBe(appendedAddress);
      expect(read.photo.status).toBe('notDecoded');
      expect(read.photo.wlt).toEqual(simCards().get(id)!.wlt);
      expect(device.sessionRecord()).toBe(read);
    }
    expect(events.filter((e) => e.type === 'present')).toHaveLength(7);
    expect(device.status().state).toBe('online');
  });

  it('a read asked while the reader is still starting waits for it instead of failing offline', async () => {
    // The daemon listens before its devices are up, so the page's first card.read can arrive in that moment.
    const r = simReader({ card: 'resident-valid' });
    current = r;
    const starting = r.device.start();
    expect(r.device.status().state).toBe('starting');
    const read = r.device.read(3000);
    await starting;
    expect((await read).record.kind).toBe('resident');
  });

  it('a first open that failed (its SAM answer missed while the daemon starts) is tried again at once by a read, not after the backoff', async () => {
    const r = simReader({ card: 'resident-valid', lifecycle: { retryDelayMs: () => 60_000 } });
    current = r;
    r.sim.injectFault(0x60, false, { cmd: SAM_COMMANDS.samStatus.cmd, para: SAM_COMMANDS.samStatus.para });
    await r.device.start();
    await waitState(r.device, 'hardwareError');
    expect((await r.device.read(3000)).record.kind).toBe('resident');
    expect(r.device.status().state).toBe('online');
  });

  it('waits for a card placed later, announcing it', async () => {
    const { device, sim, events } = await reader();
    const p = device.read(3000);
    await waitFor(() => sim.log.filter((l) => l.cmd === 0x20 && l.para === 0x01).length >= 3, 2000, 'a few polls');
    expect(device.status().state).toBe('busy');
    sim.place('hk-permit');
    expect((await p).record.kind).toBe('hkMacaoTaiwan');
    expect(events[0]).toEqual({ type: 'present' });
  });

  it('a card whose number fails the check digit is unreadable, not trusted', async () => {
    const { device, sim } = await reader({ card: 'resident-badcheck' });
    expect(await errorCode(device.read(2000))).toBe('cardUnreadable');
    expect(device.sessionRecord()).toBeUndefined();
    expect(sim.cardState).toBe('read');
  });

  it('a chip that answers but cannot be read is unreadable (0x41 with the card still there)', async () => {
    const { device } = await reader({ card: 'resident-damaged' });
    expect(await errorCode(device.read(2000))).toBe('cardUnreadable');
  });

  it('no card: noCard at the deadline; cancel: cancelled; a second read meanwhile: busy', async () => {
    const { device } = await reader();
    // The deadline's end is tested, not its length (card.read's 1 s floor is the API's, not the driver's).
    const t0 = performance.now();
    expect(await errorCode(device.read(300))).toBe('noCard');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    const p = errorCode(device.read(5000));
    expect(await errorCode(device.read(5000))).toBe('busy');
    expect(device.cancelRead()).toBe(true);
    expect(await p).toBe('cancelled');
    expect(device.status().state).toBe('online');
  });

  it('the same session gets the held record again; session end zeroes it and the next resident must present a card', async () => {
    const { device, sim } = await reader({ card: 'resident-valid' });
    const first = await device.read(2000);
    const wlt = first.photo.wlt;
    expect(await device.read(2000)).toBe(first);
    expect(device.wipeSession()).toEqual(['idCardReader.cardRecord']);
    expect(device.sessionRecord()).toBeUndefined();
    expect(wlt.every((b) => b === 0)).toBe(true);
    expect(device.wipeSession()).toEqual([]);
    // the used card still lies there: find answers 0x80 until it is lifted and put back
    const p = device.read(3000);
    await waitFor(() => sim.log.slice(-3).some((l) => l.sw3 === 0x80), 2000, 'find 0x80 on a used card');
    sim.swap('resident-valid');
    expect((await p).record.idNumber).toBe('410403195803120023');
  });

  it('announces the removal of a card after it was read (record kept until session end)', async () => {
    const { device, sim, events } = await reader({ card: 'foreign-old' });
    await device.read(2000);
    sim.remove();
    await waitFor(() => events.some((e) => e.type === 'removed'), 2000, 'removed event');
    expect(events.at(-1)).toEqual({ type: 'removed', duringRead: false });
    expect(device.status().detail.media).toBe('notPresent');
    expect(device.sessionRecord()?.record.kind).toBe('foreignPermanent');
  });
});

describe('a card lying in the reader while no read runs', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  it('a card laid before the driver starts is reported placed without a read; one the module holds as read (left after a session, or across a daemon restart) present; lifted, absent', async () => {
    // The module outlives the driver: two drivers in turn on one simulated port, as a daemon restart without a power cycle.
    const { sim, port } = simReader({ card: 'resident-valid' });
    cleanups.push(() => sim.stop());
    const driver = () => readerOn(new SerialTransport({ path: port.path, baudRate: 115200, binding: port.binding }), 'simulated', cleanups, { idlePollMs: 40 });
    const first = driver();
    await first.start();
    // Not read yet: about to be used, not left behind (the reminder is not for it).
    await waitFor(() => first.status().detail.media === 'placed', 2000, 'media placed at start');
    expect(sim.received.some((r) => r.cmd === READ.cmd)).toBe(false);
    expect(first.status().state).toBe('online');
    await first.read(2000);
    await waitFor(() => first.status().detail.media === 'present', 2000, 'media present once read');
    await first.stop();
    expect(sim.cardState).toBe('read');

    const second = driver();
    await second.start();
    await waitFor(() => second.status().detail.media === 'present', 2000, 'media present after the restart');
    expect(second.status().state).toBe('online');
    sim.remove();
    await waitFor(() => second.status().detail.media === 'notPresent', 2000, 'media notPresent once lifted');
    sim.place('hk-permit');
    await waitFor(() => second.status().detail.media === 'placed', 2000, 'media placed when laid again');
    expect((await second.read(2000)).record.kind).toBe('hkMacaoTaiwan');
  });

  it('a presence check the driver gave up on (the module slow, or the daemon stalled) answers late while a read’s find waits: the read still succeeds', async () => {
    const { device, sim } = await reader();
    const ADDRESS = SAM_COMMANDS.readAppendedAddress;
    // The idle watch's check on an empty reader: find (80), then the appended address, which this time takes 1.5 s (its deadline is ~1.06 s).
    sim.timing = { ...sim.timing, addressMs: 1500 };
    await waitFor(() => sim.received.some((r) => r.cmd === ADDRESS.cmd && r.para === ADDRESS.para), 2000, 'the presence check sent');
    sim.timing = { ...sim.timing, addressMs: 0 };
    // After the driver has given up, before the late 41 ("nothing to read") arrives, a resident lays a card and the page reads.
    await new Promise((r) => setTimeout(r, 1200));
    sim.place('resident-valid');
    const read = await device.read(3000);
    expect(read.record.name).toBe(simCards().get('resident-valid')!.record.name);
    expect(device.status().state).toBe('online');
  });
});

describe('card removed mid-read', () => {
  it('during the RF read at several moments: cardRemoved (module answers 0x41)', async () => {
    const { device, sim, events } = await reader({ simTiming: { readMs: 240 } });
    for (const delay of [0, 60, 180, 235]) {
      sim.place('resident-young');
      const before = sim.received.length;
      const p = errorCode(device.read(3000));
      await waitFor(() => sim.received.slice(before).some((r) => r.cmd === READ.cmd && r.para === READ.para), 2000, 'read request at the module');
      // Timed from the request's arrival at the module, not from when the poll above noticed it: 235 ms leaves 5 ms of the window.
      const arrived = sim.received.slice(before).find((r) => r.cmd === READ.cmd && r.para === READ.para)!.at;
      await new Promise((r) => setTimeout(r, Math.max(0, arrived + delay - performance.now())));
      sim.remove();
      expect(await p, `pulled ${delay} ms into the read`).toBe('cardRemoved');
      expect(events.at(-1)).toEqual({ type: 'removed', duringRead: true });
    }
    sim.place('resident-young');
    expect((await device.read(2000)).record.name).toBe('石磊');
  });

  it('pulled the moment it was found (before the select): cardRemoved at the next answer, not the deadline; put back, it is read afresh', async () => {
    // Module times as a real reader (find ~60 ms, select ~40 ms): the card leaves inside the select's window.
    const { device, sim, events } = await reader({ timing: 'realistic' });
    const control = device.simulator!;
    let atPresent = -1;
    const offPresent = device.onCard((e) => {
      if (e.type !== 'present') return;
      atPresent = sim.received.length;
      void control.perform('removeCard');
    });
    const p = errorCode(device.read(4000));
    await control.perform('insertCard', 'resident-young');
    expect(await p).toBe('cardRemoved');
    expect(events.at(-1)).toEqual({ type: 'removed', duringRead: true });
    // Ended by the module's own answers — the select it refused and one find that saw no card — not by polling out the deadline.
    const after = sim.received.slice(atPresent).map((r) => `${r.cmd.toString(16)} ${r.para.toString(16)}`);
    expect(after).toEqual(['20 2', '20 1']);
    offPresent();
    // The idle watch's check after the failed read (a find, then the appended-address probe) is over before the card goes back.
    await waitFor(() => sim.log.at(-1)?.cmd === 0x30 && sim.log.at(-1)?.para === 0x03, 2000, 'idle presence check');
    // The resident puts the card back: the next read finds, selects and reads it from the start.
    await control.perform('insertCard', 'resident-young');
    const before = sim.received.length;
    expect((await device.read(4000)).record.name).toBe('石磊');
    expect(sim.received.slice(before).map((r) => `${r.cmd.toString(16)} ${r.para.toString(16)}`)).toEqual(['20 1', '20 2', '30 1', '30 3']);
  });

  it('a module that stops streaming at several byte offsets of the reply: cardRemoved, and the link resynchronises', async () => {
    const { device, sim } = await reader({ removalMode: 'truncate' });
    // Why each command failed, as the client saw it (the device only reports cardRemoved).
    const failures: string[] = [];
    const exec = device.client.exec.bind(device.client);
    device.client.exec = (...a: Parameters<typeof exec>) =>
      exec(...a).catch((e: Error) => {
        failures.push(e.message);
        throw e;
      });
    for (const offset of [3, 7, 14, 300, 1000, 1294]) {
      device.wipeSession();
      sim.place('hk-permit');
      sim.pullCardDuringReply(offset);
      failures.length = 0;
      const t0 = performance.now();
      expect(await errorCode(device.read(6000)), `pulled at reply byte ${offset}`).toBe('cardRemoved');
      console.log(`reply cut at byte ${offset}: cardRemoved after ${Math.round(performance.now() - t0)} ms (${failures[0]})`);
      // Once the preamble is in, the inter-byte timeout ends a cut reply (not the ~3.7 s command deadline);
      // fewer than 5 bytes could be line noise, so that case waits for the deadline.
      expect(failures[0], `cut at ${offset}`).toMatch(offset >= 5 ? new RegExp(`^the reply to readBase stopped after ${offset} bytes$`) : /^no reply to readBase within \d+ ms$/);
      sim.place('hk-permit');
      expect((await device.read(3000)).record.passNumber, `next read after cut at ${offset}`).toBe('H90000001');
    }
    expect(device.client.stats.timeouts).toBeGreaterThanOrEqual(6);
  });

  it('a buffering module finishes the reply it holds: removal during the reply gives the record, then card.removed', async () => {
    const { device, sim, events } = await reader();
    for (const offset of [1, 640, 1290]) {
      device.wipeSession();
      events.length = 0;
      sim.place('foreign-2023');
      sim.pullCardDuringReply(offset);
      const read = await device.read(3000);
      expect(read.record.englishName).toBe('SCHMIDT-WEBER, ANNA KATHARINA MARIA SAMPLE');
      await waitFor(() => events.some((e) => e.type === 'removed'), 2000, 'removed after read');
    }
  });

  it('a module that falls silent when the card goes: cardRemoved after the command deadline, reader still online', async () => {
    const { device, sim } = await reader({ removalMode: 'silent', simTiming: { readMs: 200 } });
    sim.place('resident-valid');
    const p = errorCode(device.read(8000));
    await waitFor(() => sim.received.some((r) => r.cmd === READ.cmd && r.para === READ.para), 2000, 'read request at the module');
    const t0 = performance.now();
    sim.remove();
    expect(await p).toBe('cardRemoved');
    expect(performance.now() - t0).toBeGreaterThan(3000); // no reply: the host waited for its deadline
    expect(sim.log.some((l) => l.cmd === READ.cmd && l.sw3 === null)).toBe(true);
    expect(device.status().state).toBe('online');
  }, 10_000);
});

describe('status codes', () => {
  // What a read ends with when the module answers this SW3 to the read command itself.
  const expectedAtRead = (sw3: number): string => {
    const st = SAM_STATUS[sw3]!;
    if (st.samFault) return 'samError';
    if (st.class === 'noCard') return 'cardRemoved'; // the card was found and selected: "not found" now means it left
    if (st.class === 'readFailed') return 'cardUnreadable'; // card still there (find answers 9F)
    if (st.class === 'cardUnreadable') return 'cardUnreadable';
    return 'hardwareError'; // host frame errors, bad command
  };
  const failing = KNOWN_SW3.filter((c) => ![0x90, 0x9f, 0x91].includes(c));

  it('every documented failure code at the read ends the read with its mapped error', async () => {
    const { device, sim } = await reader({ lifecycle: { retryDelayMs: () => 20 } });
    const seen: Record<string, string> = {};
    for (const sw3 of [...failing, 0x55]) {
      await waitState(device, 'online');
      device.wipeSession();
      sim.swap('resident-valid');
      sim.injectFault(sw3, false, { cmd: READ.cmd, para: READ.para });
      seen[sw3.toString(16)] = await errorCode(device.read(3000));
    }
    const want = Object.fromEntries([...failing.map((c) => [c.toString(16), expectedAtRead(c)]), ['55', 'samError']]);
    expect(seen).toEqual(want);
  });

  it('SAM fault while polling: samError, device hardwareError, then back online when the module recovers', async () => {
    const { device, sim } = await reader();
    await idleChecked(device);
    sim.injectFault(0x60);
    expect(await errorCode(device.read(2000))).toBe('samError');
    expect(device.status().state).toBe('hardwareError');
    expect(device.status().reason).toContain('0x60');
    expect(await errorCode(device.read(2000))).toBe('hardwareError');
    await waitState(device, 'online');
    sim.place('resident-valid');
    expect((await device.read(2000)).record.name).toBe('林晓禾');
  });

  it('a persistent SAM fault keeps the reader in hardwareError until power-cycled', async () => {
    const { device, sim, port } = await reader();
    await idleChecked(device);
    sim.injectFault(0x66, true);
    expect(await errorCode(device.read(2000))).toBe('samError');
    // every reopen attempt meets the fault again: the status check fails and the reader stays out of service
    await waitFor(() => device.status().state === 'hardwareError' && (device.status().reason ?? '').includes('SAM status check failed'), 3000, 'failed reopen');
    // Another reopen meets the fault again (a status check after the first failed one) and the reader is still out of service.
    const statusChecks = () => sim.received.filter((r) => r.cmd === SAM_COMMANDS.samStatus.cmd && r.para === SAM_COMMANDS.samStatus.para).length;
    const seen = statusChecks();
    await waitFor(() => statusChecks() > seen && device.status().state === 'hardwareError', 5000, 'a second failed reopen');
    expect(device.status().state).not.toBe('online');
    expect(await errorCode(device.read(500))).toMatch(/^(hardwareError|offline)$/);
    port.unplug();
    port.replug();
    device.attached();
    await waitState(device, 'online');
  });
});

describe('unplug and replug', () => {
  it('unplugged mid-read: transportLost; noDevice while away; online again after replug, and reads', async () => {
    const { device, sim, port } = await reader({ simTiming: { readMs: 150 } });
    sim.place('resident-valid');
    const p = errorCode(device.read(3000));
    await waitFor(() => sim.received.some((r) => r.cmd === READ.cmd && r.para === READ.para), 2000, 'read request at the module');
    port.unplug();
    expect(await p).toBe('transportLost');
    await waitState(device, 'noDevice');
    expect(await errorCode(device.read(1000))).toBe('noDevice');
    port.replug();
    device.attached();
    await waitState(device, 'online');
    expect((await device.read(2000)).record.name).toBe('林晓禾');
  });

  it('starts unplugged: noDevice, then online once plugged in (backoff retry finds it)', async () => {
    const { device, port } = await reader({ startUnplugged: true });
    expect(device.status().state).toBe('noDevice');
    port.replug();
    await waitState(device, 'online', 3000);
  });
});
