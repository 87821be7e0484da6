import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { CatalogStore } from '../device-daemon/catalog/catalog-store';
import { validateCatalog } from '../device-daemon/catalog/catalog-validate';
import { searchKeysFor } from '../device-daemon/catalog/search-keys';
import { catalogIndexOf } from '../contract/catalog/catalog-index';
import { unconfirmedPaths } from '../contract/catalog/unconfirmed';
const SHIPPED = join(import.meta.dirname, '../assets/catalog/catalog.json');
const json = JSON.parse(readFileSync(SHIPPED, 'utf8'));
function rng(seed: number) { return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
function generate(json: any, count: number) {
  const rand = rng(42); const pick = <T,>(a: T[]): T => a[Math.floor(rand() * a.length)]!;
  const base = json.items; const words = [...new Set(base.flatMap((i: any) => (i.name.zh as string).replace(/[^\u4e00-\u9fff]/g, '').match(/.{2}/g) ?? []))] as string[];
  const suffixes = ['申领', '登记', '查询', '证明', '补贴', '认定', '备案', '变更', '注销', '打印'];
  const items = Array.from({ length: count }, (_, n) => { const src = structuredClone(base[n % base.length]); src.id = `GEN-${n}`; src.code = `GEN-410403-${n}`; src.name.zh = `${pick(words)}${pick(words)}${rand() < 0.5 ? pick(words) : ''}${pick(suffixes)}`; src.keywords = [pick(words) + pick(words), pick(words)]; src.frequent = false; return src; });
  return { ...json, version: `generated-${count}`, publishedAt: '2099-01-01T00:00:00+08:00', items };
}
let gcMs = 0;
new PerformanceObserver((l) => { for (const e of l.getEntries()) gcMs += e.duration; }).observe({ entryTypes: ['gc'] });
const big = generate(json, 5000);
const base = new CatalogStore(); base.loadAtBoot(SHIPPED);
const tick = () => new Promise((r) => setImmediate(r));
for (let r = 0; r < 8; r++) {
  const marks: string[] = []; let t = performance.now(); await tick(); gcMs = 0; t = performance.now();
  const mark = async (l: string) => { const n = performance.now(); await tick(); await tick(); marks.push(`${l} ${(n - t).toFixed(0)} (gc ${gcMs.toFixed(0)})`); gcMs = 0; t = performance.now(); };
  const v = validateCatalog(big); await mark('validate');
  if (!v.ok) throw new Error();
  const learnt = new Map<string, string>();
  const items = v.catalog.items.map((item) => ({ item, search: searchKeysFor(item, undefined, learnt) })); await mark('keys');
  const idx = catalogIndexOf(v.catalog, items); await mark('index');
  const un = items.map(({ item }) => unconfirmedPaths(item)); await mark('unconfirmed');
  const s = JSON.stringify(big); await mark('stringify');
  const st = new CatalogStore(); st.loadAtBoot(SHIPPED); await tick(); gcMs = 0; t = performance.now(); st.replace(big); await mark('REPLACE');
  console.log(marks.join('  '));
}
