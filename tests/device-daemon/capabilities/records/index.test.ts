import { describe, expect, it } from 'vitest';
import { harnessPerTest, person } from '../harness';

const harness = harnessPerTest();

describe('records.query', () => {
  it('records.query answers synthetic records with a masked holder; a person without records gets notFound', async () => {
    const h = harness();
    h.identity = person('resident-valid');
    const si = await h.call('records.query', { recordType: 'socialInsurance' });
    expect(si.result).toMatchObject({ recordType: 'socialInsurance', title: { zh: '参保证明' }, holder: { maskedName: '林**', maskedIdNumber: '4104**********0023' } });
    expect(si.result.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(si.result)).not.toContain('410403195803120023');
    expect(JSON.stringify(si.result)).not.toContain('林晓禾');
    expect((await h.call('records.query', { recordType: 'pension' })).result.rows.length).toBeGreaterThan(0);
    h.identity = person('resident-young');
    expect((await h.call('records.query', { recordType: 'pension' })).error?.code).toBe('notFound');
    h.identity = person('resident-norecords');
    expect((await h.call('records.query', { recordType: 'socialInsurance' })).error?.code).toBe('notFound');
    expect((await h.call('records.query', { recordType: 'pension' })).error?.code).toBe('notFound');
    h.identity = undefined;
    expect((await h.call('records.query', { recordType: 'pension' })).error?.code).toBe('noSession');
  });
});
