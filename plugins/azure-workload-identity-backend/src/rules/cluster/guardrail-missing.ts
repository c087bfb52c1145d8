import { FindingFix } from '@backstage-community/plugin-azure-workload-identity-common';
import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { GuardrailFacts } from '../../inspection/snapshot';

/** The command the platform team runs to apply the guardrails as the portal would write them. */
export function guardrailApplyCommand(
  cluster: string,
  manifestsUrl: string | undefined,
): string {
  const url =
    manifestsUrl ??
    `<backstage>/api/azure-workload-identity/guardrails/${cluster}`;
  // The route is for those who may approve requests: the grants list every namespace's client ids.
  return `curl -fsS -H "Authorization: Bearer $BACKSTAGE_TOKEN" ${url} | kubectl --context ${cluster} apply -f -`;
}

function whatDiffers(facts: GuardrailFacts): string {
  return [
    facts.missing.length > 0 && `missing ${facts.missing.join(', ')}`,
    facts.outdated.length > 0 && `outdated ${facts.outdated.join(', ')}`,
    facts.grants !== 'current' &&
      `grants ConfigMap ${
        facts.grants === 'missing' ? 'missing' : 'differs from the grants'
      }`,
  ]
    .filter(Boolean)
    .join('; ');
}

/**
 * Guardrails are on for the cluster, but its admission policies, their bindings or the grants
 * ConfigMap are missing or not what the portal would write now. Off promises nothing, so
 * nothing is found there.
 */
export const guardrailMissing: BindingRule = {
  id: 'guardrail-missing',
  link: 'cluster',
  scope: 'binding',
  reads: ['K12'],
  masks: [],
  severity: 'warning',
  detects:
    "Guardrails are on for the cluster (mode audit or deny), but the portal's ValidatingAdmissionPolicies, their bindings or the grants ConfigMap are missing, at another version, or hold other grants than the portal's requests: the cluster does not enforce (or warn about) what the portal granted. Clusters with guardrails off are not checked.",
  fix: "Where the portal has a provisioner credential for the cluster, it re-applies the guardrails within 10 minutes; otherwise the platform team applies the manifests the portal serves for the cluster (or commits them to the cluster's GitOps repository).",
  evaluate({ unit }) {
    const guardrails = unit.cluster.guardrails;
    const facts = valueOf(guardrails?.installed);
    if (!guardrails || guardrails.mode === 'off' || !facts) return [];
    if (facts.state === 'current') return [];
    const cluster = unit.cluster.name;
    const command = guardrailApplyCommand(cluster, facts.manifestsUrl);
    const fix: FindingFix =
      facts.appliedBy === 'portal'
        ? {
            kind: 'action',
            owner: 'platform',
            text: `Nothing to run: the portal re-applies the guardrails of ${cluster} within 10 minutes with its provisioner credential. If this stays, the backend log says why ("Could not bring the guardrails of cluster ${cluster} up to date"). To apply them at once: ${command}`,
          }
        : commandFix(command, 'platform', {
            note: `BACKSTAGE_TOKEN is a Backstage token of someone who may approve requests: the manifests list the client ids granted in every namespace.${
              facts.manifestsUrl
                ? ''
                : ' Replace <backstage> with the address of Backstage.'
            } Where a GitOps repository manages the cluster, commit the same manifests there instead.`,
          });
    const missing = facts.state === 'missing';
    return [
      findingOf(guardrailMissing, {
        severity: 'warning',
        state: 'degraded',
        title: missing
          ? "The cluster's guardrails are missing"
          : "The cluster's guardrails are outdated",
        message: `Guardrails are in ${
          guardrails.mode
        } mode for ${cluster}, but ${
          missing
            ? `the cluster holds none of the portal's admission policies: a client id the portal did not grant ${
                guardrails.mode === 'deny'
                  ? 'is not refused'
                  : 'passes without a warning'
              } there.`
            : `its admission policies or grants are not what the portal would write now (${whatDiffers(
                facts,
              )}): what the cluster enforces is not what the portal granted.`
        }`,
        evidence: {
          expected: `the portal's policies, bindings and grants (mode ${guardrails.mode})`,
          actual: whatDiffers(facts),
        },
        fix,
        ref: refs.cluster(unit),
      }),
    ];
  },
};
