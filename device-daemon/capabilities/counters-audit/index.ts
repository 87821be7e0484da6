import type { Capability, CapabilityContext } from '../../capability';

/**
 * Daily counters and the audit trail: what other capabilities report on the
 * bus (card reads, prints, paper, record prints …) is persisted in the store
 * (paper also on the roll's tally),
 * and every ended session is counted. Bookkeeping never fails a command:
 * while the store is unavailable entries are dropped and counted (/health).
 */
export function createCountersAuditCapability(ctx: CapabilityContext): Capability {
  const { bus, services } = ctx;
  const { store, clock } = services;
  const offs: Array<() => void> = [];
  return {
    name: 'countersAudit',
    start() {
      offs.push(
        bus.on('counter', (name, amount) =>
          store.record((o) => {
            o.store.counters.add(name, amount, clock.now());
            // The roll's own tally (reset by a new roll) feeds the estimate of the paper left.
            if (name === 'paperMm') o.store.paperRoll.fed(amount);
          }),
        ),
        bus.on('audit', (entry) => store.record((o) => o.store.audit.append(entry.action, entry.detail, clock.now()))),
      );
      ctx.addSessionWiper((opts) => {
        // Only an ended session counts (not the safety wipes when a page connects or leaves).
        if (!opts?.boundary) store.record((o) => o.store.counters.add('sessions', 1, clock.now()));
        return [];
      });
    },
    stop() {
      for (const off of offs.splice(0)) off();
    },
  };
}
