// Masking of personal data (PIPL sensitive personal information). Pure, shared
// by the daemon (logs, audit, API summaries) and printed layouts.

/** 410403199001011234 → 4104**********1234 (first 4, last 4). */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}

/**
 * 张三 → 张*, 欧阳明华 → 欧阳**: keep the surname, hide the given name.
 * Latin names (foreign cards print "SURNAME, GIVEN NAMES"; a name without the
 * comma is read as "GIVEN SURNAME") keep the first letter of every part and the
 * first two letters of the first given name, each followed by a fixed *** so the
 * length of no part shows: SCHMIDT-WEBER, ANNA MARIA → S***-W***, AN*** M***;
 * JOHN SMITH → JO*** S***. Enough to recognise one's own name on a slip, not to
 * learn a stranger's. Stable on its own output.
 */
export function maskName(name: string): string {
  const s = name.trim();
  if (!s) return s;
  if (/^[\u3400-\u9fff·]+\**$/u.test(s)) {
    const chars = [...s];
    if (chars.length <= 1) return s;
    const keep = chars.length >= 4 ? 2 : 1; // compound surnames are common in 4-character names
    return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
  }
  const comma = s.indexOf(',');
  if (comma < 0) return maskLatinParts(s, 0);
  return `${maskLatinParts(s.slice(0, comma), -1)},${maskLatinParts(s.slice(comma + 1), 0)}`;
}

/** Masks each word (split at spaces and hyphens, kept); the word at `firstGiven` keeps two letters. */
function maskLatinParts(text: string, firstGiven: number): string {
  let word = -1;
  return text
    .split(/([\s-]+)/u)
    .map((w) => {
      if (!w || /^[\s-]+$/u.test(w)) return w;
      word += 1;
      if (/^\p{L}{1,2}\*\*\*$/u.test(w)) return w; // already masked
      const letters = [...w];
      if (letters.length <= 1) return w;
      const keep = word === firstGiven && letters.length > 2 ? 2 : 1;
      return `${letters.slice(0, keep).join('')}***`;
    })
    .join('');
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  const s = phone.replace(/\s/g, '');
  if (s.length < 7) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

/** Addresses: keep the first 6 characters (province/city/district), hide the rest. */
export function maskAddress(address: string): string {
  const chars = [...address.trim()];
  if (chars.length <= 6) return chars.join('');
  return chars.slice(0, 6).join('') + '*'.repeat(Math.min(8, chars.length - 6));
}

/**
 * Keep the address up to its county/district (区, 县, 旗, a county-level 市)
 * and hide the rest: enough to recognise, not to find a door.
 * 河南省郑州市金水区经三路15号 → 河南省郑州市金水区****; 北京市朝阳区… → 北京市朝阳区****;
 * 河南省郑州市新郑市… → 河南省郑州市新郑市****. Each level is read only where it
 * looks like one (no road, street, town, village, community, house-number
 * characters in it), so a missing district never lets a street through;
 * an address with no recognisable level keeps two characters.
 */
export function maskAddressToDistrict(address: string): string {
  const all = address.trim().replace(/\s+/gu, '');
  let rest = all;
  let keep = '';
  const take = (re: RegExp): boolean => {
    const m = re.exec(rest);
    if (!m) return false;
    keep += m[0];
    rest = rest.slice(m[0].length);
    return true;
  };
  // Characters that belong to the part below the district (or to another level).
  take(/^[^市区县旗路街道镇乡村号巷弄社楼室]{1,7}?(?:省|自治区|特别行政区)/u);
  take(/^[^省区县旗路街道镇乡村号巷弄社楼室]{1,8}?(?:市|自治州|地区|盟)/u);
  take(/^[^省州盟市区县旗路街道镇乡村号巷弄社小园校厂楼室]{1,7}?(?:区|县|旗|市)/u);
  if (!keep) keep = [...all].slice(0, 2).join('');
  return keep + (all.length > keep.length ? '****' : '');
}
