// kioskctl status: what /health says, in a technician's words, and an exit
// code a supervisor or a script can act on without parsing the text.

interface HealthDevice {
  device: string;
  state: string;
  driver: string;
  reason?: string;
  detail: unknown;
}

interface HealthSection {
  state: string;
  problem?: string;
  reason?: string;
  message?: string;
}

/** The part of /health this command reads. */
export interface Health {
  version: string;
  uptimeSec: number;
  status: string;
  devices: HealthDevice[];
  store?: HealthSection & { accepting?: boolean; file?: string };
  log?: HealthSection & { droppedLines?: number };
}

/** The exit codes of `kioskctl status` (documented in the README and in --help). */
export const STATUS_EXIT = {
  /** Everything works. */
  ok: 0,
  /** A device or the log does not work; the store takes submissions. */
  degraded: 2,
  /** The store cannot take submissions: the terminal cannot accept applications. */
  storeDown: 3,
  /** No daemon answers on the configured port. */
  noDaemon: 4,
} as const;

export const STATUS_EXIT_HELP = '0 ok, 2 degraded (a device or the log), 3 the store cannot take submissions, 4 no daemon answers, 1 kioskctl itself failed';

export interface Verdict {
  exit: number;
  reasons: string[];
}

export function statusVerdict(h: Health): Verdict {
  const reasons: string[] = [];
  const storeDown = h.store !== undefined && h.store.accepting !== true;
  if (storeDown) reasons.push(`store ${h.store!.state}${h.store!.problem ? ` (${h.store!.problem})` : ''}: ${h.store!.reason ?? h.store!.message ?? ''}`);
  if (h.log && h.log.state !== 'ok') reasons.push(`log ${h.log.state}${h.log.problem ? ` (${h.log.problem})` : ''}: ${h.log.reason ?? ''}`);
  for (const d of h.devices) if (d.state !== 'online' && d.state !== 'busy') reasons.push(`${d.device} ${d.state}${d.reason ? `: ${d.reason}` : ''}`);
  // A daemon that says degraded for a reason this version does not know is still not ok.
  if (!reasons.length && h.status !== 'ok') reasons.push(`daemon reports ${h.status}`);
  const exit = storeDown ? STATUS_EXIT.storeDown : reasons.length ? STATUS_EXIT.degraded : STATUS_EXIT.ok;
  return { exit, reasons };
}

export function statusText(h: Health, v: Verdict): string {
  const lines = [`daemon ${String(h.version)} up ${String(h.uptimeSec)} s — ${String(h.status)}`];
  if (h.store) lines.push(`  ${'store'.padEnd(13)} ${h.store.state.padEnd(13)} ${h.store.accepting ? 'accepting submissions' : 'NOT accepting submissions'}`);
  if (h.log) lines.push(`  ${'log'.padEnd(13)} ${h.log.state.padEnd(13)} ${h.log.droppedLines ? `${h.log.droppedLines} lines dropped` : ''}`.trimEnd());
  for (const d of h.devices) {
    lines.push(`  ${d.device.padEnd(13)} ${d.state.padEnd(13)} ${d.driver.padEnd(10)} ${JSON.stringify(d.detail)}${d.reason ? `  (${d.reason})` : ''}`);
  }
  if (v.reasons.length) lines.push('', 'NOT OK:', ...v.reasons.map((r) => `  - ${r}`));
  return `${lines.join('\n')}\n`;
}
