import { ApiFailure } from '../api/router';
import type { SessionCard, SessionCardHolder } from '../devices/id-card/session-card';
import type { PersonQuery } from '../platform/types';
import type { OpenStore } from '../store/store-service';

export type Identity = NonNullable<SessionCard['identity']>;

/** The person identified by the card read in this session; noSession when none is (the UI never sends an identity). */
export function requireIdentity(card: SessionCardHolder, what: string): Identity {
  const id = card.sessionCard()?.identity;
  if (!id) throw new ApiFailure('noSession', `${what} needs the resident's ID card read in this session`);
  return id;
}

/** How the platform is asked about a person: the number, the name, and the store's keyed reference to find local cases. */
export function personQuery(o: OpenStore, id: Identity): PersonQuery {
  return { idNumber: id.idNumber, name: id.name, applicantRef: o.store.applicantRef(id.idNumber) };
}
