import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { ApiFailure, CommandRouter, type ConnectionInfo } from '../../../device-daemon/api/router';
import { rejectionOf } from '../../helpers/rejection';

// router.invoke: one capability calls another's command in-process (receipt.print → printer.print),
// checked like a call from the page: arguments before the handler, the result after it.
const log = pino({ level: 'silent' });

const failure = (p: Promise<unknown>) => rejectionOf(p, ApiFailure);

describe('router.invoke', () => {
  it('runs the handler with the parsed arguments (defaults applied) and the caller’s connection', async () => {
    const r = new CommandRouter(log);
    const seen: Array<{ args: unknown; conn: ConnectionInfo }> = [];
    r.register('printer.lastJobs', (args, conn) => {
      seen.push({ args, conn });
      return { jobs: [] };
    });
    expect(await r.invoke('printer.lastJobs', {})).toEqual({ jobs: [] });
    expect(await r.invoke('printer.lastJobs', { limit: 2 }, { connId: 7 })).toEqual({ jobs: [] });
    expect(seen).toEqual([
      { args: { limit: 5, svg: false }, conn: { connId: 0 } },
      { args: { limit: 2, svg: false }, conn: { connId: 7 } },
    ]);
  });

  it('refuses invalid arguments with invalidArgs before the handler runs', async () => {
    const r = new CommandRouter(log);
    let calls = 0;
    r.register('printer.reprint', () => {
      calls++;
      return { jobId: 'pj-abcd-1234', state: 'done', layout: 'testPage', bytes: 1, paperMm: 1 };
    });
    const e = await failure(r.invoke('printer.reprint', { jobId: 'not-a-job' }));
    expect(e.code).toBe('invalidArgs');
    expect(e.message).toContain('printer.reprint');
    const extra = await failure(r.invoke('printer.reprint', { jobId: 'pj-abcd-1234', evil: 1 } as never));
    expect(extra.code).toBe('invalidArgs');
    expect(calls).toBe(0);
  });

  it('a command without a handler here is notSupported', async () => {
    const e = await failure(new CommandRouter(log).invoke('printer.testPage', {}));
    expect(e.code).toBe('notSupported');
  });

  it('a result that breaks the contract is internalError, never passed on', async () => {
    const r = new CommandRouter(log);
    r.register('printer.testPage', () => ({ jobId: 'nope' }) as never);
    expect((await failure(r.invoke('printer.testPage', {}))).code).toBe('internalError');
  });

  it('a handler’s failure reaches the caller unchanged (code, message, detail with the jobId)', async () => {
    const r = new CommandRouter(log);
    r.register('printer.testPage', () => {
      throw new ApiFailure('paperOut', 'print job pj-abcd-1234 failed: paperOut', { jobId: 'pj-abcd-1234' });
    });
    const e = await failure(r.invoke('printer.testPage', {}));
    expect({ code: e.code, message: e.message, detail: e.detail }).toEqual({
      code: 'paperOut',
      message: 'print job pj-abcd-1234 failed: paperOut',
      detail: { jobId: 'pj-abcd-1234' },
    });
  });
});
