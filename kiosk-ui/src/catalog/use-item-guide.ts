import { useCallback, useEffect, useState } from 'preact/hooks';
import { type GuideState, guideFailure } from './item-guides';
import type { UiCatalog } from './ui-catalog';

/** The guide of the open item: ready at once when it was fetched before, else loading until catalog.item answers; `retry` after a failure. */
export function useItemGuide(catalog: UiCatalog | null, id: string | undefined): { state: GuideState; retry: () => void } {
  const kept = id ? catalog?.guides.get(id) : undefined;
  const [state, setState] = useState<GuideState>(kept ? { status: 'ready', item: kept } : { status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!catalog || !id) return;
    const now = catalog.guides.get(id);
    if (now) return setState({ status: 'ready', item: now });
    let current = true;
    setState({ status: 'loading' });
    catalog.guides.load(id).then(
      (item) => current && setState({ status: 'ready', item }),
      (err: unknown) => current && setState({ status: 'failed', code: guideFailure(err) }),
    );
    return () => {
      current = false;
    };
  }, [catalog, id, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  // A guide kept for another item (or catalog) is never shown for this one.
  if (state.status === 'ready' && state.item.id !== id) return { state: kept ? { status: 'ready', item: kept } : { status: 'loading' }, retry };
  return { state, retry };
}
