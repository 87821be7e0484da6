import type { CardSummary } from '../../../contract/api/card';
import type { ServiceInput } from '../../../state-machines/flows/service-machine';
import type { HostSpy } from '../machine-walk';
import type { AskedField } from '../../../state-machines/flows/form-answers';

/** Synthetic card summaries as the daemon sends them (masked; invented person). */
export const CARD: CardSummary & { maskedAddress?: string } = {
  kind: 'resident',
  maskedName: '林**',
  maskedIdNumber: '4104**********0023',
  sex: 'female',
  nation: '汉族',
  validFrom: '2020-01-01',
  validTo: '2040-01-01',
  expired: false,
  photo: 'notDecoded',
  readAt: '2026-11-28T10:00:00+08:00',
  maskedAddress: '河南省郑州市金水区****',
};
export const EXPIRED_CARD: CardSummary = { ...CARD, validTo: '2020-01-01', expired: true };
export const FOREIGN_CARD: CardSummary = { ...CARD, kind: 'foreignPermanent', maskedAddress: undefined } as CardSummary;

export const FIELDS: AskedField[] = [
  {
    id: 'group',
    kind: 'choice',
    required: true,
    multiple: false,
    label: { zh: '参保身份', en: 'You are' },
    options: [
      { value: 'general', label: { zh: '一般', en: 'General' } },
      { value: 'lowIncome', label: { zh: '低保', en: 'Low income' } },
    ],
  },
  { id: 'contactPhone', kind: 'phone', required: true, label: { zh: '联系电话', en: 'Mobile' } },
];

/** A service journey input for machine tests (no catalog needed). */
export function serviceInputFor(itemId: string, over: Partial<ServiceInput> = {}): ServiceInput {
  return {
    mode: 'apply',
    itemId,
    idempotencyKey: '00000000-0000-4000-8000-0000000000aa',
    fields: FIELDS,
    perPage: 1,
    materials: ['householdBook'],
    delivery: ['pickup', 'post'],
    today: '2026-11-28',
    itemCode: itemId,
    ratingKey: '00000000-0000-4000-8000-0000000000e7',
    ...over,
  };
}

/** The service machine's host effects as spies for replays. */
export const serviceSpies = (spy: HostSpy) => ({
  identify: spy.request('identify'),
  cardRemoval: spy.stream('cardRemoval'),
  submit: spy.request('submit'),
  printReceipt: spy.request('printReceipt'),
  precheck: spy.request('precheck'),
  printPrecheck: spy.request('printPrecheck'),
  fetchRecords: spy.request('fetchRecords'),
  printRecords: spy.request('printRecords'),
  evaluation: spy.request('evaluation'),
});
