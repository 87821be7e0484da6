import type { LayoutName, PrintRequest, PrintRequestInput } from '../../../../contract/api/printer';
import { evaluationUrl } from '../../../../contract/domain/evaluation-url';
import type { WriterProfile } from '../receipt-writer';
import type { LayoutContext, ReceiptDoc } from './doc';
import { acceptanceReceipt } from './acceptance-receipt';
import { oneTimeNotice } from './one-time-notice';
import { queryResult } from './query-result';
import { complaintReceipt } from './complaint-receipt';
import { precheckResult } from './precheck-result';
import { testPage } from './test-page';

export { renderDoc } from './render';
export type { ReceiptDoc } from './doc';

/** What layouts take from the terminal's configuration and state (defaults for optional data). */
export interface LayoutEnv {
  ctx: LayoutContext;
  links: { progressUrlTemplate: string; evaluationUrlTemplate: string; guideUrlTemplate: string };
  phones: { consultation: string; supervision: string };
  printer: { status: string; transport: string; profile: WriterProfile & { nearEndSensor: boolean; autoStatusBack: boolean } };
}

const fill = (template: string, key: string, value: string) => template.replace(`{${key}}`, encodeURIComponent(value));

/** Validated request → doc (personal data masked by the layout). */
export function buildDoc(req: PrintRequest, env: LayoutEnv): ReceiptDoc {
  switch (req.layout) {
    case 'acceptanceReceipt': {
      const d = req.data;
      return acceptanceReceipt(
        {
          ...d,
          progressUrl: d.progressUrl ?? fill(env.links.progressUrlTemplate, 'caseNo', d.caseNo),
          evaluationUrl: d.evaluationUrl ?? evaluationUrl(env.links.evaluationUrlTemplate, d.caseNo, env.ctx.terminalId),
          supervisionPhone: d.supervisionPhone ?? env.phones.supervision,
        },
        env.ctx,
      );
    }
    case 'oneTimeNotice': {
      const d = req.data;
      return oneTimeNotice({ ...d, guideUrl: d.guideUrl ?? fill(env.links.guideUrlTemplate, 'itemCode', d.itemCode ?? ''), phones: d.phones ?? env.phones }, env.ctx);
    }
    case 'queryResult':
      return queryResult(req.data, env.ctx);
    case 'complaintReceipt':
      return complaintReceipt({ ...req.data, evaluationUrl: evaluationUrl(env.links.evaluationUrlTemplate, req.data.complaintNo, env.ctx.terminalId) }, env.ctx);
    case 'precheckResult': {
      const d = req.data;
      return precheckResult({ ...d, guideUrl: d.guideUrl ?? fill(env.links.guideUrlTemplate, 'itemCode', d.itemCode ?? ''), phones: d.phones ?? env.phones }, env.ctx);
    }
    case 'testPage':
      return testPage({ ...req.data, ...env.printer }, env.ctx);
  }
}

/** Synthetic sample data for every layout (CLI `escpos layout --sample`, tests, bench). Invented people only. */
export const SAMPLES: { [K in LayoutName]: Extract<PrintRequestInput, { layout: K }> } = {
  acceptanceReceipt: {
    layout: 'acceptanceReceipt',
    data: {
      caseNo: 'WD0001-20250612-00042-K',
      itemName: '城乡居民基本养老保险待遇申领',
      itemCode: 'WD-SB-0007',
      department: '卫东区社会保险中心',
      applicant: { name: '林晓禾', idNumber: '410403195803120023', phone: '13800138000' },
      submittedAt: '2025-06-12T06:03:00Z',
      promisedDate: '2025-06-26',
      promisedProvisional: true,
      materialsToBring: ['户口簿原件（首页及本人页）', '银行卡或存折复印件1份'],
      delivery: { method: 'post', detail: '卫东区示例路12号' },
    },
  },
  oneTimeNotice: {
    layout: 'oneTimeNotice',
    data: {
      itemName: '城乡居民基本养老保险待遇申领',
      itemCode: 'WD-SB-0007',
      materials: [
        { name: '居民身份证', originals: 1, copies: 1 },
        { name: '户口簿', originals: 1, copies: 1, note: '首页及本人页' },
        { name: '本人银行卡或存折', originals: 0, copies: 1 },
      ],
      timeLimit: { legalDays: 20, promisedDays: 10, workingDays: true },
      fees: '不收费',
      where: [{ place: '东安路街道便民服务中心 3号窗口', address: '卫东区东安路街道便民服务中心一楼', hours: '工作日 8:30-12:00 14:30-17:30' }],
      issuedAt: '2025-06-12T06:10:00Z',
    },
  },
  queryResult: {
    layout: 'queryResult',
    data: {
      title: '城乡居民养老保险参保证明',
      person: { name: '石磊', idNumber: '410403199011020030' },
      rows: [
        { label: '参保状态', value: '正常参保' },
        { label: '参保险种', value: '城乡居民基本养老保险' },
        { label: '首次参保', value: '2012-01' },
        { label: '累计缴费', value: '13年' },
        { label: '缴费档次', value: '每年500元' },
      ],
      issuedAt: '2025-06-12T06:20:00Z',
      issuer: '平顶山市卫东区社会保险中心（示例）',
      verifyCode: 'YZ-8F3K-2Q7M',
      verifyUrl: 'https://zwfw.example.gov.cn/verify?code=YZ-8F3K-2Q7M',
    },
  },
  complaintReceipt: {
    layout: 'complaintReceipt',
    data: {
      complaintNo: 'TS-WD0001-20250612-0003',
      category: '服务态度',
      submittedAt: '2025-06-12T07:00:00Z',
      promise: '5个工作日内电话答复处理结果',
      phone: '12345',
      contact: { name: '石磊', phone: '13900139000' },
    },
  },
  precheckResult: {
    layout: 'precheckResult',
    data: {
      itemName: '社会保障卡申领',
      outcome: 'checkAtWindow',
      reasons: ['已申领过社会保障卡的，请办理补换卡而非新办。'],
      missingMaterials: ['近期免冠证件照片（白底）'],
      where: [{ place: '东安路街道便民服务中心 社保窗口', address: '卫东区东安路街道便民服务中心一楼', hours: '工作日 8:30-12:00 14:30-17:30' }],
      issuedAt: '2025-06-12T06:10:00Z',
      note: '是否已申领过社会保障卡，请窗口工作人员核实。',
    },
  },
  testPage: { layout: 'testPage', data: {} },
};
