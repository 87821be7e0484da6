import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RecordType } from '../../contract/api/submission';
import { ROOT_DIR } from '../version';
import type { WireRecordSet } from './wire';

// Records the embedded platform answers (demo and training): synthetic people
// only. The ID number lives in assets/demo/synthetic-people.json; records.json
// refers to people by id.

const People = z.object({ people: z.array(z.object({ id: z.string(), name: z.string(), idNumber: z.string() })) });
const Records = z.object({
  records: z.array(
    z.object({
      personId: z.string(),
      recordType: RecordType,
      issuer: z.string(),
      asOf: z.string(),
      summary: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string(), value: z.union([z.string(), z.number()]) })),
      columns: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string() })),
      rows: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
    }),
  ),
});

const RECORD_TITLES: Record<RecordType, { zh: string; en: string }> = {
  socialInsurance: { zh: '参保证明', en: 'Social insurance record' },
  pension: { zh: '养老金领取记录', en: 'Pension payment record' },
};

export class DemoRecords {
  private readonly byId = new Map<string, WireRecordSet[]>();

  constructor(peopleFile = join(ROOT_DIR, 'assets/demo/synthetic-people.json'), recordsFile = join(ROOT_DIR, 'assets/demo/records.json')) {
    const people = People.parse(JSON.parse(readFileSync(peopleFile, 'utf8'))).people;
    const records = Records.parse(JSON.parse(readFileSync(recordsFile, 'utf8'))).records;
    for (const r of records) {
      const p = people.find((x) => x.id === r.personId);
      if (!p) throw new Error(`${recordsFile}: unknown person ${r.personId}`);
      const { personId: _, ...rest } = r;
      const list = this.byId.get(p.idNumber) ?? [];
      list.push({ ...rest, title: RECORD_TITLES[r.recordType], holder: { name: p.name, idNumber: p.idNumber } });
      this.byId.set(p.idNumber, list);
    }
  }

  find(idNumber: string, recordType: RecordType): WireRecordSet | undefined {
    return this.byId.get(idNumber)?.find((r) => r.recordType === recordType);
  }
}
