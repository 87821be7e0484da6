import type { CapabilityContext } from '../capability';

// Store, outbox and platform commands — issue 5.
export function registerStoreApi(_ctx: CapabilityContext): void {}
