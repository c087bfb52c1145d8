import {
  AccessRequestSpec,
  federatedCredentialName,
  serviceAccountSubject,
} from '@internal/plugin-azure-workload-identity-common';
import { PreflightReader } from '../clients/PreflightReader';
import { decideApproval } from './approvalPolicy';
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
}

/**
 * Turns a validated request into a plan: compile roles, read live state, decide adopt or
 * create for each piece, order the steps, hash them and decide whether a person must approve.
 * It writes nothing, so the same call serves the dry run and the stored request.
 */
export class Planner {
  constructor(private readonly options: PlannerOptions) {}

  async plan(spec: AccessRequestSpec): Promise<PlanOutcome> {
    // Input the compiler rejects needs no live reads: answer it first and cheaply.
    const compiled = compileAssignments(spec);
    if (compiled.problems.length > 0) {
      return { ok: false, refusals: compiled.problems };
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
    const approval = decideApproval({
      steps,
      notes: compiled.notes,
      environment: spec.environment,
    });
    return {
      ok: true,
      plan: {
        planHash: computePlanHash(steps),
        steps,
        ...approval,
        notes: compiled.notes,
      },
    };
  }
}
