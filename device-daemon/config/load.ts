import { readFileSync, statSync } from 'node:fs';
import { KioskConfig } from './schema';
import { formatIssues } from './format-issues';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parse and validate a config text; every problem is reported, not only the first. */
export function parseConfig(text: string, file = 'kiosk.config.json'): KioskConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, [`(file): not valid JSON: ${(err as Error).message}`]);
  }
  const parsed = KioskConfig.safeParse(raw);
  if (!parsed.success) throw new ConfigError(file, formatIssues(parsed.error.issues));
  return parsed.data;
}

export function loadConfig(file: string): KioskConfig {
  let text: string;
  let mode: number;
  try {
    text = readFileSync(file, 'utf8');
    mode = statSync(file).mode;
  } catch (err) {
    throw new ConfigError(file, [`(file): cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`]);
  }
  // Refused, not started with a warning: whoever can write this file decides the technician PIN, where
  // submissions are delivered and which URLs go into printed QR codes; a warning would still run their settings.
  if (mode & 0o022) {
    throw new ConfigError(file, [
      `(file): writable by ${mode & 0o002 ? 'anyone' : 'the group'} (mode ${(mode & 0o777).toString(8)}): it sets the technician PIN, the delivery target and the printed QR links. Run chmod go-w ${file}`,
    ]);
  }
  return parseConfig(text, file);
}
