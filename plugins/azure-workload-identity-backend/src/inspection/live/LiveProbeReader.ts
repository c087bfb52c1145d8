import { TokenExchangeProbe } from '../../clients/ProvisioningClients';
import { ProbeOutcome } from '../azureTypes';
import { Read, valueOf } from '../reads';
import { ClusterSnapshot } from '../snapshot';
import { InspectedCluster, ProbeReader } from './readers';
import { okRead, readOutcome } from './readOutcome';

/** The audience Entra ID expects of a Kubernetes token it exchanges for workload identity. */
const TOKEN_AUDIENCE = 'api://AzureADTokenExchange';

/**
 * The token probe (`O2` with `K9`): a token for the workload's service account, exchanged at
 * Entra ID for its client id, as the workload's SDK would. A probe that cannot run says why,
 * so the token link is not taken for broken.
 */
export class LiveProbeReader implements ProbeReader {
  constructor(
    private readonly options: {
      /** Without it the token link says the probe is not configured. */
      exchange?: TokenExchangeProbe;
      /** The portal's tenant, for workloads that name none of their own. */
      tenantId?: string;
    },
  ) {}

  enabledOn(cluster: InspectedCluster): boolean {
    return Boolean(this.options.exchange) && cluster.probeEnabled !== false;
  }

  async read(input: {
    cluster: InspectedCluster;
    clusterSnapshot: ClusterSnapshot;
    namespace: string;
    serviceAccountName: string;
    clientId?: string;
    tenantId?: string;
    now: Date;
  }): Promise<Read<ProbeOutcome>> {
    const { exchange } = this.options;
    const tenantId = input.tenantId || this.options.tenantId;
    const at = input.now.toISOString();
    const skipped = skippedOn(input.clusterSnapshot, input.cluster);
    if (skipped) return notRun(skipped, at);
    if (!exchange || !tenantId) {
      return notRun('the token probe is not configured', at);
    }
    const clientId = input.clientId;
    if (!clientId) return notRun('the workload names no client id', at);
    return readOutcome('the token exchange', async () => {
      const outcome = await exchange.exchange({
        cluster: input.cluster.name,
        namespace: input.namespace,
        serviceAccountName: input.serviceAccountName,
        audience: TOKEN_AUDIENCE,
        tenantId,
        clientId,
      });
      const exchangedAt = outcome.exchangedAt ?? at;
      if (outcome.ok) {
        return { status: 'succeeded', at: exchangedAt } as ProbeOutcome;
      }
      // A missing service account is the service account link's finding, not the token's.
      if (outcome.code === 'service-account-missing') {
        return { status: 'not-run', reason: outcome.message } as ProbeOutcome;
      }
      return {
        status: 'failed',
        at: exchangedAt,
        code: outcome.code,
        description: outcome.message,
      } as ProbeOutcome;
    });
  }
}

/** Why the token probe does not run on the cluster at all, if it does not. */
function skippedOn(
  snapshot: ClusterSnapshot,
  cluster: InspectedCluster,
): string | undefined {
  const issuer = valueOf(snapshot.managedCluster)?.properties.oidcIssuerProfile;
  // No issuer: no token of the cluster's that Entra ID could trust.
  if (issuer?.enabled === false) return 'the cluster has no OIDC issuer';
  if (cluster.probeEnabled === false) {
    return 'disabled for the cluster (probe.enabled: false)';
  }
  return undefined;
}

function notRun(reason: string, at: string): Read<ProbeOutcome> {
  return okRead({ status: 'not-run', reason }, at);
}
