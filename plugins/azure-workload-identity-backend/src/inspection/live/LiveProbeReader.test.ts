import { RestError } from '@azure/core-rest-pipeline';
import {
  TokenExchangeInput,
  TokenExchangeOutcome,
  TokenExchangeProbe,
} from '../../clients/ProvisioningClients';
import { baselineCluster } from '../__testUtils__/baselineCluster';
import { NOW, W } from '../__testUtils__/world';
import { ClusterReads } from '../ports';
import { ClusterSnapshot } from '../snapshot';
import { LiveProbeReader } from './LiveProbeReader';
import { InspectedCluster } from './readers';

const PORTAL_TENANT = '11111111-0000-0000-0000-00000000aaaa';

function aksProd(over: Partial<InspectedCluster> = {}): InspectedCluster {
  return {
    name: 'aks-prod',
    subscriptionId: W.sub,
    resourceGroup: 'rg-aks',
    kubernetes: {} as ClusterReads,
    ...over,
  };
}

/** An exchange that answers as told and keeps what it was asked. */
function exchangeAnswering(
  answer: () => Promise<TokenExchangeOutcome>,
): TokenExchangeProbe & { asked: TokenExchangeInput[] } {
  const asked: TokenExchangeInput[] = [];
  return {
    asked,
    exchange: async input => {
      asked.push(input);
      return answer();
    },
  };
}

function issuerOff(): ClusterSnapshot {
  const snapshot = baselineCluster();
  if (snapshot.managedCluster.status === 'ok') {
    snapshot.managedCluster.value.properties.oidcIssuerProfile = {
      enabled: false,
    };
  }
  return snapshot;
}

const binding = {
  namespace: 'orders',
  serviceAccountName: 'orders-api',
  clientId: W.clientId,
  now: NOW,
};

describe('LiveProbeReader', () => {
  it("exchanges the service account's token for the workload's client id, in the workload's own tenant", async () => {
    const exchange = exchangeAnswering(async () => ({ ok: true }));
    const reader = new LiveProbeReader({ exchange, tenantId: PORTAL_TENANT });
    const read = await reader.read({
      ...binding,
      cluster: aksProd(),
      clusterSnapshot: baselineCluster(),
      tenantId: W.tenant,
    });
    expect(read).toMatchObject({
      status: 'ok',
      value: { status: 'succeeded', at: NOW.toISOString() },
    });
    expect(exchange.asked).toEqual([
      {
        cluster: 'aks-prod',
        namespace: 'orders',
        serviceAccountName: 'orders-api',
        audience: 'api://AzureADTokenExchange',
        tenantId: W.tenant,
        clientId: W.clientId,
      },
    ]);
  });

  it("signs in to the portal's tenant when the workload names none, and keeps when the outcome was made", async () => {
    const exchange = exchangeAnswering(async () => ({
      ok: true,
      exchangedAt: '2026-06-01T09:55:00.000Z',
    }));
    const reader = new LiveProbeReader({ exchange, tenantId: PORTAL_TENANT });
    const read = await reader.read({
      ...binding,
      cluster: aksProd(),
      clusterSnapshot: baselineCluster(),
    });
    expect(exchange.asked.map(a => a.tenantId)).toEqual([PORTAL_TENANT]);
    expect(read).toMatchObject({
      value: { status: 'succeeded', at: '2026-06-01T09:55:00.000Z' },
    });
  });

  it('says why it did not run, without exchanging anything', async () => {
    const exchange = exchangeAnswering(async () => ({ ok: true }));
    const configured = new LiveProbeReader({
      exchange,
      tenantId: PORTAL_TENANT,
    });
    const reasonOf = async (
      reader: LiveProbeReader,
      over: {
        cluster?: InspectedCluster;
        clusterSnapshot?: ClusterSnapshot;
        clientId?: string;
      },
    ) => {
      const read = await reader.read({
        ...binding,
        cluster: aksProd(),
        clusterSnapshot: baselineCluster(),
        ...over,
      });
      return read.status === 'ok' && read.value.status === 'not-run'
        ? read.value.reason
        : read;
    };
    expect([
      await reasonOf(configured, { clusterSnapshot: issuerOff() }),
      await reasonOf(configured, {
        cluster: aksProd({ probeEnabled: false }),
      }),
      await reasonOf(new LiveProbeReader({ tenantId: PORTAL_TENANT }), {}),
      await reasonOf(new LiveProbeReader({ exchange }), {}),
      await reasonOf(configured, { clientId: undefined }),
    ]).toEqual([
      'the cluster has no OIDC issuer',
      'disabled for the cluster (probe.enabled: false)',
      'the token probe is not configured',
      'the token probe is not configured',
      'the workload names no client id',
    ]);
    expect(exchange.asked).toEqual([]);
  });

  it("answers Entra ID's refusal as a failed exchange, a missing service account as not run, and a refused token request as forbidden", async () => {
    const answers: (() => Promise<TokenExchangeOutcome>)[] = [
      async () => ({
        ok: false,
        code: 'AADSTS700213',
        message: 'No matching federated identity record found',
      }),
      async () => ({
        ok: false,
        code: 'service-account-missing',
        message: 'service account orders/orders-api does not exist',
      }),
      async () => {
        throw new RestError('serviceaccounts/token is forbidden', {
          statusCode: 403,
        });
      },
    ];
    const exchange = exchangeAnswering(() => answers.shift()!());
    const reader = new LiveProbeReader({ exchange, tenantId: PORTAL_TENANT });
    const input = {
      ...binding,
      cluster: aksProd(),
      clusterSnapshot: baselineCluster(),
    };
    const reads = [];
    for (let i = 0; i < 3; i++) reads.push(await reader.read(input));
    expect(reads).toMatchObject([
      {
        status: 'ok',
        value: {
          status: 'failed',
          at: NOW.toISOString(),
          code: 'AADSTS700213',
          description: 'No matching federated identity record found',
        },
      },
      {
        status: 'ok',
        value: {
          status: 'not-run',
          reason: 'service account orders/orders-api does not exist',
        },
      },
      {
        status: 'forbidden',
        httpStatus: 403,
        reason: 'serviceaccounts/token is forbidden',
      },
    ]);
  });

  it('is enabled on a cluster only when an exchange is configured and the cluster allows it', () => {
    const exchange = exchangeAnswering(async () => ({ ok: true }));
    expect([
      new LiveProbeReader({ exchange }).enabledOn(aksProd()),
      new LiveProbeReader({ exchange }).enabledOn(
        aksProd({ probeEnabled: false }),
      ),
      new LiveProbeReader({}).enabledOn(aksProd()),
    ]).toEqual([true, false, false]);
  });
});
