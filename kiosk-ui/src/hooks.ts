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
