import { DemoSandbox } from '../../../clients/__testUtils__/startDemoSandbox';
import { Staging } from './types';

/** aks-prod, where orders-api runs, as kubectl's admin would change it. */
export function aksProd(demo: DemoSandbox) {
  return demo.sandbox.demo!.kubernetes.cluster('aks-prod');
}

export function changeObject(
  apiVersion: string,
  kind: string,
  namespace: string | undefined,
  name: string,
  change: (object: any) => void,
): Staging {
  return demo => {
    const cluster = aksProd(demo);
    const object = structuredClone(
      cluster.get(cluster.type(apiVersion, kind), namespace, name),
    );
    change(object);
    cluster.apply(object);
  };
}

/** Sets one of orders-api's service account annotations; `restart` rolls the pods after it. */
export function annotateServiceAccount(
  annotation: string,
  value: string,
  restart: boolean,
): Staging {
  return demo => {
    changeObject('v1', 'ServiceAccount', 'orders', 'orders-api', sa => {
      sa.metadata.annotations[annotation] = value;
    })(demo);
    if (restart) aksProd(demo).restartDeployment('orders', 'orders-api');
  };
}

/** Changes orders-api's pod template; the twin rolls the pods, mutated by its webhook. */
export function changeTemplate(change: (template: any) => void): Staging {
  return changeObject('apps/v1', 'Deployment', 'orders', 'orders-api', d =>
    change(d.spec.template),
  );
}

/** Adds a variable to the main container (`app`) of orders-api. */
export function addEnv(variable: object): Staging {
  return changeTemplate(template => {
    const app = template.spec.containers[0];
    app.env = [...(app.env ?? []), variable];
  });
}

/** The label the webhook mutates pods by. */
export const USE_LABEL_KEY = 'azure.workload.identity/use';

export function deleteWebhook(demo: DemoSandbox) {
  const cluster = aksProd(demo);
  const configs = cluster.type(
    'admissionregistration.k8s.io/v1',
    'MutatingWebhookConfiguration',
  );
  for (const config of cluster.list(configs, {})) {
    cluster.delete(configs, undefined, config.metadata.name);
  }
  const deployments = cluster.type('apps/v1', 'Deployment');
  for (const deployment of cluster.list(deployments, {
    namespace: 'kube-system',
  })) {
    if (/workload-identity/.test(deployment.metadata.name)) {
      cluster.delete(deployments, 'kube-system', deployment.metadata.name);
    }
  }
}

/** The add-on's webhook in kube-system, changed. */
export function changeWebhook(change: {
  config?: (config: any) => void;
  deployment?: (deployment: any) => void;
}): Staging {
  return demo => {
    const cluster = aksProd(demo);
    if (change.config) {
      const type = cluster.type(
        'admissionregistration.k8s.io/v1',
        'MutatingWebhookConfiguration',
      );
      for (const config of cluster.list(type, {})) {
        const changed = structuredClone(config);
        change.config(changed);
        cluster.apply(changed);
      }
    }
    if (change.deployment) {
      const type = cluster.type('apps/v1', 'Deployment');
      const deployment = structuredClone(
        cluster.get(type, 'kube-system', 'azure-wi-webhook-controller-manager'),
      );
      change.deployment(deployment);
      cluster.apply(deployment);
    }
  };
}

/** The opt-in binding of `healthRules.inspectSecrets`: the portal's reader may list Secrets in `namespace`. */
export function grantSecretReads(demo: DemoSandbox, namespace: string) {
  const cluster = aksProd(demo);
  cluster.apply({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'backstage-secret-keys', namespace },
    rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }],
  });
  cluster.apply({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'backstage-secret-keys', namespace },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'backstage-secret-keys',
    },
    subjects: [
      {
        kind: 'ServiceAccount',
        name: 'backstage-reader',
        namespace: 'backstage-system',
      },
    ],
  });
}
