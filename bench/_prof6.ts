import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogItem, Condition, FormField, EligibilityRule, Terminal } from '../contract/catalog/catalog-schema';
const SHIPPED = join(import.meta.dirname, '../assets/catalog/catalog.json');
const json = JSON.parse(readFileSync(SHIPPED, 'utf8'));
const items = Array.from({ length: 5000 }, (_, n) => structuredClone(json.items[n % json.items.length]));
const conds = items.flatMap((i) => i.terminal.eligibility ?? []).map((r: any) => r.require);
const fields = items.flatMap((i) => i.terminal.fields ?? []);
const rules = items.flatMap((i) => i.terminal.eligibility ?? []);
let nodes = 0; const count = (c: any): void => { nodes++; if (c.all) c.all.forEach(count); else if (c.any) c.any.forEach(count); else if (c.not) count(c.not); }; conds.forEach(count);
console.log('conditions', conds.length, 'nodes', nodes, 'fields', fields.length);
for (let r = 0; r < 5; r++) {
  let t = performance.now(); for (const it of items) Terminal.safeParse(it.terminal); const tt = performance.now() - t;
  t = performance.now(); for (const c of conds) Condition.safeParse(c); const tc = performance.now() - t;
  t = performance.now(); for (const f of fields) FormField.safeParse(f); const tf = performance.now() - t;
  t = performance.now(); for (const f of rules) EligibilityRule.safeParse(f); const tr = performance.now() - t;
  console.log(`terminal ${tt.toFixed(0)} conditions ${tc.toFixed(0)} rules ${tr.toFixed(0)} fields ${tf.toFixed(0)}`);
}
