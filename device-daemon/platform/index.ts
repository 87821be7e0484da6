import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import type { KioskConfig } from '../config/schema';
import { DemoRecords } from './demo-records';
import { EmbeddedPlatform } from './embedded-platform';
import { HttpPlatform } from './http-platform';
import type { Platform } from './types';

/** The platform adapter chosen by config platform.mode. */
export function createPlatform(config: KioskConfig, db: Database.Database, log: Logger, now: () => number = Date.now): Platform {
  const p = config.platform;
  if (p.mode === 'http') return new HttpPlatform({ baseUrl: p.baseUrl, timeoutMs: p.timeoutMs, terminalId: config.terminalId, log });
  let demo: DemoRecords | undefined;
  return new EmbeddedPlatform(db, () => (demo ??= new DemoRecords()), now);
}

export type { Platform } from './types';
