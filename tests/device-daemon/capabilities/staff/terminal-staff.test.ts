import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashStaffCard } from '../../../../device-daemon/auth/staff-card';
import { storeCapabilities } from '../../../../device-daemon/capabilities';
import { createStaffCapability } from '../../../../device-daemon/capabilities/staff';
import type { Devices } from '../../../../device-daemon/capability';
import { hashPin } from '../../../../device-daemon/config/pin-hash';
import { acceptanceReceipt } from '../../../../device-daemon/documents/receipts';
import { acceptanceReceipt as layout } from '../../../../device-daemon/devices/printer/layouts/acceptance-receipt';
import type { CardRead } from '../../../../device-daemon/devices/id-card/codec/card-record';
import { PlatformServer } from '../../../helpers/platform-server';
import { waitUntil } from '../../../helpers/wait';
import { applicationArgs, person, PEOPLE, startHarness, testConfig, type Harness } from '../harness';

// Staff on the terminal's screen, in-process: sign-in by PIN and by the staff
// member's own card (salted hash), one lockout for both, assisted handling
// recorded by the daemon and delivered through the outbox, the receipt line,
// and the binding gone with the session.

const PIN = '135790';
const STAFF_CARD = PEOPLE.find((p) => p.id === 'resident-valid')!.idNumber;
const running: Array<Harness | PlatformServer> = [];
afterEach(async () => {
  for (const x of running.splice(0).reverse()) await x.stop();
});

/** A reader that reads whichever number the test put on it, and counts the wipes. */
function fakeReader() {
  const r = { on: STAFF_CARD, wiped: 0 };
  const reader = {
    read: async () => ({ record: { idNumber: r.on } }) as unknown as CardRead,
    wipeSession: () => {
      r.wiped++;
      return [];
    },
  };
  return { r, devices: { reader } as unknown as Partial<Devices> };
}

async function setup(platformUrl?: string) {
  const accounts = [
    { staffNo: 'A010', name: '代办员乙', role: 'assistant', pinHash: hashPin(PIN), cardHash: hashStaffCard(STAFF_CARD) },
    { staffNo: 'S001', name: '测试员甲', role: 'staff', pinHash: hashPin(PIN) },
  ];
  const platform = platformUrl ? { platform: { mode: 'http', baseUrl: platformUrl, timeoutMs: 1000, retry: { baseMs: 20, maxMs: 150 } } } : {};
  const { config, dir } = testConfig({ staff: { accounts }, ...platform });
  const { r, devices } = fakeReader();
  const h = startHarness({ config, dir, devices, capabilities: (ctx) => [...storeCapabilities(ctx), createStaffCapability(ctx)] });
  running.push(h);
  return { h, reader: r };
}

/** The audit trail's actions with their staff numbers, oldest first. */
const trail = (h: Harness) =>
  h.store
    .run((o) => o.store.audit.list(200))
    .map((e) => `${e.action}:${String(e.detail?.staffNo ?? '')}`)
    .reverse();

