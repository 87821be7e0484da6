import { z } from 'zod';

// The service catalog (事项目录) as data: the standard 办事指南 elements of each
// item (三级三十二同, see shared/reference/government-service-rules.md §2) plus
// what this terminal can do with it. Pure zod, no Node imports: the daemon,
// the machines and the UI all import it.

/** How a value was obtained (kept from the shared sample; shown to technicians). */
export const Provenance = z.enum(['sourced', 'plausible', 'synthetic']);
export type Provenance = z.infer<typeof Provenance>;

const Zh = z.string().trim().min(1).max(400);
/** A resident-facing string in both languages. English may be a short summary. */
const Bilingual = z.object({ zh: Zh, en: z.string().trim().min(1).max(400) }).strict();
/** Chinese, with English where we provide one. */
const ZhMaybeEn = z.object({ zh: Zh, en: z.string().trim().min(1).max(400).optional() }).strict();

const Id = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,47}$/, 'expected an id (letter first, then letters, digits, _ or -)');
const Phone = z.string().regex(/^[0-9+\- ]{3,20}$/, 'expected a phone number (digits, +, -, spaces)');
/** Working or calendar days; a number the apply flow can compute a promised date from. */
const Days = z.int().min(0).max(3650);

export const CATEGORY_IDS = ['education', 'employment', 'socialInsurance', 'health', 'elderCare', 'socialServices', 'household', 'other'] as const;
const CategoryId = z.enum(CATEGORY_IDS);

export const Category = z
  .object({
    id: CategoryId,
    name: Bilingual,
    /** Display order on the home screen. */
    order: z.int().min(0).max(99),
  })
  .strict();
export type Category = z.infer<typeof Category>;

/** 有诉即办 category ids: the complaint submission carries one as is. */
const COMPLAINT_CATEGORY_IDS = ['serviceAttitude', 'efficiency', 'terminalFault', 'policy', 'other'] as const;
export const ComplaintCategoryId = z.enum(COMPLAINT_CATEGORY_IDS);
export type ComplaintCategoryId = z.infer<typeof ComplaintCategoryId>;

/** Records a query-print item fetches from the platform. */
export const RECORD_TYPES = ['socialInsurance', 'pension'] as const;
export const RecordType = z.enum(RECORD_TYPES);
export type RecordType = z.infer<typeof RecordType>;

/** 有诉即办 categories; ids are the complaint submission's categories so a choice can be submitted as is. */
export const ComplaintCategory = z.object({ id: ComplaintCategoryId, name: Bilingual, hint: Bilingual.optional() }).strict();
export type ComplaintCategory = z.infer<typeof ComplaintCategory>;

/** 事项类型 with its GB/T 39046-2020 code. */
export const ITEM_TYPES = {
  administrativeLicensing: '01',
  administrativeLevy: '04',
  administrativePayment: '05',
  administrativeConfirmation: '07',
  otherAdministrative: '10',
  administrativeFiling: '11',
  publicService: '20',
} as const;
export const ItemType = z.enum(Object.keys(ITEM_TYPES) as [keyof typeof ITEM_TYPES, ...(keyof typeof ITEM_TYPES)[]]);
export type ItemType = z.infer<typeof ItemType>;

/** 行使层级 (GB/T 39046 codes 2–6). */
const LEVELS = ['provincial', 'city', 'county', 'township', 'village'] as const;
export const Level = z.enum(LEVELS);
export type Level = z.infer<typeof Level>;

/** How the applicant gets the result (结果送达方式). */
const DELIVERY_METHODS = ['window', 'post', 'electronic', 'selfPrint', 'screen', 'notification', 'payment', 'other'] as const;
export const DeliveryMethod = z.enum(DELIVERY_METHODS);
export type DeliveryMethod = z.infer<typeof DeliveryMethod>;

/** What the terminal itself can verify about a material. */
const MATERIAL_CHECKS = ['cardReader', 'generated', 'sharedData', 'none'] as const;
const MaterialCheck = z.enum(MATERIAL_CHECKS);

export const Material = z
  .object({
    id: Id,
    name: ZhMaybeEn,
    /** document: paper evidence; form: an application form; photo; information: something to state, not to hand in. */
    kind: z.enum(['document', 'form', 'photo', 'information']),
    originals: z.int().min(0).max(20),
    copies: z.int().min(0).max(20),
    /** false: only in the situation the note names (如有 / 如需). */
    required: z.boolean(),
    /** cardReader: read from the ID card here; generated: the terminal fills the form; sharedData: fetched by the department, nothing to bring. */
    terminalCheck: MaterialCheck,
    note: ZhMaybeEn.optional(),
  })
  .strict();
export type Material = z.infer<typeof Material>;

