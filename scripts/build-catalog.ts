import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CatalogFile, CatalogItem, type CatalogItemInput, type DeliveryMethod, type ItemType, type Level, type Provenance } from '../contract/catalog/catalog-schema';
import { formatIssues } from '../device-daemon/config/format-issues';
import { pinyinTableFor, pinyinTablePath } from '../device-daemon/catalog/search-keys';

// Builds assets/catalog/catalog.json from the shared sample (51 items with
// per-field provenance) and the hand-maintained assets/catalog/overlay.json.
// Derived values (material counts, parsed day counts, default steps) are
// marked 'synthetic' in the item's provenance; the sample's own marks are kept.
//
//   npx tsx scripts/build-catalog.ts            write catalog.json
//   npx tsx scripts/build-catalog.ts --check    fail if catalog.json is stale

const ROOT = resolve(import.meta.dirname, '..');
/** The team's shared sample (../shared/data/catalog-sample.json), kept in the repo so the build and its check need nothing outside it. */
export const DEFAULT_SAMPLE = resolve(ROOT, 'assets/catalog/source/catalog-sample.json');
export const OVERLAY = resolve(ROOT, 'assets/catalog/overlay.json');
export const OUTPUT = resolve(ROOT, 'assets/catalog/catalog.json');

interface SampleItem {
  id: string;
  item_code: string;
  item_code_is_real: boolean;
  name: string;
  category: string;
  responsible_department: string;
  implementing_body: string;
  item_type: string;
  exercise_levels: string[];
  accept_at: string;
  decide_at: string;
  kiosk_mode: string;
  kiosk_devices: string[];
  legal_time_limit: string;
  promised_time_limit: string;
  fee: string;
  materials: string[];
  onsite_visits: number;
  online_channels: string[];
  result_delivery: string[];
  basis: string;
  notes: string;
  source_refs: string[];
  provenance: Record<string, Provenance>;
  $overlay?: ItemOverlay;
}

type Pair = [string, string];
interface ItemOverlay {
  nameEn: string;
  summaryEn: string;
  keywords?: string[];
  frequent?: boolean;
  conditions?: string[];
  steps?: Pair[];
  timeLimit?: Partial<{ legalDays: number | null; promisedDays: number | null; unit: 'working' | 'calendar'; caseType: 'instant' | 'promised' }>;
  feeBasis?: string;
  phones?: { consultation?: string; supervision?: string };
  terminal: Record<string, unknown>;
  /** A second open application by the same person is legitimate (each one is its own matter). */
  repeatAllowed?: boolean;
  provenance?: Record<string, Provenance>;
}
interface Overlay {
  version: string;
  publishedAt: string;
  source: string;
  notice: string;
  categories: { id: string; name: Pair; order: number }[];
  categoryByZh: Record<string, string>;
  complaintCategories: { id: string; name: Pair; hint?: Pair }[];
  defaults: { hours: Pair; hoursProvenance: Provenance };
  departments: Record<string, string>;
  materialEn: Record<string, string>;
  fieldTemplates: Record<string, Record<string, unknown>>;
  items: Record<string, ItemOverlay>;
  addedItems: SampleItem[];
}

const bi = ([zh, en]: Pair) => ({ zh, en });
const RANK: Record<Provenance, number> = { synthetic: 0, plausible: 1, sourced: 2 };
const weakest = (...p: Provenance[]): Provenance => p.reduce((a, b) => (RANK[b] < RANK[a] ? b : a));

export function buildCatalog(sample: SampleItem[], overlay: Overlay) {
  const items: CatalogItemInput[] = [];
  for (const s of [...sample, ...overlay.addedItems]) {
    const o = s.$overlay ?? overlay.items[s.id];
    if (!o) throw new Error(`${s.id}: no overlay entry (English name, terminal mode …)`);
    items.push(buildItem(s, o, overlay));
  }
  return {
    version: overlay.version,
    publishedAt: overlay.publishedAt,
    source: overlay.source,
    notice: overlay.notice,
    categories: overlay.categories.map((c) => ({ id: c.id, name: bi(c.name), order: c.order })),
    complaintCategories: overlay.complaintCategories.map((c) => ({ id: c.id, name: bi(c.name), ...(c.hint ? { hint: bi(c.hint) } : {}) })),
    items,
  };
}

