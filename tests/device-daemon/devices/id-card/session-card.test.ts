import { describe, expect, it } from 'vitest';
import { sessionCardOf } from '../../../../device-daemon/devices/id-card/session-card';
import { simCard } from '../../../../device-daemon/devices/id-card/simulator/sim-cards';
import { startSimReader, waitState } from './helpers';

const read = (id: string) => ({ record: structuredClone(simCard(id).record), photo: { wlt: Buffer.alloc(0), status: 'notDecoded' as const }, readAt: '2026-01-01T00:00:00.000Z' });

describe('the session card: what capabilities may use of a read', () => {
  it('identity, the card address for post, and the age on a China-time day', () => {
    const card = sessionCardOf(read('resident-valid'));
    expect(card.identity).toEqual({ kind: 'resident', name: '林晓禾', idNumber: '410403195803120023' });
    expect(card.postalAddress).toBe('河南省平顶山市卫东区示例路12号院3号楼2单元501');
    // born 1958-03-12
    expect(card.ageOn('2025-03-11')).toBe(66);
    expect(card.ageOn('2025-03-12')).toBe(67);
  });

  it('a foreign card without a Chinese name is named by its English name and has no address', () => {
    const foreign = read('foreign-2023');
    expect(sessionCardOf(foreign).identity?.name).toBe(foreign.record.name);
    foreign.record.name = '';
    const card = sessionCardOf(foreign);
    expect(card.identity?.kind).toBe('foreignPermanent');
    expect(card.identity?.name).toBe(simCard('foreign-2023').record.englishName);
    expect(card.postalAddress).toBeUndefined();
  });

  it('a number that fails its check digit identifies nobody (the card is still held, and wiped, as any other)', () => {
    expect(sessionCardOf(read('resident-badcheck')).identity).toBeUndefined();
  });

  it('the reader device holds it for the session only', async () => {
    const r = await startSimReader();
    try {
      await waitState(r.device, 'online');
      expect(r.device.sessionCard()).toBeUndefined();
      await r.device.simulator!.perform('insertCard', 'resident-young');
      await r.device.read(5000);
      expect(r.device.sessionCard()?.identity?.idNumber).toBe('410403199011020030');
      r.device.wipeSession();
      expect(r.device.sessionCard()).toBeUndefined();
    } finally {
      await r.device.stop();
    }
  });
});
