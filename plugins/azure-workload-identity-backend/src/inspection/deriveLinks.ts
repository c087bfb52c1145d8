import {
  CHAIN_LINKS,
  Finding,
  Link,
  LinkState,
  worstLinkState,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { BindingView } from './derive';
import { valueOf } from './reads';

/**
 * Each link's state: the worst of its findings, masked ones included (hidden behind a root
 * cause is not "works"); unknown where a rule could not run; and, where nothing was found,
 * what is actually there, since a link with nothing on it is never ok: `none` when there was
 * nothing to find, `unknown` when it could not be looked at.
 */
export function deriveLinkStates(options: {
  findings: readonly Finding[];
  skippedLinks: ReadonlySet<Link>;
  /** The bindings that use workload identity, as the rules saw them. */
  units: readonly BindingView[];
}): Record<Link, LinkState> {
  const { findings, skippedLinks, units } = options;
  const links = {} as Record<Link, LinkState>;
  for (const link of CHAIN_LINKS) {
    const states = findings.filter(f => f.link === link).map(f => f.state);
    // A link whose rules could not all run is unknown unless already broken.
    if (skippedLinks.has(link)) states.push('unknown');
    const found = worstLinkState(states);
    links[link] = found === 'ok' ? emptyState(link, units) ?? 'ok' : found;
  }
  return links;
}

/** The state of a link nothing was found wrong with, when nothing is on it either. */
function emptyState(
  link: Link,
  units: readonly BindingView[],
): LinkState | undefined {
  // No chain at all: nothing on any link was looked at, so none of them "works".
  if (units.length === 0) return 'none';
  const any = (holds: (unit: BindingView) => boolean) => units.some(holds);
  // Credentials and roles hang off the identity: without one they could not be listed.
  const noIdentity = !any(u => Boolean(u.identity));
  switch (link) {
    case 'pod':
      return any(u => Boolean(u.workload) || u.pods.length > 0)
        ? undefined
        : 'none';
    case 'identity':
      return noIdentity ? 'none' : undefined;
    case 'federation':
      if (noIdentity) return 'unknown';
      return any(
        u => (valueOf(u.binding.federatedCredentials) ?? []).length > 0,
      )
        ? undefined
        : 'none';
    case 'roleassignment':
      if (noIdentity) return 'unknown';
      return any(u => (valueOf(u.binding.roleAssignments) ?? []).length > 0)
        ? undefined
        : 'none';
    case 'resource':
      return any(u => u.binding.targets.length > 0) ? undefined : 'none';
    case 'token':
      // Only an exchange that succeeded vouches for the link.
      return any(u => valueOf(u.binding.probe)?.status === 'succeeded')
        ? undefined
        : 'unknown';
    default:
      // The cluster's and the webhook's rules fire when what they need is absent.
      return undefined;
  }
}