function buildItem(s: SampleItem, o: ItemOverlay, ov: Overlay): CatalogItemInput {
  const p = s.provenance;
  const category = ov.categoryByZh[s.category];
  if (!category) throw new Error(`${s.id}: unknown category ${s.category}`);
  const timeLimit = { ...parseTimeLimit(s.legal_time_limit, s.promised_time_limit), ...o.timeLimit };
  const delivery = parseDelivery(s.result_delivery);
  const terminal = expandTerminal(o.terminal, ov.fieldTemplates);
  const departmentEn = ov.departments[s.responsible_department];
  const provenance: Record<string, Provenance> = {
    code: p.item_code!,
    name: p.name!,
    'name.en': 'synthetic',
    keywords: 'synthetic',
    category: p.category!,
    itemType: p.item_type!,
    basis: p.basis!,
    levels: p.exercise_levels!,
    department: p.responsible_department!,
    implementingBody: p.implementing_body!,
    conditions: 'synthetic',
    materials: p.materials!,
    'materials.counts': 'synthetic',
    steps: 'synthetic',
    acceptAt: p.accept_at!,
    decideAt: p.decide_at!,
    timeLimit: weakest(p.legal_time_limit!, p.promised_time_limit!, o.timeLimit ? 'synthetic' : 'sourced'),
    'timeLimit.legalText': p.legal_time_limit!,
    'timeLimit.promisedText': p.promised_time_limit!,
    fee: p.fee!,
    onsiteVisits: p.onsite_visits!,
    online: p.online_channels!,
    where: p.accept_at!,
    'where.hours': ov.defaults.hoursProvenance,
    delivery: p.result_delivery!,
    // Our decision for this terminal; the sample's own kiosk_mode is kept below.
    terminal: 'synthetic',
    sampleKioskMode: p.kiosk_mode!,
    devicesNeeded: p.kiosk_devices!,
    summaryEn: 'synthetic',
    ...o.provenance,
  };
  return {
    id: s.id,
    code: s.item_code,
    codeIsOfficial: s.item_code_is_real,
    name: { zh: s.name, en: o.nameEn },
    keywords: o.keywords ?? [],
    category: category as CatalogItemInput['category'],
    frequent: o.frequent ?? false,
    ...parseItemType(s.item_type),
    basis: s.basis,
    levels: s.exercise_levels.map(parseLevel),
    department: { zh: s.responsible_department, ...(departmentEn ? { en: departmentEn } : {}) },
    implementingBody: s.implementing_body,
    conditions: (o.conditions ?? []).map((zh) => ({ zh })),
    materials: s.materials.map((m, i) => parseMaterial(m, i, ov.materialEn)),
    steps: (o.steps ?? defaultSteps(terminal.mode as string, s)).map(([zh, en]) => ({ zh, en })),
    acceptAt: s.accept_at,
    decideAt: s.decide_at,
    timeLimit,
    fee: { ...parseFee(s.fee), ...(o.feeBasis ? { basis: o.feeBasis } : {}) },
    onsiteVisits: s.onsite_visits,
    online: { available: s.online_channels.length > 0, channels: s.online_channels },
    where: [{ place: { zh: s.accept_at }, hours: bi(ov.defaults.hours) }],
    ...(o.phones ? { phones: o.phones } : {}),
    delivery: { methods: delivery, text: s.result_delivery },
    terminal: terminal as CatalogItemInput['terminal'],
    ...(o.repeatAllowed ? { repeatAllowed: true } : {}),
    devicesNeeded: s.kiosk_devices,
    summaryEn: o.summaryEn,
    ...(s.notes ? { notes: s.notes } : {}),
    sourceRefs: s.source_refs,
    provenance,
  };
}

// ---- parsers for the sample's free-text fields ----

const DAYS = /(\d+)\s*(个工作日|日|天)/;

/** "5个工作日" → 5 working; "15日以内" → 15 calendar; "即办" → instant; several parts ("15个工作日+公示7天") → null (the overlay decides). */
export function parseTimeLimit(legalText: string, promisedText: string) {
  const days = (t: string): { days: number | null; calendar: boolean } => {
    if (t.includes('+')) return { days: null, calendar: false };
    const m = DAYS.exec(t);
    return m ? { days: Number(m[1]), calendar: m[2] !== '个工作日' } : { days: null, calendar: false };
  };
  const legal = days(legalText);
  const promised = promisedText === '同法定' ? legal : days(promisedText);
  const instant = /^(即办|即时办结)/.test(promisedText) || (promisedText === '同法定' && legalText === '即办');
  return {
    legalDays: legal.days,
    promisedDays: instant ? null : promised.days,
    unit: (promised.days !== null ? promised.calendar : legal.calendar) ? ('calendar' as const) : ('working' as const),
    caseType: instant ? ('instant' as const) : ('promised' as const),
    legalText,
    promisedText,
  };
}

export function parseFee(text: string) {
  const free = /不收费|非行政收费|非服务收费/.test(text);
  return { charged: !free, text };
}

