import { type ComponentType, h } from 'preact';
import { addJourneyStrings } from '../i18n';

// The journeys' screens are not in the page's first script: each comes in its
// own chunk. They are fetched while the terminal shows the attract screen
// (preloadJourneyScreens, when the page is idle), so a resident's tap never
// waits for a download; a screen needed before its chunk arrived suspends
// (the surrounding <Suspense>) until it has.

interface Preloadable<P> {
  Screen: ComponentType<P>;
  preload: () => Promise<unknown>;
}

/** Everything preloadJourneyScreens fetches: the journeys' screens and the other parts of the page made preloadable (staff panel, demo panel). */
const preloads: (() => Promise<unknown>)[] = [];

/**
 * A component in its own chunk, fetched at the attract screen's idle time with
 * the journeys' screens (or when first rendered: it suspends until then).
 */
export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>): Preloadable<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<unknown> | undefined;
  const preload = () => {
    pending ??= load().then(
      (c) => {
        loaded = c;
      },
      (err: unknown) => {
        // A chunk that failed to arrive (daemon restarting) is asked for again next time.
        pending = undefined;
        throw err;
      },
    );
    return pending;
  };
  // Once loaded the screen renders in the same frame as the tap (no suspension, no empty frame).
  const Screen = (props: P) => {
    if (loaded) return h(loaded, props);
    throw preload();
  };
  preloads.push(preload);
  return { Screen, preload };
}

/** The journeys' strings come with their screens: a screen renders only once they are in the tables. */
let strings: Promise<void> | undefined;
function journeyStrings(): Promise<void> {
  strings ??= import('../i18n/parts/journeys').then(
    (m) => addJourneyStrings({ zh: m.journeyZh, en: m.journeyEn }),
    (err: unknown) => {
      strings = undefined;
      throw err;
    },
  );
  return strings;
}
export const withStrings = <T>(screen: Promise<T>): Promise<T> => Promise.all([screen, journeyStrings()]).then(([s]) => s);

const itemGuide = preloadable(() => withStrings(import('./item-guide').then((m) => m.ItemGuide)));
const service = preloadable(() => withStrings(import('./service').then((m) => m.ServiceScreen)));
const callStaff = preloadable(() => withStrings(import('./service-flows').then((m) => m.CallStaffScreen)));
const progress = preloadable(() => withStrings(import('./service-flows').then((m) => m.ProgressScreen)));
const complaint = preloadable(() => withStrings(import('./complaint').then((m) => m.ComplaintScreen)));
const evaluate = preloadable(() => withStrings(import('./evaluate').then((m) => m.EvaluateScreen)));

export const ItemGuide = itemGuide.Screen;
export const ServiceScreen = service.Screen;
export const CallStaffScreen = callStaff.Screen;
export const ProgressScreen = progress.Screen;
export const ComplaintScreen = complaint.Screen;
export const EvaluateScreen = evaluate.Screen;

/** Fetch every journey screen (and the other preloadable parts) now: the attract screen calls it once the page is idle. */
export function preloadJourneyScreens(): Promise<unknown> {
  return Promise.allSettled(preloads.map((preload) => preload()));
}
