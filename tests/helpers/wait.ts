/**
 * The one wait helper of the tests: poll `probe` until it answers something
 * (anything but undefined, null or false) and return that; past the deadline,
 * fail saying what was awaited and the last answer. Tests wait for a cause
 * (a state, an event, a file) with it — never sleep a fixed time and assert.
 */
export async function waitUntil<T>(probe: () => T | Promise<T>, opts: { timeoutMs?: number; what?: string; intervalMs?: number } = {}): Promise<Exclude<T, undefined | null | false>> {
  const { timeoutMs = 5000, what = 'condition', intervalMs = 5 } = opts;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== null && v !== false) return v as Exclude<T, undefined | null | false>;
    if (performance.now() > deadline) {
      let last: string;
      try {
        last = JSON.stringify(v);
      } catch {
        last = String(v);
      }
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last})`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