function parseItemType(t: string): { itemType: ItemType; itemTypeNote?: string } {
  if (t.startsWith('公共服务')) return t === '公共服务' ? { itemType: 'publicService' } : { itemType: 'publicService', itemTypeNote: t };
  if (t === '行政给付') return { itemType: 'administrativePayment' };
  if (t === '行政确认') return { itemType: 'administrativeConfirmation' };
  if (t === '行政许可') return { itemType: 'administrativeLicensing' };
  if (t.includes('征收')) return { itemType: 'administrativeLevy', itemTypeNote: t };
  return { itemType: 'otherAdministrative', itemTypeNote: t };
}

const LEVELS: Record<string, Level> = { 省级: 'provincial', 市级: 'city', 县级: 'county', '镇(乡、街道)级': 'township', '村(社区)级': 'village' };
function parseLevel(l: string): Level {
  const v = LEVELS[l];
  if (!v) throw new Error(`unknown exercise level ${l}`);
  return v;
}

export function parseDelivery(texts: string[]): DeliveryMethod[] {
  const out = new Set<DeliveryMethod>();
  for (const t of texts) {
    if (/邮政|快递/.test(t)) out.add('post');
    if (/窗口|网点|服务站|社区领取|派出所|当场发证|书面决定/.test(t)) out.add('window');
    if (/电子/.test(t)) out.add('electronic');
    if (/打印/.test(t)) out.add('selfPrint');
    if (/屏幕|即时反馈/.test(t)) out.add('screen');
    if (/短信|电话/.test(t)) out.add('notification');
    if (/发放|资金/.test(t)) out.add('payment');
  }
  if (out.size === 0) out.add('other');
  return [...out];
}

/** Counts and checks are our defaults (provenance materials.counts = synthetic); names are the sample's. */
export function parseMaterial(text: string, i: number, en: Record<string, string>) {
  const paren = /[(（]([^)）]*)[)）]\s*$/.exec(text);
  const note = paren?.[1];
  const base = paren ? text.slice(0, paren.index) : text;
  const conditional = note !== undefined && /如有|如需|已创业|个体经营者|随迁子女|登记时|户籍迁移后/.test(note);
  const shared = /共享免提交|可调取|调用公安照片/.test(text);
  let kind: 'document' | 'form' | 'photo' | 'information' = 'document';
  if (/照片/.test(base)) kind = 'photo';
  else if (/表|申请书|授权书|声明|承诺|说明$/.test(base)) kind = 'form';
  if (/^(联系电话|诉求描述|受理回执号|申请用途说明|办件编号|居民身份证号|银行账户信息|驾驶证\/号牌信息)/.test(text)) kind = 'information';
  let terminalCheck: 'cardReader' | 'generated' | 'sharedData' | 'none' = 'none';
  if (/^(老年人)?居民身份证(?!号)/.test(text) || /^有效身份证件/.test(text)) terminalCheck = 'cardReader';
  else if (/系统生成|个人承诺制/.test(text)) terminalCheck = 'generated';
  else if (shared) terminalCheck = 'sharedData';
  const [originals, copies] = kind === 'information' || terminalCheck === 'sharedData' ? [0, 0] : kind === 'document' && /户口簿|证明|证$|执照|合同|票据|报告|病历/.test(base) ? [1, 1] : [1, 0];
  const enName = en[text] ?? en[base];
  return {
    id: `m${i + 1}`,
    name: { zh: text, ...(enName ? { en: enName } : {}) },
    kind,
    originals,
    copies,
    required: !conditional,
    terminalCheck,
    ...(note ? { note: { zh: note } } : {}),
  };
}

function defaultSteps(mode: string, s: SampleItem): Pair[] {
  const notify = s.result_delivery.join('、');
  switch (mode) {
    case 'apply':
      return [
        ['在本终端读取身份证,填写申请信息并确认提交', 'Read your ID card here, answer the questions and submit'],
        [`${s.accept_at}受理、初审`, 'The service point accepts and checks the application'],
        [s.decide_at, 'The department decides'],
        [`办理结果:${notify}`, 'You receive the result as described'],
      ];
    case 'precheck':
      return [
        ['在本终端读取身份证,回答预审问题', 'Read your ID card here and answer the check questions'],
        ['打印一次性告知单,按清单准备材料', 'Print the one-time notice and prepare the listed materials'],
        [`到${s.accept_at}提交材料、正式申请`, 'Hand in the materials where the guide says'],
        [s.decide_at, 'The department decides'],
      ];
    case 'queryPrint':
      return [
        ['在本终端读取身份证', 'Read your ID card here'],
        ['查询并核对信息', 'Check the information on screen'],
        ['需要时打印凭证', 'Print it if you need a copy'],
      ];
    default:
      return [
        ['按本指南准备材料', 'Prepare the materials in this guide'],
        [`到${s.accept_at}申请`, 'Apply where the guide says'],
        [s.decide_at, 'The department handles it'],
      ];
  }
}

