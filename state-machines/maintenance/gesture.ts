/**
 * The hidden gesture that opens the PIN pad: `count` taps in one corner
 * within `windowMs`. Pure: the page feeds it each tap's position and time and
 * opens the pad when it answers true. A tap elsewhere starts the count over,
 * so residents touching the screen's edge while using it do not open it.
 */
type Corner = 'topLeft' | 'topRight' | 'bottomLeft' | 'bottomRight';

export interface GestureOptions {
  corner: Corner;
  count: number;
  windowMs: number;
  /** Side of the square corner zone, as a fraction of the shorter screen side. */
  zone: number;
}

export interface Tap {
  x: number;
  y: number;
  width: number;
  height: number;
  at: number;
}

function inCorner(t: Tap, corner: Corner, zone: number): boolean {
  const side = Math.min(t.width, t.height) * zone;
  const left = t.x <= side;
  const right = t.x >= t.width - side;
  const top = t.y <= side;
  const bottom = t.y >= t.height - side;
  return { topLeft: top && left, topRight: top && right, bottomLeft: bottom && left, bottomRight: bottom && right }[corner];
}

/** Returns a tap handler: true on the tap that completes the gesture (then it starts over). */
export function cornerTaps(opts: GestureOptions): (tap: Tap) => boolean {
  let taps: number[] = [];
  return (tap) => {
    if (!inCorner(tap, opts.corner, opts.zone)) {
      taps = [];
      return false;
    }
    taps = [...taps.filter((t) => tap.at - t < opts.windowMs), tap.at];
    if (taps.length < opts.count) return false;
    taps = [];
    return true;
  };
}
