import type { CapabilityContext } from '../capability';

// Catalog commands — issue 6.
export function registerCatalogApi(_ctx: CapabilityContext): void {}
