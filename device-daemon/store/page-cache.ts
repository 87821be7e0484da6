import type Database from 'better-sqlite3';

/**
 * SQLite's own default page cache (2,000 KiB per connection). better-sqlite3
 * builds SQLite with 16,000 KiB instead, and the cache grows towards that as
 * pages are touched: the boot's quick_check reads every page of the store, so
 * a terminal whose store had grown to 20 MB held 16 MB more of malloc'd memory
 * from its first minute, and a running daemon's heap grew with the store as
 * retention and lookups touched older pages. Pages beyond the cache are read
 * again from the kernel's page cache (a pread, microseconds); the store's
 * hot pages (schema, the index roots, today's sequence) fit in 2 MB.
 */
const PAGE_CACHE_KIB = 2000;

/** Bound the connection's page cache; call right after opening, before the first read. */
export function boundPageCache(db: Database.Database): void {
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
}