export const TimeLimit = z
  .object({
    /** 法定办结时限; null when the law sets none. */
    legalDays: Days.nullable(),
    /** 承诺办结时限; null for 即办件 or when there is no fixed promise (see promisedText). */
    promisedDays: Days.nullable(),
    /** working: 工作日 (the default in guides); calendar: 日/天. */
    unit: z.enum(['working', 'calendar']),
    /** 办件类型: 即办件 (done on the spot) or 承诺件. */
    caseType: z.enum(['instant', 'promised']),
    /** The wording of the guide, kept because numbers lose nuance (extensions, 公示 periods). */
    legalText: Zh,
    promisedText: Zh,
  })
  .strict();
export type TimeLimit = z.infer<typeof TimeLimit>;

/** Where and when the item is handled (办理地点与时间). */
const Place = z.object({ place: ZhMaybeEn, address: z.string().max(200).optional(), hours: ZhMaybeEn }).strict();

// ---- form fields: no free Chinese text anywhere (nobody types hanzi on a kiosk keyboard) ----

const FieldBase = { id: Id, label: Bilingual, help: Bilingual.optional(), required: z.boolean().default(true) };
const ChoiceOption = z.object({ value: Id, label: Bilingual }).strict();
export const FormField = z.discriminatedUnion('kind', [
  /** Large buttons, one tap. */
  z.object({ ...FieldBase, kind: z.literal('choice'), options: z.array(ChoiceOption).min(2).max(40), multiple: z.boolean().default(false) }).strict(),
  z.object({ ...FieldBase, kind: z.literal('yesNo') }).strict(),
  /** 11-digit mainland mobile number, on the digit keypad. */
  z.object({ ...FieldBase, kind: z.literal('phone') }).strict(),
  z.object({ ...FieldBase, kind: z.literal('number'), min: z.number(), max: z.number(), integer: z.boolean().default(true), unit: Bilingual.optional() }).strict(),
  /** ISO date; bounds relative to today in days (e.g. maxOffsetDays: 0 = not in the future). */
  z.object({ ...FieldBase, kind: z.literal('date'), minOffsetDays: z.int().optional(), maxOffsetDays: z.int().optional() }).strict(),
  /** Read from the ID card in this session; shown masked, never typed. */
  z.object({ ...FieldBase, kind: z.literal('prefilled'), source: z.enum(['name', 'idNumber', 'address']) }).strict(),
]);
export type FormField = z.infer<typeof FormField>;

// ---- eligibility rules for precheck items: data, evaluated by kiosk-ui/src/catalog/eligibility.ts ----

/** Facts a rule may use besides the form answers: derived from the card read in the session. */
const CARD_FACTS = ['card.age'] as const;
export type Scalar = string | number | boolean;
export type Condition =
  | { fact: string; op: 'eq' | 'ne'; value: Scalar }
  | { fact: string; op: 'gt' | 'gte' | 'lt' | 'lte'; value: number }
  | { fact: string; op: 'in'; value: Scalar[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };
const ScalarZ = z.union([z.string().max(64), z.number(), z.boolean()]);
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ fact: z.string().max(64), op: z.enum(['eq', 'ne']), value: ScalarZ }).strict(),
    z.object({ fact: z.string().max(64), op: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number() }).strict(),
    z.object({ fact: z.string().max(64), op: z.literal('in'), value: z.array(ScalarZ).min(1).max(40) }).strict(),
    z.object({ all: z.array(Condition).min(1).max(20) }).strict(),
    z.object({ any: z.array(Condition).min(1).max(20) }).strict(),
    z.object({ not: Condition }).strict(),
  ]),
);

export const EligibilityRule = z
  .object({
    id: Id,
    /** The requirement; when it does not hold, the message is shown. */
    require: Condition,
    /** ineligible: policy excludes the person; checkAtWindow: staff must judge (the precheck is advisory). */
    severity: z.enum(['ineligible', 'checkAtWindow']),
    message: Bilingual,
  })
  .strict();
export type EligibilityRule = z.infer<typeof EligibilityRule>;

export const Terminal = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('guideOnly'), reason: ZhMaybeEn.optional() }).strict(),
  /** Check eligibility and materials here, then book a visit (预审/预约). */
  z.object({ mode: z.literal('precheck'), fields: z.array(FormField).min(1).max(30), eligibility: z.array(EligibilityRule).min(1).max(30) }).strict(),
  /** Accept here, decide in the back office. */
  z.object({ mode: z.literal('apply'), fields: z.array(FormField).min(1).max(30) }).strict(),
  /** Completed here: the record set it queries and prints (records.query). */
  z.object({ mode: z.literal('queryPrint'), record: RecordType }).strict(),
]);
export type Terminal = z.infer<typeof Terminal>;

