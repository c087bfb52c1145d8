import { WORKLOAD_IDENTITY_USE_LABEL } from '../ids';

/**
 * The one command that makes a workload's pods use a workload identity: the webhook mutates
 * only pods labelled `azure.workload.identity/use: "true"` that run as the federated service
 * account (https://azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html).
 * Patching the pod template also rolls the pods, so they restart with the token. The workload
 * is the one the component's live chain names (`kind/name`, e.g. `statefulset/orders-db`):
 * never a name guessed from the component's.
 *
 * @public
 */
export function labelCommand(options: {
  namespace: string;
  /** `kind/name`, e.g. `deployment/orders-api`, as the chain names workloads. */
  workload: string;
  serviceAccountName: string;
}): string {
  const [kind, name] = options.workload.includes('/')
    ? options.workload.split('/')
    : ['deployment', options.workload];
  const podTemplate = {
    metadata: { labels: { [WORKLOAD_IDENTITY_USE_LABEL]: 'true' } },
    spec: { serviceAccountName: options.serviceAccountName },
  };
  // A CronJob's pods come from the template of its job template.
  const patch =
    kind.toLowerCase() === 'cronjob'
      ? { spec: { jobTemplate: { spec: { template: podTemplate } } } }
      : { spec: { template: podTemplate } };
  return `kubectl -n ${
    options.namespace
  } patch ${kind.toLowerCase()} ${name} --type merge -p '${JSON.stringify(
    patch,
  )}'`;
}
