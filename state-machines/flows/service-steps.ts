import { paginate } from './form-answers';
import type { ServiceInput } from './service-machine';

/**
 * The whole journey as the resident walks it, for "step n of N": the card,
 * the consent, each page of questions, the materials, the delivery, the check
 * and the result (submit or print). A step the item skips (no materials, one
 * delivery method) is not counted, so the last step is always the last one.
 */
export type JourneyStep = 'card' | 'consent' | `questions.${number}` | 'materials' | 'delivery' | 'check' | 'result';

type StepsInput = Pick<ServiceInput, 'mode' | 'fields' | 'perPage' | 'materials' | 'delivery'>;

export function journeySteps(input: StepsInput): JourneyStep[] {
  if (input.mode === 'queryPrint') return ['card', 'consent', 'result'];
  const questions = paginate(input.fields, input.perPage).map((_, i): JourneyStep => `questions.${i}`);
  return [
    'card',
    'consent',
    ...questions,
    ...(input.materials.length > 0 ? (['materials'] as const) : []),
    ...(input.mode === 'apply' && input.delivery.length > 1 ? (['delivery'] as const) : []),
    'check',
    'result',
  ];
}

/** Where in the journey a service state is (`page`: the question page shown); undefined for a state outside the count (leaving …). */
function stepOf(state: string, page: number, identifyState?: string): JourneyStep | undefined {
  if (state === 'identify') return identifyState === 'consent' || identifyState === 'recordingConsent' ? 'consent' : 'card';
  if (state === 'questions') return `questions.${page}`;
  if (state === 'materials' || state === 'delivery' || state === 'check') return state;
  if (['submitting', 'submitFailed', 'accepted', 'evaluating', 'precheckFailed', 'precheckResult', 'fetching', 'fetchFailed', 'noRecords', 'preview'].includes(state)) return 'result';
  return undefined;
}

/** "Step n of N" for a service state, or undefined where no step is shown. */
export function stepCount(input: StepsInput, state: string, page: number, identifyState?: string): { step: number; steps: number } | undefined {
  const steps = journeySteps(input);
  const at = stepOf(state, page, identifyState);
  const i = at === undefined ? -1 : steps.indexOf(at);
  return i < 0 ? undefined : { step: i + 1, steps: steps.length };
}
