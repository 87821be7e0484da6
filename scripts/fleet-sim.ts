import { Command } from 'commander';
import { formatFleetSim, runFleetSim } from './fleet-sim/run';

// `npm run fleet:sim -- --terminals N`: N virtual terminals (the real fleet
// link, simulated device status) in one process against a local Mosquitto
// started for the run (or --url), with a subscriber measuring delivery.
const opts = new Command()
  .option('--terminals <n>', 'virtual terminals', '100')
  .option('--period-ms <ms>', 'telemetry period of each terminal (scaled down from 60 s to load the broker)', '1000')
  .option('--duration-s <s>', 'how long the terminals publish', '20')
  .option('--url <url>', 'an existing broker (default: a Mosquitto started for the run)')
  .parse()
  .opts<{ terminals: string; periodMs: string; durationS: string; url?: string }>();

const r = await runFleetSim({
  terminals: Number(opts.terminals),
  periodMs: Number(opts.periodMs),
  durationMs: Number(opts.durationS) * 1000,
  url: opts.url,
  onProgress: (l) => process.stdout.write(`${l}\n`),
});
process.stdout.write(`${formatFleetSim(r)}\n`);
process.exitCode = r.ratio === 1 ? 0 : 1;
