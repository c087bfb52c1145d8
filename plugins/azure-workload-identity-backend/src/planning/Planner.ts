import {
  AccessRequestSpec,
  federatedCredentialName,
  ResourceTypeSpec,
  serviceAccountSubject,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { ApprovalPolicy } from '@backstage-community/plugin-azure-workload-identity-node';
import { PreflightReader } from '../clients/PreflightReader';
import { OtherOwnersPolicy } from '../config/readConfig';
import { ComponentDirectory } from '../ownership/ComponentDirectory';
import { judgeOwnership } from '../ownership/judgeOwnership';
import {
  IdentityUses,
  readOwnershipFacts,
} from '../ownership/readOwnershipFacts';
import { decideWithPolicies } from './approvalPolicies';
import { builtinApprovalPolicy } from './approvalPolicy';
import { environmentOf } from './environmentOf';
import { buildSteps } from './buildSteps';
import { compileAssignments } from './compileAssignments';
import { decideFederatedCredential } from './decideFederatedCredential';
import { PlanOutcome } from './Plan';
import { computePlanHash } from './planHash';
import { IdentityPlacement, readPreflight } from './readPreflight';

export interface PlannerOptions {
  preflight: PreflightReader;
  /** Where new identities go; when absent, beside the cluster they serve. */
  identityPlacement?: IdentityPlacement;
  /** The tenant to annotate service accounts with; else the identity's, at apply time. */
  tenantId?: string;
  /** Who owns a component, from the catalog. */
  components: ComponentDirectory;
  /** Which components' requests use an identity, from the request records. */
  identityUses: IdentityUses;
  /** What touching another owner's namespace or identity gets. Refused by default. */
  otherOwners?: OtherOwnersPolicy;
  /** The approval policies, the built-in one first; default the built-in one alone. */
  approvalPolicies?: readonly ApprovalPolicy[];
  /** The resource types the role compiler knows; default the built-in ones. */
  resourceTypes?: readonly ResourceTypeSpec[];
}

const REFUSE_OTHER_OWNERS: OtherOwnersPolicy = {
  namespace: 'refuse',
  identity: 'refuse',
};

/**
 * Turns a validated request into a plan: compile roles, read live state, decide adopt or
 * create for each piece, order the steps, hash them and decide whether a person must approve.
 * It writes nothing, so the same call serves the dry run and the stored request.
 */
export class Planner {
  constructor(private readonly options: PlannerOptions) {}

  async plan(spec: AccessRequestSpec): Promise<PlanOutcome> {
    // Input the compiler rejects needs no live reads: answer it first and cheaply.
    const compiled = compileAssignments(spec, this.options.resourceTypes);
    if (compiled.problems.length > 0) {
      return { ok: false, refusals: compiled.problems };
    }

    const component = await this.options.components.component(spec.entityRef);
    if (!component) {
      return {
        ok: false,
        refusals: [
          {
            field: 'entityRef',
            message: `${spec.entityRef} is not in the catalog; request access for a component the catalog has`,
          },
        ],
      };
    }

    const snapshot = await readPreflight({
      spec,
      reader: this.options.preflight,
      identityPlacement: this.options.identityPlacement,
    });
    const { cluster, identity } = snapshot;
    if (snapshot.refusals.length > 0 || !cluster || !identity) {
      return { ok: false, refusals: snapshot.refusals };
    }

    // The environment is the configuration's word for the cluster and namespace. A request
    // may repeat it, not contradict it.
    const environment = environmentOf(cluster, spec.namespace);
    if (spec.environment && environment && spec.environment !== environment) {
      return {
        ok: false,
        refusals: [
          {
            field: 'environment',
            message: `namespace ${spec.namespace} on ${spec.cluster} is ${environment} in the portal's configuration, not ${spec.environment}; leave the environment out, the portal knows it`,
          },
        ],
      };
    }

    const ownership = judgeOwnership({
      spec,
      component,
      identity,
      policy: this.options.otherOwners ?? REFUSE_OTHER_OWNERS,
      facts: await readOwnershipFacts({
        spec,
        namespace: snapshot.namespace,
        identity: identity.existing,
        reader: this.options.preflight,
        identityUses: this.options.identityUses,
      }),
    });
    if (ownership.refusals.length > 0) {
      return { ok: false, refusals: ownership.refusals };
    }

    const subject = serviceAccountSubject(spec);
    const federatedCredential = decideFederatedCredential({
      identityName: identity.name,
      existing: identity.federatedCredentials,
      name: federatedCredentialName(spec),
      issuer: cluster.issuerUrl,
      subject,
    });
    if (!federatedCredential.ok) {
      return { ok: false, refusals: [federatedCredential.refusal] };
    }

    const steps = buildSteps({
      spec,
      issuer: cluster.issuerUrl,
      subject,
      identity,
      federatedCredential,
      assignments: compiled.assignments,
      tenantId: this.options.tenantId,
    });
    const { refusals, ...approval } = await decideWithPolicies({
      policies: this.options.approvalPolicies ?? [builtinApprovalPolicy],
      input: {
        request: spec,
        component: {
          entityRef: component.entityRef,
          owners: component.owners,
        },
        steps,
        notes: compiled.notes,
        environment,
        ownershipReasons: ownership.reasons,
      },
    });
    if (refusals.length > 0) return { ok: false, refusals };
    return {
      ok: true,
      plan: {
        planHash: computePlanHash(steps),
        steps,
        ...approval,
        notes: compiled.notes,
        ...(environment ? { environment } : {}),
      },
    };
  }
}
