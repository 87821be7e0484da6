import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatCaseNumber } from '../../../../contract/domain/case-number';
import { storeCapabilities } from '../../../../device-daemon/capabilities';
import { createEvaluationCapability } from '../../../../device-daemon/capabilities/evaluation';
import { LAYOUT, startNextion, stopAll, waitFor } from '../../devices/eval-display/helpers';
import { harnessPerTest, manualClock } from '../harness';

// 好差评 of service events on the in-process harness, with the real Nextion
// driver on its simulator as the evaluation device.

afterEach(stopAll);
const start = harnessPerTest();
const CASE = formatCaseNumber({ terminalId: 'WD0001', date: '20260302', seq: 42 });
/** Monday 2026-03-02 10:00 China time: 15 working days later, with no holiday between, is Monday 2026-03-23. */
const MONDAY = Date.parse('2026-03-02T10:00:00+08:00');

async function setup(withDevice = true) {
  const sim = withDevice ? await startNextion() : undefined;
  const h = start({
    clock: manualClock(MONDAY),
    devices: { evalDisplay: sim?.device },
    capabilities: (ctx) => [...storeCapabilities(ctx), createEvaluationCapability(ctx)],
  });
  const rate = (eventKey: string, over: Record<string, unknown> = {}) => h.call('evaluation.rate', { idempotencyKey: randomUUID(), eventKey, channel: 'screen', level: 5, ...over });
  const rows = () => h.store.run((o) => o.store.db.prepare('SELECT * FROM evaluations').all() as Array<Record<string, unknown>>);
  const outbox = () => h.store.run((o) => o.store.db.prepare("SELECT * FROM submissions WHERE kind = 'evaluation'").all() as Array<{ payload: string; case_no: string }>);
  return { h, sim, rate, rows, outbox };
}

