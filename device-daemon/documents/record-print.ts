import { randomBytes } from 'node:crypto';
import type { PrintRequestInput } from '../../contract/api/printer';
import type { RecordType } from '../../contract/catalog/catalog-schema';
import type { WireRecordSet } from '../platform/wire';

/**
 * A short random code printed on a record so the issuer can check it against
 * the audit entry of this print (terminal, record type, masked person, time).
 * Random, not derived from the person: a hash of the ID number with the
 * printed terminal and time would let anyone recover the masked digits.
 */
export function verifyCode(): string {
  const h = randomBytes(4).toString('hex').toUpperCase();
  return `YZ-${h.slice(0, 4)}-${h.slice(4, 8)}`;
}

/** The platform's verification page sits beside its progress page (same origin). */
function verifyUrl(progressUrlTemplate: string, code: string): string {
  return `${new URL(progressUrlTemplate.replace('{caseNo}', '')).origin}/verify?code=${code}`;
}

/**
 * Record sets printed as the issuing office's certificate of the holder
 * (参保证明): the holder's full name and ID number, as the office's own
 * certificate carries them. Other record prints (养老金领取记录) keep them masked.
 */
const HOLDER_CERTIFICATES: ReadonlySet<RecordType> = new Set(['socialInsurance']);

/** A record set as the printer prints it: the holder whole (the layout masks them unless it is a holder's certificate), summary and rows as label/value lines. */
export function recordPrint(set: WireRecordSet, issuedAt: string, code: string, progressUrlTemplate: string): PrintRequestInput {
  const rows = [
    ...set.summary.map((x) => ({ label: x.zh.slice(0, 40), value: String(x.value).slice(0, 200) })),
    ...set.rows.map((r) => {
      const [first, ...rest] = set.columns;
      return {
        label: String(first ? (r[first.key] ?? '') : '').slice(0, 40) || '—',
        value: rest
          .map((c) => `${c.zh} ${r[c.key] ?? ''}`)
          .join(' · ')
          .slice(0, 200),
      };
    }),
  ].slice(0, 60);
  return {
    layout: 'queryResult',
    data: {
      title: set.title.zh.slice(0, 40),
      person: { name: set.holder.name, idNumber: set.holder.idNumber },
      holderCertificate: HOLDER_CERTIFICATES.has(set.recordType),
      rows: rows.length ? rows : [{ label: '记录', value: '—' }],
      issuedAt,
      issuer: set.issuer.slice(0, 80),
      verifyCode: code,
      verifyUrl: verifyUrl(progressUrlTemplate, code),
    },
  };
}
