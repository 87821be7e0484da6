import type { CaseProgress } from '../../../contract/api/submission';
import { parseCaseNumber } from '../../../contract/domain/case-number';
import { ApiFailure } from '../../api/router';
import type { Capability, CapabilityContext } from '../../capability';
import type { WireCase } from '../../platform/wire';
import { caseProgress } from '../../store/progress';
import type { Submission } from '../../store/submissions';
import { answering, platformFailure } from '../failures';
import { personQuery, requireIdentity } from '../session-person';
import { withServiceDetail } from './case-detail';

/**
 * case.progress: a case's timeline by its number (typed or scanned), or every
 * case of the person whose card was read — what the terminal knows (accepted,
 * waiting, parked) followed by what the platform reports. When the platform
 * cannot be reached, the terminal's own knowledge is the answer.
 */
export function createProgressCapability(ctx: CapabilityContext): Capability {
  const { log, router, services } = ctx;
  const { store, sessionCard, catalog } = services;
  const detail = (p: CaseProgress) => withServiceDetail(p, (code) => catalog.item(code));

  const byNumber = async (caseNo: string): Promise<CaseProgress[]> => {
    const o = store.require();
    const parsed = parseCaseNumber(caseNo, { demo: store.isDemo() });
    if (!parsed.ok) throw new ApiFailure('invalidArgs', `case number ${JSON.stringify(caseNo)}: ${parsed.message}`, { field: 'caseNo', reason: parsed.reason });
    const local = store.run((s) => s.store.submissions.findByCaseNo(parsed.caseNo));
    let remote: WireCase | undefined;
    if (!local || local.state === 'delivered') {
      try {
        remote = await o.platform.progress(parsed.caseNo);
      } catch (err) {
        if (!local) throw platformFailure(err);
        log.warn({ caseNo: parsed.caseNo, err: (err as Error).message }, 'progress: platform not reachable, answering from the terminal');
      }
    }
    if (!local && !remote) throw new ApiFailure('notFound', `no case ${parsed.caseNo} is known`);
    return [detail(caseProgress(local, remote, o.store.submissions))];
  };

  const byCard = async (): Promise<CaseProgress[]> => {
    const o = store.require();
    const p = personQuery(o, requireIdentity(sessionCard, 'looking up your cases'));
    const locals = store.run((s) => s.store.submissions.findByApplicant(p.applicantRef));
    let remotes: WireCase[] = [];
    try {
      remotes = await o.platform.casesOf(p);
    } catch (err) {
      if (!locals.length) throw platformFailure(err);
      log.warn({ err: (err as Error).message }, 'progress by card: platform not reachable, answering from the terminal');
    }
    const byCase = new Map<string, { local?: Submission; remote?: WireCase }>();
    for (const l of locals) byCase.set(l.caseNo, { local: l });
    for (const r of remotes) byCase.set(r.caseNo, { ...byCase.get(r.caseNo), remote: r });
    const cases = [...byCase.values()].map((c) => detail(caseProgress(c.local, c.remote, o.store.submissions)));
    // Same-format ISO stamps order by their code units; localeCompare would load ICU's collation tables (MB of memory) for that.
    return cases.sort((a, b) => (a.acceptedAt < b.acceptedAt ? -1 : a.acceptedAt > b.acceptedAt ? 1 : 0));
  };

  return {
    name: 'progress',
    start() {
      router.register('case.progress', (args) => answering(async () => ({ cases: 'caseNo' in args ? await byNumber(args.caseNo) : await byCard() })));
    },
    stop() {},
  };
}
