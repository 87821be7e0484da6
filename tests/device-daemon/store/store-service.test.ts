import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { StoreService, StoreUnavailable } from '../../../device-daemon/store/store-service';
import { IdempotencyConflict } from '../../../device-daemon/store/submissions';
import { testConfig } from '../capabilities/harness';

const log = pino({ level: 'silent' });
const now = () => Date.parse('2025-06-02T09:00:00+08:00');

describe('the store as capabilities use it', () => {
  it('unavailable before it is opened and after it is closed: require() and run() refuse with the reason, record() drops and counts', () => {
    const { config } = testConfig();
    const s = new StoreService({ config, log, now });
    expect(() => s.require()).toThrow(StoreUnavailable);
    expect(() => s.run(() => 1)).toThrow(/not opened yet/);
    s.record(() => {
      throw new Error('never called');
    });
    expect(s.health()).toMatchObject({ state: 'unavailable', problem: 'closed', countersDropped: 1 });
    s.open();
    expect(s.health()).toMatchObject({ state: 'ok', schemaVersion: expect.any(Number) });
    expect(s.run((o) => o.platform.mode)).toBe('embedded');
    s.close();
    s.close();
    expect(() => s.require()).toThrow(/the daemon is stopping/);
  });

  it('a failure at run time is StoreUnavailable (never a silent loss); an idempotency conflict stays what it is', () => {
    const { config } = testConfig();
    const s = new StoreService({ config, log, now });
    s.open();
    expect(() =>
      s.run(() => {
        throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
      }),
    ).toThrow(new StoreUnavailable('the store could not save: disk I/O error'));
    expect(() =>
      s.run(() => {
        throw new IdempotencyConflict('k');
      }),
    ).toThrow(IdempotencyConflict);
    s.close();
  });

  it('onOpen runs at once on an open store, and later for one that opens later; a file that is not a database stays unavailable', () => {
    const { config, dir } = testConfig();
    const s = new StoreService({ config, log, now });
    const seen: string[] = [];
    s.onOpen(() => seen.push('early'));
    expect(seen).toEqual([]);
    s.open();
    s.onOpen(() => seen.push('late'));
    expect(seen).toEqual(['early', 'late']);
    s.close();

    const bad = join(dir, 'not-a-db.db');
    writeFileSync(bad, 'this is not SQLite'.repeat(300));
    const broken = new StoreService({ config: { ...config, storage: { ...config.storage, path: bad } }, log, now });
    broken.onOpen(() => seen.push('broken'));
    broken.open();
    expect(seen).not.toContain('broken');
    expect(broken.health()).toMatchObject({ state: 'unavailable', problem: 'corrupt', message: expect.stringContaining('left in place') });
  });
});
