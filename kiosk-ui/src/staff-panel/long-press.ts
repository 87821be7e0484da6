import { useEffect } from 'preact/hooks';

/** How long staff hold the screen title to open their panel: long enough that no resident does it by chance. */
const HOLD_MS = 2000;

/**
 * The staff panel's hidden entry: a long press on the title in the top bar
 * (the technician's is 5 taps in a corner, so the two never collide). Moving
 * or lifting the finger before the time is up cancels it.
 */
export function useTitleLongPress(enabled: boolean, onHold: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cancel = () => {
      clearTimeout(timer);
      timer = undefined;
    };
    const down = (e: PointerEvent) => {
      cancel();
      if ((e.target as Element | null)?.closest?.('.bar__title')) timer = setTimeout(onHold, HOLD_MS);
    };
    document.addEventListener('pointerdown', down);
    document.addEventListener('pointerup', cancel);
    document.addEventListener('pointercancel', cancel);
    return () => {
      cancel();
      document.removeEventListener('pointerdown', down);
      document.removeEventListener('pointerup', cancel);
      document.removeEventListener('pointercancel', cancel);
    };
  }, [enabled]);
}