/** Fields whose provenance must be recorded (dotted keys refine a part, e.g. materials.counts). */
export const PROVENANCE_FIELDS = [
  'code',
  'name',
  'category',
  'itemType',
  'basis',
  'levels',
  'department',
  'implementingBody',
  'conditions',
  'materials',
  'materials.counts',
  'steps',
  'timeLimit',
  'fee',
  'onsiteVisits',
  'online',
  'where',
  'delivery',
  'terminal',
] as const;

export const CatalogItem = z
  .object({
    /** Stable id of this catalog entry (never shown). */
    id: Id,
    /** 事项编码. The sample codes are synthetic: never shown to residents as official (codeIsOfficial: false). */
    code: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected an item code (letters, digits, . _ -)'),
    codeIsOfficial: z.boolean(),
    name: Bilingual,
    /** Words residents use (社保, 养老金 …); searched like the name, ranked just below it. */
    keywords: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    category: CategoryId,
    /** On the home screen's frequent list. */
    frequent: z.boolean().default(false),
    itemType: ItemType,
    /** Original wording when the type needs a qualifier (e.g. 征收类, 由税务实施). */
    itemTypeNote: z.string().max(100).optional(),
    basis: z.string().trim().min(1).max(1000),
    levels: z.array(Level).min(1),
    department: ZhMaybeEn,
    implementingBody: z.string().trim().min(1).max(200),
    serviceObject: z.enum(['naturalPerson', 'legalPerson', 'both']).default('naturalPerson'),
    /** 受理条件. */
    conditions: z.array(ZhMaybeEn).max(20),
    materials: z.array(Material).max(40),
    /** 办理流程. */
    steps: z.array(ZhMaybeEn).min(1).max(20),
    acceptAt: z.string().trim().min(1).max(300),
    decideAt: z.string().trim().min(1).max(300),
    timeLimit: TimeLimit,
    fee: z.object({ charged: z.boolean(), text: Zh, basis: z.string().max(300).optional() }).strict(),
    /** 到办事现场次数. */
    onsiteVisits: z.int().min(0).max(5),
    online: z.object({ available: z.boolean(), channels: z.array(z.string().min(1).max(80)).max(10) }).strict(),
    where: z.array(Place).min(1).max(5),
    /** Item-level phones; absent ones fall back to the site's phones (config site.phones). */
    phones: z.object({ consultation: Phone.optional(), supervision: Phone.optional() }).strict().optional(),
    delivery: z.object({ methods: z.array(DeliveryMethod).min(1), text: z.array(z.string().min(1).max(100)).min(1) }).strict(),
    terminal: Terminal,
    /** One person may hold more than one open application for this item (a second one after the resident saw the first). Absent: one at a time. */
    repeatAllowed: z.boolean().optional(),
    /** Devices the full service would need (from the sample; this terminal has a card reader and a printer). */
    devicesNeeded: z.array(z.string().max(40)).max(10).default([]),
    /** Short English summary of the guide (the guide itself is Chinese). */
    summaryEn: z.string().trim().min(1).max(600),
    notes: z.string().max(1000).optional(),
    sourceRefs: z.array(z.string().max(20)).max(20).default([]),
    provenance: z.record(z.string().max(40), Provenance),
  })
  .strict()
  .superRefine((item, ctx) => {
    for (const f of PROVENANCE_FIELDS) {
      if (!(f in item.provenance)) ctx.addIssue({ code: 'custom', path: ['provenance', f], message: `provenance of ${f} is not recorded` });
    }
    const ids = new Set<string>();
    item.materials.forEach((m, i) => {
      if (ids.has(m.id)) ctx.addIssue({ code: 'custom', path: ['materials', i, 'id'], message: `duplicate material id ${m.id}` });
      ids.add(m.id);
    });
    const t = item.timeLimit;
    if (t.caseType === 'instant' && t.promisedDays !== null && t.promisedDays > 0)
      ctx.addIssue({ code: 'custom', path: ['timeLimit', 'promisedDays'], message: 'an instant item (即办件) has no promised days' });
    if (t.legalDays !== null && t.promisedDays !== null && t.promisedDays > t.legalDays)
      ctx.addIssue({ code: 'custom', path: ['timeLimit', 'promisedDays'], message: 'the promised limit exceeds the legal limit' });
    if (item.terminal.mode === 'apply' || item.terminal.mode === 'precheck') checkForm(item.terminal, ctx);
  });
export type CatalogItem = z.infer<typeof CatalogItem>;
export type CatalogItemInput = z.input<typeof CatalogItem>;

// An application's delivery step asks how the result is received (from the
// item's delivery.methods); a form question asking it too puts the same
// question twice on the check page, possibly with two different answers.
const DELIVERY_LABEL = /领取方式|领取地点|送达方式|取件方式|邮寄方式|递送方式|领证方式|how to (receive|collect|get)|delivery/iu;
const DELIVERY_OPTIONS = new Set(['window', 'pickup', 'post', 'mail', 'express', 'electronic', 'selfPrint', 'community']);

