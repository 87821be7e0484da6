import type { CapabilityContext } from '../../capability';

// Card reader commands (card.read …) — issue 3.
export function registerCardApi(_ctx: CapabilityContext): void {}