describe('evaluation of a service event', () => {
  it('invite shows the QR of the case on the device; a press there is reported; rating it stores one record and stands the device down', async () => {
    const { h, sim, rate, rows, outbox } = await setup();
    const inv = await h.call('evaluation.invite', { caseNo: CASE.toLowerCase() });
    expect(inv.result).toMatchObject({ eventKey: CASE, caseNo: CASE, url: `https://zwfw.example.gov.cn/hcp?case=${CASE}`, device: { shows: 'qr', rates: true, state: 'online' }, alreadyRated: false });
    expect(sim!.display.text.get('qr0')).toBe(inv.result.url);
    expect(sim!.display.text.get('t0')).toBe(`${CASE} 请扫码评价`);
    await sim!.device.simulator!.perform('rate', '满意');
    await waitFor(() => h.events.some((e) => e.name === 'evaluation.devicePress'), 3000, 'the device press event');
    expect(h.events.find((e) => e.name === 'evaluation.devicePress')!.data).toMatchObject({ eventKey: CASE, level: 4 });
    const r = await rate(CASE, { channel: 'device', level: 4 });
    expect(r.result).toMatchObject({ eventKey: CASE, followUpDue: null, duplicate: false });
    expect(rows()).toEqual([expect.objectContaining({ event_key: CASE, channel: 'device', level: 4, follow_up_due: null })]);
    const data = JSON.parse(outbox()[0]!.payload).data;
    expect(data).toMatchObject({ relatedCaseNo: CASE, channel: 'device', satisfaction: 'satisfied', satisfactionLabel: '满意', satisfactionCode: 4, pf: 5 });
    expect(h.events.find((e) => e.name === 'evaluation.recorded')!.data).toMatchObject({ eventKey: CASE, channel: 'device', level: 4 });
    expect(sim!.display.pageName).toBe('idle');
  });

  it('a second rating of the same event is refused alreadyRated, from the other channel too, and nothing more is stored', async () => {
    const { h, rate, rows } = await setup();
    await h.call('evaluation.invite', { caseNo: CASE });
    expect((await rate(CASE, { channel: 'device' })).ok).toBe(true);
    const again = await rate(CASE, { channel: 'screen', level: 3 });
    expect(again.error).toMatchObject({ code: 'alreadyRated', message: expect.stringContaining('device') });
    expect((await rate(CASE, { channel: 'qr' })).error?.code).toBe('alreadyRated');
    expect(rows()).toHaveLength(1);
    expect((await h.call('evaluation.invite', { caseNo: CASE })).result.alreadyRated).toBe(true);
  });

  it('both channels at once: exactly one is stored, the other refused', async () => {
    const { h, rate, rows, outbox } = await setup();
    await h.call('evaluation.invite', { caseNo: CASE });
    const answers = await Promise.all([rate(CASE, { channel: 'device', level: 5 }), rate(CASE, { channel: 'screen', level: 5 })]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).map((a) => a.error?.code)).toEqual(['alreadyRated']);
    expect(rows()).toHaveLength(1);
    expect(outbox()).toHaveLength(1);
  });

  it('a resend with the same idempotency key answers the stored rating (duplicate), not alreadyRated', async () => {
    const { h, rows } = await setup(false);
    const args = { idempotencyKey: randomUUID(), eventKey: CASE, channel: 'screen', level: 5 };
    const first = await h.call('evaluation.rate', args);
    const second = await h.call('evaluation.rate', args);
    expect(second.result).toEqual({ ...first.result, duplicate: true });
    expect(rows()).toHaveLength(1);
  });

  it('a 差评 needs a reason; with one it is stored with the follow-up due date (15 working days on the calendar), the phone never logged', async () => {
    const { h, rate, rows, outbox } = await setup(false);
    expect((await rate(CASE, { level: 2 })).error).toMatchObject({ code: 'invalidArgs', detail: { field: 'reasons' } });
    expect((await rate(CASE, { level: 5, callbackPhone: '13900001234' })).error).toMatchObject({ code: 'invalidArgs' });
    const r = await rate(CASE, { level: 1, reasons: ['effic', 'attitu'], callbackPhone: '13900001234' });
    expect(r.result.followUpDue).toBe('2026-03-23');
    expect(rows()[0]).toMatchObject({ level: 1, follow_up_due: '2026-03-23' });
    const data = JSON.parse(outbox()[0]!.payload).data;
    expect(data).toMatchObject({ indicators: ['effic', 'attitu'], indicatorCodes: ['501', '502'], satisfactionCode: 1, callbackPhone: '13900001234', followUpDue: '2026-03-23' });
    expect(h.health.evaluation!()).toMatchObject({ followUps: { open: 1, overdue: 0 } });
    const log = readFileSync(join(h.dir, 'log', 'daemon.log'), 'utf8');
    expect(log).toContain('rating stored');
    expect(log).not.toContain('13900001234');
  });

  it('an event without a case number gets a key of this terminal tied to its item; keys not minted here are refused', async () => {
    const { h, rate, outbox } = await setup(false);
    const inv = await h.call('evaluation.invite', { itemCode: 'SIM-410403-SB-001' });
    expect(inv.result.eventKey).toMatch(/^EV-WD0001-20260302-[0-9a-f]{12}$/);
    expect(inv.result.device).toEqual({ shows: 'none', rates: false, state: 'none' });
    expect((await rate(inv.result.eventKey, { channel: 'qr' })).ok).toBe(true);
    expect(JSON.parse(outbox()[0]!.payload).data).toMatchObject({ pf: 3, eventKey: inv.result.eventKey });
    expect((await rate('EV-WD0001-20260302-000000000000')).error).toMatchObject({ code: 'invalidArgs', detail: { field: 'eventKey' } });
    expect((await rate('not-a-case')).error?.code).toBe('invalidArgs');
  });

  it('skip (dismiss) records nothing and stands the device down', async () => {
    const { h, sim, rows } = await setup();
    await h.call('evaluation.invite', { caseNo: CASE });
    expect(sim!.display.pageName).toBe(LAYOUT.evalPage);
    expect((await h.call('evaluation.dismiss', { eventKey: CASE })).result).toEqual({ dismissed: true });
    expect(sim!.display.pageName).toBe(LAYOUT.idlePage);
    expect(rows()).toEqual([]);
  });

  it('a device that is unplugged: the invitation still answers, for the screen alone', async () => {
    const { h, sim } = await setup();
    await sim!.device.simulator!.perform('unplug');
    const inv = await h.call('evaluation.invite', { caseNo: CASE });
    expect(inv.ok).toBe(true);
    expect(inv.result.device.state).not.toBe('online');
  });
});
