import { z } from 'zod';
import { command } from './define';
import { PrintJobResult } from './printer';
import { RecordType } from './submission';

// Documents that name a resident. The page never sends or receives a full
// name, ID number, address or phone: it names the case or the record type,
// and the daemon composes the printout from what it holds (the stored
// submission, the session's card record, the platform's answer) and prints it
// through its print path — with the person masked. printer.print takes no
// layout that names a person.

/** Case numbers are checked by the handler. */
const CaseNoText = z.string().min(1).max(64);

export const documentCommands = {
  'receipt.print': command({
    args: z
      .object({
        caseNo: CaseNoText,
        /** The resident's language: with en, the receipt is printed in Chinese and then in English below. */
        locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
      })
      .strict(),
    result: PrintJobResult,
    doc: 'Print the receipt of a case accepted in this session (or learnt by its idempotency key with submission.outcome after a lost answer): 受理回执 for an application, the complaint receipt for a complaint. Composed in the daemon from the stored submission (the applicant printed masked); every print after the first completed one is a further copy marked 【补打】 (a print that failed leaves none: the next is the original). Errors: notFound (not a case of this session), the printer codes with the jobId in the detail.',
  }),
  'records.print': command({
    args: z.object({ recordType: RecordType }).strict(),
    result: PrintJobResult,
    doc: 'Print the records (参保证明, 养老金领取) of the person whose card was read in this session, composed in the daemon (holder masked); counted as recordPrints. notFound when the platform has none: nothing is printed.',
  }),
};

export const documentEvents = {};
