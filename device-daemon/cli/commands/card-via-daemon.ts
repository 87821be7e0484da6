import type { CommandResult } from '../../../contract/api';
import type { DaemonApi } from '../daemon-api';
import { technicianCall } from '../technician-gate';

/**
 * `card read` through the running daemon, which holds the reader's port
 * (card.technicianRead: the PIN checked there, refused while a resident's
 * session holds a card). Masked unless --reveal, which the daemon audits.
 */
export async function cardReadViaDaemon(api: DaemonApi, opts: { reveal?: boolean; timeout: string }): Promise<void> {
  const action = opts.reveal ? 'card read --reveal' : 'card read';
  const r = await technicianCall(api, 'card.technicianRead', { reveal: Boolean(opts.reveal), timeoutMs: Number(opts.timeout) }, action);
  if (!r) return;
  if (!r.ok) {
    process.stderr.write(`${JSON.stringify({ error: { kind: r.error.code, message: r.error.message } })}\n`);
    process.exitCode = 2;
    return;
  }
  const res = r.result as CommandResult<'card.technicianRead'>;
  process.stdout.write(`${JSON.stringify({ ...res.fields, expired: res.expired, photo: res.photo, via: 'daemon' }, null, 2)}\n`);
  process.stderr.write(`(read by the running daemon on its reader${res.revealed ? '; the reveal is in its audit trail' : ''})\n`);
}
