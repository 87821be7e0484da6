import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './daemon';

const run = promisify(execFile);

/** Run the technician CLI (bin/kioskctl.js) as a technician would; a non-zero exit is an answer, not a failure. */
export async function kioskctl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [join(ROOT, 'bin/kioskctl.js'), ...args], { cwd: ROOT });
    return { code: 0, ...r };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
