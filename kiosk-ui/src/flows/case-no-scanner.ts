import { type EventObject, fromCallback } from 'xstate';
import type { DaemonLink } from '../client/daemon-client';
import type { ScanEvent } from '../../../state-machines/flows/progress-machine';

/** The daemon disarms the scanner after 120 s; a resident still entering a number keeps it armed. */
const RENEW_MS = 100_000;

/** The scanner armed for case numbers while it runs (renewed before the daemon disarms it); SCANNED / SCAN_NOT_CASE for each code. */
export function caseNoScanner(client: DaemonLink) {
  return fromCallback<EventObject, void>(({ sendBack }) => {
    // A terminal without a scanner answers noDevice: typing the number still works.
    const arm = () => void client.call('scanner.arm', { purpose: 'caseNo' }).catch(() => undefined);
    arm();
    const renew = setInterval(arm, RENEW_MS);
    const off = client.on('scanner.code', (e) => {
      const scanned: ScanEvent = e.caseNo ? { type: 'SCANNED', caseNo: e.caseNo } : { type: 'SCAN_NOT_CASE' };
      if (e.purpose === 'caseNo') sendBack(scanned);
    });
    return () => {
      clearInterval(renew);
      off();
      void client.call('scanner.disarm', {}).catch(() => undefined);
    };
  });
}
