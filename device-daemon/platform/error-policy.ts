import { PlatformError, type Disposition } from './types';

// The explicit mapping of platform failures to what the terminal does.
//
//  failure                                        → disposition
//  ─────────────────────────────────────────────────────────────
//  connection refused/reset/DNS, TLS, timeout     → retry
//  HTTP 408, 425, 429, 500, 502, 503, 504         → retry (Retry-After honoured)
//  HTTP 401, 403 (terminal not authorised)        → retry; the link is reported
//     down with the reason, because parking every submission for a credential
//     problem would need a mass re-queue once a technician fixes it
//  HTTP 2xx with a body that breaks the contract  → retry (idempotency key makes the resend safe)
//  VALIDATION_FAILED, ITEM_NOT_FOUND, ITEM_WITHDRAWN (400/404/422)
//                                                 → giveUp: rejected, shown in progress
//  IDEMPOTENCY_CONFLICT, CASE_NUMBER_CONFLICT (409), 413, any other 4xx
//                                                 → needsStaff: parked for a person
//  any other 5xx                                  → retry

const RETRY_STATUS = new Set([408, 425, 429, 500, 502, 503, 504, 401, 403]);
const GIVE_UP_CODES = new Set(['VALIDATION_FAILED', 'ITEM_NOT_FOUND', 'ITEM_WITHDRAWN']);
const NEEDS_STAFF_CODES = new Set(['IDEMPOTENCY_CONFLICT', 'CASE_NUMBER_CONFLICT']);

function dispositionFor(status: number, code: string | undefined): Disposition {
  if (code && NEEDS_STAFF_CODES.has(code)) return 'needsStaff';
  if (code && GIVE_UP_CODES.has(code) && status >= 400 && status < 500) return 'giveUp';
  if (RETRY_STATUS.has(status) || status >= 500) return 'retry';
  return 'needsStaff';
}

export function httpFailure(status: number, body: { code?: string; message?: string } | undefined, retryAfter: string | null): PlatformError {
  const code = body?.code ?? `http${status}`;
  const message = `platform answered HTTP ${status}${body?.message ? `: ${body.message}` : ''}`;
  return new PlatformError(dispositionFor(status, body?.code), code, message, parseRetryAfter(retryAfter));
}

/** fetch() rejected: nothing was answered. Always retryable (the idempotency key makes the resend safe). */
export function transportFailure(err: unknown, timedOut: boolean): PlatformError {
  if (timedOut) return new PlatformError('retry', 'timeout', 'the platform did not answer in time');
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? 'network';
  return new PlatformError('retry', code, `cannot reach the platform: ${cause?.message ?? (err as Error).message}`);
}

function parseRetryAfter(v: string | null): number | undefined {
  if (!v) return undefined;
  const s = Number(v);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(0, t - Date.now()) : undefined;
}
