import { useEffect, useRef } from 'preact/hooks';
import { cornerTaps } from '../../../state-machines/maintenance/gesture';
import type { ConnectionState, DaemonClient } from '../client/daemon-client';

/** Share of the shorter screen side that counts as the corner: big enough for a finger, away from every control. */
const CORNER_ZONE = 0.08;

/**
 * Listens for the hidden maintenance gesture (technician.gesture: taps in one
 * corner within a window, as maintenance.status says) on the whole page and
 * calls `onGesture` when it completes. Taps are watched in the capture phase
 * and never stopped, so the resident screen underneath behaves as before.
 */
export function useCornerGesture(client: DaemonClient, conn: ConnectionState, onGesture: () => void): void {
  const latest = useRef(onGesture);
  latest.current = onGesture;
  useEffect(() => {
    if (conn !== 'open') return;
    let off: (() => void) | undefined;
    let cancelled = false;
    client.call('maintenance.status', {}).then(
      ({ gesture }) => {
        if (cancelled) return;
        const tap = cornerTaps({ ...gesture, zone: CORNER_ZONE });
        const onDown = (e: PointerEvent) => {
          if (tap({ x: e.clientX, y: e.clientY, width: window.innerWidth, height: window.innerHeight, at: e.timeStamp })) latest.current();
        };
        document.addEventListener('pointerdown', onDown, true);
        off = () => document.removeEventListener('pointerdown', onDown, true);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
      off?.();
    };
  }, [client, conn]);
}
