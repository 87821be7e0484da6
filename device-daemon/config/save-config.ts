import { readFileSync, statSync } from 'node:fs';
import { type DurableWriteStep, writeFileDurably } from '../durable-file/write-durably';
import { formatIssues } from './format-issues';
import { KioskConfig } from './schema';

export type ConfigSaveResult = { ok: true; config: KioskConfig } | { ok: false; problems: string[] };

/** The config file's JSON as written (defaults not filled in), for edits that change only what they name. */
export function readRawConfig(file: string): Record<string, unknown> {
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${file}: not a JSON object`);
  return json as Record<string, unknown>;
}

/**
 * Every writer of `kiosk.config.json` (the technician's settings, `kioskctl`,
 * the fleet overlay) saves through here: the whole new file is checked by
 * the schema first (field-by-field messages, nothing written when any fails),
 * then replaces the old one durably, the previous file kept as `.bak` so a
 * technician can go back. The mode never gains group or world write: the
 * daemon refuses to start on such a file.
 */
export function saveConfig(file: string, raw: Record<string, unknown>, opts: { afterStep?: (step: DurableWriteStep) => void } = {}): ConfigSaveResult {
  const { $schema: _schema, ...checked } = raw;
  const parsed = KioskConfig.safeParse(checked);
  if (!parsed.success) return { ok: false, problems: formatIssues(parsed.error.issues) };
  writeFileDurably(file, `${JSON.stringify(raw, null, 2)}\n`, {
    mode: currentMode(file) & ~0o022,
    keepPreviousAs: `${file}.bak`,
    afterStep: opts.afterStep,
  });
  return { ok: true, config: parsed.data };
}

function currentMode(file: string): number {
  try {
    return statSync(file).mode & 0o777;
  } catch {
    return 0o600;
  }
}
