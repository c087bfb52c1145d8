import { ManagedCluster } from '../azureTypes';
import { isClosedToInternet } from '../network';
import { ResourceReads, RoleReads } from '../ports';
import { valueOf } from '../reads';
import { TargetSnapshot } from '../snapshot';
import { TargetToRead } from './bindingSubject';
import { Once } from './readers';
import { readOutcome } from './readOutcome';
import { readTargetNetwork } from './readTargetNetwork';

/**
 * A target resource with the assignments at or above it and, for one closed to the internet,
 * the network between the cluster and it: the network is read only where it decides anything.
 */
export async function readTarget(options: {
  azure: ResourceReads & Pick<RoleReads, 'listAssignmentsAtScope'>;
  once: Once;
  target: TargetToRead;
  /** Where the service's private link zone may be, besides the target's own subscription. */
  zoneSubscriptionIds: string[];
  managedCluster?: ManagedCluster;
}): Promise<TargetSnapshot> {
  const { azure, target } = options;
  const { resourceId, intent, source } = target;
  const [resource, assignmentsAtScope] = await Promise.all([
    readOutcome(`resource ${resourceId}`, () => azure.getResource(resourceId)),
    readOutcome(`role assignments at ${resourceId}`, () =>
      azure.listAssignmentsAtScope(resourceId),
    ),
  ]);
  const closed = valueOf(resource);
  const network =
    closed && isClosedToInternet(closed)
      ? await readOutcome(`the network to ${resourceId}`, () =>
          readTargetNetwork({
            azure,
            once: options.once,
            resource: closed,
            intent,
            subscriptionIds: options.zoneSubscriptionIds,
            managedCluster: options.managedCluster,
          }),
        )
      : undefined;
  return {
    resourceId,
    intent,
    source,
    resource,
    assignmentsAtScope,
    ...(network ? { network } : {}),
  };
}
