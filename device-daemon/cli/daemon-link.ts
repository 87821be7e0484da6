import { loadConfig } from '../config/load';
import { daemonBase } from './daemon-api';
import type { Health } from './status-report';

/** Talks to a running daemon's /health (loopback); the error when none answers. */
export async function fetchHealth(configFile: string, portOverride?: string): Promise<{ health: Health } | { error: string }> {
  const cfg = loadConfig(configFile);
  const { host, port, base } = daemonBase(cfg, portOverride);
  try {
    const res = await fetch(`${base}/health`);
    return { health: (await res.json()) as Health };
  } catch (err) {
    const e = err as Error;
    return { error: `no daemon answers on ${host}:${port} (${e.cause instanceof Error ? e.cause.message : e.message}); start it with npm start` };
  }
}

/** Whether a daemon of this config answers: commands that change files say whether the running daemon still uses the old ones. */
export async function daemonRunning(configFile: string, portOverride?: string): Promise<boolean> {
  return 'health' in (await fetchHealth(configFile, portOverride));
}
