/**
 * The key of the application (or complaint) whose outcome is in doubt: held from the moment
 * it is sent until the daemon's answers about it are known — the submission's
 * answer and then its receipt's. A crash between the daemon's commit and its
 * answer, or while the receipt prints, leaves it here, so the page can ask
 * the restarted daemon what became of it (screens/lost-answer.tsx) instead of
 * telling the resident nothing was accepted, and print the receipt (补打 when
 * a copy may have come out).
 *
 * Memory only, never storage (no localStorage, URL or cookie): it lives as
 * long as this page, which is exactly as long as it is useful — the page does
 * not reload while it holds one, and starts over once it asked. It is kept for
 * KEEP_MS only: an answer lost longer ago belongs to a resident who has likely
 * gone, and their case is not shown to the next one.
 */
const KEEP_MS = 10 * 60_000;

let held: { key: string; since: number } | undefined;

export const inFlightSubmission = {
  /** Known either way (answered, refused, asked after a restart): nothing is in doubt about this key any more. */
  settled(key: string): void {
    if (held?.key === key) held = undefined;
  },
  /** The key whose outcome is still in doubt, if it was sent recently enough. */
  inDoubt(now = Date.now()): string | undefined {
    return held && now - held.since <= KEEP_MS ? held.key : undefined;
  },
};

/** Codes after which the daemon may have done it without the page hearing of it. */
function answerLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return code === 'offline' || code === 'timeout';
}

/**
 * Runs a command about the application with this key, holding the key while
 * its answer is unknown. The key stays held after a lost answer, and after
 * the submission's own answer unless `last` (its receipt follows); any answer
 * the daemon gave to the last step settles it.
 */
export async function holdWhileInDoubt<T>(key: string, send: () => Promise<T>, last: boolean): Promise<T> {
  if (held?.key !== key) held = { key, since: Date.now() };
  try {
    const answer = await send();
    if (last) inFlightSubmission.settled(key);
    return answer;
  } catch (err) {
    if (!answerLost(err)) inFlightSubmission.settled(key);
    throw err;
  }
}
