import { ConfigReader } from '@backstage/config';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { applySeed } from 'sandbox';
import {
  DemoSandbox,
  startDemoSandbox,
} from '../clients/__testUtils__/startDemoSandbox';
import { readConfig } from '../config/readConfig';
import { createSelfChecker } from './createSelfChecker';

jest.setTimeout(60_000);

const PROD_SUB = '00000000-0000-0000-0000-000000000001';
const DEV_SUB = '00000000-0000-0000-0000-000000000002';
const PROVISIONING_ACTIONS = [
  'Microsoft.ManagedIdentity/userAssignedIdentities/write',
  'Microsoft.ManagedIdentity/userAssignedIdentities/delete',
  'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write',
  'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/delete',
  'Microsoft.Authorization/roleAssignments/write',
  'Microsoft.Authorization/roleAssignments/delete',
];

/**
 * The self-check against the twin, through the real SDK clients, for the demo portal and for
 * three deliberately under-privileged setups. Each must name exactly what is missing.
 */
describe('self-check against the sandbox', () => {
  let demo: DemoSandbox;

  beforeAll(async () => {
    demo = await startDemoSandbox();
  });
  afterAll(() => demo?.stop());

  /** A service principal of the twin's tenant with these roles, signing in with a secret. */
  function principal(
    name: string,
    roles: Array<{ role: string; scope: string }>,
  ) {
    const objectId = `5e1f0000-0000-0000-0000-${name.padStart(12, '0')}`;
    const clientId = `c1d00000-0000-0000-0000-${name.padStart(12, '0')}`;
    applySeed(demo.sandbox.azure.twin.state, {
      principals: [
        {
          objectId,
          appId: clientId,
          displayName: `portal-${name}`,
          kind: 'Application',
          secrets: [`secret-${name}`],
          createdAt: 0,
        },
      ],
      roleAssignments: roles.map(r => ({ ...r, principalId: objectId })),
    });
    return { objectId, clientId, clientSecret: `secret-${name}` };
  }

  /** Takes one of the documented ClusterRoleBindings away on aks-dev (reset restores it). */
  function deleteBindingOnAksDev(name: string) {
    const cluster = demo.sandbox.demo!.kubernetes.cluster('aks-dev');
    cluster.delete(
      cluster.type('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'),
      undefined,
      name,
    );
  }

  function checkerAs(credential?: { clientId: string; clientSecret: string }) {
    const appConfig = demo.appConfig() as any;
    if (credential)
      appConfig.azureWorkloadIdentity.azure.credential = credential;
    return createSelfChecker({
      config: readConfig(new ConfigReader(appConfig)),
      clientOptions: demo.clientOptions,
    });
  }

  /** Clusters signed in to with the portal's Entra ID identity, read and write. */
  function entraChecker(credential?: {
    clientId: string;
    clientSecret: string;
  }) {
    const appConfig = demo.appConfig() as any;
    for (const c of appConfig.kubernetes.clusterLocatorMethods[0].clusters) {
      c.authProvider = 'azure';
      delete c.serviceAccountToken;
    }
    for (const c of appConfig.azureWorkloadIdentity.clusters) {
      c.provisioner = { authProvider: 'azure' };
    }
    if (credential)
      appConfig.azureWorkloadIdentity.azure.credential = credential;
    return createSelfChecker({
      config: readConfig(new ConfigReader(appConfig)),
      clientOptions: demo.clientOptions,
    });
  }

  const missingOf = (
    report: Awaited<ReturnType<ReturnType<typeof checkerAs>['check']>>,
  ) =>
    report.checks
      .filter(c => c.status !== 'granted')
      .map(c => ({
        scope: c.scope,
        purpose: c.purpose,
        status: c.status,
        missing: c.missing,
      }));

  it('finds everything granted to the demo portal', async () => {
    const report = await checkerAs().check();
    expect(missingOf(report)).toEqual([]);
    expect(report.ready).toEqual({ inspection: true, provisioning: true });
    expect(report.principal?.objectId).toBe(
      demo.sandbox.azure.twin.portal.objectId,
    );
    expect(report.checks.map(c => `${c.area} ${c.purpose} ${c.scope}`)).toEqual(
      [
        `azure inspection resource group rg-aks (subscription ${PROD_SUB})`,
        `azure provisioning resource group rg-aks (subscription ${PROD_SUB})`,
        `azure inspection resource group rg-aks (subscription ${DEV_SUB})`,
        `azure provisioning resource group rg-aks (subscription ${DEV_SUB})`,
        'kubernetes inspection cluster aks-prod',
        'kubernetes provisioning cluster aks-prod',
        'kubernetes inspection cluster aks-dev',
        'kubernetes provisioning cluster aks-dev',
      ],
    );
  });

  it('setup 1, Reader only: names every provisioning action in both resource groups', async () => {
    const reader = principal('1', [
      { role: 'Reader', scope: `/subscriptions/${PROD_SUB}` },
      { role: 'Reader', scope: `/subscriptions/${DEV_SUB}` },
    ]);
    const report = await checkerAs(reader).check();
    expect(missingOf(report)).toEqual([
      {
        scope: `resource group rg-aks (subscription ${PROD_SUB})`,
        purpose: 'provisioning',
        status: 'missing',
        missing: PROVISIONING_ACTIONS,
      },
      {
        scope: `resource group rg-aks (subscription ${DEV_SUB})`,
        purpose: 'provisioning',
        status: 'missing',
        missing: PROVISIONING_ACTIONS,
      },
    ]);
    expect(report.ready).toEqual({ inspection: true, provisioning: false });
    const fix = report.checks.find(c => c.status === 'missing')?.fix;
    expect(fix).toBe(
      [
        `az role assignment create --assignee-object-id ${reader.objectId} --assignee-principal-type ServicePrincipal --role "Managed Identity Contributor" --scope /subscriptions/${PROD_SUB}/resourceGroups/rg-aks`,
        `az role assignment create --assignee-object-id ${reader.objectId} --assignee-principal-type ServicePrincipal --role "Role Based Access Control Administrator" --scope /subscriptions/${PROD_SUB}/resourceGroups/rg-aks`,
      ].join('\n'),
    );
  });

  it('setup 2, no RBAC Administrator in the dev subscription: names only the role assignment actions there', async () => {
    const partial = principal('2', [
      { role: 'Owner', scope: `/subscriptions/${PROD_SUB}` },
      { role: 'Reader', scope: `/subscriptions/${DEV_SUB}` },
      {
        role: 'Managed Identity Contributor',
        scope: `/subscriptions/${DEV_SUB}/resourceGroups/rg-aks`,
      },
    ]);
    const report = await checkerAs(partial).check();
    expect(missingOf(report)).toEqual([
      {
        scope: `resource group rg-aks (subscription ${DEV_SUB})`,
        purpose: 'provisioning',
        status: 'missing',
        missing: [
          'Microsoft.Authorization/roleAssignments/write',
          'Microsoft.Authorization/roleAssignments/delete',
        ],
      },
    ]);
  });

  it("setup 3, the reader's binding deleted on aks-dev: names the reads it lost, and the binding that restores them", async () => {
    deleteBindingOnAksDev('backstage-workload-identity-reader');
    try {
      const report = await checkerAs().check();
      expect(missingOf(report)).toEqual([
        {
          scope: 'cluster aks-dev',
          purpose: 'inspection',
          status: 'missing',
          // The token probe's own binding is untouched.
          missing: [
            'list namespaces',
            'list pods',
            'list serviceaccounts',
            'list events',
            'list deployments.apps',
            'list statefulsets.apps',
            'list daemonsets.apps',
            'list cronjobs.batch',
            'list endpointslices.discovery.k8s.io',
            'list mutatingwebhookconfigurations.admissionregistration.k8s.io',
          ],
        },
      ]);
      expect(report.ready).toEqual({ inspection: false, provisioning: false });
      const item = report.checks.find(c => c.status === 'missing')!;
      expect(item.as).toBe(
        'system:serviceaccount:backstage-system:backstage-reader',
      );
      expect(item.fix).toBe(
        'kubectl --context aks-dev create clusterrolebinding backstage-workload-identity-reader-backstage-reader --clusterrole=backstage-workload-identity-reader --serviceaccount=backstage-system:backstage-reader',
      );
    } finally {
      await demo.sandbox.demo!.reset();
    }
  });

  it('asks for the token permission only where the probe is on', async () => {
    deleteBindingOnAksDev('backstage-workload-identity-token-prober');
    try {
      expect(missingOf(await checkerAs().check())).toEqual([
        {
          scope: 'cluster aks-dev',
          purpose: 'inspection',
          status: 'missing',
          missing: ['create serviceaccounts/token'],
        },
      ]);
      const appConfig = demo.appConfig() as any;
      appConfig.azureWorkloadIdentity.clusters.find(
        (c: { name: string }) => c.name === 'aks-dev',
      ).probe = { enabled: false };
      const report = await createSelfChecker({
        config: readConfig(new ConfigReader(appConfig)),
        clientOptions: demo.clientOptions,
      }).check();
      expect(missingOf(report)).toEqual([]);
      expect(report.ready.inspection).toBe(true);
    } finally {
      await demo.sandbox.demo!.reset();
    }
  });

  it("signs in to an Entra ID cluster as the portal's own identity, which Kubernetes RBAC binds by object id", async () => {
    const portal = await entraChecker().check();
    const kubernetes = portal.checks.filter(c => c.area === 'kubernetes');
    expect(kubernetes.map(c => [c.as, c.status])).toEqual([
      [demo.sandbox.azure.twin.portal.objectId, 'granted'],
      [demo.sandbox.azure.twin.portal.objectId, 'granted'],
      [demo.sandbox.azure.twin.portal.objectId, 'granted'],
      [demo.sandbox.azure.twin.portal.objectId, 'granted'],
    ]);

    // Another principal of the tenant signs in too, but no binding names it.
    const stranger = principal('4', []);
    const report = await entraChecker(stranger).check();
    const reader = report.checks.find(
      c => c.area === 'kubernetes' && c.scope === 'cluster aks-prod',
    )!;
    expect(reader.as).toBe(stranger.objectId);
    expect(reader.granted).toEqual([]);
    expect(reader.fix).toBe(
      `kubectl --context aks-prod create clusterrolebinding backstage-workload-identity-reader-${stranger.objectId} --clusterrole=backstage-workload-identity-reader --user=${stranger.objectId}`,
    );
  });

  it('finds everything granted once the documented Kubernetes RBAC names a new portal identity', async () => {
    const owner = principal('5', [
      { role: 'Owner', scope: `/subscriptions/${PROD_SUB}` },
      { role: 'Owner', scope: `/subscriptions/${DEV_SUB}` },
    ]);
    const manifest = await fs.readFile(
      path.resolve(
        __dirname,
        '../../../../docs/deployment/kubernetes-rbac.yaml',
      ),
      'utf8',
    );
    const objects = parseAllDocuments(
      manifest.replace(/PORTAL_PRINCIPAL_OBJECT_ID/g, owner.objectId),
    ).map(doc => doc.toJS());
    try {
      for (const name of ['aks-prod', 'aks-dev']) {
        const cluster = demo.sandbox.demo!.kubernetes.cluster(name);
        for (const object of objects) cluster.apply(object);
      }
      const report = await entraChecker(owner).check();
      expect(missingOf(report)).toEqual([]);
      expect(
        report.checks.filter(c => c.area === 'kubernetes').map(c => c.as),
      ).toEqual(Array(4).fill(owner.objectId));
    } finally {
      await demo.sandbox.demo!.reset();
    }
  });

  it('names a resource group for identities that does not exist, with the command that creates it', async () => {
    const appConfig = demo.appConfig() as any;
    appConfig.azureWorkloadIdentity.azure.identities = {
      subscriptionId: DEV_SUB,
      resourceGroup: 'rg-workload-identities',
      location: 'westeurope',
    };
    const report = await createSelfChecker({
      config: readConfig(new ConfigReader(appConfig)),
      clientOptions: demo.clientOptions,
    }).check();
    expect(report.checks.filter(c => c.status !== 'granted')).toEqual([
      {
        area: 'azure',
        purpose: 'provisioning',
        scope: `resource group rg-workload-identities (subscription ${DEV_SUB})`,
        as: "the portal's Azure identity",
        status: 'missing',
        missing: ['resource group rg-workload-identities'],
        granted: [],
        fix: `az group create --name rg-workload-identities --location westeurope --subscription ${DEV_SUB}`,
      },
    ]);
    expect(report.ready).toEqual({ inspection: true, provisioning: false });
  });

  it('says unknown, with the reason, when the portal cannot sign in', async () => {
    const report = await checkerAs({
      clientId: demo.sandbox.azure.twin.portal.clientId,
      clientSecret: 'not-the-secret',
    }).check();
    const azure = report.checks.filter(c => c.area === 'azure');
    expect(azure.map(c => c.status)).toEqual([
      'unknown',
      'unknown',
      'unknown',
      'unknown',
    ]);
    expect(azure[0].reason).toMatch(/could not sign in to Azure/);
    expect(report.ready).toEqual({ inspection: false, provisioning: false });
  });
});
