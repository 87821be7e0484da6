import { afterEach, describe, expect, it } from 'vitest';
import { startSimScanner, waitFor, waitState } from './helpers';

// The serial scanner driver (SerialTransport + CodeFramer on serialport's
// DelimiterParser) against the simulated scanner: real bytes through
// serialport's MockBinding, paced at 9600 baud, so codes arrive split across
// reads the way a UART delivers them.

const URL = 'https://zwfw.example.gov.cn/progress?case=WD0001-20250612-00042-K';
const running: Array<{ device: { stop(): Promise<void> } }> = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.device.stop();
});
async function start(...a: Parameters<typeof startSimScanner>) {
  const s = await startSimScanner(...a);
  running.push(s);
  return s;
}

describe('serial scanner driver against the simulator', () => {
  for (const suffix of ['CR', 'CRLF', 'LF'] as const) {
    it(`reads codes ended by ${suffix}, UTF-8 included, one code per scan`, async () => {
      const s = await start({ suffix });
      expect(s.device.status().state).toBe('online');
      expect(s.device.status().detail.link).toMatch(/^serial:\/dev\/sim-scanner-.*@9600$/);
      await s.device.simulator!.perform('scan', URL);
      await s.device.simulator!.perform('scan', '卫东区便民服务中心 WD0001');
      await s.device.simulator!.perform('scan', '12345');
      await waitFor(() => s.codes.length === 3, 3000, 'three codes');
      expect(s.codes).toEqual([URL, '卫东区便民服务中心 WD0001', '12345']);
      expect(s.discards).toEqual([]);
      expect(s.device.status().detail.codes).toBe(3);
    });
  }

  it('tolerates a scanner that sends CRLF where CR is configured (the LF is not glued to the next code)', async () => {
    const s = await start({ suffix: 'CR' });
    await s.scanner.send(Buffer.from('FIRST\r\nSECOND\r\n'));
    await waitFor(() => s.codes.length === 2, 3000, 'two codes');
    expect(s.codes).toEqual(['FIRST', 'SECOND']);
  });

  it('a CRLF scanner configured as CR-only still frames; an LF-configured reader ignores a lone CR at the end', async () => {
    const s = await start({ suffix: 'LF' });
    await s.scanner.send(Buffer.from('ABC\r\n'));
    await waitFor(() => s.codes.length === 1);
    expect(s.codes).toEqual(['ABC']);
  });

  it('reassembles a code split across reads, even inside a multi-byte character, and splits two codes in one read', async () => {
    const s = await start();
    const bytes = Buffer.from('卫东WD0001\r', 'utf8');
    // Three separate deliveries, the first ending in the middle of 卫 (E5 8D AB).
    await s.scanner.send(bytes.subarray(0, 1));
    await s.scanner.send(bytes.subarray(1, 5));
    await s.scanner.send(bytes.subarray(5));
    await s.scanner.send(Buffer.from('ONE\rTWO\r'));
    await waitFor(() => s.codes.length === 3, 3000, 'three codes');
    expect(s.codes).toEqual(['卫东WD0001', 'ONE', 'TWO']);
  });

  it('drops line noise as garbage and reads the next code cleanly', async () => {
    const s = await start();
    await s.device.simulator!.perform('scanGarbage');
    await s.device.simulator!.perform('scanGarbage', '41 42 07 43'); // ASCII with a BEL in it
    await waitFor(() => s.discards.length === 2, 3000, 'two discards');
    expect(s.discards.map((d) => d.reason)).toEqual(['garbage', 'garbage']);
    await s.device.simulator!.perform('scan', URL);
    await waitFor(() => s.codes.length === 1);
    expect(s.codes).toEqual([URL]);
    expect(s.device.status().detail).toMatchObject({ discarded: 2, lastDiscard: 'garbage' });
  });

  it('discards a partial code after the inter-byte timeout instead of gluing it to the next one', async () => {
    const s = await start({ interByteTimeoutMs: 80 });
    const t0 = performance.now();
    await s.device.simulator!.perform('scanPartial', URL);
    await waitFor(() => s.discards.length === 1, 3000, 'the partial discard');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(80);
    expect(s.discards[0]).toEqual({ reason: 'partial', bytes: Math.floor(URL.length / 2) });
    await s.device.simulator!.perform('scan', URL);
    await waitFor(() => s.codes.length === 1);
    expect(s.codes).toEqual([URL]);
  });

  it('a slow but continuous code (gaps shorter than the timeout) is still one code', async () => {
    const s = await start({ interByteTimeoutMs: 150 });
    for (const part of ['WD00', '01-2025', '0612\r']) {
      await s.scanner.send(Buffer.from(part));
      await new Promise((r) => setTimeout(r, 40)); // a gap well inside the 150 ms timeout
    }
    await waitFor(() => s.codes.length === 1);
    expect(s.codes).toEqual(['WD0001-20250612']);
    expect(s.discards).toEqual([]);
  });

  it('drops an over-long code whole (with or without its suffix) and reads the next code cleanly', async () => {
    const s = await start({ maxLength: 32 });
    const long = 'X'.repeat(100);
    await s.device.simulator!.perform('scan', long);
    await waitFor(() => s.discards.length === 1, 3000, 'overlong discard');
    expect(s.discards[0]!.reason).toBe('overlong');
    expect(s.discards[0]!.bytes).toBe(100);
    await s.device.simulator!.perform('scan', 'SHORT-1');
    await waitFor(() => s.codes.length === 1);
    // Without a suffix: the timeout ends it, still reported as over-long.
    await s.scanner.send(Buffer.from('Y'.repeat(60)));
    await waitFor(() => s.discards.length === 2, 3000, 'second overlong');
    expect(s.discards[1]!.reason).toBe('overlong');
    await s.device.simulator!.perform('scan', 'SHORT-2');
    await waitFor(() => s.codes.length === 2);
    expect(s.codes).toEqual(['SHORT-1', 'SHORT-2']);
    // Exactly maxLength is accepted.
    await s.device.simulator!.perform('scan', 'Z'.repeat(32));
    await waitFor(() => s.codes.length === 3);
    expect(s.codes[2]).toBe('Z'.repeat(32));
  });

  it('unplugged mid-code: offline, the fragment is discarded; replugged: online and the next code reads whole', async () => {
    const s = await start();
    const states: string[] = [];
    s.device.onStatus((st) => states.push(st.state));
    await s.scanner.send(Buffer.from(`${URL}\r`), { unplugAfter: 20 }).catch(() => {});
    await waitState(s.device, 'offline');
    // The fragment that reached the host is dropped (bytes still in flight when the cable went are lost, as on hardware).
    expect(s.discards).toHaveLength(1);
    expect(s.discards[0]!.reason).toBe('partial');
    expect(s.discards[0]!.bytes).toBeGreaterThan(0);
    expect(s.discards[0]!.bytes).toBeLessThanOrEqual(20);
    expect(s.codes).toEqual([]);
    expect(s.device.status().reason).toMatch(/disconnected|closed/);
    await expect(s.device.simulator!.perform('scan', URL)).rejects.toMatchObject({ code: 'offline' });
    // While unplugged the lifecycle keeps looking: noDevice.
    await waitState(s.device, 'noDevice');
    await s.device.simulator!.perform('replug');
    expect(s.device.status().state).toBe('online');
    await s.device.simulator!.perform('scan', URL);
    await waitFor(() => s.codes.length === 1);
    expect(s.codes).toEqual([URL]);
    expect(states).toEqual(expect.arrayContaining(['offline', 'noDevice', 'starting', 'online']));
  });

  it('configured but absent at start: noDevice with a reason, online once plugged in', async () => {
    const s = await start({}, { startUnplugged: true });
    expect(s.device.status().state).toBe('noDevice');
    expect(s.device.status().reason).toMatch(/no such device/);
    await s.device.simulator!.perform('replug');
    await waitState(s.device, 'online');
    await s.device.simulator!.perform('scan', 'AFTER-PLUG');
    await waitFor(() => s.codes.length === 1);
    expect(s.codes).toEqual(['AFTER-PLUG']);
  });

  it('the same code read twice within the repeat window is one scan', async () => {
    const s = await start({}, { repeatWindowMs: 2000 });
    await s.device.simulator!.perform('scan', URL);
    await s.device.simulator!.perform('scan', URL);
    await s.device.simulator!.perform('scan', 'OTHER');
    await waitFor(() => s.codes.length === 2);
    expect(s.codes).toEqual([URL, 'OTHER']);
    expect(s.device.wipeSession()).toEqual(['scanner.lastCode']);
    await s.device.simulator!.perform('scan', 'OTHER'); // forgotten at the session end: reads again
    await waitFor(() => s.codes.length === 3);
  });

  it('realistic pacing: a receipt URL at 9600 baud takes its wire time plus the decode delay', async () => {
    const s = await start({}, { timing: 'realistic' });
    const t0 = performance.now();
    await s.device.simulator!.perform('scan', URL);
    await waitFor(() => s.codes.length === 1);
    const ms = performance.now() - t0;
    const wireMs = ((URL.length + 1) * 10 * 1000) / 9600; // ≈ 69 ms
    expect(ms).toBeGreaterThanOrEqual(80 + wireMs - 5);
    expect(ms).toBeLessThan(80 + wireMs + 400);
  });
});
