import { type ConfigSaveResult, readRawConfig, saveConfig } from './save-config';
import type { KioskConfig } from './schema';

/** Settings no edit by path may touch: the PIN hash is set only by `kioskctl config pin set`, which asks the PIN twice. */
const PROTECTED = ['technician.pinHash', '$schema'];

export class ConfigPathRefused extends Error {}

/** The value at a dotted JSON path of the file as written (undefined when absent). */
export function getByPath(raw: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined), raw);
}

/** A copy of `raw` with the value at `path` replaced (objects on the way created), the rest untouched. */
function withPath(raw: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (!rest.length) return { ...raw, [head]: value };
  const inner = raw[head];
  const obj = inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {};
  return { ...raw, [head]: withPath(obj, rest.join('.'), value) };
}

/**
 * One setting changed in the config file: the whole new file is checked by
 * the schema and saved through saveConfig (durable, .bak kept); nothing is
 * written when any field is refused.
 */
export function setConfigPath(file: string, path: string, value: unknown): ConfigSaveResult {
  if (PROTECTED.some((p) => path === p || path.startsWith(`${p}.`) || p.startsWith(`${path}.`))) {
    throw new ConfigPathRefused(`${path} cannot be set this way${path.startsWith('technician') ? ': set the PIN with `kioskctl config pin set`' : ''}`);
  }
  return saveConfig(file, withPath(readRawConfig(file), path, value));
}

/** The file as written, without the PIN hash (shown to a technician on screen or in a script's output). */
export function readConfigForDisplay(file: string): Record<string, unknown> {
  const raw = readRawConfig(file);
  const technician = raw.technician as Record<string, unknown> | undefined;
  if (!technician) return raw;
  const { pinHash: _hash, ...rest } = technician;
  return { ...raw, technician: rest };
}

/** The config as it takes effect, for a technician's eyes: the PIN hash never leaves the daemon. */
export function withoutPinHash(config: KioskConfig): Record<string, unknown> {
  const { pinHash: _hash, ...technician } = config.technician;
  return { ...config, technician };
}
