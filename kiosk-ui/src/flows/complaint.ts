import type { DaemonClient } from '../client/daemon-client';
import { CommandError } from '../client/daemon-client';
import { complaintMachine } from '../../../state-machines/flows/complaint-machine';
import { translate } from '../i18n';

/**
 * Preset statements per 有诉即办 category (ids; the words are in the locale
 * files). The submission carries their Chinese wording, whatever language
 * the resident used, because the department reads Chinese.
 */
export const COMPLAINT_STATEMENTS: Record<string, string[]> = {
  efficiency: ['manyTrips', 'overdue', 'extraMaterials', 'noAnswer'],
  serviceAttitude: ['rude', 'ignored', 'unclear'],
  policy: ['unclearRule', 'inconsistent', 'suggestion'],
  terminalFault: ['noRead', 'noPrint', 'screen', 'stuck'],
  other: ['other'],
};
/** Offered in every category. */
export const CALL_ME = 'callMe';
/** 有诉即办 response promise: 5 working days (Henan township practice; shared/reference/government-service-rules.md §1.5). */
export const COMPLAINT_PROMISED_DAYS = 5;

export function statementKey(category: string, id: string): string {
  return id === CALL_ME ? 'complaint.statement.callMe' : `complaint.statement.${category}.${id}`;
}

export function complaintText(category: string, statements: string[]): string {
  return statements.map((id) => translate('zh-CN', statementKey(category, id))).join('；');
}

const codeOf = (err: unknown) => (err instanceof CommandError ? err.code : 'internalError');

/** The complaint journey with its daemon effects injected. */
export function provideComplaint(client: DaemonClient) {
  return complaintMachine.provide({
    actions: {
      submit: ({ self }, p) => {
        client
          .call(
            'submission.submit',
            {
              kind: 'complaint',
              idempotencyKey: p.idempotencyKey,
              payload: {
                category: p.category as 'efficiency',
                text: complaintText(p.category, p.statements),
                ...(p.relatedCaseNo ? { relatedCaseNo: p.relatedCaseNo } : {}),
                ...(p.callbackPhone ? { callbackPhone: p.callbackPhone } : {}),
              },
            },
            { timeoutMs: 20_000 },
          )
          .then(
            (r) => self.send({ type: 'SUBMITTED', caseNo: r.caseNo, promisedDate: r.promisedDate }),
            (err: unknown) => self.send({ type: 'SUBMIT_FAILED', code: codeOf(err) }),
          );
      },
      printReceipt: ({ self }, { caseNo }) => {
        client.call('receipt.print', { caseNo }, { timeoutMs: 60_000 }).then(
          () => self.send({ type: 'PRINTED' }),
          (err: unknown) => self.send({ type: 'PRINT_FAILED', code: codeOf(err) }),
        );
      },
    },
  });
}
