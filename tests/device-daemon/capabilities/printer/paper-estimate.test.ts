import { describe, expect, it } from 'vitest';
import { storeCapabilities } from '../../../../device-daemon/capabilities';
import { createPrinterCapability } from '../../../../device-daemon/capabilities/printer';
import { TelemetrySource } from '../../../../device-daemon/capabilities/fleet/telemetry';
import type { CapabilityContext, Devices } from '../../../../device-daemon/capability';
import type { ReceiptDoc } from '../../../../device-daemon/devices/printer/layouts/doc';
import { PrintQueue } from '../../../../device-daemon/devices/printer/print-queue';
import type { DeviceRegistry } from '../../../../device-daemon/devices/registry';
import { harnessPerTest, testConfig } from '../harness';

const harness = harnessPerTest();

/** A printer whose every job "prints" a layout of `mm` rendered height: the queue, counters and listeners are the real ones. */
function printerFeeding(mm: number) {
  const queue = new PrintQueue(async (job, setState) => {
    job.paperMm = mm;
    setState('done');
  });
  const printer = { queue, transportName: 'test', profile: {}, printerCondition: undefined } as unknown as NonNullable<Devices['printer']>;
  const registry = { get: () => undefined, wipeSession: () => [], statuses: () => [], onSwap: () => () => {} } as unknown as DeviceRegistry;
  return { printer, registry, print: () => new Promise((resolve) => queue.onJobDone(resolve)).then(() => undefined) };
}

const sheet = {} as ReceiptDoc;

describe('paper left on the roll', () => {
  it('counts each printed layout against the configured roll, keeps it across a restart, starts again at a new roll; /health and telemetry show it', async () => {
    const { config, dir } = testConfig();
    config.devices.printer.profile.rollLengthM = 10;
    const dev = printerFeeding(2400);
    let ctx: CapabilityContext | undefined;
    const start = () =>
      harness({
        config,
        dir,
        devices: { printer: dev.printer, registry: dev.registry },
        capabilities: (c) => {
          ctx = c;
          return [...storeCapabilities(c), createPrinterCapability(c)];
        },
      });
    const h = start();
    expect((h.health.printer!() as { paper: unknown }).paper).toEqual({ rollLengthM: 10, usedMm: 0, leftM: 10, rollChangedAt: null });

    for (let i = 0; i < 3; i++) {
      const done = dev.print();
      dev.printer.queue.submit(sheet);
      await done;
    }
    const after = (h.health.printer!() as { paper: { usedMm: number; leftM: number } }).paper;
    expect(after).toMatchObject({ usedMm: 7200, leftM: 2.8 });
    const telemetry = new TelemetrySource(ctx!, Date.now());
    expect((await telemetry.snapshot())['printer.paperLeftM']).toBe(2.8);
    telemetry.stop();
    await h.stop();

    // Persisted with the counters: a restarted daemon still knows what was fed.
    const again = start();
    expect((again.health.printer!() as { paper: { usedMm: number } }).paper.usedMm).toBe(7200);
    // More than a roll holds: the estimate stops at 0 rather than going negative.
    for (let i = 0; i < 2; i++) {
      const done = dev.print();
      dev.printer.queue.submit(sheet);
      await done;
    }
    expect((again.health.printer!() as { paper: { leftM: number } }).paper.leftM).toBe(0);
    // A technician records a new roll (kioskctl printer new-roll writes the same row).
    const at = Date.parse('2026-11-30T10:00:00Z');
    again.store.current()!.store.paperRoll.newRoll(at);
    expect((again.health.printer!() as { paper: unknown }).paper).toEqual({ rollLengthM: 10, usedMm: 0, leftM: 10, rollChangedAt: '2026-11-30T10:00:00.000Z' });
  });
});
