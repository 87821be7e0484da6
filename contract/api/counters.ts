import { SUBMISSION_KINDS } from './submission';

/**
 * Every daily counter the daemon keeps (the store's `counters`, summed for
 * the lifetime figures): what the maintenance counters page and the fleet's
 * telemetry show. The daemon counts only these names (the bus and the
 * counter store take a CounterName), and the maintenance page words each one
 * (`maint.counter.<name>` in both languages).
 */
export const COUNTER_NAMES = [
  'sessions',
  'cardReads',
  'cardReadFailures',
  'prints',
  'printFailures',
  /** Paper fed, in mm of the printed layouts' height. */
  'paperMm',
  'recordPrints',
  'recordQueries',
  /** Failed delivery attempts to the platform. */
  'errors',
  ...SUBMISSION_KINDS.map((k) => `submissions.${k}` as const),
] as const;

export type CounterName = (typeof COUNTER_NAMES)[number];

export function isCounterName(name: string): name is CounterName {
  return (COUNTER_NAMES as readonly string[]).includes(name);
}
