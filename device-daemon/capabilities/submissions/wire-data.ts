import type { SubmitArgs } from '../../../contract/api/submission';
import { parseCaseNumber } from '../../../contract/domain/case-number';
import { ApiFailure } from '../../api/router';
import { provincialCodes } from '../../platform/evaluation-codes';
import type { WireSubmission } from '../../platform/wire';

/** The kind's data as the platform contract carries it; referenced case numbers are checked and canonical. */
export function wireData(args: SubmitArgs): WireSubmission['data'] {
  const caseRef = (field: string, v: string | undefined): string | undefined => {
    if (v === undefined) return undefined;
    const p = parseCaseNumber(v);
    if (!p.ok) throw new ApiFailure('invalidArgs', `${field} ${JSON.stringify(v)}: ${p.message}`, { field, reason: p.reason });
    return p.caseNo;
  };
  const strip = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  switch (args.kind) {
    case 'application':
      return strip({ ...args.payload });
    case 'evaluation': {
      const codes = provincialCodes({ level: args.payload.level, channel: 'screen', reasons: args.payload.reasons });
      return strip({
        satisfaction: codes.satisfaction,
        satisfactionLabel: codes.satisfactionLabel,
        relatedCaseNo: caseRef('payload.caseNo', args.payload.caseNo),
        indicators: args.payload.reasons,
        comment: args.payload.comment,
        anonymous: args.payload.anonymous,
      });
    }
    case 'complaint':
      return strip({ ...args.payload, relatedCaseNo: caseRef('payload.relatedCaseNo', args.payload.relatedCaseNo) });
    case 'callStaff':
      return strip({ ...args.payload });
  }
}
