import { expect, it } from 'vitest';
import { smapsRegions } from '../../../scripts/soak/sampler';

const SMAPS = `00400000-00b6f000 r--p 00000000 fe:00 260689                             /usr/bin/node
Size:               7612 kB
Rss:                6896 kB
Private_Dirty:         0 kB
08216000-08bb5000 rw-p 00000000 00:00 0                                  [heap]
Rss:                9752 kB
Private_Dirty:      9752 kB
2bf0f7480000-2bf0f75d1000 rw-p 00000000 00:00 0 
Rss:                1348 kB
Private_Dirty:      1348 kB
7ff2c82d8000-7ff2c847d000 r-xp 00000000 fe:00 1 /x/node_modules/better-sqlite3/build/Release/better_sqlite3.node
Rss:                1556 kB
Private_Dirty:         0 kB
7ff2cad64000-7ff2caeba000 r-xp 00000000 fe:00 2 /usr/lib/x86_64-linux-gnu/libc.so.6
Rss:                1048 kB
Private_Dirty:         4 kB
7ffd1000-7ffd2000 rw-p 00000000 00:00 0                                  [stack]
Rss:                 132 kB
Private_Dirty:       132 kB
`;

it('sums the RSS and private pages of /proc/<pid>/smaps by kind of mapping', () => {
  const k = 1024;
  expect(smapsRegions(SMAPS)).toEqual({
    node: { rss: 6896 * k, privateDirty: 0 },
    brk: { rss: 9752 * k, privateDirty: 9752 * k },
    anon: { rss: (1348 + 132) * k, privateDirty: (1348 + 132) * k },
    addons: { rss: 1556 * k, privateDirty: 0 },
    files: { rss: 1048 * k, privateDirty: 4 * k },
  });
});
