import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { ApiFailure, CommandRouter } from '../../../device-daemon/api/router';

const log = pino({ level: 'silent' });
const conn = { connId: 1 };

function router() {
  const r = new CommandRouter(log);
  r.register('system.ping', () => ({ time: '2026-11-28T00:00:00.000Z' }));
  r.register('session.end', ({ reason }) => {
    if (reason === 'error') throw new ApiFailure('busy', 'try later');
    if (reason === 'reset') throw new Error('boom');
    return { wiped: [reason] };
  });
  // A handler that breaks the contract: the router must not pass it on.
  r.register('system.status', () => ({ nonsense: true }) as never);
  return r;
}

describe('command router', () => {
  it('answers a valid command with its result', async () => {
    expect(await router().dispatch(JSON.stringify({ kind: 'command', id: 'a', name: 'system.ping', args: {} }), conn)).toEqual({
      kind: 'completion',
      id: 'a',
      ok: true,
      result: { time: '2026-11-28T00:00:00.000Z' },
    });
  });

  it.each([
    ['not JSON', '{oops', null, 'badMessage'],
    ['an array', '[1,2]', null, 'badMessage'],
    ['a wrong kind', JSON.stringify({ kind: 'event', id: 'b', name: 'x' }), 'b', 'badMessage'],
    ['extra envelope keys', JSON.stringify({ kind: 'command', id: 'c', name: 'system.ping', args: {}, evil: 1 }), 'c', 'badMessage'],
    ['an unknown command', JSON.stringify({ kind: 'command', id: 'd', name: 'door.open' }), 'd', 'unknownCommand'],
    ['bad args', JSON.stringify({ kind: 'command', id: 'e', name: 'session.end', args: { reason: 'bored' } }), 'e', 'invalidArgs'],
    ['unexpected args', JSON.stringify({ kind: 'command', id: 'f', name: 'system.ping', args: { x: 1 } }), 'f', 'invalidArgs'],
    ['a contract command without a handler here', JSON.stringify({ kind: 'command', id: 'g', name: 'sim.control', args: { device: 'printer', action: 'paperOut' } }), 'g', 'notSupported'],
  ])('refuses %s with a clear error', async (_label, text, id, code) => {
    const res = await router().dispatch(text, conn);
    expect(res).toMatchObject({ kind: 'completion', id, ok: false, error: { code } });
    expect((res as { error: { message: string } }).error.message.length).toBeGreaterThan(5);
  });

  it('passes a handler failure code through, hides internal errors, and checks results', async () => {
    const r = router();
    const send = (id: string, name: string, args: unknown) => r.dispatch(JSON.stringify({ kind: 'command', id, name, args }), conn);
    expect(await send('h', 'session.end', { reason: 'error' })).toMatchObject({ ok: false, error: { code: 'busy', message: 'try later' } });
    const internal = await send('i', 'session.end', { reason: 'reset' });
    expect(internal).toMatchObject({ ok: false, error: { code: 'internalError' } });
    expect(JSON.stringify(internal)).not.toContain('boom');
    expect(await send('j', 'system.status', {})).toMatchObject({ ok: false, error: { code: 'internalError' } });
  });
});
