/**
 * Code tables of the card text (reference §6). Sex follows the GB/T 2261.1
 * code set: 0 unknown, 1 male, 2 female, 9 unspecified — anything else is a
 * corrupt card, never "not 1 means female".
 */

export const SEX = {
  '0': { key: 'unknown', label: '未知' },
  '1': { key: 'male', label: '男' },
  '2': { key: 'female', label: '女' },
  '9': { key: 'unspecified', label: '未说明' },
} as const;

export type SexCode = keyof typeof SEX;
export type SexKey = (typeof SEX)[SexCode]['key'];

export function isSexCode(c: string): c is SexCode {
  return Object.hasOwn(SEX, c);
}

/** 民族 codes (GB 3304), names without the trailing 族 (display appends it). */
export const NATIONS: Readonly<Record<string, string>> = {
  '01': '汉',
  '02': '蒙古',
  '03': '回',
  '04': '藏',
  '05': '维吾尔',
  '06': '苗',
  '07': '彝',
  '08': '壮',
  '09': '布依',
  '10': '朝鲜',
  '11': '满',
  '12': '侗',
  '13': '瑶',
  '14': '白',
  '15': '土家',
  '16': '哈尼',
  '17': '哈萨克',
  '18': '傣',
  '19': '黎',
  '20': '傈僳',
  '21': '佤',
  '22': '畲',
  '23': '高山',
  '24': '拉祜',
  '25': '水',
  '26': '东乡',
  '27': '纳西',
  '28': '景颇',
  '29': '柯尔克孜',
  '30': '土',
  '31': '达斡尔',
  '32': '仫佬',
  '33': '羌',
  '34': '布朗',
  '35': '撒拉',
  '36': '毛南',
  '37': '仡佬',
  '38': '锡伯',
  '39': '阿昌',
  '40': '普米',
  '41': '塔吉克',
  '42': '怒',
  '43': '乌孜别克',
  '44': '俄罗斯',
  '45': '鄂温克',
  '46': '德昂',
  '47': '保安',
  '48': '裕固',
  '49': '京',
  '50': '塔塔尔',
  '51': '独龙',
  '52': '鄂伦春',
  '53': '赫哲',
  '54': '门巴',
  '55': '珞巴',
  '56': '基诺',
  '97': '其他',
  '98': '外国血统中国籍人士',
};

/** Display form: 汉 → 汉族; the two non-ethnic codes stay as they are. */
export function nationDisplay(code: string): string | null {
  const name = NATIONS[code];
  if (!name) return null;
  return code === '97' || code === '98' ? name : `${name}族`;
}

/** Region of an HK/Macao/Taiwan residence permit from its number prefix [S]. */
export const PERMIT_REGIONS: Readonly<Record<string, 'HK' | 'MO' | 'TW'>> = { '81': 'HK', '82': 'MO', '83': 'TW' };
