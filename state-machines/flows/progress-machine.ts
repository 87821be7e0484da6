import { assign, setup } from 'xstate';
import type { CaseProgress } from '../../device-daemon/api/contract/submission';

/**
 * 办件查询 by case number: type it on the terminal's keyboard, look it up,
 * show the timeline. Pure: `lookUp` is injected and answers FOUND / NOT_FOUND
 * / LOOKUP_FAILED (a malformed number comes back as LOOKUP_FAILED with
 * invalidArgs and the daemon's precise message).
 */
export interface ProgressContext {
  caseNo: string;
  error: string | undefined;
  result: CaseProgress | undefined;
}

export type ProgressEvent =
  | { type: 'TYPE'; caseNo: string }
  | { type: 'SUBMIT' }
  | { type: 'FOUND'; result: CaseProgress }
  | { type: 'NOT_FOUND' }
  | { type: 'LOOKUP_FAILED'; code: string }
  | { type: 'EDIT' };

export const progressMachine = setup({
  types: {} as { context: ProgressContext; events: ProgressEvent },
  actions: { lookUp: (_, _params: { caseNo: string }) => {} },
  guards: { hasNumber: ({ context }) => context.caseNo.replace(/[\s-]/g, '').length >= 8 },
}).createMachine({
  id: 'progress',
  context: { caseNo: '', error: undefined, result: undefined },
  initial: 'entering',
  states: {
    entering: {
      on: {
        TYPE: { actions: assign({ caseNo: ({ event }) => event.caseNo.toUpperCase().slice(0, 40), error: undefined }) },
        SUBMIT: { guard: 'hasNumber', target: 'looking' },
      },
    },
    looking: {
      entry: { type: 'lookUp', params: ({ context }) => ({ caseNo: context.caseNo }) },
      on: {
        FOUND: { target: 'shown', actions: assign({ result: ({ event }) => event.result }) },
        NOT_FOUND: { target: 'entering', actions: assign({ error: 'notFound' }) },
        LOOKUP_FAILED: { target: 'entering', actions: assign({ error: ({ event }) => event.code }) },
      },
    },
    shown: { on: { EDIT: { target: 'entering', actions: assign({ caseNo: '', error: undefined, result: undefined }) } } },
  },
});
