import {
  DemoSandbox,
  demoPluginConfig,
  startDemoSandbox,
} from '../../clients/__testUtils__/startDemoSandbox';
import { binding, cluster, serviceAccount } from '../__testUtils__/access';
import { baselineSnapshot } from '../__testUtils__/baselineWorld';
import {
  baselineRequestOnTwin,
  readOrdersApiOnTwin,
} from '../__testUtils__/twinInspection';
import { W } from '../__testUtils__/world';
import { valueOf } from '../reads';
import { InspectionSnapshot } from '../snapshot';

jest.setTimeout(120_000);

/** An issuer without its origin: the twin serves the baseline's tenant and GUID on its own host. */
const issuerPath = (issuer?: string) => issuer && new URL(issuer).pathname;

/**
 * The facts of the baseline world a scenario can change: ids, names, the credential, the
 * grants, the service account and the pod template. Not what only one side can hold (the
 * twin's random pod names and assignment GUIDs, timestamps, the other demo components).
 */
function worldFacts(snapshot: InspectionSnapshot) {
  const b = binding(snapshot);
  const c = cluster(snapshot);
  const managed = valueOf(c.managedCluster);
  const identity = valueOf(b.identity);
  const workload = valueOf(b.workload);
  // ARM ids are case-insensitive; AKS itself writes the kubelet's with `resourcegroups`.
  const lower = (id: string) => id.toLowerCase();
  const kubelet = managed?.properties.identityProfile?.kubeletidentity;
  return {
    cluster: {
      name: c.name,
      subscriptionId: c.subscriptionId,
      resourceGroup: c.resourceGroup,
      id: managed && lower(managed.id),
      issuer: issuerPath(managed?.properties.oidcIssuerProfile?.issuerURL),
      workloadIdentity: managed?.properties.securityProfile?.workloadIdentity,
      kubelet: kubelet && {
        ...kubelet,
        resourceId: kubelet.resourceId?.toLowerCase(),
      },
    },
    identity: identity && {
      id: lower(identity.id),
      name: identity.name,
      clientId: identity.properties.clientId,
      principalId: identity.properties.principalId,
      tenantId: identity.properties.tenantId,
    },
    serviceAccount: serviceAccount(snapshot).metadata.annotations,
    workload: workload && {
      kind: workload.kind,
      name: workload.metadata.name,
      namespace: workload.metadata.namespace,
      labels: workload.template.metadata?.labels,
      serviceAccountName: workload.template.spec.serviceAccountName,
    },
    federatedCredentials: (valueOf(b.federatedCredentials) ?? []).map(f => ({
      name: f.name,
      issuer: issuerPath(f.properties.issuer),
      subject: f.properties.subject,
      audiences: f.properties.audiences,
    })),
    roleAssignments: (valueOf(b.roleAssignments) ?? [])
      .map(ra => ({
        role: lower(ra.properties.roleDefinitionId),
        scope: lower(ra.properties.scope),
        principalId: ra.properties.principalId,
      }))
      .sort((x, y) => x.scope.localeCompare(y.scope)),
    targets: b.targets.map(t => ({
      id: lower(t.resourceId),
      intent: t.intent,
      publicNetworkAccess: valueOf(t.resource)?.properties?.publicNetworkAccess,
    })),
  };
}

describe('the baseline world', () => {
  let demo: DemoSandbox;

  beforeAll(async () => {
    demo = await startDemoSandbox();
  });
  afterAll(() => demo?.stop());

  it('is the same in the snapshot fixtures and in the demo twin', async () => {
    await demo.sandbox.demo!.reset();
    const live = await readOrdersApiOnTwin(
      demo,
      demoPluginConfig(demo),
      baselineRequestOnTwin(demo),
    );
    expect(worldFacts(live)).toEqual(worldFacts(baselineSnapshot()));
  });

  it("serves the fixture's issuer tenant and GUID for aks-prod", async () => {
    await demo.sandbox.demo!.reset();
    const issuer = demo.sandbox.demo!.kubernetes.cluster('aks-prod').issuer.url;
    expect(issuerPath(issuer)).toBe(`/${W.tenant}/${W.issuerGuid}/`);
  });
});
