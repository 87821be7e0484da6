import { randomBytes } from 'node:crypto';
import { parseCaseNumber } from '../../../contract/domain/case-number';
import { chinaDate } from '../../../contract/domain/china-time';
import { ApiFailure } from '../../api/router';

/** Service events without a case number this terminal invited a rating of, kept for a while so a late rating still finds its item. */
const KEEP = 500;

export interface ServiceEvent {
  eventKey: string;
  caseNo?: string;
  itemCode?: string;
}

/**
 * Names service events (一事一评): an event with a case number is its
 * canonical case number; one without (a query, a guide read) gets an
 * EV-<terminal>-<day>-<random> key minted here, tied to its item. A rating
 * names its event by that key; an EV- key this terminal did not mint is
 * refused, so a page cannot invent events to rate.
 */
export class ServiceEvents {
  private readonly minted = new Map<string, ServiceEvent>();

  /** `demo`: the terminal is in demo mode, whose cases (DEMO-…) may be rated by number. */
  constructor(
    private readonly terminalId: string,
    private readonly demo: () => boolean = () => false,
  ) {}

  /** The event of a case (number checked and made canonical), or a new one for the item. */
  open(args: { caseNo?: string; itemCode?: string }, now: number): ServiceEvent {
    if (args.caseNo !== undefined) {
      const caseNo = canonicalCase(args.caseNo, 'caseNo', this.demo());
      return { eventKey: caseNo, caseNo, ...(args.itemCode ? { itemCode: args.itemCode } : {}) };
    }
    const eventKey = `EV-${this.terminalId}-${chinaDate(now).replaceAll('-', '')}-${randomBytes(6).toString('hex')}`;
    const ev = { eventKey, ...(args.itemCode ? { itemCode: args.itemCode } : {}) };
    this.minted.set(eventKey, ev);
    if (this.minted.size > KEEP) this.minted.delete(this.minted.keys().next().value!);
    return ev;
  }

  /** The event a rating names; invalidArgs for a bad case number or an EV- key not minted here. */
  resolve(eventKey: string): ServiceEvent {
    if (!eventKey.startsWith('EV-')) {
      const caseNo = canonicalCase(eventKey, 'eventKey', this.demo());
      return { eventKey: caseNo, caseNo };
    }
    const ev = this.minted.get(eventKey);
    if (!ev) throw new ApiFailure('invalidArgs', 'unknown event key: rate a service event this terminal invited (evaluation.invite)', { field: 'eventKey' });
    return ev;
  }
}

function canonicalCase(text: string, field: string, demo: boolean): string {
  const p = parseCaseNumber(text, { demo });
  if (!p.ok) throw new ApiFailure('invalidArgs', `${field} ${JSON.stringify(text)}: ${p.message}`, { field, reason: p.reason });
  return p.caseNo;
}
