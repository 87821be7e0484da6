import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor, fromCallback, fromPromise, toPromise, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { jobStateOf, printJobMachine, type ChunkInput, type PrintJobEvent } from '../../../state-machines/devices/printer-job';
import { done, elapsed, failed, label, offered, replay, type Answer, type Elapsed, type HostSpy } from '../machine-walk';

/**
 * The print job walked as a graph: each step the driver performs is answered
 * only while it runs, the printer's own reports (FAULT, OFFLINE) may come at
 * any time, and the named timeouts elapse only in the state that runs them.
 */
type Snap = SnapshotFrom<typeof printJobMachine>;
type WalkEvent = PrintJobEvent | Answer | Elapsed;

const CHUNKS = 2;
const PRINTER: PrintJobEvent[] = [
  { type: 'START' },
  { type: 'FAULT', code: 'paperOut' },
  { type: 'FAULT', code: 'coverOpen' },
  { type: 'FAULT', code: 'cutterError' },
  { type: 'OFFLINE' },
  { type: 'OFFLINE', code: 'noDevice' },
];
const ANSWERS: Answer[] = [
  done('checkStatus'),
  failed('checkStatus', 'coverOpen'),
  failed('checkStatus', 'noDevice'),
  done('writeChunk'),
  failed('writeChunk', 'offline'),
  done('checkPrinting'),
  failed('checkPrinting', 'paperOut'),
  done('awaitCompletion'),
  done('abortJob'),
  failed('abortJob', 'offline'),
];
const TIMEOUTS: Array<['checking' | 'sending' | 'awaitingCompletion', Elapsed]> = [
  ['checking', elapsed('checkTimeout', 'printJob.checking')],
  ['sending', elapsed('sendTimeout', 'printJob.sending')],
  ['awaitingCompletion', elapsed('completionTimeout', 'printJob.awaitingCompletion')],
];
const events = (s: Snap) => [...offered(PRINTER, ANSWERS)(s), ...TIMEOUTS.filter(([state]) => s.matches(state)).map(([, t]) => t)] as PrintJobEvent[];
const input = { jobId: 'pj-test', chunks: CHUNKS };
const graphOpts = { events, input, serializeState: (s: Snap) => JSON.stringify([s.value, s.context.sent, s.context.code ?? null]) };
const spies = (spy: HostSpy) => ({
  checkStatus: spy.request('checkStatus'),
  writeChunk: spy.request('writeChunk'),
  checkPrinting: spy.request('checkPrinting'),
  awaitCompletion: spy.request('awaitCompletion'),
  watchStatus: spy.stream('watchStatus'),
  abortJob: spy.request('abortJob'),
});
const run = (evs: readonly WalkEvent[]) => {
  const r = replay(printJobMachine, spies, evs as never, input);
  r.actor.stop(); // the walk is over: its real timers must not fire later
  return r;
};
const stopped = (s: Snap) => s.matches('aborting') || s.matches('failed');
/** The code a failing event carries, as the job must report it. */
const expectedCode = (e: WalkEvent) => {
  if (e.type === 'FAULT' || e.type === 'OFFLINE') return (e as { code?: string }).code ?? 'offline';
  if ('error' in e) return e.error.code;
  return e.type === 'xstate.after.checkTimeout.printJob.checking' ? 'offline' : 'timeout';
};

describe('print job machine (walked with xstate/graph)', () => {
  const shortest = getShortestPaths(printJobMachine, graphOpts);
  const simple = getSimplePaths(printJobMachine, graphOpts);

  it('reaches every state; the queue sees only the job states of the contract', () => {
    const reached = new Set(shortest.map((p) => JSON.stringify(p.state.value)));
    expect(reached).toEqual(new Set(['"queued"', '"checking"', '{"sending":"writing"}', '{"sending":"between"}', '"awaitingCompletion"', '"aborting"', '"done"', '"failed"']));
    expect(new Set(shortest.map((p) => jobStateOf(p.state.value)))).toEqual(new Set(['queued', 'checking', 'sending', 'awaitingCompletion', 'done', 'failed']));
  });

  it('on every simple path: each step runs exactly while its state lasts; the chunks go out in order with a status check between; done only after all of them and the GS r reply', () => {
    expect(simple.length).toBeGreaterThan(20);
    for (const path of simple) {
      const evs = path.steps.map((s) => s.event);
      const why = evs.map(label).join(' ');
      const { spy, trace, end } = run(evs);
      for (const t of trace) {
        expect(t.running.checkStatus ?? 0, why).toBe(t.to.matches('checking') ? 1 : 0);
        expect(t.running.writeChunk ?? 0, why).toBe(t.to.matches({ sending: 'writing' }) ? 1 : 0);
        expect(t.running.checkPrinting ?? 0, why).toBe(t.to.matches({ sending: 'between' }) ? 1 : 0);
        expect(t.running.awaitCompletion ?? 0, why).toBe(t.to.matches('awaitingCompletion') ? 1 : 0);
        expect(t.running.watchStatus ?? 0, why).toBe(t.to.matches('awaitingCompletion') ? 1 : 0);
        expect(t.running.abortJob ?? 0, why).toBe(t.to.matches('aborting') ? 1 : 0);
      }
      const writes = spy.startsOf<ChunkInput>('writeChunk');
      expect(
        writes.map((w) => w.input),
        why,
      ).toEqual(writes.map((_, i) => ({ index: i, last: i === CHUNKS - 1 })));
      // The first byte only after the printer said it is ready; every later chunk only after the status between said it still prints.
      for (const [i, w] of writes.entries()) expect(trace[w.at]!.event.type, why).toBe(`xstate.done.actor.${i === 0 ? 'checkStatus' : 'checkPrinting'}`);
      if (end.value === 'done') {
        expect(writes.length, why).toBe(CHUNKS);
        expect(evs.at(-1)?.type, why).toBe('xstate.done.actor.awaitCompletion');
      }
    }
  });

  it('on every simple path: no job byte after a failure; the buffer is cleared once when bytes may be in it, never when the link is gone; the code is the one reported', () => {
    for (const path of simple) {
      const evs = path.steps.map((s) => s.event);
      const why = evs.map(label).join(' ');
      const { spy, trace } = run(evs);
      const stop = trace.findIndex((t) => stopped(t.to));
      if (stop < 0) continue;
      const t = trace[stop]!;
      expect(t.to.context.code, why).toBe(expectedCode(t.event));
      for (const w of spy.startsOf('writeChunk')) expect(w.at, why).toBeLessThan(stop);
      const bytesMayBeThere = t.from.matches('sending') || t.from.matches('awaitingCompletion');
      const linkGone = ['offline', 'noDevice'].includes(t.to.context.code!);
      expect(
        spy.startsOf('abortJob').map((a) => a.at),
        why,
      ).toEqual(bytesMayBeThere && !linkGone ? [stop] : []);
      // The queue hears "failed" as soon as the job stopped, before its leftover is cleared.
      expect(jobStateOf(t.to.value), why).toBe('failed');
    }
  });
});

