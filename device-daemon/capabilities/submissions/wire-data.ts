import type { SubmitArgs } from '../../../contract/api/submission';
import { parseCaseNumber } from '../../../contract/domain/case-number';
import { ApiFailure } from '../../api/router';
import type { WireSubmission } from '../../platform/wire';

/** The kind's data as the platform contract carries it; referenced case numbers are checked and canonical (DEMO- ones only in demo mode). */
export function wireData(args: SubmitArgs, demo = false): WireSubmission['data'] {
  const caseRef = (field: string, v: string | undefined): string | undefined => {
    if (v === undefined) return undefined;
    const p = parseCaseNumber(v, { demo });
    if (!p.ok) throw new ApiFailure('invalidArgs', `${field} ${JSON.stringify(v)}: ${p.message}`, { field, reason: p.reason });
    return p.caseNo;
  };
  const strip = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  switch (args.kind) {
    case 'application':
      return strip({ ...args.payload });
    case 'complaint':
      return strip({ ...args.payload, relatedCaseNo: caseRef('payload.relatedCaseNo', args.payload.relatedCaseNo) });
    case 'callStaff':
      return strip({ ...args.payload });
  }
}
