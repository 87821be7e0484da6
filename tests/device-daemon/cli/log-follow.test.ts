import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLogFollower } from '../../../device-daemon/cli/log-follow';

const dir = mkdtempSync(join(tmpdir(), 'kiosk-log-follow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the log follower', () => {
  it('a rotation between the first read and the follow: the old file is read to its end and the rotation is seen, the new file is not read', async () => {
    // kioskctl once read the file by path, printed it, then opened it again by path: a rotation in that gap
    // left it following the new file from the old offset, the old file's last lines lost and the end never seen (a CI hang).
    const file = join(dir, 'daemon.log');
    writeFileSync(file, 'one\ntwo\npart');
    const log = openLogFollower(file);
    expect(log.text).toBe('one\ntwo\n');
    appendFileSync(file, 'ial\nlast of the old file\n');
    renameSync(file, `${file}.1`);
    writeFileSync(file, 'first of the new file\n');
    const lines: string[] = [];
    expect(await log.follow((l) => lines.push(l))).toBe('rotated');
    expect(lines).toEqual(['partial', 'last of the old file']);
  });
});
