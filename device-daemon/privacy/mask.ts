// Masking of personal data (PIPL sensitive personal information). Pure, shared
// by the daemon (logs, audit, API summaries) and printed layouts.

/** 410403199001011234 → 4104**********1234 (first 4, last 4). */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}

/** 张三 → 张*, 欧阳明华 → 欧阳**, JOHN SMITH → J*** S****: keep the surname / first letter, hide the given name. */
export function maskName(name: string): string {
  const s = name.trim();
  if (!s) return s;
  if (/^[\u3400-\u9fff·]+$/.test(s)) {
    const chars = [...s];
    if (chars.length <= 1) return s;
    const keep = chars.length >= 4 ? 2 : 1; // compound surnames are common in 4-character names
    return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
  }
  return s
    .split(/(\s+)/)
    .map((w) => (/^\s+$/.test(w) || w.length <= 1 ? w : w[0] + '*'.repeat(w.length - 1)))
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
