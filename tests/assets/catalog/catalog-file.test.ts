import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS, CatalogItem, PROVENANCE_FIELDS } from '../../../contract/catalog/catalog-schema';
import { validateCatalog } from '../../../device-daemon/catalog/catalog-validate';
import { COMPLAINT_CATEGORIES_IN_CONTRACT } from './contract-values';
import { buildCatalog, checkBuilt, DEFAULT_SAMPLE, OUTPUT, OVERLAY, PINYIN_OUTPUT, pinyinFileText } from '../../../scripts/build-catalog';
import { shippedJson } from '../../helpers/catalog';

/** The team's sample (../shared/data/catalog-sample.json), kept in the repository so this file needs nothing outside it. */
const SAMPLE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../assets/catalog/source/catalog-sample.json');
/** The team's shared folder beside the checkout (absent in CI's clean clone). */
const SHARED_SAMPLE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/catalog-sample.json');

describe('the shipped catalog (assets/catalog/catalog.json)', () => {
  const json = shippedJson();
  const v = validateCatalog(json);
  if (!v.ok) throw new Error(`shipped catalog refused: ${JSON.stringify(v.problems.slice(0, 5))}`);
  const items = v.catalog.items;

  it('every item validates; none is hidden', () => {
    expect(v.catalog.hidden).toEqual([]);
    expect(items).toHaveLength(json.items.length);
    expect(items.length).toBeGreaterThanOrEqual(51);
  });

  it('has apply, precheck and queryPrint items, the rest guide only', () => {
    const modes: Record<string, number> = {};
    for (const it of items) modes[it.terminal.mode] = (modes[it.terminal.mode] ?? 0) + 1;
    expect(modes.apply).toBeGreaterThanOrEqual(3);
    expect(modes.precheck).toBeGreaterThanOrEqual(3);
    expect(modes.queryPrint).toBeGreaterThanOrEqual(2);
    expect(modes.apply! + modes.precheck! + modes.queryPrint! + modes.guideOnly!).toBe(items.length);
    // The two record types the platform answers are both printable somewhere.
    const records = new Set(items.flatMap((i) => (i.terminal.mode === 'queryPrint' ? [i.terminal.record] : [])));
    expect([...records].sort()).toEqual(['pension', 'socialInsurance']);
  });

  it('has the eight categories with English names, in order, each used', () => {
    expect(v.catalog.categories.map((c) => c.id).sort()).toEqual([...CATEGORY_IDS].sort());
    for (const c of v.catalog.categories) expect(c.name.en).toMatch(/[A-Za-z]/);
    const zh = v.catalog.categories.map((c) => c.name.zh);
    expect(zh).toEqual(expect.arrayContaining(['公共教育', '劳动就业', '社会保险', '医疗卫生', '养老服务', '社会服务', '户籍管理', '其他便民服务']));
    for (const c of CATEGORY_IDS)
      expect(
        items.some((i) => i.category === c),
        c,
      ).toBe(true);
  });

  it('about eight frequent items; English name and summary on every item', () => {
    const frequent = items.filter((i) => i.frequent);
    expect(frequent.length).toBeGreaterThanOrEqual(6);
    expect(frequent.length).toBeLessThanOrEqual(10);
    for (const i of items) {
      expect(i.name.en, i.id).toMatch(/^[A-Z][A-Za-z' ,()-]+[a-z]/);
      expect(i.summaryEn.length, i.id).toBeGreaterThan(20);
    }
  });

  it('sample codes are marked unofficial and synthetic', () => {
    for (const i of items) {
      expect(i.codeIsOfficial, i.id).toBe(false);
      expect(i.provenance.code, i.id).toBe('synthetic');
      expect(i.code).toMatch(/^SIM-410403-/);
    }
  });

  it('records provenance for every guide field, keeping the sample marks', () => {
    const sample = JSON.parse(readFileSync(SAMPLE, 'utf8')) as any[];
    expect(sample.length).toBeGreaterThan(0);
    for (const i of items) for (const f of PROVENANCE_FIELDS) expect(i.provenance[f], `${i.id} ${f}`).toMatch(/^(sourced|plausible|synthetic)$/);
    for (const s of sample) {
      const i = items.find((x) => x.id === s.id)!;
      expect(i.provenance.name, s.id).toBe(s.provenance.name);
      expect(i.provenance.materials, s.id).toBe(s.provenance.materials);
      expect(i.provenance.department, s.id).toBe(s.provenance.responsible_department);
      // What we derived is never marked better than synthetic.
      expect(i.provenance['materials.counts']).toBe('synthetic');
      expect(i.provenance.steps).toBe('synthetic');
    }
  });

  it('no application asks how the result is received as a question: its delivery step asks that once', () => {
    const asked = items.flatMap((it) =>
      it.terminal.mode === 'apply' ? it.terminal.fields.filter((f) => /领取|送达|邮寄|receive|deliver/iu.test(`${f.label.zh} ${f.label.en}`)).map((f) => `${it.id}.${f.id}`) : [],
    );
    expect(asked).toEqual([]);
  });

  it('form fields have no free text: only choice, yesNo, phone, number, date, prefilled', () => {
    const kinds = new Set<string>();
    for (const i of items) if (i.terminal.mode === 'apply' || i.terminal.mode === 'precheck') for (const f of i.terminal.fields) kinds.add(f.kind);
    expect([...kinds].every((k) => ['choice', 'yesNo', 'phone', 'number', 'date', 'prefilled'].includes(k))).toBe(true);
    expect(kinds).toContain('prefilled');
    expect(kinds).toContain('phone');
    // …and the schema refuses a text field outright.
    const apply = json.items.find((x: any) => x.terminal.mode === 'apply');
    const broken = structuredClone(apply);
    broken.terminal.fields.push({ id: 'story', kind: 'text', label: { zh: '情况说明', en: 'Story' } });
    expect(CatalogItem.safeParse(broken).success).toBe(false);
  });

  it('time limits are numbers where the guide gives one, null otherwise, with the wording kept', () => {
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get('WD-KIOSK-001')!.timeLimit).toMatchObject({ legalDays: null, promisedDays: 5, unit: 'working', caseType: 'promised' });
    expect(byId.get('WD-KIOSK-003')!.timeLimit).toMatchObject({ promisedDays: null, caseType: 'instant', promisedText: '即办' });
    expect(byId.get('WD-KIOSK-028')!.timeLimit).toMatchObject({ legalDays: 25, promisedDays: 25, unit: 'working' });
    expect(byId.get('WD-KIOSK-039')!.timeLimit).toMatchObject({ legalDays: 15, promisedDays: 15, unit: 'calendar' });
  });

  it('complaint categories match the complaint submission contract', () => {
    expect(v.catalog.complaintCategories.map((c) => c.id).sort()).toEqual([...COMPLAINT_CATEGORIES_IN_CONTRACT].sort());
  });
});

describe('scripts/build-catalog.ts', () => {
  it('rebuilding from the sample (kept in assets/catalog/source) and the overlay gives the committed catalog.json', () => {
    const built = buildCatalog(JSON.parse(readFileSync(SAMPLE, 'utf8')), JSON.parse(readFileSync(OVERLAY, 'utf8')));
    expect(checkBuilt(built)).toEqual([]);
    expect(`${JSON.stringify(built, null, 1)}\n`).toBe(readFileSync(OUTPUT, 'utf8'));
    // The pinyin table shipped beside it is what the build computes now (a stale table would give old readings).
    expect(pinyinFileText(built)).toBe(readFileSync(PINYIN_OUTPUT, 'utf8'));
  });

  it('refuses to build a catalog whose application asks the delivery question as a form question', () => {
    const overlay = JSON.parse(readFileSync(OVERLAY, 'utf8'));
    overlay.items['WD-KIOSK-027'].terminal.fields.push({
      id: 'pickupHow',
      kind: 'choice',
      label: ['领取方式', 'How to receive it'],
      options: [
        ['window', '窗口领取', 'At the window'],
        ['post', '邮寄', 'By post'],
      ],
    });
    const problems = checkBuilt(buildCatalog(JSON.parse(readFileSync(SAMPLE, 'utf8')), overlay));
    expect(problems).toEqual([expect.stringMatching(/WD-KIOSK-027.*terminal\.fields\.\d+: field pickupHow asks how the result is received/u)]);
  });

  // The build reads the kept copy; where the team's shared folder is present (a developer's machine), the copy must not have drifted from it.
  it('the build script reads the kept copy of the sample', () => {
    expect(DEFAULT_SAMPLE).toBe(SAMPLE);
  });
  it.skipIf(!existsSync(SHARED_SAMPLE))("the kept copy equals the team's shared sample (../shared/data/catalog-sample.json)", () => {
    expect(readFileSync(SAMPLE, 'utf8')).toBe(readFileSync(SHARED_SAMPLE, 'utf8'));
  });
});
