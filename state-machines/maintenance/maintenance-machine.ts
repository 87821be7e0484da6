import { assign, emit, setup } from 'xstate';
import { codeOf, hostRequest } from '../host-effects';

/**
 * 维护模式 as the page sees it. The hidden gesture opens the PIN pad; the PIN
 * goes to the daemon (`enter`: maintenance.enter), which checks it, counts
 * the try and keeps the lockout — the page never sees the hash. Accepted, the
 * daemon ends and wipes the resident session and hands the devices to the
 * technician; the machine holds the daemon's maintenance token until the
 * technician leaves (`leave`), the daemon ends it (its idle timeout: ENDED)
 * or the connection drops (ENDED too: the token died with it). Every way out
 * returns to attract (`returnToAttract`). A PIN pad left alone closes by
 * itself, so a passer-by never finds it open.
 */
export type MaintenancePage = 'devices' | 'ports' | 'settings' | 'counters';

export interface MaintenanceContext {
  token: string | undefined;
  page: MaintenancePage;
  /** Wrong PINs left before the lockout (after a wrong one). */
  remaining: number | undefined;
  /** Epoch ms until which entry is refused (shown as the time left). */
  lockedUntil: number | undefined;
  /** The last refusal's code, for the PIN pad's message. */
  error: string | undefined;
}

export type MaintenanceEvent =
  | { type: 'GESTURE' }
  | { type: 'SUBMIT'; pin: string }
  | { type: 'CANCEL' }
  | { type: 'SHOW'; page: MaintenancePage }
  | { type: 'LEAVE' }
  /** The daemon ended maintenance (idle timeout, restart) or the connection dropped. */
  | { type: 'ENDED' };

export type MaintenanceEmitted = { type: 'returnToAttract' };

export interface EnterOutput {
  token: string;
}

/** What maintenance.enter's refusal carries: pinInvalid with the tries left, technicianLocked with the time. */
function refusal(error: unknown): { code: string; remaining?: number; lockedUntil?: number } {
  const detail = (error as { detail?: { remaining?: unknown; lockedUntil?: unknown } } | undefined)?.detail;
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return { code: codeOf(error), remaining: num(detail?.remaining), lockedUntil: num(detail?.lockedUntil) };
}

/** How long an untouched PIN pad or lockout notice stays before the attract screen returns. */
const PIN_PAD_IDLE_MS = 30_000;

export const maintenanceMachine = setup({
  types: {} as { context: MaintenanceContext; events: MaintenanceEvent; emitted: MaintenanceEmitted },
  actors: {
    enter: hostRequest<EnterOutput, { pin: string }>('enter'),
    leave: hostRequest<void, { token: string }>('leave'),
  },
  delays: { pinPadIdle: PIN_PAD_IDLE_MS },
  actions: {
    forget: assign({ token: undefined, page: 'devices' as MaintenancePage, remaining: undefined, error: undefined }),
    returnToAttract: emit({ type: 'returnToAttract' } as const),
  },
}).createMachine({
  id: 'maintenance',
  context: { token: undefined, page: 'devices', remaining: undefined, lockedUntil: undefined, error: undefined },
  initial: 'closed',
  states: {
    closed: { on: { GESTURE: 'pinPad' } },
    pinPad: {
      id: 'maintenance.pinPad',
      after: { pinPadIdle: { target: 'closed', actions: 'forget' } },
      on: {
        SUBMIT: 'checking',
        CANCEL: { target: 'closed', actions: 'forget' },
      },
    },
    checking: {
      invoke: {
        id: 'enter',
        src: 'enter',
        input: ({ event }) => ({ pin: (event as { pin: string }).pin }),
        onDone: { target: 'open', actions: assign({ token: ({ event }) => event.output.token, remaining: undefined, lockedUntil: undefined, error: undefined }) },
        onError: [
          {
            guard: ({ event }) => refusal(event.error).lockedUntil !== undefined,
            target: 'locked',
            actions: assign(({ event }) => {
              const r = refusal(event.error);
              return { error: r.code, lockedUntil: r.lockedUntil, remaining: 0 };
            }),
          },
          {
            target: 'pinPad',
            actions: assign(({ event }) => {
              const r = refusal(event.error);
              return { error: r.code, remaining: r.remaining };
            }),
          },
        ],
      },
      on: { CANCEL: { target: 'closed', actions: 'forget' } },
    },
    locked: {
      id: 'maintenance.locked',
      after: { pinPadIdle: { target: 'closed', actions: 'forget' } },
      on: { CANCEL: { target: 'closed', actions: 'forget' } },
    },
    open: {
      on: {
        SHOW: { actions: assign({ page: ({ event }) => event.page }) },
        LEAVE: 'leaving',
        ENDED: { target: 'closed', actions: ['forget', 'returnToAttract'] },
      },
    },
    leaving: {
      // Whether the daemon confirmed or not, the page is out of maintenance: the token dies with the daemon's idle timeout anyway.
      invoke: {
        id: 'leave',
        src: 'leave',
        input: ({ context }) => ({ token: context.token! }),
        onDone: { target: 'closed', actions: ['forget', 'returnToAttract'] },
        onError: { target: 'closed', actions: ['forget', 'returnToAttract'] },
      },
      on: { ENDED: { target: 'closed', actions: ['forget', 'returnToAttract'] } },
    },
  },
});
