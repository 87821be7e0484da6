import { useEffect, useState } from 'preact/hooks';
import type { AnyActorRef, SnapshotFrom } from 'xstate';

/** Re-render on every snapshot of an XState actor. */
export function useActorSnapshot<T extends AnyActorRef>(actor: T): SnapshotFrom<T> {
  const [snap, setSnap] = useState(() => actor.getSnapshot() as SnapshotFrom<T>);
  useEffect(() => {
    setSnap(actor.getSnapshot());
    const sub = actor.subscribe((s: SnapshotFrom<T>) => setSnap(s));
    return () => sub.unsubscribe();
  }, [actor]);
  return snap;
}

/** A clock that ticks every `ms`. */
export function useNow(ms = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/**
 * Whether code or strings fetched after the page's first paint are in:
 * `load` is started once `needed` and `loaded()` is false, and tried again
 * every second after a failure (the daemon serving the chunks may be restarting).
 */
export function useLoaded(loaded: () => boolean, load: () => Promise<unknown>, needed = true): boolean {
  const [done, setDone] = useState(loaded);
  useEffect(() => {
    if (!needed || done) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const attempt = () =>
      load().then(
        () => live && setDone(true),
        () => {
          if (live) timer = setTimeout(attempt, 1000);
        },
      );
    void attempt();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [needed, done]);
  return done;
}
