import { afterEach, describe, expect, it } from 'vitest';
import { SAM_COMMANDS, type SamCommandName } from '../../../../device-daemon/devices/id-card/codec/sam-commands';
import { buildResponse, parseRequestPayload, SamFrameParser } from '../../../../device-daemon/devices/id-card/codec/sam-frame';
import { SamClient, SamTimeoutError } from '../../../../device-daemon/devices/id-card/sam-client';
import { SimulatedSerialPort } from '../../../../device-daemon/devices/simulation/simulated-serial-port';
import { SerialTransport } from '../../../../device-daemon/devices/transport/serial-transport';

/**
 * The client against a module whose answers the test writes frame by frame
 * (real SAM_V frames on the paced simulated port): here a module that answers
 * a command after the host gave up on it, so the late reply reaches the host
 * while its next command waits. SAM replies carry no command echo.
 */
function scriptedModule() {
  const parser = new SamFrameParser('request');
  const requests: Array<{ cmd: number; para: number }> = [];
  const port = new SimulatedSerialPort(
    {
      receive: (chunk) => {
        for (const item of parser.push(chunk)) if (item.ok) requests.push(parseRequestPayload(item.payload));
      },
    },
    { kind: 'sam-script', manufacturer: 'scripted SAM module' },
  );
  const transport = new SerialTransport({ path: port.path, baudRate: 115200, binding: port.binding });
  return { port, transport, requests };
}

const opened: Array<ReturnType<typeof scriptedModule>> = [];
afterEach(async () => {
  for (const m of opened.splice(0)) await m.transport.close();
});

/** A module on its own port, the client's link to it open. */
async function openModule() {
  const m = scriptedModule();
  opened.push(m);
  await m.transport.open();
  return m;
}

const is = (r: { cmd: number; para: number } | undefined, name: SamCommandName) => r?.cmd === SAM_COMMANDS[name].cmd && r.para === SAM_COMMANDS[name].para;

async function waitForRequest(m: ReturnType<typeof scriptedModule>, n: number): Promise<void> {
  const until = performance.now() + 3000;
  while (m.requests.length < n) {
    if (performance.now() > until) throw new Error(`the module never received request ${n}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('a late reply to a command the client gave up on is not taken as the next command’s answer', () => {
  // [command that timed out, its late answer, the next command, that command's own answer]
  const cases: Array<[SamCommandName, number, Buffer | undefined, SamCommandName, number, Buffer | undefined]> = [
    // The idle watch's presence check (appended address, no card selected: 0x41) given up on while the daemon was stalled; a read's find follows.
    ['readAppendedAddress', 0x41, undefined, 'findCard', 0x9f, Buffer.alloc(4)],
    // A card without an appended address (0x91), then a find.
    ['readAppendedAddress', 0x91, undefined, 'findCard', 0x80, undefined],
    // A status check (0x90) answered late, then a find.
    ['samStatus', 0x90, undefined, 'findCard', 0x9f, Buffer.alloc(4)],
    // A select's success (0x90, 19 bytes) answered late, then a find.
    ['selectCard', 0x90, Buffer.alloc(8), 'findCard', 0x80, undefined],
    // A find's "found" (0x9F) answered late, then a select.
    ['findCard', 0x9f, Buffer.alloc(4), 'selectCard', 0x90, Buffer.alloc(8)],
    // A read that answered 0x41 (card pulled) late, then the status check that asks whether the module is alive.
    ['readAppendedAddress', 0x41, undefined, 'samStatus', 0x90, undefined],
  ];

  for (const [late, lateSw3, lateData, next, ownSw3, ownData] of cases) {
    it(`${late} answered 0x${lateSw3.toString(16)} after its deadline, during ${next}: ${next} gets its own 0x${ownSw3.toString(16)}`, async () => {
      const m = await openModule();
      const client = new SamClient(m.transport);
      // The module takes longer than the deadline: the client gives up on the command.
      await expect(client.exec(late)).rejects.toBeInstanceOf(SamTimeoutError);
      const answer = client.exec(next);
      await waitForRequest(m, 2);
      expect(is(m.requests[0], late) && is(m.requests[1], next)).toBe(true);
      // The late answer comes first (the module answers in order), then the next command's own.
      await m.port.send(buildResponse(lateSw3, lateData));
      await m.port.send(buildResponse(ownSw3, ownData));
      const r = await answer;
      expect(r.sw3).toBe(ownSw3);
      expect(client.stats.strayFrames).toBe(1);
    });
  }

  it('an answer a command can give is still taken: a find that finds no card (0x80), a read refused by a module fault (0x60)', async () => {
    const m = await openModule();
    const client = new SamClient(m.transport);
    const find = client.exec('findCard');
    await waitForRequest(m, 1);
    await m.port.send(buildResponse(0x80));
    expect((await find).sw3).toBe(0x80);
    const read = client.exec('readBase');
    await waitForRequest(m, 2);
    await m.port.send(buildResponse(0x60));
    expect((await read).sw3).toBe(0x60);
    expect(client.stats.strayFrames).toBe(0);
  });
});
