import { isDeepStrictEqual } from 'node:util';
import { readRawConfig, saveConfig } from '../../config/save-config';
import { applyLive, LIVE_PATHS } from '../../config/live-settings';
import type { KioskConfig } from '../../config/schema';

/**
 * The settings the fleet platform may change: those the daemon takes live, and
 * the platform endpoint. Whether the running daemon takes
 * a new value at once is the config's own rule (live-settings: read on every
 * use); the others are reported as needing a restart. Anything else in an
 * overlay (credentials, devices, storage, the PIN, the fleet link itself) is
 * refused: a platform account must not be able to re-point or unlock the terminal.
 */
const OVERLAY_PATHS = [...LIVE_PATHS, 'platform.baseUrl', 'platform.timeoutMs'] as const;
const allowed = new Set<string>(OVERLAY_PATHS);

export type OverlayResult = { status: 'applied'; changed: string[]; restartNeeded: string[] } | { status: 'unchanged' } | { status: 'rejected'; problems: string[] };

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** The overlay's settings as [path, value], the allowed ones whole (site.hours is one value), and what is not allowed. */
function overlayPaths(overlay: Obj, prefix = ''): { fields: Array<[string, unknown]>; problems: string[] } {
  const fields: Array<[string, unknown]> = [];
  const problems: string[] = [];
  for (const [k, v] of Object.entries(overlay)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (allowed.has(path)) fields.push([path, v]);
    else if (isObject(v) && OVERLAY_PATHS.some((f) => f.startsWith(`${path}.`))) {
      const inner = overlayPaths(v, path);
      fields.push(...inner.fields);
      problems.push(...inner.problems);
    } else problems.push(`${path}: not a setting the fleet may change (allowed: ${OVERLAY_PATHS.join(', ')})`);
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
    if (!applyLive(running, saved.config, path)) restartNeeded.push(path);
  }
  return { status: 'applied', changed: changed.map(([p]) => p), restartNeeded };
}
