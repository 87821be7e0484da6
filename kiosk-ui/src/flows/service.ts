import type { DaemonClient } from '../client/daemon-client';
import { serviceMachine } from '../../../state-machines/flows/service-machine';

/** The item service journey with its daemon effects injected. */
export function provideService(_client: DaemonClient) {
  return serviceMachine;
}
