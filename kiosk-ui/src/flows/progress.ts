import { fromCallback, fromPromise } from 'xstate';
import type { DaemonLink } from '../client/daemon-client';
import { progressMachine, type ScanEvent } from '../../../state-machines/flows/progress-machine';
import { provideIdentify } from './identify';

/** The daemon disarms the scanner after 120 s; a resident still entering a number keeps it armed. */
const RENEW_MS = 100_000;

/**
 * 办件查询 with case.progress from the daemon. While the machine waits for a
 * number the scanner is armed for case numbers (the daemon sends scanner.code
 * only then, so a code scanned elsewhere is never acted on); leaving disarms it.
 */
export function provideProgress(client: DaemonLink) {
  return progressMachine.provide({
    actors: {
      identify: provideIdentify(client),
      caseNoScanner: fromCallback(({ sendBack }) => {
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
      }),
      lookUp: fromPromise(async ({ input }) => (await client.call('case.progress', { caseNo: input.caseNo })).cases),
      lookUpByCard: fromPromise(async () => (await client.call('case.progress', { byCard: true }, { timeoutMs: 30_000 })).cases),
    },
  });
}
