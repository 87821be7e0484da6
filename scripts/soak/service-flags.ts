import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const UNIT = join(import.meta.dirname, '../../deploy/systemd/gov-kiosk-daemon.service');

/**
 * The environment the terminal's daemon unit sets (its `Environment=` lines),
 * less the config path (the soak writes its own config).
 */
export function shippedEnvironment(unitText = readFileSync(UNIT, 'utf8')): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of unitText.split('\n')) {
    const m = /^Environment=([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m && m[1] !== 'KIOSK_CONFIG') env[m[1]!] = m[2]!;
  }
  return env;
}

/**
 * node's flags in the terminal's daemon unit (the words of ExecStart between
 * the node binary and the compiled entry), so that the soak measures the
 * daemon's memory as a terminal runs it rather than with the tests' flags
 * (source maps held in memory, the default young generation).
 */
export function shippedNodeFlags(unitText = readFileSync(UNIT, 'utf8')): string[] {
  const line = unitText.split('\n').find((l) => l.startsWith('ExecStart='));
  if (!line) throw new Error(`no ExecStart in ${UNIT}`);
  const words = line.slice('ExecStart='.length).trim().split(/\s+/);
  const entry = words.findIndex((w) => w.endsWith('/daemon.js'));
  if (!/\/node$/.test(words[0] ?? '') || entry < 0) throw new Error(`ExecStart does not run node on daemon.js: ${line}`);
  return words.slice(1, entry);
}
