import { chinaDate, chinaIso } from '../../../contract/domain/china-time';
import { evaluationUrl } from '../../../contract/domain/evaluation-url';
import type { Capability, CapabilityContext } from '../../capability';
import { answering } from '../failures';
import { DeviceInvitation } from './device-invitation';
import { ServiceEvents } from './event-keys';
import { type RateArgs, recordRating } from './record-rating';

/**
 * 好差评 of service events (一事一评): evaluation.invite names the event and
 * shows its QR on the evaluation device; a press there is evaluation.devicePress;
 * evaluation.rate stores the one rating of the event (from the screen, the
 * device or a QR-led return) and stands the device down; evaluation.dismiss
 * (skip, timeout) records nothing. Logs carry the event key, channel and
 * level, never a phone number.
 */
export function createEvaluationCapability(ctx: CapabilityContext): Capability {
  const { config, router, bus, services } = ctx;
  const { store, clock, devices } = services;
  const log = ctx.log.child({ capability: 'evaluation' });
  const events = new ServiceEvents(config.terminalId, () => store.isDemo());
  const device = new DeviceInvitation(devices, log, (eventKey, press) => {
    log.info({ eventKey, level: press.level }, 'rating pressed on the evaluation device');
    ctx.emit('evaluation.devicePress', { eventKey, level: press.level, at: chinaIso(press.at.getTime()) });
  });

  const invite = async (args: { caseNo?: string; itemCode?: string }) => {
    const ev = events.open(args, clock.now());
    const url = evaluationUrl(config.links.evaluationUrlTemplate, ev.eventKey, config.terminalId);
    const alreadyRated = store.run((o) => !!o.store.evaluations.find(ev.eventKey));
    if (!alreadyRated) await device.show(ev.eventKey, { url, caption: ev.caseNo ? `${ev.caseNo} 请扫码评价` : '请扫码评价', ...(ev.caseNo ? { caseNo: ev.caseNo } : {}) });
    log.info({ eventKey: ev.eventKey, alreadyRated, device: device.report().state }, 'rating invited');
    return { eventKey: ev.eventKey, ...(ev.caseNo ? { caseNo: ev.caseNo } : {}), url, device: device.report(), alreadyRated };
  };

  const rate = async (args: RateArgs) => {
    const ev = events.resolve(args.eventKey);
    const { result, stored } = recordRating(ctx, ev, args);
    if (stored) {
      log.info(
        { eventKey: ev.eventKey, caseNo: stored.caseNo, channel: args.channel, level: args.level, followUpDue: result.followUpDue, callback: args.callbackPhone !== undefined },
        'rating stored',
      );
      ctx.emit('submission.accepted', {
        caseNo: stored.caseNo,
        kind: 'evaluation',
        itemCode: stored.itemCode,
        acceptedAt: chinaIso(stored.acceptedAt),
        promisedDate: stored.promisedDate,
        provisional: stored.provisional,
      });
      ctx.emit('evaluation.recorded', { eventKey: ev.eventKey, channel: args.channel, level: args.level, caseNo: stored.caseNo });
      bus.emit('submissionStored', 'evaluation');
    }
    await device.standDown(ev.eventKey);
    return result;
  };

  /** 差评 awaiting follow-up and those past their date, for staff and the fleet; null while the store is down. */
  const followUps = () => {
    try {
      return store.run((o) => o.store.evaluations.followUps(chinaDate(clock.now())));
    } catch {
      return null;
    }
  };

  return {
    name: 'evaluation',
    start() {
      router.register('evaluation.invite', (args) => answering(() => invite(args)));
      router.register('evaluation.rate', (args) => answering(() => rate(args as RateArgs)));
      router.register('evaluation.dismiss', ({ eventKey }) => answering(async () => ({ dismissed: await device.standDown(eventKey) })));
      ctx.addHealth('evaluation', () => ({ showing: device.showing ?? null, device: device.report(), followUps: followUps() }));
      ctx.addSessionWiper(() => {
        void device.standDown();
        return [];
      });
    },
    stop() {},
  };
}
