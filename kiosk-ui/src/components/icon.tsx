import type { CATEGORY_IDS } from '../../../contract/catalog/catalog-schema';
import type { DeviceState } from '../../../contract/api/status';
import search from '../../../assets/icons/search.svg';
import backspace from '../../../assets/icons/backspace.svg';
import education from '../../../assets/icons/category/education.svg';
import employment from '../../../assets/icons/category/employment.svg';
import socialInsurance from '../../../assets/icons/category/socialInsurance.svg';
import health from '../../../assets/icons/category/health.svg';
import elderCare from '../../../assets/icons/category/elderCare.svg';
import socialServices from '../../../assets/icons/category/socialServices.svg';
import household from '../../../assets/icons/category/household.svg';
import other from '../../../assets/icons/category/other.svg';
import online from '../../../assets/icons/device/online.svg';
import busy from '../../../assets/icons/device/busy.svg';
import fault from '../../../assets/icons/device/fault.svg';

// Icons ship with the app as SVG files in assets/icons: never emoji or a
// system font's symbol, which render as crossed boxes where the font lacks them.
// Always decorative here (the words beside them say the same), so alt="".

const CATEGORY: Record<(typeof CATEGORY_IDS)[number], string> = { education, employment, socialInsurance, health, elderCare, socialServices, household, other };
const DEVICE: Record<DeviceState, string> = { online, busy, starting: busy, offline: fault, noDevice: fault, hardwareError: fault };
const UI = { search, backspace } as const;

/**
 * The images of every icon, loaded once while the terminal waits (the attract
 * screen asks when the page is idle). Chromium parses each SVG image into a
 * document of its own at first use, about 3 ms each: the home screen's eight
 * category icons made the first tap after the page loaded take 25 ms more.
 * Kept referenced, so the browser keeps them parsed.
 */
const warmed: HTMLImageElement[] = [];
export function warmIcons(): Promise<unknown> {
  if (!warmed.length) {
    for (const src of new Set([...Object.values(CATEGORY), ...Object.values(DEVICE), ...Object.values(UI)])) {
      const img = new Image();
      img.src = src;
      warmed.push(img);
    }
  }
  return Promise.allSettled(warmed.map((img) => img.decode()));
}

function Img({ src, class: cls }: { src: string; class?: string }) {
  return <img class={cls ? `icon ${cls}` : 'icon'} src={src} alt="" aria-hidden="true" draggable={false} />;
}

export const UiIcon = ({ name }: { name: keyof typeof UI }) => <Img src={UI[name]} />;

export const CategoryIcon = ({ id }: { id: string }) => <Img src={CATEGORY[id as keyof typeof CATEGORY] ?? other} class="icon--category" />;

export const DeviceStateIcon = ({ state }: { state: DeviceState }) => <Img src={DEVICE[state]} class="icon--device" />;
