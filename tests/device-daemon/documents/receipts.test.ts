import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type WebSocket from 'ws';
import { call, nextEvent, type SpawnedDaemon, useDaemon } from '../../helpers/daemon';
import { waitUntil } from '../../helpers/wait';
import { columnsFor, displayWidth } from '../../../device-daemon/devices/printer/display-width';

// receipt.print / records.print / card.forget against the real daemon with
// the simulated reader and printer: what is printed is read back from the
// printer emulator (printer.lastJobs), i.e. from the ESC/POS bytes.
const YOUNG = { card: 'resident-young', name: '石磊', id: '410403199011020030', address: '河南省平顶山市卫东区演示街道样例社区8号' };
const PHONE = '13912345678';

describe('resident documents composed in the daemon', () => {
  // The reader without the module's processing times (~1 s a read): these tests are about what is printed, and
  // a read here is only the way in; the reader's timing is tested in tests/device-daemon/devices/id-card.
  const rig = useDaemon({ beforeAll, afterAll }, { config: { devices: { idCardReader: { simulator: { timing: 'instant' } } } } });
  let d: SpawnedDaemon;
  let ws: WebSocket;
  beforeAll(() => {
    d = rig.daemon();
    ws = rig.ws();
  });

  const sim = (device: string, action: string, param?: string) => d.sim(device, action, param);
  async function readCard(card: string) {
    const read = call(ws, 'card.read', { timeoutMs: 20_000 });
    await sim('idCardReader', 'insertCard', card);
    const r = await read;
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    return r.result;
  }
  /** Read the card and agree on the consent screen, as the identify step does before an application. */
  async function identify(card: string) {
    await readCard(card);
    const c = await call(ws, 'consent.record', { purpose: 'apply', textVersion: 'apply-test' });
    expect(c.ok, JSON.stringify(c.error)).toBe(true);
  }
  async function endSession() {
    await call(ws, 'session.end', { reason: 'user' });
    await sim('idCardReader', 'removeCard');
  }
  const lastJob = async () => (await call(ws, 'printer.lastJobs', { limit: 1 })).result.jobs.at(-1) as { lines: string[]; qr: string[] };

  /** 老年人优待证办理 (SIM-410403-YA-003): 5 working days, delivered by post, at the window or electronically. */
  function application(key: string, delivery: unknown) {
    return {
      kind: 'application',
      idempotencyKey: key,
      applicant: 'sessionCard',
      itemCode: 'SIM-410403-YA-003',
      payload: {
        answers: { contactPhone: PHONE },
        materials: [
          { code: 'm1', provided: 'sharedData' },
          { code: 'm2', provided: 'sharedData' },
        ],
        delivery,
        assisted: false,
        contactPhone: PHONE,
      },
    };
  }

  it('the card summary carries the address only to the district and the age, never the birth date', async () => {
    const card = await readCard(YOUNG.card);
    expect(card.maskedAddress).toBe('河南省平顶山市卫东区****');
    expect(typeof card.age).toBe('number');
    expect(JSON.stringify(card)).not.toContain('1990-11-02');
    await endSession();
  });

  it('receipt.print prints the 受理回执 of this session’s case, applicant masked, post address to the district only; a second print is marked 补打', async () => {
    await identify(YOUNG.card);
    const sub = await call(ws, 'submission.submit', application(randomUUID(), { method: 'post', addressFrom: 'card' }));
    expect(sub.ok, JSON.stringify(sub.error)).toBe(true);
    const caseNo: string = sub.result.caseNo;
    const r = await call(ws, 'receipt.print', { caseNo });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    const job = await lastJob();
    const text = job.lines.join('\n');
    expect(text).toContain('受理回执');
    expect(text).toContain(caseNo);
    expect(text).toContain('石*');
    expect(text).toContain('4104**********0030');
    expect(text).toContain('139****5678');
    expect(text).toContain('卫东区');
    // the date the daemon promised from the item's 5 working days
    expect(sub.result.promisedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(text).toContain(sub.result.promisedDate);
    for (const secret of [YOUNG.name, YOUNG.id, PHONE, '样例社区8号']) expect(text).not.toContain(secret);
    expect(job.qr.some((q) => q.includes(encodeURIComponent(caseNo)) || q.includes(caseNo))).toBe(true);

    const again = await call(ws, 'receipt.print', { caseNo });
    expect(again.ok).toBe(true);
    expect(again.result.reprintOf).toBe(r.result.jobId);
    expect((await lastJob()).lines.join('\n')).toContain('补打');

    // The platform got the full address (delivery needs it); the UI sent only addressFrom.
    await endSession();
    // After the session: the same receipt is no longer printable here.
    const after = await call(ws, 'receipt.print', { caseNo });
    expect(after.ok).toBe(false);
    expect(after.error.code).toBe('notFound');
  });

  it('post to the card address needs a card: without one the application is refused (noSession)', async () => {
    const r = await call(ws, 'submission.submit', application(randomUUID(), { method: 'post', addressFrom: 'card' }));
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('noSession');
  });

  it('for a resident using English the 受理回执 prints in Chinese, then in English below, every line within the paper width', async () => {
    await identify(YOUNG.card);
    const sub = await call(ws, 'submission.submit', application(randomUUID(), { method: 'pickup' }));
    expect(sub.ok, JSON.stringify(sub.error)).toBe(true);
    const r = await call(ws, 'receipt.print', { caseNo: sub.result.caseNo, locale: 'en' });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    const lines: string[] = (await lastJob()).lines;
    const zh = lines.findIndex((l) => l.includes('受理回执'));
    const en = lines.findIndex((l) => l.includes('Receipt of your application'));
    expect(zh).toBeGreaterThanOrEqual(0);
    expect(en).toBeGreaterThan(zh);
    const english = lines.slice(en).join('\n');
    expect(english).toContain('Senior citizen preferential card');
    expect(english).toMatch(/Case number.*\n?.*[A-Z0-9]/u);
    expect(english).toContain('Collect at the window');
    expect(english).toContain('石*');
    for (const secret of [YOUNG.name, YOUNG.id, PHONE]) expect(lines.join('\n')).not.toContain(secret);
    // 576 dots of a 12-dot font: 48 columns; the emulator's lines are what the paper shows
    const cols = columnsFor(576);
    for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(cols);
    // the same case printed for a Chinese reader has no English part
    const zhOnly = await call(ws, 'receipt.print', { caseNo: sub.result.caseNo });
    expect(zhOnly.ok).toBe(true);
    expect((await lastJob()).lines.join('\n')).not.toContain('Receipt of your application');
    await endSession();
  });

  it('an item that promises no fixed time gets its time limit in words on the receipt, never an invented date', async () => {
    await identify(YOUNG.card);
    // 优待证 (SIM-410403-SH-009): 按批次制发, no promised days.
    const sub = await call(ws, 'submission.submit', {
      kind: 'application',
      idempotencyKey: randomUUID(),
      applicant: 'sessionCard',
      itemCode: 'SIM-410403-SH-009',
      payload: {
        answers: { identity: 'veteran', contactPhone: PHONE },
        materials: [{ code: 'm2', provided: 'onSite' }],
        delivery: { method: 'pickup' },
        assisted: false,
        contactPhone: PHONE,
      },
    });
    expect(sub.ok, JSON.stringify(sub.error)).toBe(true);
    expect(sub.result.promisedDate).toBeNull();
    const r = await call(ws, 'receipt.print', { caseNo: sub.result.caseNo });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    const text = (await lastJob()).lines.join('\n');
    expect(text).toContain('办结时限');
    expect(text).toContain('按批次制发');
    expect(text).not.toContain('承诺办结');
    await endSession();
  });

  it('a complaint receipt prints with its number, category and promise', async () => {
    expect((await call(ws, 'consent.record', { purpose: 'complaintCallback', textVersion: 'complaintCallback-test' })).ok).toBe(true);
    const sub = await call(ws, 'submission.submit', {
      kind: 'complaint',
      idempotencyKey: randomUUID(),
      payload: { category: 'efficiency', text: '多次跑腿仍未办结', callbackPhone: PHONE },
    });
    expect(sub.ok, JSON.stringify(sub.error)).toBe(true);
    // 有诉即办: the daemon promises an answer within 5 working days, and the receipt says by when
    expect(sub.result.promisedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const r = await call(ws, 'receipt.print', { caseNo: sub.result.caseNo });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    const text = (await lastJob()).lines.join('\n');
    expect(text).toContain(sub.result.caseNo);
    expect(text).toContain('办事难');
    expect(text).toContain(`${sub.result.promisedDate} 前联系您`);
    expect(text).toContain('139****5678');
    expect(text).not.toContain(PHONE);
    await endSession();
  });

  it('records.print prints the person’s record with the holder masked, and refuses (prints nothing) when there is none', async () => {
    await readCard('resident-valid');
    const r = await call(ws, 'records.print', { recordType: 'pension' });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    const text = (await lastJob()).lines.join('\n');
    expect(text).toContain('林**');
    expect(text).not.toContain('林晓禾');
    expect(text).not.toContain('410403195803120023');
    await endSession();

    await readCard('resident-norecords');
    const before = (await call(ws, 'printer.lastJobs', { limit: 20 })).result.jobs.length;
    const none = await call(ws, 'records.print', { recordType: 'pension' });
    expect(none.ok).toBe(false);
    expect(none.error.code).toBe('notFound');
    expect((await call(ws, 'printer.lastJobs', { limit: 20 })).result.jobs.length).toBe(before);
    await endSession();
  });

  it('the 参保证明 printed for its holder carries the full name and ID number, as the issuing office prints it; nothing else of theirs', async () => {
    await readCard('resident-valid');
    const r = await call(ws, 'records.print', { recordType: 'socialInsurance' });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    const lines = (await lastJob()).lines;
    expect(lines.find((l) => l.trimStart().startsWith('姓名'))).toContain('林晓禾');
    expect(lines.find((l) => l.trimStart().startsWith('证件号码'))).toContain('410403195803120023');
    expect(lines.join('')).toContain('本证明应持证人本人要求打印');
    expect(lines.join('\n')).not.toContain('河南省平顶山市卫东区演示');
    await endSession();
  });

  it('card.forget drops the held record: the next read waits for a new card instead of answering the old one', async () => {
    await readCard('resident-expired');
    expect((await call(ws, 'card.forget', {})).result.forgotten).toBe(true);
    await sim('idCardReader', 'removeCard');
    const card = await readCard(YOUNG.card);
    expect(card.maskedIdNumber).toBe('4104**********0030');
    await endSession();
  });

  // A real catalog item (code as the UI sends it): 退役军人优待证申领, not an official code.
  const VETERAN = 'SIM-410403-SH-009';
  const db = () => new Database(join(d.dataDir, 'kiosk.db'), { readonly: true });
  const printerSim = (action: string, param?: string) => call(ws, 'sim.control', { device: 'printer', action, ...(param ? { param } : {}) });

  it('the 受理回执 is composed from the catalog item and the stored payload: names, department, materials to bring and to mail, evaluation QR', async () => {
    await identify(YOUNG.card);
    const sub = await call(ws, 'submission.submit', {
      ...application(randomUUID(), { method: 'post', addressFrom: 'card' }),
      itemCode: VETERAN,
      payload: {
        answers: { identity: 'veteran', contactPhone: PHONE },
        materials: [
          { code: 'm1', provided: 'later' },
          { code: 'm2', provided: 'post' },
        ],
        delivery: { method: 'post', addressFrom: 'card' },
        assisted: false,
        contactPhone: PHONE,
      },
    });
    expect(sub.ok, JSON.stringify(sub.error)).toBe(true);
    const caseNo: string = sub.result.caseNo;
    // The application payload (the only place it is needed) holds the card's full address; the UI never sent it.
    const h = db();
    const stored = JSON.parse(String((h.prepare('SELECT payload FROM submissions WHERE case_no = ?').get(caseNo) as { payload: string }).payload));
    h.close();
    expect(stored.data.delivery).toEqual({ method: 'post', address: YOUNG.address });
    expect(stored.data.materials).toEqual([
      { code: 'm1', provided: 'later' },
      { code: 'm2', provided: 'post' },
    ]);

    const r = await call(ws, 'receipt.print', { caseNo: caseNo.toLowerCase() });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    expect(r.result.reprintOf).toBeUndefined();
    const job = await lastJob();
    const text = job.lines.join('\n');
    expect(text).toContain('退役军人优待证申领');
    expect(text).toContain('平顶山市卫东区退役军人事务局');
    expect(text).not.toContain('事项编码'); // SIM- codes are not official: not printed
    expect(text).toContain('居民身份证');
    expect(text).toContain('退役证件或证明（邮寄至受理部门）');
    expect(text).toContain(`邮寄送达（河南省平顶山市卫东区****）`);
    // the item's guide sets no fixed limit: the daemon promised no date
    expect(sub.result.promisedDate).toBeNull();
    expect(job.qr).toEqual([`https://zwfw.example.gov.cn/progress?case=${encodeURIComponent(caseNo)}`, `https://zwfw.example.gov.cn/hcp?case=${encodeURIComponent(caseNo)}`]);
    for (const secret of [YOUNG.name, YOUNG.id, PHONE, YOUNG.address, '演示街道']) expect(text).not.toContain(secret);
    await endSession();
  });

  it('every print after the first completed one is a 补打 of it (third copy too); a print that failed leaves no original behind', async () => {
    await identify(YOUNG.card);
    const sub = await call(ws, 'submission.submit', application(randomUUID(), { method: 'pickup' }));
    expect(sub.ok, JSON.stringify(sub.error)).toBe(true);
    const caseNo: string = sub.result.caseNo;

    expect((await printerSim('paperOut')).ok).toBe(true);
    const out = await call(ws, 'receipt.print', { caseNo });
    expect(out.ok).toBe(false);
    expect(out.error.code).toBe('paperOut');
    expect(out.error.detail.jobId).toMatch(/^pj-/);
    expect((await printerSim('paperLoad')).ok).toBe(true);

    const first = await call(ws, 'receipt.print', { caseNo });
    expect(first.ok, JSON.stringify(first.error)).toBe(true);
    expect(first.result.reprintOf).toBeUndefined(); // the failed job printed nothing whole: this is the original
    expect((await lastJob()).lines.join('\n')).not.toContain('补打');
    for (let copy = 2; copy <= 3; copy++) {
      const again = await call(ws, 'receipt.print', { caseNo });
      expect(again.ok, JSON.stringify(again.error)).toBe(true);
      expect(again.result.reprintOf).toBe(first.result.jobId);
      const lines = (await lastJob()).lines;
      expect(lines.slice(0, 2)).toEqual(['受理回执', '【补打】']);
      expect(lines.join('\n')).toContain(caseNo);
    }
    await endSession();
  });

  it('a printer lost while the 受理回执 awaits completion may have printed it whole: the retry is its 补打, not a second original', async () => {
    await identify(YOUNG.card);
    const sub = await call(ws, 'submission.submit', application(randomUUID(), { method: 'pickup' }));
    expect(sub.ok, JSON.stringify(sub.error)).toBe(true);
    const caseNo: string = sub.result.caseNo;
    // Every byte is with the printer; it is printing the page when the cable goes.
    const awaiting = nextEvent(ws, (e) => e.name === 'printer.job' && e.data.state === 'awaitingCompletion');
    const printing = call(ws, 'receipt.print', { caseNo });
    await awaiting;
    expect((await sim('printer', 'unplug')).ok).toBe(true);
    const lost = await printing;
    expect(lost.ok).toBe(false);
    expect(['offline', 'noDevice', 'timeout']).toContain(lost.error.code);
    expect(lost.error.detail).toEqual({ jobId: expect.stringMatching(/^pj-/), outcome: 'unknown' });
    expect((await sim('printer', 'replug')).ok).toBe(true);
    await waitUntil(async () => (await call(ws, 'system.status')).result.devices.find((x: { device: string }) => x.device === 'printer').state === 'online', { what: 'the printer back online' });

    const retry = await call(ws, 'receipt.print', { caseNo });
    expect(retry.ok, JSON.stringify(retry.error)).toBe(true);
    expect(retry.result.reprintOf).toBe(lost.error.detail.jobId);
    const lines = (await lastJob()).lines;
    expect(lines.slice(0, 2)).toEqual(['受理回执', '【补打】']);
    expect(lines.join('\n')).toContain(caseNo);
    await endSession();
  });

  it('records.print is counted (recordPrints) and audited with the person masked and the printed verify code', async () => {
    const recordPrints = () => {
      const h = db();
      const n = (h.prepare("SELECT value FROM counters WHERE name = 'recordPrints'").all() as Array<{ value: number }>).reduce((a, x) => a + x.value, 0);
      h.close();
      return n;
    };
    const before = recordPrints();
    await readCard('resident-valid');
    const r = await call(ws, 'records.print', { recordType: 'socialInsurance' });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    const job = await lastJob();
    const text = job.lines.join('\n');
    const code = /YZ-[0-9A-F]{4}-[0-9A-F]{4}/.exec(text)?.[0];
    expect(code).toBeDefined();
    expect(job.qr.some((q) => q.endsWith(`/verify?code=${code}`))).toBe(true);
    expect(recordPrints()).toBe(before + 1);
    await endSession();
    // A person without records: refused, nothing printed, not counted.
    await readCard('resident-norecords');
    expect((await call(ws, 'records.print', { recordType: 'socialInsurance' })).error.code).toBe('notFound');
    expect(recordPrints()).toBe(before + 1);
    await endSession();
    const h = db();
    const audit = (h.prepare("SELECT detail FROM audit WHERE action = 'records.print'").all() as Array<{ detail: string }>).map((x) => x.detail).join('\n');
    h.close();
    expect(audit).toContain(code!);
    expect(audit).toContain('4104**********0023');
    expect(audit).not.toContain('410403195803120023');
    expect(audit).not.toContain('林晓禾');
  });
});
