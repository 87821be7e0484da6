import { SAM_COMMANDS } from '../id-card/codec/sam-commands';
import { SamClient } from '../id-card/sam-client';
import { HID_WRAPPERS } from '../id-card/transport/hid-wrappers';
import { realtimeStatus } from '../printer/escpos-commands';
import type { ByteTransport } from '../transport/byte-transport';
import type { HidBackend } from '../transport/hid-backend';
import { HidTransport } from '../transport/hid-transport';
import type { BindingInterface } from '../transport/serial-binding';
import { SerialTransport } from '../transport/serial-transport';
import type { DeviceRole } from './device-binding';

/** What a probe found: whether the device answered in its own protocol, and in words what it said or why not. */
export interface ProbeResult {
  answered: boolean;
  /** False when this role has no probe here: `detail` says what to check instead. */
  probed: boolean;
  detail: string;
}

export interface ProbeOptions {
  /** Another serialport binding (tests, simulators); default the native one. */
  serialBinding?: BindingInterface;
  /** Another HID backend (tests, simulators); default node-hid. */
  hidBackend?: HidBackend;
  /** How long a printer may take to answer DLE EOT; the SAM status has its own deadline. Default 1000 ms. */
  timeoutMs?: number;
}

/**
 * Opens the device by the section just written (so a probe that answers also
 * proves that the stable identity finds it) and asks it in its own protocol:
 * the reader's SAM status, the printer's DLE EOT 1. A scanner only sends when
 * a code is scanned, so it is opened and the technician is asked to scan one.
 * The evaluation display's own protocol is not probed here (its driver has
 * no probe yet): the result says so.
 */
export async function probeDevice(role: DeviceRole, section: Record<string, unknown>, opts: ProbeOptions = {}): Promise<ProbeResult> {
  if (role === 'evalDisplay') return { answered: false, probed: false, detail: 'the evaluation display is not probed by discovery yet: run its test from the devices page after a restart' };
  const transport = transportFor(role, section, opts);
  if (!transport) return { answered: false, probed: false, detail: `no probe for a ${String(section.driver)} ${role}` };
  try {
    await transport.open();
  } catch (err) {
    return { answered: false, probed: true, detail: `cannot open it: ${(err as Error).message}` };
  }
  try {
    if (role === 'idCardReader') return await probeReader(transport);
    if (role === 'printer') return await probePrinter(transport, opts.timeoutMs ?? 1000);
    return { answered: false, probed: false, detail: 'opened; a scanner sends only when it scans: scan a code on the devices page to check it' };
  } finally {
    await transport.close();
  }
}

function transportFor(role: DeviceRole, s: Record<string, unknown>, opts: ProbeOptions): ByteTransport | undefined {
  const str = (k: string) => (typeof s[k] === 'string' ? (s[k] as string) : undefined);
  if (s.driver === 'serial') {
    const baudRate = typeof s.baud === 'number' ? s.baud : role === 'scanner' ? 9600 : 115200;
    return new SerialTransport({
      baudRate,
      configKey: `devices.${role}`,
      path: str('path'),
      vendorId: str('vendorId'),
      productId: str('productId'),
      serialNumber: str('serialNumber'),
      ...(opts.serialBinding ? { binding: opts.serialBinding } : {}),
    });
  }
  const framing = role === 'idCardReader' && s.driver === 'hid' ? HID_WRAPPERS[str('variant') ?? 'miaxis'] : undefined;
  if (!framing) return undefined;
  return new HidTransport({ framing, vendorId: str('vendorId'), productId: str('productId'), serialNumber: str('serialNumber'), ...(opts.hidBackend ? { backend: opts.hidBackend } : {}) });
}

async function probeReader(transport: ByteTransport): Promise<ProbeResult> {
  try {
    const reply = await new SamClient(transport).exec('samStatus');
    const sw3 = `0x${reply.sw3.toString(16).padStart(2, '0')}`;
    return reply.sw3 === SAM_COMMANDS.samStatus.ok
      ? { answered: true, probed: true, detail: `SAM status answered ${sw3} (ready)` }
      : { answered: true, probed: true, detail: `SAM status answered ${sw3}: the reader's security module reports a fault` };
  } catch (err) {
    return { answered: false, probed: true, detail: `no SAM status reply: ${(err as Error).message} (wrong port, baud or device)` };
  }
}

/** DLE EOT 1: the printer status byte has bits 0x12 set and 0x81 clear; anything else is not an ESC/POS printer's answer. */
function probePrinter(transport: ByteTransport, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ answered: false, probed: true, detail: `no answer to DLE EOT 1 within ${timeoutMs} ms (wrong port, baud or device)` }), timeoutMs);
    transport.onData((chunk) => {
      const b = chunk.find((x) => (x & 0x93) === 0x12);
      if (b === undefined) return;
      clearTimeout(timer);
      const online = (b & 0x08) === 0;
      resolve({ answered: true, probed: true, detail: `DLE EOT 1 answered 0x${b.toString(16).padStart(2, '0')} (${online ? 'online' : 'offline: check paper and cover'})` });
    });
    transport.write(realtimeStatus(1)).catch((err: Error) => {
      clearTimeout(timer);
      resolve({ answered: false, probed: true, detail: `cannot write to it: ${err.message}` });
    });
  });
}
