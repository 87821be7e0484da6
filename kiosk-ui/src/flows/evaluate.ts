import { fromPromise } from 'xstate';
import type { DaemonLink } from '../client/daemon-client';
import { evaluationMachine } from '../../../state-machines/flows/evaluation-machine';

/**
 * Why a 差评 (multi-select). These are the terminal's own codes, mapped to
 * the provincial 测评指标编码 at the platform boundary: the official code list
 * (GB/T 39734 Annex A) is not available to us (shared/reference §1.2).
 */
export const POOR_REASONS = ['effic', 'attitu', 'skill', 'guide', 'trips', 'device'] as const;

/** 好差评 with the rating sent through the daemon's outbox (anonymous unless the daemon knows the resident). */
export function provideEvaluate(client: DaemonLink) {
  return evaluationMachine.provide({
    actors: {
      submit: fromPromise(async ({ input }) => {
        const { idempotencyKey, level, reasons, caseNo } = input;
        await client.call('submission.submit', { kind: 'evaluation', idempotencyKey, payload: { level, reasons, anonymous: true, ...(caseNo ? { caseNo } : {}) } }, { timeoutMs: 20_000 });
      }),
    },
  });
}
