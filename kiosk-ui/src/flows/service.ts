import type { DaemonClient } from '../client/daemon-client';
import { CommandError } from '../client/daemon-client';
import { serviceMachine, type DeliveryChoice, type MaterialChoice, type ServiceInput } from '../../../state-machines/flows/service-machine';
import { provideIdentify } from './identify';
import type { AskedField } from '../../../state-machines/flows/form-answers';
import type { CatalogItem, Material } from '../../../contract/catalog/catalog-schema';
import type { SubmitArgs } from '../../../contract/api/submission';
import type { UiCatalog } from '../catalog/ui-catalog';
import { evaluateEligibility } from '../catalog/eligibility';

// The item service journey with its daemon effects injected. Everything
// personal stays in the daemon: the UI sends `applicant: 'sessionCard'` and
// `addressFrom: 'card'`, and asks the daemon to compose and print receipts.

const codeOf = (err: unknown) => (err instanceof CommandError ? err.code : 'internalError');
const jobOf = (err: unknown) => (err instanceof CommandError ? ((err.detail as { jobId?: string } | undefined)?.jobId ?? undefined) : undefined);

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

/** Build the journey's input from the catalog item (the UI starts it with START_SERVICE). */
export function serviceInput(item: CatalogItem, elder: boolean, idempotencyKey: string, today: Date): ServiceInput | undefined {
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
    today: isoDay(today),
  };
}

export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const PROVIDED: Record<MaterialChoice, 'onSite' | 'later' | 'post' | 'notRequired'> = { have: 'onSite', later: 'later', post: 'post', notNeeded: 'notRequired' };
const AUTO: Record<Material['terminalCheck'], 'sharedData' | 'notRequired' | undefined> = { cardReader: 'sharedData', sharedData: 'sharedData', generated: 'notRequired', none: undefined };

export function applicationArgs(item: CatalogItem, p: { idempotencyKey: string; answers: Record<string, unknown>; provided: Record<string, MaterialChoice>; delivery: DeliveryChoice }): SubmitArgs {
  const phoneField = item.terminal.mode === 'apply' ? item.terminal.fields.find((f) => f.kind === 'phone') : undefined;
  const phone = phoneField ? p.answers[phoneField.id] : undefined;
  const materials = item.materials.flatMap((m) => {
    const chosen = p.provided[m.id];
    const provided = chosen ? PROVIDED[chosen] : AUTO[m.terminalCheck];
    return provided ? [{ code: m.id, provided }] : [];
  });
  return {
    kind: 'application',
    idempotencyKey: p.idempotencyKey,
    applicant: 'sessionCard',
    itemCode: item.code,
    payload: {
      answers: p.answers as SubmitArgs extends { payload: { answers: infer A } } ? A : never,
      materials,
      delivery: p.delivery === 'post' ? { method: 'post', addressFrom: 'card' } : { method: p.delivery },
      assisted: false,
      ...(typeof phone === 'string' ? { contactPhone: phone } : {}),
    },
  } as SubmitArgs;
}

export function provideService(client: DaemonClient, catalog: () => UiCatalog | null) {
  const item = (id: string) => {
    const i = catalog()?.byId.get(id);
    if (!i) throw new Error(`item ${id} is not in the catalog`);
    return i;
  };
  return serviceMachine.provide({
    actors: { identify: provideIdentify(client) },
    actions: {
      submit: ({ self }, p) => {
        client.call('submission.submit', applicationArgs(item(p.itemId), p), { timeoutMs: 20_000 }).then(
          (result) => self.send({ type: 'SUBMITTED', result }),
          (err: unknown) => self.send({ type: 'SUBMIT_FAILED', code: codeOf(err) }),
        );
      },
      printReceipt: ({ self }, { caseNo }) => {
        client.call('receipt.print', { caseNo }, { timeoutMs: 60_000 }).then(
          (job) => self.send({ type: 'PRINTED', jobId: job.jobId }),
          (err: unknown) => self.send({ type: 'PRINT_FAILED', code: codeOf(err), jobId: jobOf(err) }),
        );
      },
      evaluate: ({ self }, { itemId, answers, card }) => {
        const it = item(itemId);
        const rules = it.terminal.mode === 'precheck' ? it.terminal.eligibility : [];
        const age = (card as { age?: number } | undefined)?.age;
        const r = evaluateEligibility(rules, answers as never, { 'card.age': age });
        // A rule whose fact is unknown is for staff to judge: never a silent "eligible".
        const outcome = r.outcome === 'incomplete' ? 'checkAtWindow' : r.outcome;
        queueMicrotask(() => self.send({ type: 'EVALUATED', result: { outcome, failed: r.failed.map((f) => f.id) } }));
      },
      printPrecheck: ({ self }, { itemId, result, provided }) => {
        const it = item(itemId);
        const rules = it.terminal.mode === 'precheck' ? it.terminal.eligibility : [];
        const data = {
          itemName: it.name.zh,
          // Synthetic sample codes are never printed as if official (the guide QR then opens the guide index).
          ...(it.codeIsOfficial ? { itemCode: it.code } : {}),
          outcome: result.outcome,
          reasons: rules.filter((r) => result.failed.includes(r.id)).map((r) => r.message.zh),
          missingMaterials: it.materials.filter((m) => provided[m.id] === 'later').map((m) => m.name.zh),
          where: it.where.slice(0, 5).map((w) => ({ place: w.place.zh, ...(w.address ? { address: w.address } : {}), hours: w.hours.zh })),
          issuedAt: new Date().toISOString(),
        };
        client.call('printer.print', { layout: 'precheckResult', data } as never, { timeoutMs: 60_000 }).then(
          (job) => self.send({ type: 'PRINTED', jobId: (job as { jobId: string }).jobId }),
          (err: unknown) => self.send({ type: 'PRINT_FAILED', code: codeOf(err), jobId: jobOf(err) }),
        );
      },
      fetchRecords: ({ self }, { itemId }) => {
        const it = item(itemId);
        if (it.terminal.mode !== 'queryPrint') return;
        client.call('records.query', { recordType: it.terminal.record }, { timeoutMs: 30_000 }).then(
          (records) => self.send({ type: 'RECORDS_FOUND', records }),
          (err: unknown) => self.send(codeOf(err) === 'notFound' ? { type: 'NO_RECORDS' } : { type: 'FETCH_FAILED', code: codeOf(err) }),
        );
      },
      printRecords: ({ self }, { itemId }) => {
        const it = item(itemId);
        if (it.terminal.mode !== 'queryPrint') return;
        client.call('records.print', { recordType: it.terminal.record }, { timeoutMs: 60_000 }).then(
          (job) => self.send({ type: 'PRINTED', jobId: job.jobId }),
          (err: unknown) => self.send({ type: 'PRINT_FAILED', code: codeOf(err), jobId: jobOf(err) }),
        );
      },
    },
  });
}
