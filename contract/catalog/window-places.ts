import type { CatalogItem } from './catalog-schema';
import { isUnconfirmed } from './unconfirmed';

// Where a resident goes when the terminal cannot finish the matter (a
// pre-check's result, a notice): the windows, never the terminal itself (the
// resident is standing at it), each with its address and hours. A guide's
// place often lists the terminal among the windows ("合作银行网点、街道便民服务
// 中心、自助终端"): that part is dropped, and a place with no other part is
// dropped. A street centre named without an address is this site's centre,
// whose address the terminal's configuration holds.

export interface WindowPlace {
  place: string;
  address?: string;
  hours?: string;
}

export interface SiteAddress {
  name: string;
  address: string;
}

const PARTS = /[、/，,]/u;
const NOT_A_WINDOW = /^(自助终端|自助机|线上|网上|本终端)$/u;
const SITE_CENTRE = /便民服务中心/u;

/** The windows of a guide's places, with addresses where the site knows them. */
export function windowPlaces(where: CatalogItem['where'], site: SiteAddress): WindowPlace[] {
  const windows = where.flatMap((w) => windowOf(w, site));
  // A guide naming only the terminal: the site's own centre is where staff are.
  return windows.length ? windows : [{ place: site.name, address: site.address }];
}

function windowOf(w: CatalogItem['where'][number], site: SiteAddress): WindowPlace[] {
  const parts = w.place.zh.split(PARTS).map((p) => p.trim());
  const windows = parts.filter((p) => p && !NOT_A_WINDOW.test(p));
  if (!windows.length) return [];
  const place = windows.length === parts.length ? w.place.zh : windows.join('、');
  const address = w.address ?? (SITE_CENTRE.test(place) ? `${site.name}：${site.address}` : undefined);
  return [{ place, ...(address ? { address } : {}), ...(isUnconfirmed(w.hours.zh) ? {} : { hours: w.hours.zh }) }];
}
