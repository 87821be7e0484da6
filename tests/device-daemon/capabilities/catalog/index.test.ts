import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { call, ROOT, spawnDaemon, type SpawnedDaemon, useDaemon } from '../../../helpers/daemon';
import { shippedJson } from '../../../helpers/catalog';

// The catalog API through the real daemon process (needs kiosk-ui/dist: npx vite build).
const uiBuilt = existsSync(join(ROOT, 'kiosk-ui/dist/index.html'));

describe.skipIf(!uiBuilt)('catalog API on the real daemon', () => {
  const rig = useDaemon({ beforeAll, afterAll });
  let d: SpawnedDaemon;
  let ws: WebSocket;
  beforeAll(() => {
    d = rig.daemon();
    ws = rig.ws();
  });

  it('catalog.get returns the index: every valid item with its name, category and pinyin search keys, shared keys sent once', async () => {
    const r = await call(ws, 'catalog.get');
    expect(r.ok).toBe(true);
    const { items, keys, categories, complaintCategories, version } = r.result;
    expect(version).toBe(shippedJson().version);
    expect(items).toHaveLength(shippedJson().items.length);
    expect(categories).toHaveLength(8);
    expect(complaintCategories.length).toBeGreaterThan(0);
    const unemployment = items.find((i: any) => i.name.zh === '失业登记');
    expect(unemployment.nameKey).toEqual({ text: '失业登记', pinyin: 'shi ye deng ji' });
    // The guide is not in the index; a material shared by many items is one key.
    expect(unemployment).not.toHaveProperty('materials.0.name');
    expect(unemployment).not.toHaveProperty('steps');
    expect(keys.filter((k: any) => k.text === '居民身份证')).toHaveLength(1);
    const idCardUsers = items.filter((i: any) => i.materials.some((m: number) => keys[m].text === '居民身份证'));
    expect(idCardUsers.length).toBeGreaterThan(5);
  });

  it("catalog.item returns one item's full guide; an unknown id is notFound", async () => {
    const r = await call(ws, 'catalog.item', { id: 'WD-KIOSK-028' });
    expect(r.ok).toBe(true);
    expect(r.result.version).toBe(shippedJson().version);
    expect(r.result.item).toMatchObject({ id: 'WD-KIOSK-028', name: { zh: '最低生活保障审核确认' } });
    expect(r.result.item.materials.length).toBeGreaterThan(0);
    expect(r.result.item.provenance.name).toMatch(/sourced|plausible|synthetic/);
    expect((await call(ws, 'catalog.item', { id: 'WD-NOPE' })).error.code).toBe('notFound');
  });

  it('catalog.diagnostics and /health report a clean catalog', async () => {
    const r = await call(ws, 'catalog.diagnostics');
    expect(r.result).toMatchObject({ valid: shippedJson().items.length, hidden: [], rejected: [] });
    expect(r.result.source).toMatch(/^file:.*assets\/catalog\/catalog\.json$/);
    const health = (await (await fetch(`${d.url}health`)).json()) as Record<string, any>;
    expect(health.catalog).toMatchObject({ status: 'ok', valid: shippedJson().items.length, hidden: [] });
  });

  it('catalog.notice builds the one-time notice with the site phones, and the printer prints the same notice by item id', async () => {
    const r = await call(ws, 'catalog.notice', { itemId: 'WD-KIOSK-028' });
    expect(r.ok).toBe(true);
    const { print: _layoutData, ...notice } = r.result;
    expect(notice).toMatchObject({ itemName: '最低生活保障审核确认', phones: { consultation: '0375-12345', supervision: '12345' } });
    expect(notice.itemCode).toBeUndefined();
    expect(notice.guideUrl).toMatch(/^https:\/\/.*SIM-410403-SH-001$/);
    // The page names the item; the daemon composes and prints the notice. The simulated printer's emulator shows what came out.
    const job = await call(ws, 'printer.print', { layout: 'oneTimeNotice', itemId: 'WD-KIOSK-028' });
    expect(job.ok, JSON.stringify(job.error)).toBe(true);
    const last = (await call(ws, 'printer.lastJobs', { limit: 1 })).result.jobs.at(-1);
    expect(last.incomplete).toBe(false);
    const text = last.lines.join('\n');
    expect(text).toContain('最低生活保障审核确认');
    expect(text).toContain('25个工作日');
    expect(text).not.toContain('SIM-410403'); // synthetic code never printed
    expect(last.qr).toEqual([notice.guideUrl]);
    const missing = await call(ws, 'catalog.notice', { itemId: 'WD-NOPE' });
    expect(missing.error.code).toBe('notFound');
  });
});

describe.skipIf(!uiBuilt)('a catalog with a broken item on the real daemon', () => {
  let d: SpawnedDaemon;
  let ws: WebSocket;
  const json = shippedJson();
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-catalog-api-'));
    json.items[4].timeLimit.promisedDays = -3;
    const path = join(dir, 'catalog.json');
    writeFileSync(path, JSON.stringify(json));
    d = await spawnDaemon({ config: { catalog: { path } } });
    ws = await d.connect();
  });
  afterAll(async () => {
    ws?.close();
    await d?.stop();
  });

  it('serves the other items, hides the broken one and says why', async () => {
    const r = await call(ws, 'catalog.get');
    expect(r.result.items).toHaveLength(json.items.length - 1);
    expect(r.result.items.map((i: any) => i.id)).not.toContain(json.items[4].id);
    const diag = (await call(ws, 'catalog.diagnostics')).result;
    expect(diag.hidden).toEqual([{ index: 4, id: json.items[4].id, code: json.items[4].code, problems: [expect.objectContaining({ path: '$.items[4].timeLimit.promisedDays' })] }]);
    const health = (await (await fetch(`${d.url}health`)).json()) as Record<string, any>;
    expect(health.catalog.status).toBe('degraded');
  });
});
