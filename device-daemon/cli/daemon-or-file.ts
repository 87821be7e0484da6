import { loadConfig } from '../config/load';
import { DaemonApi } from './daemon-api';

/** How a command that changes the terminal's files picks its way: --file names the file, --port the daemon. */
export interface DaemonOrFileOpts {
  port?: string;
  file?: boolean;
}

/** The running daemon of this config file, or why none is asked (--file, none answers, the file does not load). */
async function connect(configFile: string, opts: DaemonOrFileOpts): Promise<DaemonApi | { error: string }> {
  if (opts.file) return { error: '--file names the file' };
  try {
    return await DaemonApi.connect(loadConfig(configFile), opts.port);
  } catch (err) {
    return { error: `the config file does not load (${(err as Error).message.split('\n')[0]})` };
  }
}

/** Runs `fn` with the running daemon when one answers, else `onFile` with the reason none was asked. */
export async function withDaemonOrFile<T>(configFile: string, opts: DaemonOrFileOpts, fn: (api: DaemonApi) => Promise<T>, onFile: (why: string) => Promise<T> | T): Promise<T> {
  const api = await connect(configFile, opts);
  if ('error' in api) return onFile(api.error);
  try {
    return await fn(api);
  } finally {
    api.close();
  }
}
