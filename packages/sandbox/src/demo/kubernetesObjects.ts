import { KubeObject, WI } from '../kubernetes';
import { RBAC_NAMES } from '../presets/portalPrincipals/kubernetes';
import { namespaceOwnerValue, OWNERSHIP } from './ownership';
import { DemoComponent, DemoWorld } from './world';

export const namespaceKey = (cluster: string, namespace: string) =>
  `${cluster}/${namespace}`;

/**
 * The owner annotation of each demo namespace (`cluster/namespace` → value): the
 * owners of every catalog component that declares that namespace on that cluster.
 */
export function demoNamespaceOwners(world: DemoWorld): Map<string, string> {
  const owners = new Map<string, string[]>();
  for (const { component: c } of world.components) {
    const key = namespaceKey(c.cluster, c.namespace);
    owners.set(key, [...(owners.get(key) ?? []), c.owner]);
  }
  return new Map(
    [...owners].map(([key, refs]) => [key, namespaceOwnerValue(refs)]),
  );
}

/**
 * One component's objects: its namespace (with the owners of every component
 * declaring it, so applying it for each of them gives the same object), the
 * reader's RoleBinding, the service account, config and deployment, plus the
 * aad-pod-identity leftovers of the scenario that stages them.
 */
export function demoObjects(
  d: DemoComponent,
  namespaceOwners: string,
): KubeObject[] {
  const { namespace, kubernetesId, name } = d.component;
  const id = { 'backstage.io/kubernetes-id': kubernetesId };
  const annotations: Record<string, string> = {};
  if (d.identity)
    annotations[WI.clientIdAnnotation] =
      d.scenario.id === 'sa-client-id-is-principal-id'
        ? d.identity.principalId
        : d.identity.clientId;
  const podLabels: Record<string, string> = { app: kubernetesId, ...id };
  if (d.identity && d.scenario.id !== 'pod-label-missing')
    podLabels[WI.useLabel] = 'true';
  if (d.scenario.id === 'pod-aad-pod-identity-leftover')
    podLabels.aadpodidbinding = kubernetesId;
  const objects: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: namespace,
        labels: { 'app.kubernetes.io/part-of': 'commerce' },
        annotations: {
          [OWNERSHIP.namespaceOwnerAnnotation]: namespaceOwners,
        },
      },
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: RBAC_NAMES.secretsReader, namespace },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: RBAC_NAMES.secretsReader,
      },
      subjects: [
        {
          kind: 'ServiceAccount',
          name: 'backstage-reader',
          namespace: 'backstage-system',
        },
      ],
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: kubernetesId, namespace, labels: id, annotations },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${kubernetesId}-config`, namespace, labels: id },
      data: { LOG_LEVEL: 'info', COMPONENT: name },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: kubernetesId, namespace, labels: id },
      spec: {
        replicas: d.scenario.id === 'healthy-baseline' ? 2 : 1,
        selector: { matchLabels: { app: kubernetesId } },
        template: {
          metadata: { labels: podLabels },
          spec: {
            serviceAccountName: kubernetesId,
            containers: [
              {
                name: 'app',
                image: `ghcr.io/example/${kubernetesId}:1.4.2`,
                ports: [{ containerPort: 8080, name: 'http' }],
                envFrom: [{ configMapRef: { name: `${kubernetesId}-config` } }],
              },
            ],
          },
        },
      },
    },
  ];
  if (d.scenario.id === 'pod-aad-pod-identity-leftover' && d.identity) {
    objects.push(
      {
        apiVersion: 'aadpodidentity.k8s.io/v1',
        kind: 'AzureIdentity',
        metadata: { name: kubernetesId, namespace },
        spec: {
          type: 0,
          resourceID: `/subscriptions/${d.subscriptionId}/resourcegroups/${d.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${d.identity.name}`,
          clientID: d.identity.clientId,
        },
      },
      {
        apiVersion: 'aadpodidentity.k8s.io/v1',
        kind: 'AzureIdentityBinding',
        metadata: { name: `${kubernetesId}-binding`, namespace },
        spec: { azureIdentity: kubernetesId, selector: kubernetesId },
      },
    );
  }
  return objects;
}
