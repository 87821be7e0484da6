import { describe, expect, it } from 'vitest';
import { applicationArgs, realDaemon } from '../device-daemon/capabilities/harness';
import { call, nextEvent } from '../helpers/daemon';

// Faults in the middle of a device operation, against the real daemon with
// its simulated reader and printer (byte-level simulators, realistic timing),
// driven through /sim as a technician's test rig would: the reader unplugged
// while a card is being read, the printer unplugged while a job is being
// sent, the paper running out in the middle of a resident's 受理回执.

const live = realDaemon();

const status = (device: string, state: string, timeoutMs = 10_000) => nextEvent(live.ws, (e) => e.name === 'device.status' && e.data.device === device && e.data.state === state, timeoutMs);

async function readCard(card: string) {
  const read = call(live.ws, 'card.read', { timeoutMs: 20_000 });
  await live.d.sim('idCardReader', 'insertCard', card);
  const r = await read;
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
  return r.result;
}

describe('devices failing mid-operation (real daemon)', () => {
  it('reader unplugged while a card is being read: the read ends with a device error, nothing is held; replugged, the card reads', async () => {
    const present = nextEvent(live.ws, (e) => e.name === 'card.present');
    const read = call(live.ws, 'card.read', { timeoutMs: 20_000 });
    await live.d.sim('idCardReader', 'insertCard', 'resident-valid');
    await present; // the card is found: its text and photo are on the wire now
    const gone = status('idCardReader', 'noDevice');
    expect((await live.d.sim('idCardReader', 'unplug')).status).toBe(200);
    const failed = await read;
    expect(failed.ok).toBe(false);
    expect(['transportLost', 'offline', 'noDevice']).toContain(failed.error.code);
    await gone;
    expect((await call(live.ws, 'session.end', { reason: 'user' })).result.wiped).not.toContain('idCardReader.cardRecord');
    const back = status('idCardReader', 'online');
    expect((await live.d.sim('idCardReader', 'replug')).status).toBe(200);
    await back;
    await live.d.sim('idCardReader', 'removeCard');
    expect((await readCard('resident-valid')).maskedName).toBe('林**');
    await call(live.ws, 'session.end', { reason: 'user' });
    await live.d.sim('idCardReader', 'removeCard');
  });

  it('printer unplugged while a job is being sent: the job fails with a device error and its id; replugged, the printer prints again', async () => {
    const sending = nextEvent(live.ws, (e) => e.name === 'printer.job' && e.data.state === 'sending');
    const job = call(live.ws, 'printer.testPage', {});
    await sending;
    expect((await live.d.sim('printer', 'unplug')).status).toBe(200);
    const failed = await job;
    expect(failed.ok).toBe(false);
    expect(['transportLost', 'offline', 'noDevice', 'hardwareError']).toContain(failed.error.code);
    expect(failed.error.detail.jobId).toMatch(/^pj-/);
    const back = status('printer', 'online');
    expect((await live.d.sim('printer', 'replug')).status).toBe(200);
    await back;
    const again = await call(live.ws, 'printer.testPage', {});
    expect(again.ok, JSON.stringify(again.error)).toBe(true);
    expect(again.result.state).toBe('done');
  });

  it('paper out in the middle of the 受理回执: reported failed with paperOut and its job, the case is kept, the receipt prints whole once paper is back', async () => {
    await readCard('resident-young');
    expect((await call(live.ws, 'consent.record', { purpose: 'apply', textVersion: 'apply-test' })).ok).toBe(true);
    const sub = await call(live.ws, 'submission.submit', applicationArgs());
    expect(sub.ok, JSON.stringify(sub.error)).toBe(true);
    const caseNo: string = sub.result.caseNo;

    expect((await live.d.sim('printer', 'paperOut', 'afterLines=6')).status).toBe(200);
    const out = await call(live.ws, 'receipt.print', { caseNo });
    expect(out.ok).toBe(false);
    expect(out.error.code).toBe('paperOut');
    expect(out.error.detail.jobId).toMatch(/^pj-/);
    // nothing is lost: the case is the daemon's, whatever the printer did
    const progress = await call(live.ws, 'case.progress', { caseNo });
    expect(progress.ok, JSON.stringify(progress.error)).toBe(true);

    expect((await live.d.sim('printer', 'paperLoad')).status).toBe(200);
    const again = await call(live.ws, 'receipt.print', { caseNo });
    expect(again.ok, JSON.stringify(again.error)).toBe(true);
    expect(again.result.state).toBe('done');
    const lines = (await call(live.ws, 'printer.lastJobs', { limit: 1 })).result.jobs.at(-1).lines as string[];
    expect(lines[0]).toBe('受理回执');
    expect(lines.join('\n')).toContain(caseNo);
    // The first copy was cut short by the printer itself (outcome incomplete: six lines, without the QR and the
    // signature block), so it is no receipt: this whole copy is the original, not a 补打. Only a copy that may
    // have come out whole (outcome unknown) makes the next one a 补打 (tests of capabilities/documents).
    expect(out.error.detail.outcome).toBe('incomplete');
    expect(lines[1]).not.toBe('【补打】');
    await call(live.ws, 'session.end', { reason: 'user' });
    await live.d.sim('idCardReader', 'removeCard');
  });
});
