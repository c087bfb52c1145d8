import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  AccessRequestSpec,
  AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
  ClusterChoice,
  InputProblem,
  Plan,
  ResourceChoice,
  ResourceTypeChoice,
} from '@internal/plugin-azure-workload-identity-common';

export type { ClusterChoice, ResourceChoice, ResourceTypeChoice };

/** The backend's answer to a plan: the plan, or why none can be made, field by field. */
export type PlanAnswer =
  | { ok: true; plan: Plan }
  | { ok: false; message: string; problems: InputProblem[] };

/** A call the backend refused or could not answer, in its words. */
export class RequestFormError extends Error {}

/**
 * What the "Request Azure access" form reads from the backend, as the signed-in user: the
 * choices it offers and the plan it shows before the run.
 */
export class RequestFormClient {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async clusters(): Promise<ClusterChoice[]> {
    return (await this.get('/catalog/clusters')).clusters;
  }

  async namespaces(cluster: string): Promise<string[]> {
    return (
      await this.get(
        `/catalog/clusters/${encodeURIComponent(cluster)}/namespaces`,
      )
    ).namespaces;
  }

  async resources(): Promise<ResourceChoice[]> {
    return (await this.get('/catalog/resources')).resources;
  }

  async resourceTypes(): Promise<ResourceTypeChoice[]> {
    return (await this.get('/catalog/roles')).resourceTypes;
  }

  /** A dry run: the backend plans and stores nothing. Refusals are answers, not errors. */
  async plan(spec: AccessRequestSpec): Promise<PlanAnswer> {
    const response = await this.call('/plan', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(spec),
    });
    const body = await response.json().catch(() => ({}));
    if (response.ok) return { ok: true, plan: body.plan };
    if (response.status === 400) {
      return {
        ok: false,
        message: body?.error?.message ?? 'the request was refused',
        problems: body?.error?.problems ?? [],
      };
    }
    throw refusal(response, body);
  }

  private async get(path: string) {
    const response = await this.call(path);
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw refusal(response, body);
    return body;
  }

  private async call(path: string, init?: RequestInit): Promise<Response> {
    const base = await this.options.discoveryApi.getBaseUrl(
      AZURE_WORKLOAD_IDENTITY_PLUGIN_ID,
    );
    return this.options.fetchApi.fetch(`${base}${path}`, init);
  }
}

function refusal(response: Response, body: any): RequestFormError {
  return new RequestFormError(
    body?.error?.message ??
      `the Azure Workload Identity backend answered HTTP ${response.status}`,
  );
}
