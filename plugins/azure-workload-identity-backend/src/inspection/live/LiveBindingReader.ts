import {
  FederatedCredential,
  ManagedIdentity,
  RoleAssignment,
} from '../azureTypes';
import { IdentityReads, ResourceReads, RoleReads } from '../ports';
import { Read, valueOf } from '../reads';
import {
  BindingSnapshot,
  IdentityRequest,
  RequestRecordFacts,
} from '../snapshot';
import {
  identityToRead,
  requestOf,
  targetsToRead,
  workloadIdentityOf,
} from './bindingSubject';
import {
  BindingPlace,
  BindingReader,
  InspectedCluster,
  Once,
  ProbeReader,
} from './readers';
import { notRead, okRead, readOutcome } from './readOutcome';
import { readTarget } from './readTarget';

type BindingInput = Parameters<BindingReader['read']>[0];

/**
 * One binding: the workload's namespace on the cluster, the identity its pods would sign in
 * as, that identity's credentials and roles, its targets and the token probe. Independent
 * reads run together; each keeps its outcome, so one that fails makes only its link unknown.
 */
export class LiveBindingReader implements BindingReader {
  constructor(
    private readonly options: {
      azure: IdentityReads & RoleReads & ResourceReads;
      once: Once;
      probe: ProbeReader;
      /** Where role assignments are listed. */
      subscriptionIds: string[];
      /** Further subscriptions searched for private DNS zones only. */
      zoneSubscriptionIds?: string[];
      /** `healthRules.inspectSecrets`: list Secrets' key names (read `K11`). */
      inspectSecrets?: boolean;
      /** Every component's requests whose plan uses the identity (read `O3`). */
      requestsOfIdentity?(identityId: string): Promise<IdentityRequest[]>;
    },
  ) {}

  async read(input: BindingInput): Promise<BindingSnapshot> {
    const { cluster, place, now } = input;
    const { namespace, workload } = place;
    const request = requestOf(input.records, namespace);
    const inNamespace = await this.readNamespace(input);
    const subject = workloadIdentityOf({
      workload,
      pods: inNamespace.pods,
      serviceAccounts: input.clusterSnapshot.serviceAccounts[namespace],
      request,
      annotations: input.entity.annotations,
    });
    const identity = await this.identityOf({
      clientId: subject.clientId,
      inventory: input.inventory,
      recorded: request?.identity.resourceId,
      now,
    });
    const [azure, probe] = await Promise.all([
      this.readAzure({ ...input, identity, request }),
      this.options.probe.read({
        cluster,
        clusterSnapshot: input.clusterSnapshot,
        namespace,
        ...subject,
        now,
      }),
    ]);
    const { secrets, ...reads } = inNamespace;
    const { identityRequests, ...azureReads } = azure;
    return {
      cluster: cluster.name,
      namespace,
      workload,
      ...reads,
      ...(secrets ? { secrets } : {}),
      identity,
      ...azureReads,
      probe,
      ...(identityRequests ? { identityRequests } : {}),
    };
  }

  /** What the cluster holds in the binding's namespace besides the workload. */
  private async readNamespace(input: {
    cluster: InspectedCluster;
    place: BindingPlace;
    selector?: string;
    now: Date;
  }) {
    const k8s = input.cluster.kubernetes;
    const { namespace } = input.place;
    const { selector } = input;
    const [pods, namespaceWorkloads, events, aadPodIdentity, secrets] =
      await Promise.all([
        selector
          ? readOutcome(`pods labelled ${selector} in ${namespace}`, () =>
              k8s.listPods({ namespace, labelSelector: selector }),
            )
          : Promise.resolve<Read<never[]>>({ status: 'ok', value: [] }),
        readOutcome(`workloads of ${namespace}`, () =>
          k8s.listWorkloads({ namespace, labelSelector: '' }),
        ),
        readOutcome(`events of ${namespace}`, () =>
          k8s.listFailedCreateEvents(namespace, input.now),
        ),
        readOutcome(`aad-pod-identity objects of ${namespace}`, () =>
          k8s.listAadPodIdentity(namespace),
        ),
        this.options.inspectSecrets
          ? readOutcome(`secrets of ${namespace}`, () =>
              k8s.listSecretKeys(namespace),
            )
          : Promise.resolve(undefined),
      ]);
    return { pods, namespaceWorkloads, events, aadPodIdentity, secrets };
  }

  /** By the effective client id in the inventory, else the identity a request recorded. */
  private async identityOf(input: {
    clientId?: string;
    inventory: ManagedIdentity[];
    recorded?: string;
    now: Date;
  }): Promise<Read<ManagedIdentity>> {
    const { clientId, recorded } = input;
    const listed = clientId
      ? input.inventory.find(
          i => i.properties.clientId.toLowerCase() === clientId.toLowerCase(),
        )
      : undefined;
    if (listed) return okRead(listed, input.now.toISOString());
    if (recorded) {
      return readOutcome(`identity ${recorded}`, () =>
        this.options.azure.getIdentity(recorded),
      );
    }
    return {
      status: 'not-found',
      reason: clientId
        ? `no identity with client id ${clientId} in the configured subscriptions`
        : 'the workload names no identity',
    };
  }

  /** The identity's credentials and roles, the targets, and who else uses the identity. */
  private async readAzure(
    input: BindingInput & {
      identity: Read<ManagedIdentity>;
      request?: RequestRecordFacts;
    },
  ) {
    const { azure, subscriptionIds } = this.options;
    const { identityId, principalId } = identityToRead(
      input.identity,
      input.request,
    );
    const [federatedCredentials, roleAssignments, targets, identityRequests] =
      await Promise.all([
        identityId
          ? readOutcome(`federated credentials of ${identityId}`, () =>
              azure.listFederatedCredentials(identityId),
            )
          : notRead<FederatedCredential[]>('no identity to read'),
        principalId
          ? readOutcome(`role assignments of ${principalId}`, () =>
              azure.listRoleAssignments({ principalId, subscriptionIds }),
            )
          : notRead<RoleAssignment[]>('no identity to read'),
        this.readTargets(input),
        this.identityRequests(valueOf(input.identity)),
      ]);
    return { federatedCredentials, roleAssignments, targets, identityRequests };
  }

  private readTargets(input: BindingInput) {
    // Zones often live in a hub: every configured subscription is searched.
    const zoneSubscriptionIds = [
      input.cluster.subscriptionId,
      ...this.options.subscriptionIds,
      ...(this.options.zoneSubscriptionIds ?? []),
    ];
    const managedCluster = valueOf(input.clusterSnapshot.managedCluster);
    return Promise.all(
      targetsToRead({
        records: input.records,
        namespace: input.place.namespace,
        annotations: input.entity.annotations,
      }).map(target =>
        readTarget({
          azure: this.options.azure,
          once: this.options.once,
          target,
          zoneSubscriptionIds,
          managedCluster,
        }),
      ),
    );
  }

  /** Every component's requests naming the identity, so a shared identity is counted. */
  private identityRequests(
    identity: ManagedIdentity | undefined,
  ): Promise<Read<IdentityRequest[]> | undefined> {
    const { requestsOfIdentity, once } = this.options;
    if (!identity || !requestsOfIdentity) return Promise.resolve(undefined);
    return readOutcome(`requests naming ${identity.id}`, () =>
      once(`requests of ${identity.id.toLowerCase()}`, () =>
        requestsOfIdentity(identity.id),
      ),
    );
  }
}
