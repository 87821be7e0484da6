import type { Capability, CapabilityContext } from './capability';
import { createCallStaffCapability } from './capabilities/call-staff';
import { createCardCapability } from './capabilities/card';
import { createCatalogCapability } from './capabilities/catalog';
import { createConsentCapability } from './capabilities/consent';
import { createCountersAuditCapability } from './capabilities/counters-audit';
import { createDemoCapability } from './capabilities/demo';
import { createDocumentsCapability } from './capabilities/documents';
import { createFleetCapability } from './capabilities/fleet';
import { restartControl } from './capabilities/fleet/restart-control';
import { createEvaluationCapability } from './capabilities/evaluation';
import { createOutboxCapability } from './capabilities/outbox';
import { createPrecheckCapability } from './capabilities/precheck';
import { createPrinterCapability } from './capabilities/printer';
import { createProgressCapability } from './capabilities/progress';
import { createRecordsCapability } from './capabilities/records';
import { createRetentionCapability } from './capabilities/retention';
import { createScannerCapability } from './capabilities/scanner';
import { createSessionCapability, type SessionCapability } from './capabilities/session';
import type { SessionWipe } from './capabilities/session/session-wipe';
import { createSubmissionsCapability } from './capabilities/submissions';
import { createSystemCapability, type BootInfo, type SystemCapability } from './capabilities/system';
import { createStaffCapability, type StaffCapability } from './capabilities/staff';
import { createTechnicianCapability } from './capabilities/technician';
import { createMaintenanceCapability } from './capabilities/maintenance';

export interface DaemonCapabilities {
  /** In start order; stopped in reverse. */
  all: Capability[];
  /** The two the composition root talks to: /health's head, and the session boundary the server reports connections and commands to. */
  system: SystemCapability;
  session: SessionCapability;
  /** The staff view: the API server hands it the /staff requests of the terminal's own listener. */
  staff: StaffCapability;
}

/**
 * Every capability of the daemon, in start order: bookkeeping first (the
 * others report counters and audit into the store), retention before the
 * sync worker (a sweep runs before the first delivery), the session last.
 */
export function createCapabilities(ctx: CapabilityContext, root: { boot: BootInfo; wipe: SessionWipe; configPath: string; restart?: { stop: () => void; supervised: boolean } }): DaemonCapabilities {
  const system = createSystemCapability(ctx, root.boot);
  const session = createSessionCapability(ctx, root.wipe);
  const technician = createTechnicianCapability(ctx);
  const staff = createStaffCapability(ctx);
  const all = [
    ...storeCapabilities(ctx, { auth: technician.auth }),
    createDocumentsCapability(ctx),
    createConsentCapability(ctx),
    createCardCapability(ctx),
    createCallStaffCapability(ctx),
    createPrinterCapability(ctx),
    createCatalogCapability(ctx),
    createScannerCapability(ctx),
    createEvaluationCapability(ctx),
    createPrecheckCapability(ctx),
    technician,
    createMaintenanceCapability(ctx, { auth: technician.auth, wipe: root.wipe, configPath: root.configPath, restart: root.restart?.stop, supervised: root.restart?.supervised }),
    createFleetCapability(ctx, { version: root.boot.version, startedAt: root.boot.startedAt, configPath: root.configPath, daemon: restartControl(ctx, root.restart) }),
    staff,
    createDemoCapability(ctx, { wipe: root.wipe }),
    system,
    session,
  ];
  return { all, system, session, staff };
}

/** What works on the store, in start order: bookkeeping, retention before the sync worker, then the commands. */
export function storeCapabilities(ctx: CapabilityContext, root: Parameters<typeof createOutboxCapability>[1] = {}): Capability[] {
  return [
    createCountersAuditCapability(ctx),
    createRetentionCapability(ctx),
    createOutboxCapability(ctx, root),
    createSubmissionsCapability(ctx),
    createProgressCapability(ctx),
    createRecordsCapability(ctx),
  ];
}
