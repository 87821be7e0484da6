import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperLeft } from '../../../device-daemon/capabilities/printer/paper-estimate';
import type { CapabilityContext } from '../../../device-daemon/capability';
import { storeCapabilities } from '../../../device-daemon/capabilities';
import { hashPin } from '../../../device-daemon/config/pin-hash';
import { writeTestConfig } from '../../helpers/daemon';
import { kioskctlWithInput } from '../../helpers/kioskctl';
import { startHarness, testConfig, type Harness } from '../capabilities/harness';

// kioskctl printer paper | new-roll on the store file while its owner (the
// in-process capabilities, as in the daemon) has it open and reads the roll.

const PIN = '24681357';
const dir = mkdtempSync(join(tmpdir(), 'kiosk-cli-paper-'));
const db = join(dir, 'kiosk.db');
// Port 9 (discard): no daemon answers there, so the commands say they worked on the file alone.
const config = writeTestConfig(dir, { technician: { pinHash: hashPin(PIN) }, storage: { path: db }, logging: { dir: join(dir, 'log') }, server: { port: 9 } });
let h: Harness;
let ctx: CapabilityContext;
beforeAll(() => {
  h = startHarness({
    ...testConfig({ storage: { path: db, retentionDays: 30 } }, dir),
    dir,
    capabilities: (c) => {
      ctx = c;
      return storeCapabilities(c);
    },
  });
});
afterAll(async () => {
  await h.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('kioskctl printer (store open by its owner meanwhile)', () => {
  it('paper shows the estimate; new-roll needs the technician PIN (exit 4, nothing changed) and then starts the roll again, seen by the owner at once', async () => {
    h.bus.emit('counter', 'paperMm', 12_500);
    const paper = await kioskctlWithInput(['printer', 'paper', '--config', config, '--json']);
    expect(paper.code, paper.stderr).toBe(0);
    expect(JSON.parse(paper.stdout)).toEqual({ rollLengthM: 80, usedMm: 12_500, leftM: 67.5, rollChangedAt: null });

    const refused = await kioskctlWithInput(['printer', 'new-roll', '--config', config, '--json'], '11112222\n');
    expect(refused.code).toBe(4);
    expect(JSON.parse(refused.stderr.slice(refused.stderr.indexOf('{'))).error.kind).toBe('pinInvalid');
    expect(paperLeft(ctx)!.usedMm).toBe(12_500);

    const changed = await kioskctlWithInput(['printer', 'new-roll', '--config', config, '--json'], `${PIN}\n`);
    expect(changed.code, changed.stderr).toBe(0);
    expect(JSON.parse(changed.stdout)).toMatchObject({ usedMm: 0, leftM: 80, daemonRunning: false, rollChangedAt: expect.any(String) });
    expect(paperLeft(ctx)).toMatchObject({ usedMm: 0, leftM: 80 });
    expect(
      h.store
        .current()!
        .store.audit.list(5)
        .map((e) => e.action),
    ).toContain('printer.newRoll');
  });

  it('a store that cannot be opened: exit 3 and says why', async () => {
    const r = await kioskctlWithInput(['printer', 'paper', '--config', config, '--db', join(dir, 'missing.db')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('cannot open the store');
  });
});
