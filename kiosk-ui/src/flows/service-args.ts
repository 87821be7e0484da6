import type { DeliveryChoice, MaterialChoice, PrecheckParams, ServiceInput, SubmitParams } from '../../../state-machines/flows/service-machine';
import type { AskedField } from '../../../state-machines/flows/form-answers';
import type { CatalogItem, Material } from '../../../contract/catalog/catalog-schema';
import type { MaterialsProvided, SubmitArgs } from '../../../contract/api/submission';
import type { PrecheckArgs } from '../../../contract/api/precheck';
import { chinaDate } from '../../../contract/domain/china-time';

// What an item's service journey starts from and sends, built from the
// catalog item. Everything personal stays in the daemon: the UI sends
// `applicant: 'sessionCard'` and `addressFrom: 'card'`; the daemon sets the
// promised date and checks the answers against the item.

/** Materials the terminal cannot obtain itself: the resident says how each will be provided. */
export function askedMaterials(item: CatalogItem): Material[] {
  return item.materials.filter((m) => m.terminalCheck === 'none' && m.kind !== 'information');
}

/** The item's result delivery methods as the apply payload knows them, in display order. */
export function deliveryChoices(item: CatalogItem): DeliveryChoice[] {
  const m = new Set(item.delivery.methods);
  const out: DeliveryChoice[] = [];
  if (m.has('window')) out.push('pickup');
  if (m.has('post')) out.push('post');
  if (m.has('electronic') || m.has('notification') || m.has('selfPrint') || m.has('screen')) out.push('electronic');
  return out;
}

/** The journey's input from the catalog item (the UI starts it with START_SERVICE); `now` sets "today" in China time; `ratingKey` is its 好差评's key. */
export function serviceInput(item: CatalogItem, elder: boolean, idempotencyKey: string, now: number, ratingKey: string = crypto.randomUUID()): ServiceInput | undefined {
  const t = item.terminal;
  if (t.mode === 'guideOnly') return undefined;
  const fields = t.mode === 'queryPrint' ? [] : (t.fields.filter((f) => f.kind !== 'prefilled') as AskedField[]);
  return {
    mode: t.mode,
    itemId: item.id,
    idempotencyKey,
    fields,
    perPage: elder ? 1 : 4,
    materials: t.mode === 'queryPrint' ? [] : askedMaterials(item).map((m) => m.id),
    delivery: t.mode === 'apply' ? deliveryChoices(item) : [],
    today: chinaDate(now),
    itemCode: item.code,
    ratingKey,
  };
}

const PROVIDED: Record<MaterialChoice, MaterialsProvided[number]['provided']> = { have: 'onSite', later: 'later', post: 'post', notNeeded: 'notRequired' };
const AUTO: Record<Material['terminalCheck'], MaterialsProvided[number]['provided'] | undefined> = { cardReader: 'sharedData', sharedData: 'sharedData', generated: 'notRequired', none: undefined };

/** Every material of the item: the asked ones as the resident chose, the rest as the terminal obtains them. */
function materialsProvided(item: CatalogItem, provided: Record<string, MaterialChoice>): MaterialsProvided {
  return item.materials.flatMap((m) => {
    const chosen = provided[m.id];
    const how = chosen ? PROVIDED[chosen] : AUTO[m.terminalCheck];
    return how ? [{ code: m.id, provided: how }] : [];
  });
}

export function applicationArgs(item: CatalogItem, p: SubmitParams): SubmitArgs {
  const phoneField = item.terminal.mode === 'apply' ? item.terminal.fields.find((f) => f.kind === 'phone') : undefined;
  const phone = phoneField ? p.answers[phoneField.id] : undefined;
  return {
    kind: 'application',
    idempotencyKey: p.idempotencyKey,
    applicant: 'sessionCard',
    itemCode: item.code,
    payload: {
      answers: p.answers,
      materials: materialsProvided(item, p.provided),
      delivery: p.delivery === 'post' ? { method: 'post', addressFrom: 'card' } : { method: p.delivery },
      // The daemon records 帮办代办 from the assistant signed in for the session; the page's word is not taken.
      assisted: false,
      ...(typeof phone === 'string' ? { contactPhone: phone } : {}),
    },
    ...(p.repeatOf ? { repeatOf: p.repeatOf } : {}),
  };
}

/** precheck.evaluate / precheck.print: the daemon judges the item's rules over these and the session card. */
export function precheckArgs(item: CatalogItem, p: PrecheckParams): PrecheckArgs {
  return { itemId: item.id, answers: p.answers, materials: materialsProvided(item, p.provided) };
}
