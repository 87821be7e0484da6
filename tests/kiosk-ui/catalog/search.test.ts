import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex, createSearcher, normaliseQuery, search, type SearchHit } from '../../../kiosk-ui/src/catalog/search';
import { searchKey } from '../../../device-daemon/catalog/search-keys';
import { ROOT } from '../../helpers/daemon';
import { shippedIndex } from '../../helpers/catalog';

const { items, index } = shippedIndex();
const byId = new Map(items.map((i) => [i.item.id, i.item]));
const names = (hits: SearchHit[]) => hits.map((h) => byId.get(h.id)!.name.zh);
const idOf = (zh: string) => items.find((i) => i.item.name.zh === zh)!.item.id;

describe('catalog search over the shipped catalog', () => {
  it('hanzi: an exact name comes first, marked exact', () => {
    const r = search(index, '失业登记');
    expect(r.hits[0]).toMatchObject({ id: idOf('失业登记'), field: 'name', quality: 'exact', range: [0, 4] });
  });

  it('full pinyin without tones, with or without spaces, any case', () => {
    for (const q of ['shiyedengji', 'shi ye deng ji', 'ShiYe DengJi', "shi'ye'deng'ji"]) {
      const r = search(index, q);
      expect(r.hits[0], q).toMatchObject({ id: idOf('失业登记'), field: 'name', quality: 'exact' });
    }
    expect(names(search(index, 'gaolingjintie').hits)).toEqual(['高龄津贴申领(80周岁以上老年人)', '高龄津贴年度资格认证']);
  });

  it('initials: sbcx finds the 社保…查询 items; mixed shebcx and 社bao too', () => {
    const sbcx = search(index, 'sbcx').hits;
    expect(sbcx.length).toBeGreaterThanOrEqual(1);
    for (const h of sbcx) expect(byId.get(h.id)!.keywords).toContain('社保查询');
    expect(names(sbcx)).toContain('社会保险个人权益记录查询(缴费明细/个人账户)');
    expect(search(index, 'shebcx').hits.map((h) => h.id)).toEqual(sbcx.map((h) => h.id));
    expect(search(index, 'ＳＢＣＸ').hits.map((h) => h.id)).toEqual(sbcx.map((h) => h.id)); // full-width keyboard input
    expect(search(index, '社bao').hits.map((h) => h.id)).toEqual(expect.arrayContaining(sbcx.map((h) => h.id)));
    // Initials of a name: jzzsl → 居住证申领.
    expect(search(index, 'jzzsl').hits[0]).toMatchObject({ id: idOf('居住证申领'), field: 'name', quality: 'exact' });
  });

  it('a syllable inside the query is whole or its initial, not an arbitrary part of it', () => {
    // "she" is not a reading of 参 (can/shen/cen/san): shebao must not find 参保 in a name.
    for (const h of search(index, 'shebao').hits) expect(h.field, byId.get(h.id)!.name.zh).not.toBe('name');
    // …but canbao does, via the domain reading of 参保.
    expect(search(index, 'canbao').hits.filter((h) => h.field === 'name').length).toBeGreaterThanOrEqual(4);
  });

  it('a character read another way still matches (polyphones)', () => {
    // 行 in 银行卡 is hang; a resident may type xing.
    const k = searchKey('银行卡');
    const ix = buildIndex([{ id: 'x', search: { name: k, keywords: [], materials: [], department: searchKey('某部门') } }]);
    expect(search(ix, 'yinhangka').hits[0]?.quality).toBe('exact');
    expect(search(ix, 'yinxingka').hits[0]?.quality).toBe('exact');
  });

  it('ranks a name match above material and department matches', () => {
    // 户口: in one name (户籍类证明…户口…) and in many materials (居民户口簿).
    const hits = search(index, '户口').hits;
    expect(hits[0]).toMatchObject({ field: 'name' });
    expect(byId.get(hits[0]!.id)!.name.zh).toContain('户口');
    const firstMaterial = hits.findIndex((h) => h.field === 'material');
    expect(firstMaterial).toBeGreaterThan(0);
    expect(hits.slice(firstMaterial).every((h) => h.field === 'material' || h.field === 'department')).toBe(true);
    // keyword (低保) above material (低保等困难身份证明)
    const dibao = search(index, 'dibao').hits;
    expect(dibao[0]).toMatchObject({ id: idOf('最低生活保障审核确认'), field: 'keyword', quality: 'exact' });
    expect(dibao.slice(1).some((h) => h.field === 'material')).toBe(true);
  });

  it('ranks prefix above infix, exact above partial', () => {
    const hits = search(index, '养老').hits.filter((h) => h.field === 'name');
    const q = hits.map((h) => h.quality);
    expect(q[0]).toBe('prefix');
    expect(q.lastIndexOf('prefix')).toBeLessThan(q.indexOf('infix'));
    expect(names(hits.filter((h) => h.quality === 'prefix')).every((n) => n.startsWith('养老'))).toBe(true);
    // Exact keyword 失业 on 失业登记 beats the prefix name matches 失业保险金申领.
    const shiye = search(index, 'shiye').hits;
    expect(shiye[0]).toMatchObject({ id: idOf('失业登记'), field: 'name' });
    const scores = shiye.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('per keystroke: every prefix of the typed query gives the same results as a fresh search', () => {
    const typed = ['shiyedengji', 'sbcx', 'gaolingjintie', 'juzhuzheng', '户口簿', 'yanglao jin'];
    for (const word of typed) {
      const next = createSearcher(index);
      for (let n = 1; n <= word.length; n++) {
        const q = word.slice(0, n);
        expect(next(q), q).toEqual(search(index, q));
      }
      // Deleting characters (backspace) also stays right.
      for (let n = word.length - 1; n >= 1; n--) expect(next(word.slice(0, n))).toEqual(search(index, word.slice(0, n)));
    }
    // The target stays in the results as the resident types it.
    const next = createSearcher(index);
    for (const q of ['s', 'sh', 'shi', 'shiy', 'shiye', 'shiyed', 'shiyedengj', 'shiyedengji'])
      expect(
        next(q).hits.map((h) => h.id),
        q,
      ).toContain(idOf('失业登记'));
  });

  it('the one- and two-key answer tables give what the matcher gives', () => {
    const plain = buildIndex(
      items.map((i) => ({ id: i.item.id, search: i.search, frequent: i.item.frequent })),
      { tables: false },
    );
    const keys = 'abcdefghijklmnopqrstuvwxyz0123456789';
    for (const a of keys) {
      expect(search(index, a, { limit: 500 }), a).toEqual(search(plain, a, { limit: 500 }));
      for (const b of 'aehiounsgz8') expect(search(index, a + b, { limit: 500 }), a + b).toEqual(search(plain, a + b, { limit: 500 }));
    }
  });

  it('nothing for an empty or unmatched query; limit keeps the total', () => {
    expect(search(index, '   ').hits).toEqual([]);
    expect(search(index, 'zzzzq').total).toBe(0);
    const r = search(index, 's', { limit: 3 });
    expect(r.hits).toHaveLength(3);
    expect(r.total).toBeGreaterThan(3);
  });

  it('normalises queries the way the keys are normalised', () => {
    expect(normaliseQuery(' Lü  You ')).toBe('lvyou');
    expect(normaliseQuery('ＳＢ　ＣＸ')).toBe('sbcx');
  });

  it('the UI search module carries no pinyin dictionary', () => {
    const dir = join(ROOT, 'kiosk-ui/src/catalog');
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(/from ['"]pinyin-pro['"]|import\(['"]pinyin-pro/);
  });
});
