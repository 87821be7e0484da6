import { createHash } from 'node:crypto';
/** Same submission (or rating), same hash: keys sorted so a resend is recognised whatever order the UI serialised it in. */
export function hashRequest(args: object): string {
  return createHash('sha256').update(canonicalJson(args)).digest('hex');
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
