import { formatFleetSim, runFleetSim } from '../scripts/fleet-sim/run';

// The fleet link at district scale: N virtual terminals (the real link code)
// in one process against a local Mosquitto, each publishing telemetry every
// PERIOD_MS instead of every 60 s, so 500 terminals make the load of 120,000
// at the shipped period. Figures: messages/s through the broker, taken →
// received p50/p95, client memory per terminal, delivered/published (target
// 1.0: QoS 1 with the offline queue loses nothing).
const PERIOD_MS = Number(process.env.KIOSK_FLEET_PERIOD_MS ?? 250);
const DURATION_MS = Number(process.env.KIOSK_FLEET_DURATION_MS ?? 20_000);

export async function run(): Promise<void> {
  for (const terminals of [100, 500]) {
    const r = await runFleetSim({ terminals, periodMs: PERIOD_MS, durationMs: DURATION_MS });
    process.stdout.write(`${formatFleetSim(r)}\n`);
    process.stdout.write(`delivered/published ${r.ratio.toFixed(4)} (target 1.0) ${r.ratio === 1 ? 'OK' : 'MISSED'}\n`);
  }
}
