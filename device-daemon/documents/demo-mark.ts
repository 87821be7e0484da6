import { DEMO_MARK } from '../../contract/api/demo';
import type { ReceiptDoc } from '../devices/printer/layouts';

// A thermal printer has no watermark: the mark is text, a line above and below
// the document and a band of it under the title, so a demo page can never pass
// for a real one, however it is cut or folded.

const LINE = `【${DEMO_MARK} · 演示用 非正式凭证】`;
const BAND = `${DEMO_MARK}  ${DEMO_MARK}  ${DEMO_MARK}`;

/** The document as printed in demo mode: the mark as its first and last line and as a band after the title. */
export function markedForDemo(doc: ReceiptDoc): ReceiptDoc {
  const band = { kind: 'text' as const, text: BAND, align: 'center' as const };
  const [first, ...rest] = doc.blocks;
  const head = first?.kind === 'title' ? [first, band] : [band, ...(first ? [first] : [])];
  return {
    ...doc,
    blocks: [{ kind: 'text', text: LINE, align: 'center', bold: true }, ...head, ...rest, { kind: 'rule' }, { kind: 'text', text: LINE, align: 'center', bold: true }],
  };
}
