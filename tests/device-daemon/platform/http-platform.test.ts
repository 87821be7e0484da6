import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpPlatform } from '../../../device-daemon/platform/http-platform';
import { PlatformError, type OutboundSubmission } from '../../../device-daemon/platform/types';
import { PlatformServer } from '../../helpers/platform-server';
import { rejectionOf } from '../../helpers/rejection';

// The real HTTP client against a real HTTP server implementing the contract.

let server: PlatformServer;
let client: HttpPlatform;
const person = { idNumber: '410403195803120023', name: '林晓禾', applicantRef: 'x' };

beforeAll(async () => {
  server = await new PlatformServer().start();
});
afterAll(() => server.stop());
beforeEach(() => {
  server.queue.length = 0;
  server.always = { kind: 'ok' };
  client = new HttpPlatform({ baseUrl: server.baseUrl, timeoutMs: 600, terminalId: 'WD0001', log: pino({ level: 'silent' }) });
});

let seq = 0;
function outbound(): OutboundSubmission {
  seq++;
  return {
    idempotencyKey: randomUUID(),
    applicantRef: null,
    body: {
      caseNo: `WD0001-20250612-${String(seq).padStart(5, '0')}-X`,
      terminalId: 'WD0001',
      kind: 'complaint',
      channel: 5,
      itemCode: null,
      acceptedAt: '2025-06-12T10:00:00+08:00',
      promisedDate: '2025-07-03',
      provisional: false,
      applicant: null,
      data: { category: 'efficiency', text: `test ${seq}` },
    },
  };
}

const failure = (p: Promise<unknown>) => rejectionOf(p, PlatformError);

describe('HttpPlatform.deliver', () => {
  it('delivers with the idempotency key and terminal id; a resend is acknowledged as a duplicate, not committed again', async () => {
    const s = outbound();
    expect(await client.deliver(s)).toEqual({ platformRef: expect.any(String), duplicate: false });
    expect(await client.deliver(s)).toMatchObject({ duplicate: true });
    expect([...server.committed.values()].filter((c) => c.body.caseNo === s.body.caseNo)).toHaveLength(1);
    expect(server.committed.get(s.idempotencyKey)?.replays).toBe(1);
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v1/complaints', key: s.idempotencyKey, terminal: 'WD0001' });
    expect(client.link().state).toBe('up');
  });

  it('maps each platform failure to retry, give up or needs staff', async () => {
    const cases: Array<[Parameters<typeof server.queue.push>[0], string, string]> = [
      [{ kind: 'status', status: 500 }, 'retry', 'E500'],
      [{ kind: 'status', status: 503, code: 'MAINTENANCE' }, 'retry', 'MAINTENANCE'],
      [{ kind: 'status', status: 502 }, 'retry', 'E502'],
      [{ kind: 'status', status: 401, code: 'UNAUTHORIZED' }, 'retry', 'UNAUTHORIZED'],
      [{ kind: 'status', status: 422, code: 'VALIDATION_FAILED' }, 'giveUp', 'VALIDATION_FAILED'],
      [{ kind: 'status', status: 404, code: 'ITEM_NOT_FOUND' }, 'giveUp', 'ITEM_NOT_FOUND'],
      [{ kind: 'status', status: 409, code: 'IDEMPOTENCY_CONFLICT' }, 'needsStaff', 'IDEMPOTENCY_CONFLICT'],
      [{ kind: 'status', status: 413, code: 'TOO_LARGE' }, 'needsStaff', 'TOO_LARGE'],
      [{ kind: 'status', status: 418, code: 'TEAPOT' }, 'needsStaff', 'TEAPOT'],
      [{ kind: 'badBody' }, 'retry', 'BAD_RESPONSE'],
    ];
    const committedBefore = server.committed.size;
    for (const [behaviour, disposition, code] of cases) {
      server.queue.push(behaviour);
      const e = await failure(client.deliver(outbound()));
      expect([e.disposition, e.code], JSON.stringify(behaviour)).toEqual([disposition, code]);
    }
    expect(server.committed.size).toBe(committedBefore); // no failure committed anything
  });

  it('honours Retry-After on 429', async () => {
    server.queue.push({ kind: 'status', status: 429, code: 'RATE_LIMITED', retryAfterSec: 7 });
    const e = await failure(client.deliver(outbound()));
    expect(e).toMatchObject({ disposition: 'retry', retryAfterMs: 7000 });
  });

  it('gives up on a hanging platform after the timeout (retryable), and reports the link down', async () => {
    server.queue.push({ kind: 'hang' });
    const t0 = Date.now();
    const e = await failure(client.deliver(outbound()));
    expect(e).toMatchObject({ disposition: 'retry', code: 'timeout' });
    const took = Date.now() - t0;
    console.log(`hanging platform: gave up after ${took} ms (timeout 600 ms)`);
    // It waited for its own timeout (not an early error), and did not wait for the platform (which never answers).
    expect(took).toBeGreaterThanOrEqual(550);
    expect(took).toBeLessThan(10_000);
    expect(client.link().state).toBe('down');
  });

  it('a connection dropped after the platform committed is retried, and the resend is a duplicate', async () => {
    const s = outbound();
    server.queue.push({ kind: 'dropAfterCommit' });
    const e = await failure(client.deliver(s));
    expect(e.disposition).toBe('retry');
    expect(server.committed.has(s.idempotencyKey)).toBe(true);
    expect(await client.deliver(s)).toMatchObject({ duplicate: true });
    expect(server.order.filter((k) => k === s.idempotencyKey)).toHaveLength(1);
  });

  it('a platform that is down (connection refused) is retryable and the link is down with the reason', async () => {
    const down = new PlatformServer();
    await down.start();
    await down.down();
    const c = new HttpPlatform({ baseUrl: down.baseUrl, timeoutMs: 600, terminalId: 'WD0001', log: pino({ level: 'silent' }) });
    const e = await failure(c.deliver(outbound()));
    expect(e).toMatchObject({ disposition: 'retry', code: 'ECONNREFUSED' });
    expect(c.link()).toMatchObject({ state: 'down', reason: expect.stringContaining('ECONNREFUSED') });
  });
});

