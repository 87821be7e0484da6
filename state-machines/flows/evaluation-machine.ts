import { setup } from 'xstate';

/** 好差评. Placeholder until the evaluation journey lands: nothing is submitted from here. */
export const evaluationMachine = setup({
  types: {} as { context: { idempotencyKey: string }; events: { type: 'BACK' }; input: { idempotencyKey: string } },
}).createMachine({
  id: 'evaluation',
  context: ({ input }) => ({ idempotencyKey: input.idempotencyKey }),
  initial: 'notYet',
  states: { notYet: {} },
});
