import type { EvaluationChannel } from '../../contract/api/evaluation';
import { EVALUATION_LEVELS } from '../../contract/api/submission';
import { SATISFACTION } from './wire';

// The provincial 好差评 code lists, applied only here, where a rating leaves
// the terminal; inside, a rating is its level (5 = 非常满意 … 1 = 非常不满意),
// its channel and the terminal's own reason ids.
//
// - 整体满意度: the national/provincial interfaces in public code number
//   1 = 非常不满意 … 5 = 非常满意 (GB/T 39046 A.8 counts the other way; the
//   reference brief §0.2 says to map at the boundary and confirm against the
//   Henan interface specification), which is the terminal's level.
// - 评价渠道 pf: 5 = 政务大厅其他终端 (self-service terminal, the screen and the
//   evaluator beside it), 3 = 二维码 (the receipt's QR brought the resident back).
// - 测评指标编码: the official list (GB/T 39734 Annex A) was not available; the
//   codes below follow the 5xx pattern seen in public interface code for
//   offline indicators and are to be confirmed with the provincial platform.

const PF: Readonly<Record<EvaluationChannel, number>> = { screen: 5, device: 5, qr: 3 };

const INDICATOR_CODES: Readonly<Record<string, string>> = {
  effic: '501', // 服务效率
  attitu: '502', // 服务态度
  skill: '503', // 服务水平
  guide: '504', // 办事指南
  trips: '505', // 跑动次数
  device: '506', // 设施设备
};

export interface EvaluationFacts {
  level: number;
  channel: EvaluationChannel;
  reasons: readonly string[];
}

/** The provincial codes of a rating, as the platform contract carries them beside the labels. */
export function provincialCodes(e: EvaluationFacts): { satisfaction: string; satisfactionLabel: string; satisfactionCode: number; pf: number; indicatorCodes: string[] } {
  const level = e.level as keyof typeof EVALUATION_LEVELS;
  return {
    satisfaction: SATISFACTION[level - 1]!,
    satisfactionLabel: EVALUATION_LEVELS[level],
    satisfactionCode: level,
    pf: PF[e.channel],
    indicatorCodes: e.reasons.map((r) => INDICATOR_CODES[r] ?? r),
  };
}
