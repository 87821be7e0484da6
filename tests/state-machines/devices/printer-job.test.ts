import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { printJobMachine, type PrintJobEvent } from '../../../state-machines/devices/printer-job';

const EVENTS: PrintJobEvent[] = [
  { type: 'START' },
  { type: 'READY' },
  { type: 'SENT' },
  { type: 'COMPLETED' },
  { type: 'FAULT', code: 'paperOut' },
  { type: 'FAULT', code: 'coverOpen' },
  { type: 'FAULT', code: 'cutterError' },
  { type: 'OFFLINE' },
  { type: 'OFFLINE', code: 'noDevice' },
];
const graphOpts = { events: EVENTS, input: { jobId: 'pj-test' } };

describe('print job machine (walked with xstate/graph)', () => {
  it('reaches every state; done only through checking → sending → awaitingCompletion', () => {
    const paths = getShortestPaths(printJobMachine, graphOpts);
    const reached = new Set(paths.map((p) => String(p.state.value)));
    expect([...reached].sort()).toEqual(['awaitingCompletion', 'checking', 'done', 'failed', 'queued', 'sending']);
    const toDone = getSimplePaths(printJobMachine, graphOpts).filter((p) => p.state.value === 'done');
    expect(toDone.length).toBeGreaterThan(0);
    for (const p of toDone) expect(p.steps.map((s) => s.event.type)).toEqual(['xstate.init', 'START', 'READY', 'SENT', 'COMPLETED']);
  });

  it('every failure carries a code, and the code is the one reported', () => {
    const failed = getSimplePaths(printJobMachine, graphOpts).filter((p) => p.state.value === 'failed');
    expect(failed.length).toBeGreaterThan(10);
    for (const p of failed) {
      const last = p.steps[p.steps.length - 1]!.event as PrintJobEvent;
      const expected = last.type === 'FAULT' ? last.code : last.type === 'OFFLINE' ? (last.code ?? 'offline') : undefined;
      expect(p.state.context.code).toBe(expected);
    }
  });

  it('COMPLETED before SENT is ignored (a job is printed only after all its bytes went out)', () => {
    const a = createActor(printJobMachine, { input: { jobId: 'pj-x' } }).start();
    a.send({ type: 'START' });
    a.send({ type: 'READY' });
    a.send({ type: 'COMPLETED' });
    expect(a.getSnapshot().value).toBe('sending');
    a.send({ type: 'SENT' });
    a.send({ type: 'COMPLETED' });
    expect(a.getSnapshot().value).toBe('done');
  });

  it('timeouts: no answer while checking → offline; no GS r reply → timeout, and the job is aborted', async () => {
    const aborted: string[] = [];
    const m = printJobMachine.provide({
      delays: { checkTimeout: 5, sendTimeout: 5, completionTimeout: 5 },
      actions: { abortJob: ({ context }) => void aborted.push(context.jobId) },
    });
    const a = createActor(m, { input: { jobId: 'pj-1' } }).start();
    a.send({ type: 'START' });
    await new Promise((r) => setTimeout(r, 20));
    expect(a.getSnapshot().context.code).toBe('offline');
    const b = createActor(m, { input: { jobId: 'pj-2' } }).start();
    b.send({ type: 'START' });
    b.send({ type: 'READY' });
    b.send({ type: 'SENT' });
    await new Promise((r) => setTimeout(r, 20));
    expect(b.getSnapshot().value).toBe('failed');
    expect(b.getSnapshot().context.code).toBe('timeout');
    expect(aborted).toEqual(['pj-2']);
  });

  it('a fault while sending aborts the job (so the printer buffer is cleared), one while checking does not need to', () => {
    const aborted: string[] = [];
    const m = printJobMachine.provide({ actions: { abortJob: () => void aborted.push('x') } });
    const a = createActor(m, { input: { jobId: 'pj-3' } }).start();
    a.send({ type: 'START' });
    a.send({ type: 'FAULT', code: 'coverOpen' });
    expect(aborted).toEqual([]);
    const b = createActor(m, { input: { jobId: 'pj-4' } }).start();
    b.send({ type: 'START' });
    b.send({ type: 'READY' });
    b.send({ type: 'FAULT', code: 'paperOut' });
    expect(aborted).toEqual(['x']);
    expect(b.getSnapshot().context.code).toBe('paperOut');
  });
});
