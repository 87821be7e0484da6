import type { Device } from '../device';

/** 好差评 levels as the UI and the store know them: 5 = 非常满意 … 1 = 非常不满意. */
export type RatingLevel = 1 | 2 | 3 | 4 | 5;

/**
 * The order every evaluation device lists the levels in (Nextion
 * ratingComponents, the keys of a rating pad, left to right): 非常满意, 满意,
 * 基本满意, 不满意, 非常不满意. Position i (0-based) is level 5 - i.
 */
export const levelAt = (position: number): RatingLevel | undefined => (position >= 0 && position < 5 ? ((5 - position) as RatingLevel) : undefined);

/** What the display is asked to show: the evaluation QR's URL, a short caption, the case number it is for. */
export interface EvalTarget {
  url: string;
  caption: string;
  caseNo?: string;
}

export interface RatingPress {
  level: RatingLevel;
  at: Date;
}

/**
 * An external evaluation device (评价器): a serial touch display, a text
 * customer display or a rating pad. What it can do differs (`shows`: a QR,
 * text only, nothing; `rates`: whether a resident can press a level on it);
 * the daemon shows the same target on every device it has, and the screen
 * always.
 */
export interface EvalDisplayDevice extends Device {
  readonly shows: 'qr' | 'text' | 'none';
  readonly rates: boolean;
  /** Invite a rating of `target`; rejects with a DeviceCommandError when the device refuses or is gone. */
  show(target: EvalTarget): Promise<void>;
  /** Stand down (idle page, blank display, LEDs off). */
  clear(): Promise<void>;
  onRating(fn: (press: RatingPress) => void): () => void;
}
