import { isValidIdNumber } from '../../../device-daemon/devices/id-card/codec/id-number';
import { simCards } from '../../../device-daemon/devices/id-card/simulator/sim-cards';

const ID_CANDIDATE = /\d{17}[\dXx]/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/** The synthetic people's names and addresses (the simulators' cards): the personal data a test terminal can hold. */
function syntheticPeople(): string[] {
  const out = new Set<string>();
  for (const c of simCards().values()) {
    if (c.record.name.length >= 2) out.add(c.record.name);
    if (c.record.address) out.add(c.record.address);
  }
  return [...out];
}

/**
 * What in a published payload is personal: an 18-digit ID number whose
 * check digit is right, a mobile number, a synthetic person's name or
 * address. Empty when clean.
 */
export function personalDataIn(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(ID_CANDIDATE)) if (isValidIdNumber(m[0].toUpperCase())) found.push(`ID number ${m[0]}`);
  for (const m of text.matchAll(MOBILE)) found.push(`mobile ${m[0]}`);
  for (const p of syntheticPeople()) if (text.includes(p)) found.push(`person ${p}`);
  return found;
}
