import { afterAll, vi } from 'vitest';

// The suite runs without per-file isolation (vitest.config.ts): the files of a
// worker share its modules. What one file may leave behind for the next is put
// back here: the real timers (a file that failed between useFakeTimers and
// useRealTimers would hand fake ones on).
afterAll(() => {
  vi.useRealTimers();
});
