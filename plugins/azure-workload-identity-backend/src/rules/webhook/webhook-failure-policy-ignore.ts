import { WORKLOAD_IDENTITY_USE_LABEL } from '@backstage-community/plugin-azure-workload-identity-common';
import { valueOf } from '../../inspection/reads';
import { BindingRule, commandFix, findingOf } from '../../inspection/rule';
import { webhookEntries } from './webhookEntries';

/** The pre-1.0 webhook: failures ignored, and no object selector on the use label. */
export const webhookFailurePolicyIgnore: BindingRule = {
  id: 'webhook-failure-policy-ignore',
  link: 'webhook',
  scope: 'binding',
  reads: ['K4', 'K5'],
  masks: [],
  severity: 'warning',
  detects:
    'A webhook older than v1.0: it ignores its own failures, or does not select pods by the use label. When it is down, pods start without identity and fail later at runtime instead of being held back.',
  fix: 'Upgrades the webhook with Helm (or moves to the AKS add-on), after the use label is on every workload that uses workload identity. A platform task.',
  evaluate({ unit }) {
    const entries = webhookEntries(
      valueOf(unit.cluster.webhookConfigurations) ?? [],
    );
    const old = entries.find(
      ({ webhook }) =>
        webhook.failurePolicy === 'Ignore' ||
        webhook.objectSelector?.matchLabels?.[WORKLOAD_IDENTITY_USE_LABEL] !==
          'true',
    );
    if (!old) return [];
    const image =
      (valueOf(unit.cluster.webhookDeployments) ?? [])[0]?.image ?? 'unknown';
    return [
      findingOf(webhookFailurePolicyIgnore, {
        severity: 'warning',
        state: 'degraded',
        message:
          'The webhook ignores its own failures: when it is down, pods start without identity and fail later at runtime instead of being held back.',
        evidence: {
          expected:
            'failurePolicy=Fail, objectSelector use=true (webhook ≥ v1.0.0)',
          actual: `failurePolicy=${
            old.webhook.failurePolicy ?? 'Fail'
          }, objectSelector ${
            old.webhook.objectSelector ? 'without use=true' : 'none'
          }, image ${image}`,
        },
        fix: commandFix(
          'helm upgrade workload-identity-webhook azure-workload-identity/workload-identity-webhook -n azure-workload-identity-system',
          'platform',
          {
            note: `First add the label ${WORKLOAD_IDENTITY_USE_LABEL}: "true" to every workload that uses workload identity: from v1.0 the webhook changes only pods that carry it. Or switch to the AKS add-on instead.`,
          },
        ),
        ref: {
          cluster: unit.cluster.name,
          kind: 'MutatingWebhookConfiguration',
          name: old.configuration,
          apiGroup: 'admissionregistration.k8s.io',
        },
      }),
    ];
  },
};
