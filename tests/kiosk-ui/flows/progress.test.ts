import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { provideProgress } from '../../../kiosk-ui/src/flows/progress';
import type { CaseProgress } from '../../../contract/api/submission';
import { waitUntil } from '../../helpers/wait';
import { FakeDaemon } from '../fake-daemon';
import { CARD } from '../../state-machines/flows/service-fixtures';

const CASE: CaseProgress = {
  caseNo: 'WD0001-20261128-00003-C',
  kind: 'callStaff',
  itemCode: null,
  acceptedAt: '2026-11-28T10:00:00+08:00',
  promisedDate: null,
  provisional: false,
  status: 'submitted',
  timeline: [],
};
const scanned = (caseNo?: string) => ({ purpose: 'caseNo' as const, text: 'https://zwfw.example.gov.cn/progress', at: '2026-11-28T10:00:00+08:00', ...(caseNo ? { caseNo } : {}) });

describe('办件查询 wired to the daemon', () => {
  afterEach(() => vi.useRealTimers());

  it('arms the scanner while a number is asked for, keeps it armed, and disarms when the journey leaves', async () => {
    vi.useFakeTimers();
    const daemon = new FakeDaemon();
    const actor = createActor(provideProgress(daemon), { input: { ratingKey: '00000000-0000-4000-8000-0000000000e8' } }).start();
    expect(daemon.sent('scanner.arm')).toEqual([{ purpose: 'caseNo' }]);
    // The daemon disarms after 120 s: the page renews before that.
    await vi.advanceTimersByTimeAsync(100_000);
    expect(daemon.sent('scanner.arm').length).toBe(2);
    actor.stop();
    expect(daemon.sent('scanner.disarm')).toEqual([{}]);
    expect(daemon.listening('scanner.code')).toBe(0);
    await vi.advanceTimersByTimeAsync(300_000);
    expect(daemon.sent('scanner.arm').length).toBe(2);
  });

  it('a scanned receipt QR looks its case up (scanner disarmed meanwhile); any other code is explained', async () => {
    const daemon = new FakeDaemon();
    const actor = createActor(provideProgress(daemon), { input: { ratingKey: '00000000-0000-4000-8000-0000000000e8' } }).start();
    daemon.emit('scanner.code', scanned());
    expect(actor.getSnapshot().context.scanNotCase).toBe(true);
    expect(daemon.sent('case.progress')).toEqual([]);
    daemon.emit('scanner.code', scanned(CASE.caseNo));
    expect(daemon.sent('case.progress')).toEqual([{ caseNo: CASE.caseNo }]);
    expect(daemon.sent('scanner.disarm')).toEqual([{}]);
    daemon.answer('case.progress', { cases: [CASE] });
    await waitUntil(() => actor.getSnapshot().matches('shown'), { what: 'the timeline' });
    expect(actor.getSnapshot().context.result).toEqual(CASE);
  });

  it('by card: identification first, then every case of the person; none is said plainly', async () => {
    const daemon = new FakeDaemon();
    const actor = createActor(provideProgress(daemon), { input: { ratingKey: '00000000-0000-4000-8000-0000000000e8' } }).start();
    actor.send({ type: 'BY_CARD' });
    expect(daemon.sent('card.read').length).toBe(1);
    expect(daemon.sent('case.progress')).toEqual([]);
    daemon.answer('card.read', CARD);
    await waitUntil(() => actor.getSnapshot().children.identify?.getSnapshot().matches('consent'), { what: 'consent' });
    actor.getSnapshot().children.identify!.send({ type: 'ACCEPT' });
    expect(daemon.sent('consent.record')).toEqual([{ purpose: 'progress', textVersion: expect.stringMatching(/^progress-/) }]);
    daemon.answer('consent.record', { purpose: 'progress', textVersion: 'v', recordedAt: '2026-11-28T10:00:00+08:00' });
    await waitUntil(() => daemon.sent('case.progress').length > 0, { what: 'the lookup by card' });
    expect(daemon.sent('case.progress')).toEqual([{ byCard: true }]);
    daemon.fail('case.progress', 'notFound');
    await waitUntil(() => actor.getSnapshot().context.error === 'noCases', { what: 'the no-cases message' });
  });
});
