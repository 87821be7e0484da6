import type { Logger } from 'pino';
import { maskPhone } from '../../../contract/domain/mask';

/** How a text message reaches an applicant's phone: the centre's SMS gateway, or (by default) the log only. */
export interface SmsGateway {
  readonly name: string;
  /** Resolves once the gateway took the message; rejects with why it did not. */
  send(phone: string, text: string): Promise<void>;
}

/**
 * The default gateway: the notice is written to the daemon's log (phone
 * masked, the text whole — it names the case and the step, never the
 * person) and counts as sent. A terminal with a real gateway configures an
 * adapter in its place; nothing else changes.
 */
export class LogOnlySmsGateway implements SmsGateway {
  readonly name = 'logOnly';
  constructor(private readonly log: Logger) {}

  async send(phone: string, text: string): Promise<void> {
    this.log.info({ event: 'sms', gateway: this.name, to: maskPhone(phone), text }, 'text message (log only: no gateway configured)');
  }
}
