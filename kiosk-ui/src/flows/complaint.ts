import type { DaemonClient } from '../client/daemon-client';
import { complaintMachine } from '../../../state-machines/flows/complaint-machine';

/** The complaint journey with its daemon effects injected. */
export function provideComplaint(_client: DaemonClient) {
  return complaintMachine;
}
