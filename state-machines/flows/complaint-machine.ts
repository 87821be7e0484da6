import { setup } from 'xstate';

/** 有诉即办. Placeholder until the complaint journey lands: nothing is submitted from here. */
export const complaintMachine = setup({
  types: {} as { context: { idempotencyKey: string }; events: { type: 'BACK' }; input: { idempotencyKey: string } },
}).createMachine({
  id: 'complaint',
  context: ({ input }) => ({ idempotencyKey: input.idempotencyKey }),
  initial: 'notYet',
  states: { notYet: {} },
});
