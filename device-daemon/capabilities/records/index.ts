import type { RecordSet } from '../../../contract/api/submission';
import { maskIdNumber, maskName } from '../../../contract/domain/mask';
import { ApiFailure } from '../../api/router';
import type { Capability, CapabilityContext } from '../../capability';
import { answering, platformFailure } from '../failures';
import { personQuery, requireIdentity } from '../session-person';

/**
 * records.query: the records (参保证明, 养老金领取) of the person whose card
 * was read in this session, from the platform; the holder is answered masked
 * (a printed certificate is composed by records.print). Audited and counted.
 */
export function createRecordsCapability(ctx: CapabilityContext): Capability {
  const { router, services } = ctx;
  const { store, sessionCard, clock } = services;
  return {
    name: 'records',
    start() {
      router.register('records.query', ({ recordType }) =>
        answering(async (): Promise<RecordSet> => {
          const o = store.require();
          const id = requireIdentity(sessionCard, 'a record query');
          const set = await o.platform.records(personQuery(o, id), recordType).catch((err: unknown) => {
            throw platformFailure(err);
          });
          store.run((s) => {
            s.store.audit.append('records.queried', { recordType, found: set !== undefined, person: maskIdNumber(id.idNumber) }, clock.now());
            s.store.counters.add('recordQueries', 1, clock.now());
          });
          if (!set) throw new ApiFailure('notFound', `the platform has no ${recordType} record for this person`);
          const { holder, ...rest } = set;
          return { ...rest, holder: { maskedName: maskName(holder.name), maskedIdNumber: maskIdNumber(holder.idNumber) } };
        }),
      );
    },
    stop() {},
  };
}
