import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../helpers/daemon';

/** Where the sweep's screenshots go (test-artifacts/ is gitignored; CI keeps it). */
export const SCREENS_DIR = join(ROOT, 'test-artifacts', 'screens');

export type Shot = { screen: string; combo: string; file: string; problems: string[] };

/** One page that shows every screenshot at a glance: a row per screen, a column per combination, misfits in red under each. */
export function writeIndex(shots: Shot[], combos: string[]): void {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const screens = [...new Set(shots.map((s) => s.screen))];
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const cell = (screen: string, combo: string) => {
    const s = shots.find((x) => x.screen === screen && x.combo === combo);
    if (!s) return '<td></td>';
    const bad = s.problems.map((p) => `<li>${esc(p)}</li>`).join('');
    return `<td class="${bad ? 'bad' : 'ok'}"><a href="${esc(s.file)}"><img loading="lazy" src="${esc(s.file)}" alt="${esc(`${screen} ${combo}`)}"></a>${bad ? `<ul>${bad}</ul>` : ''}</td>`;
  };
  const rows = screens.map((sc) => `<tr><th>${esc(sc)}</th>${combos.map((c) => cell(sc, c)).join('')}</tr>`).join('\n');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Layout sweep</title><style>
body{font-family:sans-serif;margin:8px}table{border-collapse:collapse}th,td{border:1px solid #999;padding:4px;vertical-align:top}
th{position:sticky;left:0;background:#fff;text-align:left}thead th{top:0;z-index:1}img{max-width:180px;max-height:180px;display:block}
td.bad{background:#fdd}ul{margin:2px 0;padding-left:14px;font-size:11px;color:#900;max-width:180px}
</style></head><body><h1>Layout sweep: ${screens.length} screens × ${combos.length} combinations</h1>
<table><thead><tr><th>screen</th>${combos.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
  writeFileSync(join(SCREENS_DIR, 'index.html'), html);
}
