import { createActor, fromPromise, type Actor } from 'xstate';
import { deviceLifecycleMachine, retryWait, type OpenFailure } from '../../state-machines/devices/lifecycle';
import type { DeviceDetail, DeviceId, DeviceState, DeviceStatus } from '../../contract/api';
import type { Device, SimulatorControl } from './device';

/** Thrown by open() when the configured hardware is not attached. */
export class NoDeviceError extends Error {
  override name = 'NoDeviceError';
}

export interface LifecycleOptions {
  /** Backoff in ms for the n-th consecutive failed attempt (1-based). */
  retryDelayMs?: (attempt: number) => number;
}

const defaultBackoff = (attempt: number) => Math.min(30_000, 1000 * 2 ** Math.min(attempt - 1, 5));

/** What the lifecycle machine learns of a failed open: whether the hardware is there at all. */
function openFailure(err: unknown): OpenFailure {
  return { reason: err instanceof NoDeviceError ? 'noDevice' : 'hardwareError', message: err instanceof Error ? err.message : String(err) };
}

/**
 * Base for concrete devices: runs the shared lifecycle machine, turns its
 * state into a DeviceStatus and tells listeners on every change.
 * Subclasses implement open()/close() (the machine's openDevice and
 * closeDevice actors) and report runtime events with
 * lost()/fault()/recovered()/busy()/idle().
 */
export abstract class LifecycleDevice implements Device {
  private readonly actor: Actor<typeof deviceLifecycleMachine>;
  private readonly listeners = new Set<(s: DeviceStatus) => void>();
  private current: DeviceStatus;
  private detailValue: DeviceDetail;
  private started = false;
  private stopped = false;
  simulator?: SimulatorControl;

  constructor(
    readonly id: DeviceId,
    readonly driver: string,
    initialDetail: DeviceDetail = {},
    opts: LifecycleOptions = {},
  ) {
    const backoff = opts.retryDelayMs ?? defaultBackoff;
    this.detailValue = { ...initialDetail };
    this.current = { device: id, driver, state: 'starting', detail: this.detailValue, since: new Date().toISOString() };
    this.actor = createActor(
      deviceLifecycleMachine.provide({
        actors: {
          openDevice: fromPromise(() =>
            this.open().catch((err: unknown) => {
              throw openFailure(err);
            }),
          ),
          closeDevice: fromPromise(() => this.runClose()),
        },
        delays: { retryDelay: ({ context }) => retryWait(context, (attempt) => backoff(Math.max(1, attempt))) },
      }),
    );
    this.actor.subscribe(() => this.publish());
  }

  protected abstract open(): Promise<void>;
  protected abstract close(): Promise<void>;

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.actor.start();
    // Resolve once the first open attempt has settled, so start-up can report it.
    await new Promise<void>((resolve) => {
      const sub = this.actor.subscribe((snap) => {
        if (!snap.matches('starting')) {
          sub.unsubscribe();
          resolve();
        }
      });
      if (!this.actor.getSnapshot().matches('starting')) {
        sub.unsubscribe();
        resolve();
      }
    });
  }

  async stop(): Promise<void> {
    if (!this.started || this.stopped) return;
    this.stopped = true;
    // Stopping the machine stops an open still in flight (its answer goes nowhere); then the link is closed here.
    this.actor.send({ type: 'STOP' });
    this.actor.stop();
    await this.runClose();
  }

  status(): DeviceStatus {
    return this.current;
  }

  onStatus(listener: (s: DeviceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get state(): DeviceState {
    return this.current.state;
  }

  /**
   * Resolves once the state satisfies `done`, or after `maxMs` whatever it
   * is: a simulator control (unplug, replug) answers with the status it caused.
   */
  waitForState(done: (state: DeviceState) => boolean, maxMs = 2000): Promise<void> {
    if (done(this.state)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        off();
        resolve();
      };
      const timer = setTimeout(finish, maxMs);
      const off = this.onStatus((s) => {
        if (done(s.state)) finish();
      });
    });
  }

  protected setDetail(patch: DeviceDetail): void {
    this.detailValue = { ...this.detailValue, ...patch };
    this.publish();
  }

  protected lost(message: string): void {
    this.actor.send({ type: 'LOST', message });
  }
  protected fault(message: string): void {
    this.actor.send({ type: 'FAULT', message });
  }
  protected recovered(): void {
    this.actor.send({ type: 'RECOVERED' });
  }
  protected busy(): void {
    this.actor.send({ type: 'BUSY' });
  }
  protected idle(): void {
    this.actor.send({ type: 'IDLE' });
  }
  /** Try to open again now instead of waiting for the backoff (e.g. on a udev add). */
  protected retryNow(): void {
    this.actor.send({ type: 'RETRY' });
  }

  private async runClose(): Promise<void> {
    try {
      await this.close();
    } catch {
      // Closing a device that is already gone is not an error worth reporting.
    }
  }

  private publish(): void {
    const snap = this.actor.getSnapshot();
    const value = String(snap.value);
    const state: DeviceState = value === 'stopped' ? 'offline' : (value as DeviceState);
    const reason = state === 'online' || state === 'busy' ? undefined : snap.context.reason;
    const prev = this.current;
    const detailChanged = JSON.stringify(prev.detail) !== JSON.stringify(this.detailValue);
    if (prev.state === state && prev.reason === reason && !detailChanged) return;
    this.current = {
      device: this.id,
      driver: this.driver,
      state,
      detail: this.detailValue,
      ...(reason ? { reason } : {}),
      since: prev.state === state ? prev.since : new Date().toISOString(),
    };
    for (const l of this.listeners) l(this.current);
  }
}