describe('staff on the terminal', () => {
  it('signs in by PIN or by the staff card (hash only); wrong PINs lock the number for the card too; a stranger card is refused', async () => {
    const { h, reader } = await setup();
    const byCard = await h.call('staff.terminal.signIn', { method: 'card' });
    expect(byCard.result).toMatchObject({ member: { staffNo: 'A010', name: '代办员乙', role: 'assistant' }, guided: false, assisting: false });
    expect(reader.wiped).toBe(1); // the staff card never stays the session's card
    await h.call('staff.terminal.signOut');

    reader.on = PEOPLE.find((p) => p.id === 'resident-young')!.idNumber;
    const stranger = await h.call('staff.terminal.signIn', { method: 'card' });
    expect(stranger.error).toMatchObject({ code: 'pinInvalid', detail: { remaining: 4 } });

    const wrong = [];
    for (let i = 0; i < 5; i++) wrong.push((await h.call('staff.terminal.signIn', { method: 'pin', staffNo: 'A010', pin: '000000' })).error?.detail);
    expect(wrong.map((d: any) => d.remaining)).toEqual([4, 3, 2, 1, 0]);
    expect((await h.call('staff.terminal.signIn', { method: 'pin', staffNo: 'A010', pin: PIN })).error?.code).toBe('technicianLocked');
    reader.on = STAFF_CARD;
    expect((await h.call('staff.terminal.signIn', { method: 'card' })).error?.code).toBe('technicianLocked');
    // another number is not locked by A010's count
    expect((await h.call('staff.terminal.signIn', { method: 'pin', staffNo: 'S001', pin: PIN })).result.member.staffNo).toBe('S001');
    expect((await h.call('staff.terminal.set', { assisting: true })).error?.code).toBe('unauthorized'); // not an assistant

    expect(trail(h)).toEqual(expect.arrayContaining(['staff.terminal.signedIn:A010', 'staff.terminal.signedOut:A010', 'staff.terminal.signedIn:S001']));
    const log = readFileSync(join(h.dir, 'log', 'daemon.log'), 'utf8');
    expect(log).toContain('"via":"card"');
    for (const p of PEOPLE) expect(log).not.toContain(p.idNumber);
  });

  it('an assisted application carries assisted + the staff number to the platform, the receipt and the audit; the session end drops the assistant', async () => {
    const server = await new PlatformServer().start();
    running.push(server);
    const { h } = await setup(server.baseUrl);
    expect((await h.call('staff.terminal.signIn', { method: 'pin', staffNo: 'A010', pin: PIN })).ok).toBe(true);
    expect((await h.call('staff.terminal.set', { assisting: true, guided: true })).result).toMatchObject({ assisting: true, guided: true });
    h.identity = person('resident-young');
    // the page says false (as it always did): what counts is the assistant the daemon holds
    const args = applicationArgs();
    const { caseNo } = (await h.call('submission.submit', args)).result;
    await waitUntil(async () => ((await h.call('outbox.status')).result.total === 0 ? true : undefined), { timeoutMs: 8000, intervalMs: 25 });
    expect(server.bodies().find((b) => b.caseNo === caseNo)?.data).toMatchObject({ assisted: true, assistedBy: 'A010' });
    expect(h.store.run((o) => o.store.audit.aboutCase('submission.assisted', caseNo)).at(-1)?.detail).toMatchObject({ caseNo, staffNo: 'A010' });

    const stored = h.store.run((o) => o.store.submissions.findByKey(args.idempotencyKey))!;
    const receipt = acceptanceReceipt(stored, undefined);
    const doc = layout({ ...(receipt.data as any), materialsToBring: [], promisedProvisional: false, progressUrl: 'https://x/p', evaluationUrl: 'https://x/e', supervisionPhone: '12345' }, {
      siteName: '测试',
      terminalId: 'WD0001',
      now: new Date().toISOString(),
    } as any);
    expect(doc.blocks).toContainEqual({ kind: 'field', label: '办理方式', value: '帮办代办（工作人员 A010）' });

    // the session ends: the assistant, guided mode and the session's cases go with it
    for (const w of h.wipers) w();
    h.identity = undefined; // the reader's own wipe, which the harness does not hold
    expect((await h.call('staff.terminal.state')).result).toMatchObject({ member: null, guided: false, assisting: false });
    expect((await h.call('staff.terminal.set', { guided: true })).error?.code).toBe('unauthorized');
    expect((await h.call('case.progress', { byCard: true })).error?.code).toBe('noSession');
    expect(trail(h)).toEqual(
      expect.arrayContaining(['staff.terminal.signedIn:A010', 'staff.terminal.assistingOn:A010', 'staff.terminal.guidedOn:A010', 'submission.assisted:A010', 'staff.terminal.sessionEnded:A010']),
    );
    const unassisted = (await h.call('submission.submit', applicationArgs())).error?.code;
    expect(unassisted).toBe('noSession');
  });
});
