#!/usr/bin/env node
// The technician CLI. Runs the TypeScript sources through tsx (a dependency),
// so `npx kioskctl …` works from a fresh clone without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../device-daemon/cli/kioskctl.ts');
