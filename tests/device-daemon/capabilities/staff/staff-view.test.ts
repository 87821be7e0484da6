import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { call, nextEvent, type SpawnedDaemon, spawnDaemon } from '../../../helpers/daemon';
import { waitUntil } from '../../../helpers/wait';
import { applicationArgs } from '../harness';
import { STAFF_CARD, STAFF_PIN, SUPERVISOR_PIN, StaffClient, staffConfig } from './staff-http-client';

// The staff view on the real daemon: nothing without a session, CSRF and
// Origin checked on every state change, calls live with the resident told of
// the acknowledgement, cases worked step by step and seen by progress lookup.
let d: SpawnedDaemon;
let ws: WebSocket;
beforeAll(async () => {
  d = await spawnDaemon({ config: staffConfig() });
  ws = await d.connect();
});
afterAll(async () => {
  ws?.close();
  await d?.stop();
});

const client = () => new StaffClient(d.origin, d.origin);

/**
 * One signed-in client per staff number for the tests that only need one: the sign-in route allows a burst
 * of 10 tries (then one every 3 s), and this file's own sign-in tests use most of it.
 */
const signedIn = new Map<string, Promise<StaffClient>>();
function staff(staffNo: string, pin: string): Promise<StaffClient> {
  let c = signedIn.get(staffNo);
  if (!c) {
    c = (async () => {
      const s = client();
      expect((await s.signIn(staffNo, pin)).status, `${staffNo} signs in`).toBe(200);
      return s;
    })();
    signedIn.set(staffNo, c);
  }
  return c;
}

async function apply(): Promise<string> {
  await call(ws, 'sim.control', { device: 'idCardReader', action: 'removeCard' });
  expect((await call(ws, 'sim.control', { device: 'idCardReader', action: 'insertCard', param: 'resident-valid' })).ok).toBe(true);
  expect((await call(ws, 'card.read', { timeoutMs: 10_000 })).ok).toBe(true);
  expect((await call(ws, 'consent.record', { purpose: 'apply', textVersion: 'apply-0a1b2c3d' })).ok).toBe(true);
  const r = await call(ws, 'submission.submit', applicationArgs());
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
  return r.result.caseNo as string;
}

