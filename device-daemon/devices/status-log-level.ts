import type { DeviceStatus } from '../../contract/api';

/**
 * Detail that changes in every resident's session: a card placed and taken,
 * a job queued, the evaluation screen showing a QR, a code scanned. The
 * status events still carry them; the log only needs them when something
 * else changed too.
 */
const ROUTINE_DETAIL = new Set(['media', 'queued', 'showing', 'codes', 'presses', 'ignored']);

/** online ⇄ busy is a device doing its work (a read, a print), not news for a technician. */
const WORKING = new Set<DeviceStatus['state']>(['online', 'busy']);

/**
 * The level a device status change is logged at: info when a technician
 * learns something from it (the first status, a device going offline or
 * coming back, paper low, a cover opened, a reason given), debug when it is
 * the routine of a session (busy and back, a card in and out, a job queued).
 * At the shipped level these lines were most of the log's growth per session.
 */
export function deviceStatusLogLevel(prev: DeviceStatus | undefined, next: DeviceStatus): 'info' | 'debug' {
  if (!prev) return 'info';
  if (prev.state !== next.state && !(WORKING.has(prev.state) && WORKING.has(next.state))) return 'info';
  if (prev.reason !== next.reason && !WORKING.has(next.state)) return 'info';
  const keys = new Set([...Object.keys(prev.detail), ...Object.keys(next.detail)]);
  for (const k of keys) if (!ROUTINE_DETAIL.has(k) && prev.detail[k] !== next.detail[k]) return 'info';
  return 'debug';
}
