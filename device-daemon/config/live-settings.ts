import type { KioskConfig } from './schema';

/**
 * Settings the running daemon reads on every use (system.status, the session
 * boundary's check, the evaluation invitation, callStaff.duty), so a saved value can be
 * copied into the running config and take effect at once. Everything else
 * (devices, store, platform link, the listener, locale defaults the page
 * takes at its start) is read once when a part starts and needs a restart.
 */
export const LIVE_PATHS = [
  'site.name',
  'site.address',
  'site.hours',
  'site.phones',
  'site.staffDuty',
  'session.idleTimeoutSeconds',
  'session.warningSeconds',
  'links.progressUrlTemplate',
  'links.evaluationUrlTemplate',
  'links.guideUrlTemplate',
] as const;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Copies the live setting at `path` from the config just saved into the
 * running one (the object every capability holds). Answers false, changing
 * nothing, for a setting that needs a restart.
 */
export function applyLive(running: KioskConfig, saved: KioskConfig, path: string): boolean {
  const live = LIVE_PATHS.find((p) => path === p || path.startsWith(`${p}.`));
  if (!live) return false;
  const keys = live.split('.');
  const from = keys.slice(0, -1).reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), saved);
  const to = keys.slice(0, -1).reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), running);
  if (!isObject(from) || !isObject(to)) return false;
  const last = keys.at(-1)!;
  to[last] = from[last];
  return true;
}
