import type { DaemonClient } from '../client/daemon-client';
import { CommandError } from '../client/daemon-client';
import { identifyMachine } from '../../../state-machines/flows/identify-machine';

/** Identification by ID card with the reader's effects injected (shared by the service and progress journeys). */
export function provideIdentify(client: DaemonClient) {
  return identifyMachine.provide({
    actions: {
      readCard: ({ self }) => {
        client.call('card.read', { timeoutMs: 30_000 }, { timeoutMs: 35_000 }).then(
          (card) => self.send({ type: 'CARD_READ', card }),
          (err: unknown) => self.send({ type: 'READ_FAILED', code: err instanceof CommandError ? err.code : 'internalError' }),
        );
      },
      forgetCard: () => void client.call('card.forget', {}).catch(() => undefined),
    },
  });
}
