import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogStore } from '../../../device-daemon/catalog/catalog-store';
import { SHIPPED, shippedJson } from '../../helpers/catalog';

const tmp = () => mkdtempSync(join(tmpdir(), 'kiosk-catalog-'));

function writeCatalog(dir: string, json: unknown, name = 'catalog.json') {
  const p = join(dir, name);
  writeFileSync(p, typeof json === 'string' ? json : JSON.stringify(json));
  return p;
}

describe('CatalogStore: item-by-item validation', () => {
  it('hides a broken item with its reason and JSON path, serves the rest', () => {
    const json = shippedJson();
    const total = json.items.length;
    json.items[3].materials[0].copies = -1; // negative count
    delete json.items[7].name; // missing name
    json.items[9].category = 'nowhere'; // unknown category
    const store = new CatalogStore();
    const d = store.loadAtBoot(writeCatalog(tmp(), json));
    expect(d.valid).toBe(total - 3);
    expect(d.total).toBe(total);
    expect(d.hidden.map((h) => h.index)).toEqual([3, 7, 9]);
    expect(d.hidden[0]).toMatchObject({ id: json.items[3].id, code: json.items[3].code });
    expect(d.hidden[0]!.problems.map((p) => p.path)).toContain('$.items[3].materials[0].copies');
    expect(d.hidden[1]!.problems.map((p) => p.path)).toContain('$.items[7].name');
    expect(d.hidden[2]!.problems.map((p) => p.path)).toContain('$.items[9].category');
    // Hidden items are not served and cannot be looked up.
    const ids = store.current()!.items.map((i) => i.item.id);
    expect(ids).not.toContain(json.items[3].id);
    expect(store.item(json.items[7].code)).toBeUndefined();
    expect(store.item(json.items[0].code)?.id).toBe(json.items[0].id);
  });

  it('hides an item whose eligibility rule refers to a field it does not have', () => {
    const json = shippedJson();
    const i = json.items.findIndex((x: any) => x.terminal.mode === 'precheck');
    json.items[i].terminal.eligibility[0].require = { fact: 'noSuchField', op: 'eq', value: true };
    const d = new CatalogStore().loadAtBoot(writeCatalog(tmp(), json));
    expect(d.hidden).toHaveLength(1);
    expect(d.hidden[0]!.problems[0]!.path).toBe(`$.items[${i}].terminal.eligibility[0].require.fact`);
    expect(d.hidden[0]!.problems[0]!.reason).toMatch(/unknown field noSuchField/);
  });

  it('hides an application that asks the delivery question again, by label or by delivery-method options, and says where', () => {
    const json = shippedJson();
    const apply = json.items.map((x: any, i: number) => [x, i] as const).filter(([x]: any) => x.terminal.mode === 'apply');
    const [[byLabel, i], [byOptions, j]] = apply;
    // A choice question: its label, then two options (value, Chinese, English).
    const choice = (id: string, zh: string, options: Array<[string, string]>) => ({
      id,
      kind: 'choice',
      label: { zh, en: zh },
      options: options.map(([value, label]) => ({ value, label: { zh: label, en: label } })),
    });
    byLabel.terminal.fields.push(
      choice('howToGet', '送达方式', [
        ['a', '甲'],
        ['b', '乙'],
      ]),
    );
    byOptions.terminal.fields.push(
      choice('where', '选择', [
        ['window', '窗口'],
        ['post', '邮寄'],
      ]),
    );
    const d = new CatalogStore().loadAtBoot(writeCatalog(tmp(), json));
    expect(d.hidden.map((h) => [h.index, h.problems.map((p) => p.path)])).toEqual([
      [i, [`$.items[${i}].terminal.fields[${byLabel.terminal.fields.length - 1}]`]],
      [j, [`$.items[${j}].terminal.fields[${byOptions.terminal.fields.length - 1}]`]],
    ]);
    expect(d.hidden[0]!.problems[0]!.reason).toMatch(/delivery step/u);
  });

  it('lists every served text still marked 待核 by item and path (the guide omits them)', () => {
    const d = new CatalogStore().loadAtBoot(writeCatalog(tmp(), shippedJson()));
    expect(d.unconfirmed).toContainEqual({ id: 'WD-KIOSK-003', paths: ['online.channels[1]'] });
    expect(d.unconfirmed).toContainEqual({ id: 'WD-KIOSK-044', paths: ['department.zh', 'implementingBody'] });
    expect(d.unconfirmed.every((u) => u.paths.every((p) => !p.startsWith('provenance')))).toBe(true);
  });

  it('hides the second of two items with the same code', () => {
    const json = shippedJson();
    json.items[5].code = json.items[2].code;
    const d = new CatalogStore().loadAtBoot(writeCatalog(tmp(), json));
    expect(d.hidden.map((h) => [h.index, h.problems[0]!.path])).toEqual([[5, '$.items[5].code']]);
  });

  it('a file that is not JSON leaves no catalog and says why (no throw)', () => {
    const store = new CatalogStore();
    const d = store.loadAtBoot(writeCatalog(tmp(), '{ not json'));
    expect(store.current()).toBeNull();
    expect(d.rejected[0]!.problems[0]!.reason).toMatch(/not valid JSON/);
  });
});