describe('staff view', () => {
  it('refuses every staff route and API without a session', async () => {
    const anon = client();
    for (const path of ['overview', 'events']) expect((await anon.get(path)).status).toBe(401);
    for (const path of ['calls/WD0001-20260101-0001-X/acknowledge', 'submissions/X/requeue', 'complaints/X/reveal-phone', 'cases/X/step', 'sign-out']) {
      expect((await anon.post(path, { step: 'accept' })).status, path).toBe(401);
    }
    // the page itself is only the sign-in form: it carries no data
    const page = await fetch(`${d.origin}/staff`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('WD0001-');
  });

  it('signs in with an HttpOnly, SameSite=Strict cookie; a wrong PIN and an unknown number get the same answer', async () => {
    const c = client();
    const ok = await c.signIn('S001', STAFF_PIN);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict; Path=\/staff/);
    expect((await c.get('overview')).status).toBe(200);
    const wrong = await client().signIn('S001', '000000');
    const unknown = await client().signIn('S777', '000000');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(Object.keys(await wrong.json())).toEqual(Object.keys(await unknown.json()));
  });

  it('signs in by the staff member’s own card on the terminal; a card of nobody on staff and a resident’s card held are refused', async () => {
    await call(ws, 'session.end', { reason: 'reset' });
    await call(ws, 'sim.control', { device: 'idCardReader', action: 'removeCard' });
    expect((await call(ws, 'sim.control', { device: 'idCardReader', action: 'insertCard', param: STAFF_CARD })).ok).toBe(true);
    const c = client();
    const ok = await c.signInByCard();
    expect(ok.status).toBe(200);
    expect((await ok.json()).member).toEqual({ staffNo: 'S001', name: '测试员甲', role: 'staff' });
    expect(ok.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict; Path=\/staff/);
    expect((await c.get('overview')).status).toBe(200);

    // A card that matches no account counts as a wrong try, as on the screen.
    expect((await call(ws, 'sim.control', { device: 'idCardReader', action: 'swapCard', param: 'resident-expired' })).ok).toBe(true);
    const stranger = await client().signInByCard();
    expect(stranger.status).toBe(401);
    expect(await stranger.json()).toMatchObject({ error: 'invalid', remaining: expect.any(Number) });

    // While a resident's card is the session's, the reader is theirs.
    await call(ws, 'sim.control', { device: 'idCardReader', action: 'removeCard' });
    expect((await call(ws, 'sim.control', { device: 'idCardReader', action: 'insertCard', param: 'resident-valid' })).ok).toBe(true);
    expect((await call(ws, 'card.read', { timeoutMs: 10_000 })).ok).toBe(true);
    const held = await client().signInByCard();
    expect([held.status, (await held.json()).error]).toEqual([409, 'sequenceError']);
    await call(ws, 'session.end', { reason: 'reset' });
  });

  it('refuses a state change without the CSRF token, with another session’s token, and from another origin', async () => {
    const c = await staff('S001', STAFF_PIN);
    const other = await staff('S900', SUPERVISOR_PIN);
    const r = await call(ws, 'submission.submit', { kind: 'callStaff', idempotencyKey: randomUUID(), payload: { reason: 'help' } });
    const path = `calls/${r.result.caseNo}/acknowledge`;
    expect((await c.post(path, {}, { csrf: '' })).status).toBe(403);
    expect((await c.post(path, {}, { csrf: other.csrf })).status).toBe(403);
    expect((await c.post(path, {}, { origin: 'http://evil.example' })).status).toBe(403);
    const overview = await (await c.get('overview')).json();
    expect(overview.calls.find((x: any) => x.caseNo === r.result.caseNo).acknowledged).toBeNull();
    expect((await c.post(path)).status).toBe(200);
  });

  it('shows a call as it arrives (server-sent event) and tells the resident page when it is acknowledged', async () => {
    const c = await staff('A010', STAFF_PIN);
    const events = await fetch(`${d.origin}/staff/api/events`, { headers: { cookie: c.cookie } });
    const reader = events.body!.getReader();
    let seen = '';
    const sawCall = (async () => {
      while (!seen.includes('event: call')) seen += new TextDecoder().decode((await reader.read()).value);
    })();
    const r = await call(ws, 'submission.submit', { kind: 'callStaff', idempotencyKey: randomUUID(), payload: { reason: 'accessibility' } });
    await sawCall;
    await reader.cancel();
    const row = (await (await c.get('overview')).json()).calls.find((x: any) => x.caseNo === r.result.caseNo);
    expect(row).toMatchObject({ reason: 'accessibility', acknowledged: null });
    const told = nextEvent(ws, (e) => e.name === 'staff.acknowledged' && e.data.caseNo === r.result.caseNo);
    expect((await c.post(`calls/${r.result.caseNo}/acknowledge`)).status).toBe(200);
    expect((await told).data).not.toHaveProperty('staffNo');
    const after = (await (await c.get('overview')).json()).calls.find((x: any) => x.caseNo === r.result.caseNo);
    expect(after.acknowledged.staffNo).toBe('A010');
  });

  it('a call the resident cancels is listed cancelled (the pages are told to fetch again) and is no longer acknowledged', async () => {
    const c = await staff('A010', STAFF_PIN);
    const r = await call(ws, 'submission.submit', { kind: 'callStaff', idempotencyKey: randomUUID(), payload: { reason: 'help' } });
    const events = await fetch(`${d.origin}/staff/api/events`, { headers: { cookie: c.cookie } });
    const reader = events.body!.getReader();
    let seen = '';
    const sawChange = (async () => {
      while (!seen.includes('event: changed')) seen += new TextDecoder().decode((await reader.read()).value);
    })();
    expect((await call(ws, 'callStaff.cancel', { caseNo: r.result.caseNo })).result).toEqual({ cancelled: true });
    await sawChange;
    await reader.cancel();
    const row = (await (await c.get('overview')).json()).calls.find((x: any) => x.caseNo === r.result.caseNo);
    expect(row).toMatchObject({ acknowledged: null, done: null, cancelled: { at: expect.stringMatching(/\+08:00$/) } });
    expect((await c.post(`calls/${r.result.caseNo}/acknowledge`)).status).toBe(409);
  });

  it('works a case: accepted, sent back for materials, accepted again and approved; progress shows each step with the department', async () => {
    const caseNo = await apply();
    const desk = await staff('S001', STAFF_PIN);
    const boss = await staff('S900', SUPERVISOR_PIN);
    await waitUntil(async () => (await (await desk.get('overview')).json()).cases.some((c: any) => c.caseNo === caseNo), { what: 'the case delivered to the embedded platform' });
    const step = (c: StaffClient, body: unknown) => c.post(`cases/${caseNo}/step`, body);
    expect((await step(desk, { step: 'approve' })).status).toBe(403); // staff accept; a supervisor decides
    expect((await step(desk, { step: 'accept' })).status).toBe(200);
    expect((await step(desk, { step: 'requestMaterials', materials: ['户口簿首页复印件'] })).status).toBe(200);
    expect((await step(boss, { step: 'approve' })).status).toBe(409); // not under review while materials are awaited
    expect((await step(desk, { step: 'accept' })).status).toBe(200);
    expect((await step(boss, { step: 'approve' })).status).toBe(200);
    const p = (await call(ws, 'case.progress', { caseNo })).result.cases[0];
    expect(p.status).toBe('approved');
    const steps = p.timeline.filter((e: any) => e.department);
    expect(steps.map((e: any) => e.status)).toEqual(['reviewing', 'materialsRequested', 'reviewing', 'approved']);
    expect(steps[1].note).toContain('户口簿首页复印件');
    // the text-message notices went to the log-only gateway, the phone masked
    const log = () => readFileSync(join(d.dataDir, 'log', 'daemon.log'), 'utf8');
    await waitUntil(() => (log().match(/"event":"sms"/g) ?? []).length >= 4, { what: 'four text-message notices logged' });
    expect(log()).not.toContain('13900001234');
    expect(log()).toMatch(/"to":"139\*+1234"/);
  });
});
