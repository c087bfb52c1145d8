import { IdentityFacts } from '../clients/PreflightReader';
import { OWNERSHIP_MARKS, sameRef } from './ownershipMarks';

/** Another component's request that uses an identity, from the request records. */
export interface IdentityUse {
  entityRef: string;
  status: string;
}

/**
 * Whose an identity is: `own` when its provenance says the component's, `other` with the
 * component it belongs to, `unknown` when nothing says (made by hand, outside the portal).
 * The tag the portal writes when it creates an identity comes first; the request records
 * fill in for identities made before the portal tagged them, and reveal a shared identity.
 */
export type Provenance =
  | { kind: 'own' }
  | { kind: 'other'; owner: string }
  | { kind: 'unknown' };

// Requests in these states hold, or are about to hold, access through the identity.
const LIVE = ['pending-approval', 'approved', 'applying', 'active', 'revoking'];

export function provenanceOf(options: {
  identity: Pick<IdentityFacts, 'tags'>;
  entityRef: string;
  uses: IdentityUse[];
}): Provenance {
  const tagged = options.identity.tags?.[OWNERSHIP_MARKS.identityComponentTag];
  if (tagged) {
    return sameRef(tagged, options.entityRef)
      ? { kind: 'own' }
      : { kind: 'other', owner: tagged };
  }
  const live = options.uses.filter(u => LIVE.includes(u.status));
  const other = live.find(u => !sameRef(u.entityRef, options.entityRef));
  if (other) return { kind: 'other', owner: other.entityRef };
  return live.length > 0 ? { kind: 'own' } : { kind: 'unknown' };
}
