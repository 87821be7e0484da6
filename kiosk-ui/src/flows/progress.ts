import { fromPromise } from 'xstate';
import type { DaemonLink } from '../client/daemon-client';
import { progressMachine } from '../../../state-machines/flows/progress-machine';
import { provideIdentify } from './identify';
import { caseNoScanner } from './case-no-scanner';
import { provideServiceEvaluation } from './evaluate';

/**
 * 办件查询 with case.progress from the daemon. While the machine waits for a
 * number the scanner is armed for case numbers (the daemon sends scanner.code
 * only then, so a code scanned elsewhere is never acted on); leaving disarms it.
 */
export function provideProgress(client: DaemonLink) {
  return progressMachine.provide({
    actors: {
      identify: provideIdentify(client),
      caseNoScanner: caseNoScanner(client),
      evaluation: provideServiceEvaluation(client),
      lookUp: fromPromise(async ({ input }) => (await client.call('case.progress', { caseNo: input.caseNo })).cases),
      lookUpByCard: fromPromise(async () => (await client.call('case.progress', { byCard: true }, { timeoutMs: 30_000 })).cases),
    },
  });
}
