import { type DemoStatus, DEMO_MARK } from '../../../contract/api/demo';
import { chinaIso } from '../../../contract/domain/china-time';
import { ApiFailure } from '../../api/router';
import { StaffAuth, staffStateDir } from '../../auth/staff-auth';
import type { Capability, CapabilityContext } from '../../capability';
import type { SessionWipe } from '../session/session-wipe';
import { demoRefusal } from './demo-refusal';

/**
 * Demo / training mode (演示模式). Switched on by staff (staff number + PIN,
 * with the staff sign-in's lockout) or from boot by the config (a training
 * room). The mode is the store's: the demo store is a separate file whose
 * outbox is never delivered, whose counters are not the terminal's and whose
 * case numbers start with DEMO-, deleted when the mode ends; the print path
 * marks every page while it is in use. Devices: the registry runs every device
 * on its simulator in a training room; at a terminal with real devices the
 * mode puts simulators in use for them (the registry's useSimulators: the
 * real ones stay open but unused, and are in use again at the end), so a demo
 * card is never read from the real reader nor a demo receipt printed on the
 * real printer. Start and stop are audited in the real store with the staff number.
 */
export function createDemoCapability(ctx: CapabilityContext, root: { wipe: SessionWipe }): Capability {
  const { config, router, services } = ctx;
  const { store, clock } = services;
  const log = ctx.log.child({ capability: 'demo' });
  const trainingRoom = config.demo.trainingRoom;
  const auth = new StaffAuth({ staff: () => config.staff, stateDir: staffStateDir(config.storage.path), now: () => clock.now(), log });
  let since: number | null = trainingRoom ? clock.now() : null;
  let staffNo: string | null = null;

  const status = (): DemoStatus => ({
    active: store.isDemo(),
    trainingRoom,
    mark: store.isDemo() ? DEMO_MARK : null,
    since: since === null ? null : chinaIso(since),
    staffNo,
  });

  const signedIn = async (args: { staffNo: string; pin: string }): Promise<string> => {
    const o = await auth.verify(args.staffNo, args.pin);
    if (!o.ok) throw demoRefusal(o);
    return o.member.staffNo;
  };

  /**
   * Whatever the resident session held goes before the stores and devices
   * change: nothing of it crosses into or out of the mode. The store switches
   * first (a second start meanwhile is refused as busy), then the devices.
   */
  const switchMode = async (demo: boolean): Promise<string[]> => {
    root.wipe.wipe({ boundary: true });
    services.sessionCases.clear();
    const wiped = store.switchTo(demo);
    await services.devices.registry.useSimulators(demo);
    return wiped;
  };

  const audit = (action: string, detail: Record<string, unknown>) => store.record((o) => o.store.audit.append(action, detail, clock.now()));

  return {
    name: 'demo',
    start() {
      router.register('demo.status', () => status());
      router.register('demo.start', async (args) => {
        const who = await signedIn(args);
        if (store.isDemo()) throw new ApiFailure('busy', 'the terminal is already in demo mode');
        audit('demo.started', { staffNo: who });
        await switchMode(true);
        since = clock.now();
        staffNo = who;
        log.info({ staffNo: who }, 'demo mode started');
        ctx.emit('demo.status', status());
        return status();
      });
      router.register('demo.stop', async (args) => {
        const who = await signedIn(args);
        if (trainingRoom) throw new ApiFailure('notSupported', 'a training-room terminal stays in demo mode (demo.trainingRoom in the config)');
        if (!store.isDemo()) throw new ApiFailure('busy', 'the terminal is not in demo mode');
        const wiped = await switchMode(false);
        audit('demo.stopped', { staffNo: who, startedBy: staffNo, since: since === null ? null : chinaIso(since), filesDeleted: wiped.length });
        since = null;
        staffNo = null;
        log.info({ staffNo: who, filesDeleted: wiped.length }, 'demo mode ended: the demo store is deleted');
        ctx.emit('demo.status', status());
        return status();
      });
      ctx.addHealth('demo', () => status());
      if (trainingRoom) log.warn('training room: demo mode from boot (simulated devices, demo store, nothing delivered)');
    },
    stop() {
      // A daemon stopping in demo mode leaves its store to the next start, which deletes it before anything opens it.
    },
  };
}
