import type { Logger } from 'pino';
import type { z } from 'zod';
import { backoffDelay, sleep } from './backoff';
import { httpFailure, transportFailure } from './error-policy';
import { PlatformError, type DeliveryAck, type LinkState, type OutboundSubmission, type PersonQuery, type Platform } from './types';
import { SUBMIT_PATHS, WireAck, WireCase, WireCaseList, WireCatalog, WireError, WireRecordSet } from './wire';

export interface HttpPlatformOptions {
  baseUrl: string;
  timeoutMs: number;
  terminalId: string;
  log: Logger;
}

interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

/**
 * Client of the platform HTTP contract (docs/platform-openapi.yaml) on Node's
 * fetch. Submissions are tried once per call: the sync worker owns their
 * durable retry schedule. Interactive queries (progress, records, catalog)
 * retry once within one overall deadline, because a resident is waiting.
 */
export class HttpPlatform implements Platform {
  readonly mode = 'http' as const;
  private linkState: { state: LinkState; reason?: string } = { state: 'unknown' };

  constructor(private readonly opts: HttpPlatformOptions) {}

  link() {
    return this.linkState;
  }

  async deliver(s: OutboundSubmission, signal?: AbortSignal): Promise<DeliveryAck> {
    const a = await this.request('POST', SUBMIT_PATHS[s.body.kind], { body: s.body, idempotencyKey: s.idempotencyKey, signal });
    if (a.status === 200 || a.status === 201) {
      const ack = this.parse(WireAck, a.body, 'submission acknowledgement');
      if (ack.caseNo !== s.body.caseNo) throw new PlatformError('needsStaff', 'CASE_MISMATCH', `platform acknowledged ${ack.caseNo} for ${s.body.caseNo}`);
      return { platformRef: ack.platformRef, duplicate: a.status === 200 || a.headers.get('idempotent-replayed') === 'true' };
    }
    throw this.failure(a);
  }

  progress(caseNo: string) {
    return this.interactive(async (signal) => {
      const a = await this.request('GET', `/v1/cases/${encodeURIComponent(caseNo)}`, { signal });
      if (a.status === 404) return undefined;
      if (a.status === 200) return this.parse(WireCase, a.body, 'case');
      throw this.failure(a);
    });
  }

  casesOf(person: PersonQuery) {
    return this.interactive(async (signal) => {
      // POST, so the ID number never appears in a URL (proxies and access logs keep URLs).
      const a = await this.request('POST', '/v1/cases/search', { body: { idNumber: person.idNumber }, signal });
      if (a.status === 200) return this.parse(WireCaseList, a.body, 'case list').cases;
      throw this.failure(a);
    });
  }

  records(person: PersonQuery, recordType: z.infer<typeof WireRecordSet>['recordType']) {
    return this.interactive(async (signal) => {
      const a = await this.request('POST', '/v1/records/query', { body: { recordType, idNumber: person.idNumber, name: person.name }, signal });
      if (a.status === 404) return undefined;
      if (a.status === 200) return this.parse(WireRecordSet, a.body, 'record set');
      throw this.failure(a);
    });
  }

  catalog(since?: string) {
    return this.interactive(async (signal) => {
      const a = await this.request('GET', `/v1/catalog${since ? `?since=${encodeURIComponent(since)}` : ''}`, { signal });
      if (a.status === 304) return 'notModified' as const;
      if (a.status === 200) return this.parse(WireCatalog, a.body, 'catalog');
      throw this.failure(a);
    });
  }

  /** One overall deadline; one more try after a retryable failure if time is left. */
  private async interactive<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const deadline = AbortSignal.timeout(this.opts.timeoutMs);
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn(deadline);
      } catch (err) {
        const pe = err instanceof PlatformError ? err : transportFailure(err, deadline.aborted);
        if (pe.disposition !== 'retry' || attempt >= 2 || deadline.aborted) throw pe;
        await sleep(backoffDelay(attempt, { baseMs: 250, maxMs: 1000 }), deadline).catch(() => {
          throw pe;
        });
      }
    }
  }

  private async request(method: 'GET' | 'POST', path: string, o: { body?: unknown; idempotencyKey?: string; signal?: AbortSignal }): Promise<Answer> {
    const timeout = AbortSignal.timeout(this.opts.timeoutMs);
    const signal = o.signal ? AbortSignal.any([timeout, o.signal]) : timeout;
    const headers: Record<string, string> = { Accept: 'application/json', 'X-Terminal-Id': this.opts.terminalId };
    if (o.body !== undefined) headers['Content-Type'] = 'application/json';
    if (o.idempotencyKey) headers['Idempotency-Key'] = o.idempotencyKey;
    const url = new URL(path.replace(/^\//, ''), this.opts.baseUrl.endsWith('/') ? this.opts.baseUrl : `${this.opts.baseUrl}/`);
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body), signal });
      text = await res.text();
    } catch (err) {
      const pe = transportFailure(err, timeout.aborted);
      this.setLink('down', pe.message);
      throw pe;
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (res.status >= 500) this.setLink('down', `HTTP ${res.status}`);
    else if (res.status === 401 || res.status === 403) this.setLink('down', `the platform refuses this terminal (HTTP ${res.status}): a technician must check its registration`);
    else this.setLink('up');
    return { status: res.status, body, headers: res.headers };
  }

  private failure(a: Answer): PlatformError {
    const err = WireError.safeParse(a.body);
    return httpFailure(a.status, err.success ? err.data : undefined, a.headers.get('retry-after'));
  }

  private parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
    const r = schema.safeParse(body);
    if (!r.success) throw new PlatformError('retry', 'BAD_RESPONSE', `the platform's ${what} does not match the contract`);
    return r.data;
  }

  private setLink(state: LinkState, reason?: string) {
    if (this.linkState.state !== state || this.linkState.reason !== reason) {
      this.opts.log.info({ platformLink: state, reason }, 'platform link');
      this.linkState = reason ? { state, reason } : { state };
    }
  }
}
