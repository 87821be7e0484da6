import type { StaffPinOutcome } from './staff-pin-form';

/** A staff command's answer as the PIN form shows it: done, or the error code it was refused with. */
export async function staffCall(run: () => Promise<unknown>): Promise<StaffPinOutcome> {
  try {
    await run();
    return { ok: true };
  } catch (err) {
    return { ok: false, code: (err as { code?: string }).code ?? 'failed' };
  }
}
