import {
  AccessRequestWithEvents,
  ChainView,
  Finding,
  LinkState,
  worstLinkState,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { AccessInWords, accessInWords } from '../shared/accessInWords';

/** The component's Azure access in a few facts, for the overview card and the full chain. */
export interface ChainSummary {
  /** `chain`: a workload uses workload identity; `revoked`: its access was taken back. */
  kind: 'chain' | 'revoked' | 'no-access';
  state: LinkState;
  /** One line: how the chain stands, or since when there is no access. */
  headline: string;
  /** The first thing to fix or know: the worst finding nothing else explains. */
  worst?: Finding;
  /** Each role on each resource the component's identities hold, in words. */
  access: AccessInWords[];
  /** The active request that granted the access, for its expiry. */
  granting?: AccessRequestWithEvents;
}

const CHAIN_HEADLINES: Record<LinkState, (name: string) => string> = {
  ok: name => `The chain works: ${name} gets its Azure token.`,
  broken: () =>
    'The chain is broken: its Azure calls fail until the first problem is fixed.',
  degraded: () => 'The chain works, with something to tidy up.',
  pending: () => 'The chain is being set up; some links are not in effect yet.',
  unknown: () =>
    'Part of the chain could not be read, so it is not known to work.',
  none: name => `${name} has no Azure access through workload identity yet.`,
};

const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** When a request's access ended: its `revoked` event, else its last change. */
function endedOn(request: AccessRequestWithEvents): string {
  const revoked = request.events.find(e => e.type === 'revoked');
  return DAY.format(new Date(revoked?.createdAt ?? request.updatedAt));
}

const newestFirst = (a: { createdAt: string }, b: { createdAt: string }) =>
  Date.parse(b.createdAt) - Date.parse(a.createdAt);

/**
 * What the card says first. A component whose access was revoked is not a broken chain: it
 * has no access since that day, and only what still asks for Azure is worth a warning.
 */
export function summarizeChain(options: {
  entityName: string;
  chain: ChainView;
  requests?: AccessRequestWithEvents[];
}): ChainSummary {
  const { entityName, chain } = options;
  const requests = [...(options.requests ?? [])].sort(newestFirst);
  const visible = chain.findings.filter(f => !f.maskedBy);
  const worst = visible[0];
  const access = uniqueAccess(chain);
  const granting = requests.find(r => r.status === 'active');
  const usesIdentity = chain.bindings.some(b => b.usesWorkloadIdentity);
  if (usesIdentity) {
    const state = worstLinkState(Object.values(chain.links));
    return {
      kind: 'chain',
      state,
      headline: CHAIN_HEADLINES[state](entityName),
      worst,
      access,
      granting,
    };
  }
  const state = worstLinkState([...visible.map(f => f.state), 'none']);
  const revoked = requests.find(r => r.status === 'revoked');
  if (revoked) {
    const on = endedOn(revoked);
    return {
      kind: 'revoked',
      state,
      headline:
        access.length === 0
          ? `${entityName} has no Azure access since it was revoked on ${on}.`
          : `${entityName}'s access was revoked on ${on}, but its identity still holds the roles below.`,
      worst,
      access,
    };
  }
  return {
    kind: 'no-access',
    state,
    headline: CHAIN_HEADLINES.none(entityName),
    worst,
    access,
  };
}

function uniqueAccess(chain: ChainView): AccessInWords[] {
  const seen = new Set<string>();
  return chain.bindings
    .flatMap(b => b.roleAssignments)
    .filter(a => {
      const key = `${a.roleDefinitionId}|${a.scope}`.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(accessInWords);
}