describe('print job machine: the failures a resident meets', () => {
  const START: WalkEvent = { type: 'START' };

  it('paper out between chunks: the job stops writing, clears the printer and fails paperOut once the clear is on the wire', () => {
    const { spy, trace, end } = run([START, done('checkStatus'), done('writeChunk'), failed('checkPrinting', 'paperOut'), done('abortJob')]);
    expect(spy.started.map((s) => s.name)).toEqual(['checkStatus', 'writeChunk', 'checkPrinting', 'abortJob']);
    expect(trace.map((t) => jobStateOf(t.to.value))).toEqual(['checking', 'sending', 'sending', 'failed', 'failed']);
    expect(end.status).toBe('done');
    expect(end.context.code).toBe('paperOut');
  });

  it('a fault before anything was sent fails the job without a clear; the link gone mid-job too', () => {
    const cover = run([START, failed('checkStatus', 'coverOpen')]);
    expect(cover.end.context.code).toBe('coverOpen');
    expect(cover.spy.startsOf('abortJob')).toEqual([]);
    const unplugged = run([START, done('checkStatus'), { type: 'OFFLINE' }]);
    expect(unplugged.end.context.code).toBe('offline');
    expect(unplugged.spy.startsOf('abortJob')).toEqual([]);
  });

  it('no GS r reply in time: timeout, and the printer is cleared', () => {
    const { spy, end } = run([
      START,
      done('checkStatus'),
      done('writeChunk'),
      done('checkPrinting'),
      done('writeChunk'),
      elapsed('completionTimeout', 'printJob.awaitingCompletion'),
      done('abortJob'),
    ]);
    expect(end.value).toBe('failed');
    expect(end.context.code).toBe('timeout');
    expect(spy.startsOf('abortJob')).toHaveLength(1);
  });

  it('a step that fails without a code (a driver bug) fails the job hardwareError', () => {
    const { end } = run([START, { type: 'xstate.error.actor.checkStatus', error: new Error('boom') } as unknown as Answer]);
    expect(end.context.code).toBe('hardwareError');
  });
});

describe('print job machine timers (fake clock)', () => {
  afterEach(() => vi.useRealTimers());

  /** A job step that answers at once. */
  const answered = () => fromPromise<void, void>(async () => undefined);

  it('a printer that never answers the status check fails the job offline at the check deadline, not a moment before', async () => {
    vi.useFakeTimers();
    const actor = createActor(
      printJobMachine.provide({
        actors: {
          checkStatus: fromPromise(() => new Promise<void>(() => undefined)),
          writeChunk: fromPromise<void, ChunkInput>(async () => undefined),
          checkPrinting: answered(),
          awaitCompletion: answered(),
          watchStatus: fromCallback(() => undefined),
          abortJob: answered(),
        },
        delays: { checkTimeout: 500 },
      }),
      { input },
    ).start();
    actor.send({ type: 'START' });
    await vi.advanceTimersByTimeAsync(499);
    expect(actor.getSnapshot().value).toBe('checking');
    await vi.advanceTimersByTimeAsync(1);
    expect(actor.getSnapshot().value).toBe('failed');
    expect(actor.getSnapshot().context.code).toBe('offline');
  });

  it('with steps that answer at once the job runs to done: check, every chunk with a check between, the GS r reply', async () => {
    const written: ChunkInput[] = [];
    const actor = createActor(
      printJobMachine.provide({
        actors: {
          checkStatus: answered(),
          writeChunk: fromPromise<void, ChunkInput>(async ({ input: chunk }) => void written.push(chunk)),
          checkPrinting: answered(),
          awaitCompletion: answered(),
          watchStatus: fromCallback(() => undefined),
          abortJob: answered(),
        },
      }),
      { input: { jobId: 'pj-3', chunks: 3 } },
    ).start();
    actor.send({ type: 'START' });
    await toPromise(actor);
    expect(actor.getSnapshot().value).toBe('done');
    expect(written).toEqual([
      { index: 0, last: false },
      { index: 1, last: false },
      { index: 2, last: true },
    ]);
  });
});
