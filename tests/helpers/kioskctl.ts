import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './daemon';

const run = promisify(execFile);

type CliResult = { code: number; stdout: string; stderr: string };

/**
 * Run the technician CLI (bin/kioskctl.js) as a technician would, typing `input` (e.g. a PIN twice) on its
 * standard input; a non-zero exit is an answer, not a failure.
 */
export async function kioskctlWithInput(args: string[], input = ''): Promise<CliResult> {
  const p = run(process.execPath, [join(ROOT, 'bin/kioskctl.js'), ...args], { cwd: ROOT, timeout: 30_000 });
  p.child.stdin!.end(input);
  try {
    return { code: 0, ...(await p) };
  } catch (err) {
    const e = err as CliResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Run the technician CLI with nothing typed. */
export function kioskctl(...args: string[]): Promise<CliResult> {
  return kioskctlWithInput(args, '');
}
