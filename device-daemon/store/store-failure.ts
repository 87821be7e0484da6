import type { StoreProblem } from '../../contract/api';

/** What a failed store operation says about the file: SQLite's extended result code or the system's errno (the marker is a plain file). */
export type RunProblem = Extract<StoreProblem, 'full' | 'readOnly' | 'ioError' | 'corrupt'>;

/** undefined: not a storage failure (a bug, a refused argument), which says nothing about the file. */
export function runProblemOf(err: unknown): RunProblem | undefined {
  const code = String((err as { code?: unknown }).code ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'readOnly';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN') || code === 'EIO') return 'ioError';
  return undefined;
}

/** What a technician reads next to each problem: what it means and what to do. */
export function problemHint(problem: StoreProblem, file: string, retrySec: number): string {
  const init = 'kioskctl store init --i-understand-data-loss';
  switch (problem) {
    case 'missing':
    case 'empty':
      return `A store existed here (its marker is still beside it), so no new one is started on its own: that would issue the day's case numbers again. Restore the file if it can be found; otherwise run \`${init}\` and restart: the new store's case numbers continue after the marker's.`;
    case 'mismatch':
      return `The file is a different store from the one this terminal used. Put the right file back, or move this one aside, run \`${init}\` and restart.`;
    case 'markerUnreadable':
      return 'The marker beside the file is damaged. Move the marker aside (the daemon then writes a new one from the database) and restart.';
    case 'corrupt':
      return `The file was left in place, untouched, for forensics. Submissions are refused until a technician moves it aside (e.g. mv ${file} ${file}.corrupt-$(date +%Y%m%dT%H%M%S)), runs \`${init}\` and restarts the daemon; the new store's case numbers continue after the old ones.`;
    case 'locked':
      return `Another process holds it (a second daemon? a backup tool?). Submissions are refused; the daemon tries again every ${retrySec} s.`;
    case 'newerSchema':
      return 'Install the daemon version that wrote it; the file was not changed.';
    case 'full':
      return `The disk is full: free space on it. Submissions are refused; the daemon tries again every ${retrySec} s and takes them again by itself.`;
    case 'readOnly':
      return `The file or its file system cannot be written (mounted read-only? permissions?). Submissions are refused; the daemon tries again every ${retrySec} s.`;
    case 'ioError':
      return `The disk reported an I/O error: check the disk. Submissions are refused; the daemon tries again every ${retrySec} s.`;
    default:
      return 'Check the path, permissions and free disk space; the file was not changed.';
  }
}
