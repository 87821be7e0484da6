import type { SessionWiper } from '../../capability';
import type { DeviceRegistry } from '../../devices/registry';

/**
 * Everything that holds a resident's data for the session: the devices (the
 * card record, the printer's rendered pages …) and what capabilities add
 * (session cases, print jobs, an armed scanner). wipe() empties them all and
 * says what was held.
 */
export class SessionWipe {
  private readonly wipers: SessionWiper[] = [];

  constructor(private readonly registry: Pick<DeviceRegistry, 'wipeSession'>) {}

  add(wiper: SessionWiper): void {
    this.wipers.push(wiper);
  }

  wipe(opts?: { boundary?: boolean }): string[] {
    return [...this.registry.wipeSession(), ...this.wipers.flatMap((w) => w(opts))];
  }
}
