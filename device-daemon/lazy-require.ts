import { createRequire } from 'node:module';

/**
 * Packages the daemon loads on first use instead of at start, because loading
 * them costs CPU before the daemon listens (measured with --cpu-prof on a
 * compiled start): pinyin-pro its dictionary (~130 ms), qrcode ~60 ms, mqtt and its
 * stream stack ~650 ms on a loaded machine (most terminals run without the fleet link). A lazy load
 * is invisible to the bundler, so the runtime build adds these to the
 * packages it checks against `dependencies` (scripts/build/runtime.ts).
 */
export const LAZY_PACKAGES = ['pinyin-pro', 'qrcode', 'mqtt'] as const;
type LazyPackage = (typeof LAZY_PACKAGES)[number];

const load = createRequire(import.meta.url);

/** A lazily loaded CommonJS package (or a file of one: `escpos/printer`), typed by the caller. */
export function lazyRequire<T>(specifier: LazyPackage | `${LazyPackage}/${string}`): T {
  return load(specifier) as T;
}