/** Tuple labels → {zh,en}; "$template" fields; name and ID number first and a contact phone last for forms. */
function expandTerminal(t: Record<string, unknown>, templates: Record<string, Record<string, unknown>>): Record<string, unknown> {
  if (t.mode !== 'apply' && t.mode !== 'precheck') return t.reason ? { ...t, reason: bi(t.reason as Pair) } : t;
  const expandField = (f: unknown): Record<string, unknown> => {
    const raw = typeof f === 'string' ? templates[f] : (f as Record<string, unknown>);
    if (!raw) throw new Error(`unknown field template ${String(f)}`);
    const out: Record<string, unknown> = { ...raw, label: bi(raw.label as Pair) };
    if (raw.help) out.help = bi(raw.help as Pair);
    if (raw.unit) out.unit = bi(raw.unit as Pair);
    if (raw.options) out.options = (raw.options as [string, string, string][]).map(([value, zh, en]) => ({ value, label: { zh, en } }));
    return out;
  };
  const fields = (t.fields as unknown[]).map(expandField);
  const ids = new Set(fields.map((f) => f.id));
  const head = ['$name', '$idNumber'].map(expandField).filter((f) => !ids.has(f.id));
  const tail = fields.some((f) => f.kind === 'phone') ? [] : [expandField('$contactPhone')];
  const out: Record<string, unknown> = { ...t, fields: [...head, ...fields, ...tail] };
  if (t.eligibility) out.eligibility = (t.eligibility as Record<string, unknown>[]).map((r) => ({ ...r, message: bi(r.message as Pair) }));
  return out;
}

/** Validate what was built with the same schema the daemon loads with: the build fails on any broken item. */
export function checkBuilt(built: ReturnType<typeof buildCatalog>): string[] {
  const problems: string[] = [];
  const env = CatalogFile.safeParse(built);
  if (!env.success) problems.push(...formatIssues(env.error.issues));
  built.items.forEach((it, i) => {
    const r = CatalogItem.safeParse(it);
    if (!r.success) problems.push(...formatIssues(r.error.issues).map((p) => `items[${i}] (${it.id}): ${p}`));
  });
  return problems;
}

export const PINYIN_OUTPUT = pinyinTablePath(OUTPUT);

/** The pinyin table shipped beside the catalog: the daemon reads it instead of loading a pinyin dictionary at start. */
export function pinyinFileText(built: ReturnType<typeof buildCatalog>): string {
  const items = built.items.map((it) => CatalogItem.parse(it));
  const about =
    'Generated by scripts/build-catalog.ts from catalog.json: the pinyin search keys of every searchable text (normalised text → one slot per character, readings separated by |). The daemon computes any text missing here.';
  return `${JSON.stringify({ about, keys: pinyinTableFor(items) }, null, 1)}\n`;
}

function main() {
  const { values } = parseArgs({ options: { sample: { type: 'string' }, check: { type: 'boolean', default: false } } });
  const samplePath = resolve(values.sample ?? DEFAULT_SAMPLE);
  if (!existsSync(samplePath)) {
    process.stderr.write(`sample not found: ${samplePath} (pass --sample <path>)\n`);
    process.exit(2);
  }
  const sample = JSON.parse(readFileSync(samplePath, 'utf8')) as SampleItem[];
  const overlay = JSON.parse(readFileSync(OVERLAY, 'utf8')) as Overlay;
  const built = buildCatalog(sample, overlay);
  const problems = checkBuilt(built);
  if (problems.length) {
    process.stderr.write(`catalog does not validate:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  const text = `${JSON.stringify(built, null, 1)}\n`;
  const pinyinText = pinyinFileText(built);
  if (values.check) {
    for (const [file, want] of [
      [OUTPUT, text],
      [PINYIN_OUTPUT, pinyinText],
    ] as const) {
      const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
      if (current !== want) {
        process.stderr.write(`${file} is out of date: run npx tsx scripts/build-catalog.ts\n`);
        process.exit(1);
      }
    }
    process.stdout.write(`catalog.json and its pinyin table are up to date (${built.items.length} items)\n`);
    return;
  }
  writeFileSync(OUTPUT, text);
  writeFileSync(PINYIN_OUTPUT, pinyinText);
  const modes: Record<string, number> = {};
  for (const it of built.items) modes[(it.terminal as { mode: string }).mode] = (modes[(it.terminal as { mode: string }).mode] ?? 0) + 1;
  process.stdout.write(`wrote ${OUTPUT}: ${built.items.length} items ${JSON.stringify(modes)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
