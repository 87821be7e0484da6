import type { Logger } from 'pino';
import { DeviceCommandError } from '../../device';
import type { LifecycleOptions } from '../../lifecycle-device';
import type { ByteTransport } from '../../transport/byte-transport';
import { EvalDeviceBase } from '../eval-device-base';
import type { EvalTarget } from '../eval-display-device';
import { CLEAR, INIT, lowerLine, upperLine } from './cd5220-commands';

export interface Cd5220Options {
  driver: string;
  transport: ByteTransport;
  log: Logger;
  lifecycle?: LifecycleOptions;
}

/**
 * A CD5220 2×20 text customer display: the case number on the upper line,
 * the short prompt (请扫码评价) on the lower. It shows no QR and takes no
 * press, so the QR stays on the screen and the receipt. The display only
 * listens (the command set has no reply), so presence is the serial link:
 * a USB-serial display that is unplugged takes its port with it.
 */
export class Cd5220Display extends EvalDeviceBase {
  readonly shows = 'text' as const;
  readonly rates = false;
  private readonly transport: ByteTransport;
  private readonly log: Logger;

  constructor(opts: Cd5220Options) {
    super(opts.driver, opts.transport.describe, opts.lifecycle);
    this.transport = opts.transport;
    this.log = opts.log;
    this.transport.onLost((reason) => {
      this.log.warn({ device: 'evalDisplay', reason }, 'evaluation display connection lost');
      this.lost(reason);
    });
  }

  async show(target: EvalTarget): Promise<void> {
    await this.write(Buffer.concat([CLEAR, upperLine(target.caseNo ?? ''), lowerLine(target.caption)]));
    this.shown(target);
  }

  async clear(): Promise<void> {
    this.shown(undefined);
    await this.write(CLEAR);
  }

  protected async open(): Promise<void> {
    await this.transport.close().catch(() => {});
    await this.transport.open();
    await this.transport.write(Buffer.concat([INIT, CLEAR]));
    this.shown(undefined);
  }

  protected async close(): Promise<void> {
    await this.transport.close();
  }

  private async write(bytes: Buffer): Promise<void> {
    if (this.state !== 'online') throw new DeviceCommandError('offline', `the evaluation display is ${this.state}`);
    try {
      await this.transport.write(bytes);
    } catch (err) {
      throw new DeviceCommandError('transportLost', `writing to the evaluation display failed (${(err as Error).message})`);
    }
  }
}
