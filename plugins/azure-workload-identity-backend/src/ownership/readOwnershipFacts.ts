import {
  AccessRequestSpec,
  WORKLOAD_IDENTITY_ANNOTATIONS,
} from '@backstage-community/plugin-azure-workload-identity-common';
import {
  IdentityFacts,
  NamespaceFacts,
  PodFacts,
  PreflightReader,
} from '../clients/PreflightReader';
import { IdentityUse, Provenance, provenanceOf } from './identityProvenance';
import { OWNERSHIP_MARKS } from './ownershipMarks';

/** The request records of an identity: which components' requests use it. */
export type IdentityUses = (
  identityResourceId: string,
) => Promise<IdentityUse[]>;

/** What the cluster and Azure record about who owns what a plan would touch. */
export interface OwnershipFacts {
  /** Undefined when the namespace does not exist (pre-flight refuses that already). */
  namespace?: NamespaceFacts;
  /** The identity the service account points at now, when it is not the plan's identity. */
  currentPointer?: {
    clientId: string;
    identity?: IdentityFacts;
    provenance: Provenance;
  };
  /** Pods of the namespace running as the service account. */
  podsOnServiceAccount: PodFacts[];
  /** The plan's identity's provenance, when it exists already. */
  identityProvenance?: Provenance;
  /** Per requested resource, the owner its tags name (undefined when untagged). */
  resourceOwners: Array<{ index: number; resourceId: string; owner?: string }>;
}

/**
 * Reads the ownership facts of a request, in parallel: the service account and the pods of
 * the namespace from the cluster, the targets' tags from ARM, and the provenance of the
 * identities involved from their tags and the request records.
 */
export async function readOwnershipFacts(options: {
  spec: AccessRequestSpec;
  namespace?: NamespaceFacts;
  identity?: IdentityFacts;
  reader: PreflightReader;
  identityUses: IdentityUses;
}): Promise<OwnershipFacts> {
  const { spec, reader, identity } = options;
  const location = { cluster: spec.cluster, namespace: spec.namespace };
  const [serviceAccount, pods, resourceOwners, identityProvenance] =
    await Promise.all([
      options.namespace
        ? reader.getServiceAccount({
            ...location,
            name: spec.serviceAccountName,
          })
        : undefined,
      options.namespace ? reader.listPods(location) : [],
      Promise.all(
        spec.resources.map(async (target, index) => {
          const tags = await reader.getResourceTags({
            resourceId: target.resourceId,
          });
          return {
            index,
            resourceId: target.resourceId,
            owner: tags?.[OWNERSHIP_MARKS.resourceOwnerTag],
          };
        }),
      ),
      identity
        ? provenanceFor(identity, spec.entityRef, options.identityUses)
        : undefined,
    ]);

  const pointedAt =
    serviceAccount?.annotations[WORKLOAD_IDENTITY_ANNOTATIONS.clientId];
  let currentPointer: OwnershipFacts['currentPointer'];
  if (
    pointedAt &&
    pointedAt.toLowerCase() !== identity?.clientId.toLowerCase()
  ) {
    const current = await reader.findIdentityByClientId({
      clientId: pointedAt,
    });
    currentPointer = {
      clientId: pointedAt,
      identity: current,
      provenance: current
        ? await provenanceFor(current, spec.entityRef, options.identityUses)
        : { kind: 'unknown' },
    };
  }

  return {
    namespace: options.namespace,
    currentPointer,
    podsOnServiceAccount: pods.filter(
      pod => pod.serviceAccountName === spec.serviceAccountName,
    ),
    identityProvenance,
    resourceOwners,
  };
}

async function provenanceFor(
  identity: IdentityFacts,
  entityRef: string,
  identityUses: IdentityUses,
): Promise<Provenance> {
  return provenanceOf({
    identity,
    entityRef,
    uses: await identityUses(identity.resourceId),
  });
}
