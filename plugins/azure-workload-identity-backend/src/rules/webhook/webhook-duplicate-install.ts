import { valueOf } from '../../inspection/reads';
import { BindingRule, commandFix, findingOf } from '../../inspection/rule';
import { webhookEntries } from './webhookEntries';

/** Two webhook installations (add-on and Helm, or two entries) fight over one configuration. */
export const webhookDuplicateInstall: BindingRule = {
  id: 'webhook-duplicate-install',
  link: 'webhook',
  scope: 'binding',
  reads: ['K4', 'K5'],
  masks: [],
  severity: 'warning',
  detects:
    "Two copies of the webhook are installed (the add-on and a Helm release, or two webhook entries). Both manage one cluster-wide configuration and overwrite each other's settings and certificate, which shows as pods refused now and then.",
  fix: 'Uninstalls the Helm release, so one installation remains. A platform task.',
  evaluate({ unit }) {
    const deployments = valueOf(unit.cluster.webhookDeployments) ?? [];
    const entries = webhookEntries(
      valueOf(unit.cluster.webhookConfigurations) ?? [],
    );
    const namespaces = [
      ...new Set(deployments.map(d => d.metadata.namespace ?? '')),
    ];
    if (namespaces.length < 2 && entries.length < 2) return [];
    const describe = (ns: string) => {
      const tag = deployments
        .find(d => d.metadata.namespace === ns)
        ?.image?.split(':')
        .pop();
      return ns === 'kube-system'
        ? 'kube-system (add-on)'
        : `${ns} (Helm${tag ? ` ${tag}` : ''})`;
    };
    const helm = namespaces.find(ns => ns !== 'kube-system');
    return [
      findingOf(webhookDuplicateInstall, {
        severity: 'warning',
        state: 'degraded',
        message:
          "Two copies of the workload identity webhook are installed. Both manage the same cluster-wide webhook configuration and can overwrite each other's settings and certificate, which shows up as intermittent pod admission failures.",
        evidence: {
          expected: 'one webhook installation',
          actual:
            namespaces.length > 1
              ? namespaces.map(describe).join(', ')
              : `${entries.length} webhook entries named ${entries[0].webhook.name}`,
        },
        fix: commandFix(
          `helm uninstall workload-identity-webhook -n ${
            helm ?? 'azure-workload-identity-system'
          }`,
          'platform',
        ),
        ref: {
          cluster: unit.cluster.name,
          kind: 'Deployment',
          name: 'azure-wi-webhook-controller-manager',
          apiGroup: 'apps',
        },
      }),
    ];
  },
};
