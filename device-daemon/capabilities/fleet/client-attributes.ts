import { createHash } from 'node:crypto';
import type { CapabilityContext } from '../../capability';

/** The config without secrets, hashed: the platform sees which terminals run the same settings, never the token or the PIN hash. */
export function configHash(config: CapabilityContext['config']): string {
  const { technician, fleet, ...rest } = config;
  const safe = { ...rest, technician: { demoMode: technician.demoMode }, fleet: fleet && { url: fleet.url, telemetrySeconds: fleet.telemetrySeconds } };
  return createHash('sha256').update(JSON.stringify(safe)).digest('hex').slice(0, 16);
}

/** What the terminal is: version, identity, site, config hash, catalog, calendar coverage, device models. */
export function clientAttributes(ctx: CapabilityContext, version: string): Record<string, unknown> {
  const { config, services } = ctx;
  const coverage = services.calendar.coverage(services.clock.now());
  return {
    version,
    terminalId: config.terminalId,
    // Flat, so a dashboard can label a map marker with ${siteName}.
    siteName: config.site.name,
    siteDistrict: config.site.district,
    siteKind: config.site.kind,
    configHash: configHash(config),
    // Not `catalogVersion`: that is the shared key the platform sets (the version it wants).
    loadedCatalogVersion: services.catalog.diagnostics().version,
    calendar: { years: coverage.years, currentYearCovered: coverage.currentYearCovered, nextYearCovered: coverage.nextYearCovered },
    devices: Object.fromEntries(services.devices.registry.statuses().map((s) => [s.device, { driver: s.driver, model: s.detail.model ?? null }])),
  };
}
