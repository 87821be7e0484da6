import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogItem } from '../contract/catalog/catalog-schema';
const SHIPPED = join(import.meta.dirname, '../assets/catalog/catalog.json');
const json = JSON.parse(readFileSync(SHIPPED, 'utf8'));
const items = Array.from({ length: 5000 }, (_, n) => structuredClone(json.items[n % json.items.length]));
const shape = (CatalogItem as any).def.in?.shape ?? (CatalogItem as any).shape;
console.log(Object.keys(shape).length, json.items.map((i: any) => i.terminal.mode).reduce((a: any, m: string) => ((a[m] = (a[m] ?? 0) + 1), a), {}));
for (let r = 0; r < 4; r++) {
  const res: [string, number][] = [];
  let t = performance.now();
  for (const it of items) CatalogItem.safeParse(it);
  res.push(['WHOLE', performance.now() - t]);
  for (const [k, s] of Object.entries(shape) as [string, any][]) {
    t = performance.now();
    for (const it of items) s.safeParse(it[k]);
    res.push([k, performance.now() - t]);
  }
  if (r === 3) console.log(res.sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join('  '));
}
