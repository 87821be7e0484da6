import { describe, expect, it } from 'vitest';
import { simCard } from '../../../device-daemon/devices/id-card/simulator/sim-cards';
import { personalDataIn } from './pii-scan';

// The scanner the fleet tests run over every published payload must itself find what it looks for.
describe('personalDataIn', () => {
  const c = simCard('resident-valid').record;
  it('finds a synthetic resident’s ID number, name and address, and a mobile number', () => {
    expect(personalDataIn(JSON.stringify({ a: c.idNumber }))).toEqual([`ID number ${c.idNumber}`]);
    expect(personalDataIn(`x ${c.name} y`)).toEqual([`person ${c.name}`]);
    expect(personalDataIn(String(c.address))).toContain(`person ${c.address}`);
    expect(personalDataIn('call 13812345678')).toEqual(['mobile 13812345678']);
  });
  it('passes counts, times and masked values', () => {
    expect(personalDataIn(JSON.stringify({ ts: 1764500000000, 'outbox.depth': 3, masked: `${c.idNumber.slice(0, 4)}**********${c.idNumber.slice(-4)}` }))).toEqual([]);
  });
});
