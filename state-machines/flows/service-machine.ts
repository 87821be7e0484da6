import { setup } from 'xstate';

/** Placeholder: replaced by the identify → questions → submit journey. */
export interface ServiceInput {
  itemId: string;
  idempotencyKey: string;
}

export const serviceMachine = setup({
  types: {} as { context: ServiceInput; events: { type: 'BACK' }; input: ServiceInput },
}).createMachine({
  id: 'service',
  context: ({ input }) => input,
  initial: 'notYet',
  states: { notYet: {} },
});