describe('HttpPlatform queries', () => {
  it('case progress: found, unknown, and one retry inside the deadline for a 503', async () => {
    const s = outbound();
    await client.deliver(s);
    expect(await client.progress(s.body.caseNo)).toMatchObject({ caseNo: s.body.caseNo, status: 'received', events: [{ status: 'received' }] });
    expect(await client.progress('WD0001-20250612-99999-X')).toBeUndefined();
    const before = server.requests.length;
    server.queue.push({ kind: 'status', status: 503 });
    expect(await client.progress(s.body.caseNo)).toMatchObject({ caseNo: s.body.caseNo });
    expect(server.requests.length - before).toBe(2);
    server.queue.push({ kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    expect(await failure(client.progress(s.body.caseNo))).toMatchObject({ disposition: 'retry' });
  });

  it('cases of a person are searched with the ID number in the body, never in the URL', async () => {
    const s = outbound();
    s.body.applicant = { cardKind: 'resident', name: person.name, idNumber: person.idNumber };
    await client.deliver(s);
    const list = await client.casesOf(person);
    expect(list.map((c) => c.caseNo)).toContain(s.body.caseNo);
    expect(server.requests.every((r) => !r.path.includes(person.idNumber))).toBe(true);
  });

  it('records: a set for a person who has one, undefined for one who has none', async () => {
    server.records.set(person.idNumber, [
      {
        recordType: 'pension',
        title: { zh: '养老金领取记录', en: 'Pension payment record' },
        holder: { name: person.name, idNumber: person.idNumber },
        issuer: 'x',
        asOf: '2025-06-30',
        summary: [],
        columns: [{ key: 'm', zh: '月', en: 'Month' }],
        rows: [{ m: '2025-06' }],
      },
    ]);
    expect(await client.records(person, 'pension')).toMatchObject({ recordType: 'pension', rows: [{ m: '2025-06' }] });
    expect(await client.records(person, 'socialInsurance')).toBeUndefined();
    expect(await client.records({ ...person, idNumber: '41040320010115007X' }, 'pension')).toBeUndefined();
  });

  it('catalog: a new version, then not modified', async () => {
    expect(await client.catalog()).toMatchObject({ version: 'v1', items: [{ code: 'X1' }] });
    expect(await client.catalog('v1')).toBe('notModified');
  });
});
