import { LabelSelector } from '../../inspection/kubernetesTypes';
import { valueOf } from '../../inspection/reads';
import { BindingRule, findingOf } from '../../inspection/rule';
import { webhookEntries } from './webhookEntries';

const ENFORCER_OFF = 'admissions.enforcer/disabled';

/** Pods of the namespace are never sent to the webhook: kube-system, or a namespaceSelector. */
export const webhookExcludesNamespace: BindingRule = {
  id: 'webhook-excludes-namespace',
  link: 'webhook',
  scope: 'binding',
  reads: ['K4', 'K8'],
  masks: ['pod-not-mutated', 'pod-token-volume-missing'],
  severity: 'error',
  detects:
    "The workload's namespace is never sent to the webhook: `kube-system`, which the AKS admissions enforcer skips, or a namespace the webhook's namespace selector leaves out. Its pods never get the token.",
  fix: 'Says to deploy the workload to an application namespace and re-create its federated credential for the service account there.',
  evaluate({ unit }) {
    const configurations = valueOf(unit.cluster.webhookConfigurations) ?? [];
    const entries = webhookEntries(configurations);
    if (entries.length === 0) return [];
    const namespace = (valueOf(unit.cluster.namespaces) ?? []).find(
      n => n.metadata.name === unit.ns,
    );
    let excludedBy: string | undefined;
    const enforcerOff = configurations.some(
      c =>
        c.metadata.labels?.[ENFORCER_OFF] === 'true' ||
        c.metadata.annotations?.[ENFORCER_OFF] === 'true',
    );
    if (unit.ns === 'kube-system' && !enforcerOff) {
      excludedBy = 'AKS admissions enforcer';
    } else {
      const selector = entries[0].webhook.namespaceSelector;
      if (
        selector &&
        namespace &&
        !matches(selector, namespace.metadata.labels ?? {})
      ) {
        excludedBy = `namespaceSelector ${JSON.stringify(selector)}`;
      }
    }
    if (!excludedBy) return [];
    return [
      findingOf(webhookExcludesNamespace, {
        severity: 'error',
        state: 'broken',
        message: `Pods in ${unit.ns} are never sent to the workload identity webhook, so they never get the token.`,
        evidence: {
          expected: `namespace ${unit.ns} sent to the webhook`,
          actual: `${unit.ns} excluded by ${excludedBy}`,
        },
        // Where to deploy it is the team's choice, and deploying is theirs to do: words, no command.
        fix: {
          kind: 'action',
          owner: 'component',
          text: `Deploy ${unit.workloadRef} to an application namespace instead of ${unit.ns}, and re-create its federated credential for system:serviceaccount:<that namespace>:${unit.sa}.`,
        },
        ref: {
          cluster: unit.cluster.name,
          kind: 'Namespace',
          name: unit.ns,
        },
      }),
    ];
  },
};

function matches(
  selector: LabelSelector,
  labels: Record<string, string>,
): boolean {
  const equal = Object.entries(selector.matchLabels ?? {}).every(
    ([key, value]) => labels[key] === value,
  );
  return (
    equal &&
    (selector.matchExpressions ?? []).every(e => {
      const value = labels[e.key];
      switch (e.operator) {
        case 'In':
          return value !== undefined && (e.values ?? []).includes(value);
        case 'NotIn':
          return value === undefined || !(e.values ?? []).includes(value);
        case 'Exists':
          return value !== undefined;
        case 'DoesNotExist':
        default:
          return value === undefined;
      }
    })
  );
}
