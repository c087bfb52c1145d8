import {
  AccessRequestSpec,
  ClusterChoice,
  InputProblem,
  Plan,
  ResourceChoice,
  ResourceTypeChoice,
} from '@backstage-community/plugin-azure-workload-identity-common';

import {
  backendError,
  BackendApis,
  callBackend,
  getFromBackend,
} from '../../api/callBackend';

// A cluster carries the environment the portal's configuration gives it; requests do not
// state the environment, the form only shows it.
export type { ClusterChoice, ResourceChoice, ResourceTypeChoice };

export type Environment = NonNullable<Plan['environment']>;

/** The backend's answer to a plan: the plan, or why none can be made, field by field. */
export type PlanAnswer =
  | { ok: true; plan: Plan }
  | { ok: false; message: string; problems: InputProblem[] };

/**
 * What the "Request Azure access" form reads from the backend, as the signed-in user: the
 * choices it offers and the plan it shows before the run.
 */
export class RequestFormClient {
  constructor(private readonly apis: BackendApis) {}

  async clusters(): Promise<ClusterChoice[]> {
    return (await getFromBackend(this.apis, '/catalog/clusters')).clusters;
  }

  async namespaces(cluster: string): Promise<string[]> {
    return (
      await getFromBackend(
        this.apis,
        `/catalog/clusters/${encodeURIComponent(cluster)}/namespaces`,
      )
    ).namespaces;
  }

  async resources(): Promise<ResourceChoice[]> {
    return (await getFromBackend(this.apis, '/catalog/resources')).resources;
  }

  async resourceTypes(): Promise<ResourceTypeChoice[]> {
    return (await getFromBackend(this.apis, '/catalog/roles')).resourceTypes;
  }

  /** A dry run: the backend plans and stores nothing. Refusals are answers, not errors. */
  async plan(spec: AccessRequestSpec): Promise<PlanAnswer> {
    const answer = await callBackend(this.apis, '/plan', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(spec),
    });
    if (answer.ok) return { ok: true, plan: answer.body.plan };
    if (answer.status === 400) {
      return {
        ok: false,
        message: answer.body?.error?.message ?? 'the request was refused',
        problems: answer.body?.error?.problems ?? [],
      };
    }
    throw backendError(answer);
  }
}
