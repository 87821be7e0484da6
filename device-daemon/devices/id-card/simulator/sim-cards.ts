import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR } from '../../../version';
import { SEX, type SexCode } from '../codec/card-codes';
import { nationDisplay } from '../codec/card-codes';
import type { CardRecord } from '../codec/card-record';
import { isValidIdNumber } from '../codec/id-number';

/**
 * Synthetic cards for the simulator, demos and tests. Invented people only:
 * the residents come from assets/demo/synthetic-people.json (shared with the
 * embedded platform), the foreign and HK/Macao/Taiwan cards are defined here.
 * Every number has a valid GB 11643 check digit except `resident-badcheck`.
 */
export interface SimCard {
  id: string;
  record: CardRecord;
  /** 1024 opaque WLT bytes (a fixed synthetic pattern; no real photo). */
  wlt: Buffer;
  note: string;
  /** The card answers find/select but every read fails with 0x41 (worn chip, bent antenna). */
  damaged?: boolean;
}

interface PersonJson {
  id: string;
  kind: 'resident';
  name: string;
  sex: string;
  nation: string;
  birthDate: string;
  address: string;
  idNumber: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  note: string;
}

const sex = (code: SexCode) => ({ sexCode: code, sex: SEX[code].key });

/** A recognisable but meaningless photo block: "WL" header with 102×126 like real ones, then a pattern. */
function syntheticWlt(seed: string): Buffer {
  const b = Buffer.alloc(1024);
  b.write('WL', 0, 'latin1');
  b.writeUInt16LE(102, 2);
  b.writeUInt16LE(126, 4);
  let x = [...seed].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7);
  for (let i = 6; i < b.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

function residentsFromAssets(): SimCard[] {
  const file = join(ROOT_DIR, 'assets', 'demo', 'synthetic-people.json');
  const people = (JSON.parse(readFileSync(file, 'utf8')) as { people: PersonJson[] }).people;
  return people
    .filter((p) => p.kind === 'resident')
    .map((p) => ({
      id: p.id,
      note: p.note,
      wlt: syntheticWlt(p.id),
      record: {
        kind: 'resident',
        name: p.name,
        ...sex(p.sex as SexCode),
        nationCode: p.nation,
        nation: nationDisplay(p.nation),
        birthDate: p.birthDate,
        address: p.address,
        idNumber: p.idNumber,
        issuer: p.issuer,
        validFrom: p.validFrom,
        validTo: p.validTo,
        checkDigitOk: isValidIdNumber(p.idNumber),
        ...(p.id === 'resident-young' ? { appendedAddress: '河南省平顶山市卫东区新址路1号院2号楼' } : {}),
      },
    }));
}

const OTHER_CARDS: SimCard[] = [
  {
    id: 'foreign-2023',
    note: '2023 foreign permanent resident card (Y layout); English name longer than 35 characters (split field)',
    wlt: syntheticWlt('foreign-2023'),
    record: {
      kind: 'foreignPermanent',
      foreignLayout: 'Y',
      name: '安娜',
      englishName: 'SCHMIDT-WEBER, ANNA KATHARINA MARIA SAMPLE',
      ...sex('2'),
      nationality: 'DEU',
      birthDate: '1990-03-15',
      idNumber: '934110199003150022',
      validFrom: '2024-02-01',
      validTo: '2034-02-01',
      renewalCount: '00',
      previousNumberLink: '137',
      checkDigitOk: true,
    },
  },
  {
    id: 'foreign-old',
    note: 'pre-2023 foreign permanent resident card (I layout), 15-character permit number',
    wlt: syntheticWlt('foreign-old'),
    record: {
      kind: 'foreignPermanent',
      foreignLayout: 'I',
      name: '米拉',
      englishName: 'KOVAC, MIRA TESTCARD',
      ...sex('2'),
      nationality: 'HRV',
      birthDate: '1985-06-01',
      idNumber: 'HRV410085060012',
      validFrom: '2019-04-01',
      validTo: '2029-04-01',
      cardVersion: '05',
      issuerCode: '4100',
      checkDigitOk: null,
    },
  },
  {
    id: 'hk-permit',
    note: 'Hong Kong resident residence permit (J layout)',
    wlt: syntheticWlt('hk-permit'),
    record: {
      kind: 'hkMacaoTaiwan',
      name: '陈家明',
      ...sex('1'),
      birthDate: '1992-08-08',
      address: '河南省平顶山市卫东区示例大道88号',
      idNumber: '810000199208080030',
      issuer: '平顶山市公安局卫东分局',
      validFrom: '2022-01-10',
      validTo: '2027-01-10',
      passNumber: 'H90000001',
      issueCount: '01',
      region: 'HK',
      checkDigitOk: true,
    },
  },
  {
    id: 'tw-permit-expired',
    note: 'Taiwan resident residence permit, expired',
    wlt: syntheticWlt('tw-permit-expired'),
    record: {
      kind: 'hkMacaoTaiwan',
      name: '黄雅婷',
      ...sex('2'),
      birthDate: '1987-02-14',
      address: '河南省平顶山市卫东区测试街9号',
      idNumber: '830000198702140042',
      issuer: '平顶山市公安局卫东分局',
      validFrom: '2018-09-01',
      validTo: '2023-09-01',
      passNumber: 'T00000002',
      issueCount: '02',
      region: 'TW',
      checkDigitOk: true,
    },
  },
  {
    id: 'resident-damaged',
    note: 'resident card whose chip answers but cannot be read (every read: SW3 0x41)',
    wlt: syntheticWlt('resident-damaged'),
    damaged: true,
    record: {
      kind: 'resident',
      name: '赵示例',
      ...sex('9'),
      nationCode: '01',
      nation: nationDisplay('01'),
      birthDate: '1970-01-01',
      address: '河南省平顶山市卫东区样本路5号',
      idNumber: '410403197001010016',
      issuer: '平顶山市公安局卫东分局',
      validFrom: '2010-01-01',
      validTo: '2030-01-01',
      checkDigitOk: true,
    },
  },
];

let cache: Map<string, SimCard> | undefined;

export function simCards(): ReadonlyMap<string, SimCard> {
  cache ??= new Map([...residentsFromAssets(), ...OTHER_CARDS].map((c) => [c.id, c]));
  return cache;
}

export const DEFAULT_SIM_CARD = 'resident-valid';

export function simCard(id: string): SimCard {
  const c = simCards().get(id);
  if (!c) throw new Error(`no synthetic card ${JSON.stringify(id)}; known: ${[...simCards().keys()].join(', ')}`);
  return c;
}
