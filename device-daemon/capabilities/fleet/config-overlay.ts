import { isDeepStrictEqual } from 'node:util';
import { readRawConfig, saveConfig } from '../../config/save-config';
import type { KioskConfig } from '../../config/schema';

/**
 * The settings the fleet platform may change, and whether the running daemon
 * takes the new value at once (`live`: read on every use) or at its next
 * start (`restart`: read once when a capability starts). Anything else in an
 * overlay (credentials, devices, storage, the PIN, the fleet link itself) is
 * refused: a platform account must not be able to re-point or unlock the terminal.
 */
const OVERLAY_FIELDS: Readonly<Record<string, 'live' | 'restart'>> = {
  'site.name': 'live',
  'site.address': 'live',
  'site.hours': 'live',
  'site.phones': 'live',
  'session.idleTimeoutSeconds': 'restart',
  'session.warningSeconds': 'restart',
  'links.progressUrlTemplate': 'live',
  'links.evaluationUrlTemplate': 'live',
  'links.guideUrlTemplate': 'live',
  'platform.baseUrl': 'restart',
  'platform.timeoutMs': 'restart',
};

export type OverlayResult = { status: 'applied'; changed: string[]; restartNeeded: string[] } | { status: 'unchanged' } | { status: 'rejected'; problems: string[] };

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** The overlay's settings as [path, value], the allowed ones whole (site.hours is one value), and what is not allowed. */
function overlayPaths(overlay: Obj, prefix = ''): { fields: Array<[string, unknown]>; problems: string[] } {
  const fields: Array<[string, unknown]> = [];
  const problems: string[] = [];
  for (const [k, v] of Object.entries(overlay)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (Object.hasOwn(OVERLAY_FIELDS, path)) fields.push([path, v]);
    else if (isObject(v) && Object.keys(OVERLAY_FIELDS).some((f) => f.startsWith(`${path}.`))) {
      const inner = overlayPaths(v, path);
      fields.push(...inner.fields);
      problems.push(...inner.problems);
    } else problems.push(`${path}: not a setting the fleet may change (allowed: ${Object.keys(OVERLAY_FIELDS).join(', ')})`);
  }
  return { fields, problems };
}

function getPath(o: Obj, path: string): unknown {
  return path.split('.').reduce<unknown>((at, k) => (isObject(at) ? at[k] : undefined), o);
}

function setPath(o: Obj, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = o;
  for (const k of keys.slice(0, -1)) {
    if (!isObject(at[k])) at[k] = {};
    at = at[k] as Obj;
  }
  at[keys.at(-1)!] = value;
}

/**
 * Applies a config overlay from the platform: only allowed fields, merged
 * into the file as written and saved through saveConfig (the whole file
 * checked by the schema, written durably, the previous kept as .bak). A
 * refused overlay changes nothing and answers the schema's messages. Live
 * fields are copied into the running config; the others are listed as
 * needing a restart.
 */
export function applyOverlay(configPath: string, running: KioskConfig, overlay: unknown): OverlayResult {
  if (!isObject(overlay)) return { status: 'rejected', problems: ['config: expected an object of settings'] };
  const { fields, problems } = overlayPaths(overlay);
  if (problems.length) return { status: 'rejected', problems };
  const raw = readRawConfig(configPath);
  const changed = fields.filter(([path, v]) => !isDeepStrictEqual(getPath(raw, path), v));
  if (!changed.length) return { status: 'unchanged' };
  for (const [path, v] of changed) setPath(raw, path, v);
  const saved = saveConfig(configPath, raw);
  if (!saved.ok) return { status: 'rejected', problems: saved.problems };
  const restartNeeded: string[] = [];
  for (const [path] of changed) {
    if (OVERLAY_FIELDS[path] === 'live') setPath(running as unknown as Obj, path, getPath(saved.config as unknown as Obj, path));
    else restartNeeded.push(path);
  }
  return { status: 'applied', changed: changed.map(([p]) => p), restartNeeded };
}
