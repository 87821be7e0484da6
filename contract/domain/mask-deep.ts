import { maskAddress, maskIdNumber, maskName, maskPhone } from './mask';

// Second line of defence for everything the store writes outside an
// application payload (audit, attempts, last errors): personal keys are masked
// by name, and anything that looks like an ID or mobile number is masked
// wherever it appears in a string.

const ID_IN_TEXT = /\b(\d{6})(\d{8})(\d{3}[\dXx])\b/g;
/** First-generation 15-digit ID numbers. */
const OLD_ID_IN_TEXT = /\b\d{15}\b/g;
/** 港澳居民来往内地通行证 (H/M + 8 or 10 digits) and 台湾居民来往大陆通行证 (8 digits after a T or bare) as they appear in records. */
const PASS_IN_TEXT = /\b[HMT]\d{8}(\d{2})?\b/g;
const MOBILE_IN_TEXT = /\b(1[3-9]\d)(\d{4})(\d{4})\b/g;

export function maskText(text: string): string {
  return text
    .replace(ID_IN_TEXT, (m) => maskIdNumber(m))
    .replace(OLD_ID_IN_TEXT, (m) => maskIdNumber(m))
    .replace(PASS_IN_TEXT, (m) => maskIdNumber(m))
    .replace(MOBILE_IN_TEXT, (m) => maskPhone(m));
}

const BY_KEY: Record<string, (v: string) => string> = {
  idNumber: maskIdNumber,
  name: maskName,
  englishName: maskName,
  phone: maskPhone,
  callbackPhone: maskPhone,
  contactPhone: maskPhone,
  address: maskAddress,
  appendedAddress: maskAddress,
  passNumber: maskIdNumber,
  previousNumberLink: maskIdNumber,
};
const DROP_KEYS = new Set(['photo', 'raw', 'frame', 'fingerprint']);

export function maskDeep(value: unknown, key?: string): unknown {
  if (typeof value === 'string') {
    const byKey = key !== undefined ? BY_KEY[key] : undefined;
    return byKey ? byKey(value) : maskText(value);
  }
  if (Array.isArray(value)) return value.map((v) => maskDeep(v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!DROP_KEYS.has(k)) out[k] = maskDeep(v, k);
    return out;
  }
  return value;
}
