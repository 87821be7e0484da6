import { describe, expect, it } from 'vitest';
import { windowPlaces } from '../../../contract/catalog/window-places';

const SITE = { name: '示例街道便民服务中心', address: '示例区示例路1号' };
const HOURS = { zh: '工作日 9:00-17:00' };

describe('windowPlaces', () => {
  it('drops the terminal from a list of places and gives a street centre the site address', () => {
    expect(windowPlaces([{ place: { zh: '合作银行网点、街道便民服务中心、自助终端' }, hours: HOURS }], SITE)).toEqual([
      { place: '合作银行网点、街道便民服务中心', address: '示例街道便民服务中心：示例区示例路1号', hours: HOURS.zh },
    ]);
  });

  it('keeps a place with its own address as the guide gives it', () => {
    expect(windowPlaces([{ place: { zh: '户籍地派出所/户政窗口' }, address: '示例路2号', hours: HOURS }], SITE)).toEqual([{ place: '户籍地派出所/户政窗口', address: '示例路2号', hours: HOURS.zh }]);
  });

  it('a guide naming only the terminal and online channels: the site centre, where staff are', () => {
    expect(windowPlaces([{ place: { zh: '自助终端/线上' }, hours: HOURS }], SITE)).toEqual([{ place: SITE.name, address: SITE.address }]);
  });

  it('unconfirmed hours (待核) are left out, not printed', () => {
    expect(windowPlaces([{ place: { zh: '区婚姻登记处' }, hours: { zh: '工作日(待核)' } }], SITE)).toEqual([{ place: '区婚姻登记处' }]);
  });
});