/** A question about how the result reaches the applicant: by its label, or a choice whose options are delivery methods. */
function asksDelivery(f: FormField): boolean {
  if (DELIVERY_LABEL.test(f.label.zh) || DELIVERY_LABEL.test(f.label.en)) return true;
  return f.kind === 'choice' && f.options.filter((o) => DELIVERY_OPTIONS.has(o.value)).length >= 2;
}

/** Field ids unique; every rule refers to a declared field or card fact, with values the field can take. */
function checkForm(t: Extract<Terminal, { mode: 'apply' | 'precheck' }>, ctx: z.RefinementCtx) {
  const fields = new Map<string, FormField>();
  t.fields.forEach((f, i) => {
    if (fields.has(f.id)) ctx.addIssue({ code: 'custom', path: ['terminal', 'fields', i, 'id'], message: `duplicate field id ${f.id}` });
    fields.set(f.id, f);
    if (f.kind === 'number' && f.min > f.max) ctx.addIssue({ code: 'custom', path: ['terminal', 'fields', i], message: 'min is above max' });
    if (t.mode === 'apply' && asksDelivery(f))
      ctx.addIssue({
        code: 'custom',
        path: ['terminal', 'fields', i],
        message: `field ${f.id} asks how the result is received: the delivery step asks that (from delivery.methods), a question must not ask it again`,
      });
  });
  if (t.mode !== 'precheck') return;
  const walk = (c: Condition, path: (string | number)[]): void => {
    if ('all' in c) {
      c.all.forEach((x, i) => {
        walk(x, [...path, 'all', i]);
      });
      return;
    }
    if ('any' in c) {
      c.any.forEach((x, i) => {
        walk(x, [...path, 'any', i]);
      });
      return;
    }
    if ('not' in c) return walk(c.not, [...path, 'not']);
    if ((CARD_FACTS as readonly string[]).includes(c.fact)) {
      if (typeof c.value !== 'number' && !Array.isArray(c.value)) ctx.addIssue({ code: 'custom', path, message: `${c.fact} is a number` });
      return;
    }
    const f = fields.get(c.fact);
    if (!f) return void ctx.addIssue({ code: 'custom', path: [...path, 'fact'], message: `rule refers to unknown field ${c.fact}` });
    const values = Array.isArray(c.value) ? c.value : [c.value];
    for (const v of values) {
      const ok =
        f.kind === 'choice'
          ? f.options.some((o) => o.value === v)
          : f.kind === 'yesNo'
            ? typeof v === 'boolean'
            : f.kind === 'number'
              ? typeof v === 'number'
              : f.kind === 'date'
                ? typeof v === 'string'
                : false;
      if (!ok) ctx.addIssue({ code: 'custom', path: [...path, 'value'], message: `${JSON.stringify(v)} is not a value of ${f.kind} field ${f.id}` });
    }
  };
  t.eligibility.forEach((r, i) => {
    walk(r.require, ['terminal', 'eligibility', i, 'require']);
  });
}

/**
 * The file envelope. Items are validated one by one by the store (a broken
 * item is hidden, not fatal), so here they are unknown.
 */
export const CatalogFile = z
  .object({
    $schema: z.string().optional(),
    version: z.string().min(1).max(64),
    /** When this catalog was published; the store keeps the newest valid one. */
    publishedAt: z.iso.datetime({ offset: true }),
    source: z.string().max(200).optional(),
    categories: z.array(Category).min(1),
    complaintCategories: z.array(ComplaintCategory).min(1),
    /** Free text for technicians: what is synthetic in this file. */
    notice: z.string().max(2000).optional(),
    items: z.array(z.unknown()),
  })
  .strict();
export type CatalogFile = z.infer<typeof CatalogFile>;

// ---- search keys, computed once in the daemon (pinyin-pro) and shipped with the catalog ----

/**
 * One searchable string: `text` as written (lower-cased) and `pinyin`, one
 * slot per character of text joined by spaces; a slot lists a character's
 * readings separated by `|` (main reading first), a letter or digit stands
 * for itself, and punctuation has an empty slot.
 */
export const SearchKey = z
  .object({ text: z.string().max(400), pinyin: z.string().max(4000) })
  .strict()
  .refine((k) => k.pinyin.split(' ').length === Array.from(k.text).length, { message: 'one pinyin slot per character' });
export type SearchKey = z.infer<typeof SearchKey>;

export const SearchKeys = z.object({ name: SearchKey, keywords: z.array(SearchKey), materials: z.array(SearchKey), department: SearchKey }).strict();
export type SearchKeys = z.infer<typeof SearchKeys>;

export const IndexedItem = z.object({ item: CatalogItem, search: SearchKeys });
export type IndexedItem = z.infer<typeof IndexedItem>;
