import { resolve } from 'node:path';
import { askPin } from '../auth/pin-prompt';
import { TechnicianAuth, technicianStateFile, type AuthOutcome } from '../auth/technician-auth';
import type { KioskConfig } from '../config/schema';
import { createLogger } from '../log';
import { ROOT_DIR } from '../version';
import type { Completion, DaemonApi } from './daemon-api';

/** Exit code of a technician action refused for want of the PIN. */
const REFUSED_EXIT = 4;

/** The technician-auth of this terminal as the CLI sees it: the daemon's state file and log, resolved like the daemon does. */
function technicianAuthFor(cfg: KioskConfig): TechnicianAuth {
  return new TechnicianAuth({
    pinHash: cfg.technician.pinHash,
    demoMode: cfg.technician.demoMode,
    stateFile: technicianStateFile(resolve(ROOT_DIR, cfg.storage.path)),
    now: Date.now,
    log: createLogger({ level: 'info', dir: resolve(ROOT_DIR, cfg.logging.dir), quiet: true }).child({ source: 'kioskctl' }),
  });
}

const at = (ms: number) => new Date(ms).toLocaleString('zh-CN', { hour12: false });

function refusal(o: Exclude<AuthOutcome, { ok: true }>, action: string): string {
  switch (o.code) {
    case 'pinRequired':
      return `${action} needs the technician PIN`;
    case 'pinInvalid':
      return o.lockedUntil ? `wrong technician PIN: technician actions are locked until ${at(o.lockedUntil)}` : `wrong technician PIN (${o.remaining} more before technician actions are locked)`;
    case 'locked':
      return `technician actions are locked until ${at(o.lockedUntil)} after too many wrong PINs`;
    case 'demoPin':
      return 'the configured PIN is the shipped demo PIN, which opens nothing on a terminal in service: set one with `kioskctl config pin set` (or mark a training terminal with technician.demoMode: true)';
  }
}

/**
 * Asks for the technician PIN (not echoed; one line from stdin when it is not
 * a terminal) and checks it before `action`. Refused: the reason goes to
 * stderr as `{"error":{"kind","message"}}` with exit code REFUSED_EXIT, and
 * false is returned — the caller does nothing.
 */
export async function technicianGate(cfg: KioskConfig, action: string): Promise<boolean> {
  const auth = technicianAuthFor(cfg);
  const outcome = await auth.verify(await askPin('Technician PIN: '), action);
  if (outcome.ok) {
    if (outcome.demo) process.stderr.write('WARNING: the shipped demo technician PIN is in use (technician.demoMode): set a PIN of this terminal before it goes into service\n');
    return true;
  }
  refused(outcome.code, refusal(outcome, action));
  return false;
}

/** A technician action refused (here, or by the daemon that checked the PIN): the reason on stderr as JSON, exit REFUSED_EXIT. */
function refused(kind: string, message: string): void {
  process.stderr.write(`${JSON.stringify({ error: { kind, message } })}\n`);
  process.exitCode = REFUSED_EXIT;
}

/** The daemon's refusals that are the PIN's: exit REFUSED_EXIT, as the gate on the file path. */
const PIN_REFUSALS = new Set(['pinRequired', 'pinInvalid', 'technicianLocked', 'unauthorized']);

/**
 * A technician command through the running daemon: the PIN asked here (as
 * technicianGate asks it), checked there against the same lockout ledger. A
 * refused PIN is reported as technicianGate reports it and answers undefined;
 * any other answer is the caller's.
 */
export async function technicianCall(api: DaemonApi, name: string, args: Record<string, unknown>, action: string): Promise<Completion | undefined> {
  const pin = await askPin('Technician PIN: ');
  if (!pin) return void refused('pinRequired', `${action} needs the technician PIN`);
  // Not a PIN at all: refused here as a wrong one (the daemon would answer invalidArgs).
  if (!/^\d{1,12}$/.test(pin)) return void refused('pinInvalid', 'wrong technician PIN (a PIN is digits)');
  const r = await api.call(name, { pin, ...args });
  if (!r.ok && PIN_REFUSALS.has(r.error.code)) return void refused(r.error.code, r.error.message);
  return r;
}
