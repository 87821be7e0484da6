import { useState } from 'preact/hooks';
import { codeOf } from '../../../state-machines/host-effects';

export type CommandState<T> = { state: 'idle' } | { state: 'running' } | { state: 'done'; result: T } | { state: 'failed'; code: string; message: string };

/** One technician action at a time per button: its state (running, answer, refusal with the daemon's words) for the page to show. */
export function useCommand<T>(): [CommandState<T>, (run: () => Promise<T>) => Promise<T | undefined>] {
  const [state, setState] = useState<CommandState<T>>({ state: 'idle' });
  const run = async (fn: () => Promise<T>) => {
    setState({ state: 'running' });
    try {
      const result = await fn();
      setState({ state: 'done', result });
      return result;
    } catch (err) {
      setState({ state: 'failed', code: codeOf(err), message: (err as { message?: string }).message ?? '' });
      return undefined;
    }
  };
  return [state, run];
}