describe('CatalogStore.replace (platform refresh)', () => {
  it('keeps the last good catalog when the new one is invalid', async () => {
    const store = new CatalogStore();
    store.loadAtBoot(SHIPPED);
    const before = store.current();
    const version = before!.version;
    for (const bad of [null, 'text', [], { version: 'x' }, { ...shippedJson(), categories: [] }, { ...shippedJson(), version: 'v-empty', items: [{ id: 'broken' }] }]) {
      const r = await store.replace(bad);
      expect(r.ok).toBe(false);
      expect(store.current()).toBe(before);
      expect(store.current()!.version).toBe(version);
    }
    const d = store.diagnostics();
    expect(d.rejected).toHaveLength(5); // the newest five are kept
    expect(d.rejected[0]!.problems[0]!.path).toBe('$.items');
    expect(d.source).toBe(`file:${SHIPPED}`);
  });

  it('swaps to a valid catalog at once, notifies, and persists it for the next boot', async () => {
    const dir = tmp();
    const refreshedPath = join(dir, 'catalog-refreshed.json');
    const store = new CatalogStore({ refreshedPath });
    store.loadAtBoot(SHIPPED);
    const seen: string[] = [];
    store.onChange((c) => seen.push(c.version));
    const next = shippedJson();
    next.version = 'refresh-2';
    next.publishedAt = '2099-01-01T00:00:00+08:00';
    next.items = next.items.slice(0, 10);
    next.items[0].name.zh = '刷新后的事项名称';
    const r = await store.replace(next, 'platform');
    expect(r).toEqual({ ok: true, version: 'refresh-2', valid: 10, hidden: 0 });
    expect(seen).toEqual(['refresh-2']);
    expect(store.current()!.items).toHaveLength(10);
    expect(store.item(next.items[0].code)!.name.zh).toBe('刷新后的事项名称');
    // The new name is searchable: keys were recomputed.
    expect(store.current()!.items[0]!.search.name.text).toBe('刷新后的事项名称');
    expect(existsSync(refreshedPath)).toBe(true);

    // Next boot: the refresh is newer than the shipped file, so it wins.
    const again = new CatalogStore({ refreshedPath });
    const d = again.loadAtBoot(SHIPPED);
    expect(d.version).toBe('refresh-2');
    expect(d.source).toBe(`refresh:${refreshedPath}`);
  });

  it('a shipped catalog newer than the stored refresh wins (software update)', () => {
    const dir = tmp();
    const refreshedPath = writeCatalog(dir, { ...shippedJson(), version: 'old-refresh', publishedAt: '2000-01-01T00:00:00+08:00' }, 'catalog-refreshed.json');
    const d = new CatalogStore({ refreshedPath }).loadAtBoot(SHIPPED);
    expect(d.source).toBe(`file:${SHIPPED}`);
    expect(d.version).toBe(JSON.parse(readFileSync(SHIPPED, 'utf8')).version);
  });

  it('a refresh with only version and items keeps the current categories', async () => {
    const store = new CatalogStore({ now: () => new Date('2030-05-01T00:00:00Z') });
    store.loadAtBoot(SHIPPED);
    const { version: _v, items } = shippedJson();
    const r = await store.replace({ version: 'items-only', items: items.slice(0, 5) });
    expect(r.ok).toBe(true);
    const c = store.current()!;
    expect(c.version).toBe('items-only');
    expect(c.categories).toHaveLength(8);
    expect(c.complaintCategories.length).toBeGreaterThan(0);
    expect(c.publishedAt).toBe('2030-05-01T00:00:00.000Z');
  });

  it('a refresh with some broken items is accepted with those items hidden', async () => {
    const store = new CatalogStore();
    store.loadAtBoot(SHIPPED);
    const next: Record<string, any> = { ...shippedJson(), version: 'partly-broken' };
    next.items[1].timeLimit.promisedDays = 'five';
    const r = await store.replace(next);
    expect(r).toMatchObject({ ok: true, hidden: 1 });
    expect(store.diagnostics().hidden[0]!.problems[0]!.path).toBe('$.items[1].timeLimit.promisedDays');
  });

  it('the event loop runs while a refresh is applied; readers see the old catalog until the swap; refreshes arriving together apply in turn', async () => {
    // sliceMs 0: the event loop gets its turn after every item (the daemon's slices are a few ms of CPU).
    const store = new CatalogStore({ sliceMs: 0 });
    store.loadAtBoot(SHIPPED);
    const before = store.current();
    const first = { ...shippedJson(), version: 'refresh-a' };
    const second = { ...shippedJson(), version: 'refresh-b' };
    const seenMeanwhile = new Promise((resolve) => setImmediate(() => resolve(store.current())));
    const applied = [store.replace(first), store.replace(second)];
    expect(await seenMeanwhile).toBe(before);
    expect(await Promise.all(applied)).toMatchObject([
      { ok: true, version: 'refresh-a' },
      { ok: true, version: 'refresh-b' },
    ]);
    expect(store.current()!.version).toBe('refresh-b');
  });
});
