import type { DaemonClient } from '../client/daemon-client';
import { evaluationMachine } from '../../../state-machines/flows/evaluation-machine';

/** The evaluation journey with its daemon effects injected. */
export function provideEvaluate(_client: DaemonClient) {
  return evaluationMachine;
}
