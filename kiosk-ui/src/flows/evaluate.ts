import type { DaemonClient } from '../client/daemon-client';
import { CommandError } from '../client/daemon-client';
import { evaluationMachine } from '../../../state-machines/flows/evaluation-machine';

/**
 * Why a 差评 (multi-select). These are the terminal's own codes, mapped to
 * the provincial 测评指标编码 at the platform boundary: the official code list
 * (GB/T 39734 Annex A) is not available to us (shared/reference §1.2).
 */
export const POOR_REASONS = ['effic', 'attitu', 'skill', 'guide', 'trips', 'device'] as const;

/** The evaluation journey with its daemon effects injected. */
export function provideEvaluate(client: DaemonClient) {
  return evaluationMachine.provide({
    actions: {
      submit: ({ self }, p) => {
        client
          .call(
            'submission.submit',
            {
              kind: 'evaluation',
              idempotencyKey: p.idempotencyKey,
              payload: { level: p.level, reasons: p.reasons, anonymous: true, ...(p.caseNo ? { caseNo: p.caseNo } : {}) },
            },
            { timeoutMs: 20_000 },
          )
          .then(
            () => self.send({ type: 'SUBMITTED' }),
            (err: unknown) => self.send({ type: 'SUBMIT_FAILED', code: err instanceof CommandError ? err.code : 'internalError' }),
          );
      },
    },
  });
}
