import { fromCallback, fromPromise } from 'xstate';
import type { DaemonLink } from '../client/daemon-client';
import { identifyMachine } from '../../../state-machines/flows/identify-machine';
import { consentTextVersion } from './consent-text';

/** The reader waits up to 30 s for a card; the command gets a little longer to answer. */
const READ_MS = 30_000;

/**
 * Identification by ID card with the reader's effects from the daemon
 * (shared by the service and progress journeys). The machine stops the read
 * when the resident leaves the wait; card.cancel then ends it on the reader.
 * An accepted consent is recorded by the daemon with the version of the text
 * the screen showed.
 */
export function provideIdentify(client: DaemonLink) {
  return identifyMachine.provide({
    actors: {
      readCard: fromPromise(({ signal }) => {
        signal.addEventListener('abort', () => void client.call('card.cancel', {}).catch(() => undefined));
        return client.call('card.read', { timeoutMs: READ_MS }, { timeoutMs: READ_MS + 5_000 });
      }),
      cardPresence: fromCallback(({ sendBack }) => client.on('card.present', () => sendBack({ type: 'CARD_PRESENT' }))),
      forgetCard: fromPromise(async () => {
        await client.call('card.forget', {});
      }),
      recordConsent: fromPromise(({ input }) => client.call('consent.record', { purpose: input.purpose, textVersion: consentTextVersion(input.purpose) })),
    },
  });
}
