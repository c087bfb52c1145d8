import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { GuardrailMode } from '../../inspection/snapshot';
import { labelMissing } from './podLabel';
import { identityGroupArgs } from '../azArgs';

/**
 * A labelled workload runs as its namespace's default service account; in a production
 * namespace (as configuration says) an error, which the guardrails refuse where they are on.
 */
export const podUsesDefaultSa: BindingRule = {
  id: 'pod-uses-default-sa',
  link: 'pod',
  scope: 'binding',
  reads: ['K1', 'K2'],
  masks: [],
  severity: ['warning', 'error'],
  detects:
    "A labelled workload runs as its namespace's default service account, so every pod of the namespace that sets the label and no service account gets the same Azure identity. An error in a production namespace (the environment configuration gives the cluster or the namespace), where the cluster's guardrails, when on, refuse such pods (deny) or warn about them (audit).",
  fix: 'Creates a service account for the workload, moves the client id and the federated credential to it, points the workload at it and removes the client id from the default one.',
  evaluate({ unit }) {
    if (unit.sa !== 'default' || labelMissing(unit)) return [];
    const [kind, name] = unit.workloadRef.split('/');
    const fic = unit.request?.federatedCredential?.name ?? '<fic>';
    const identity = unit.identity?.name ?? '<identity>';
    const where = identityGroupArgs(unit);
    const production = unit.binding.environment === 'production';
    return [
      findingOf(podUsesDefaultSa, {
        severity: production ? 'error' : 'warning',
        state: 'degraded',
        message: `${unit.workloadRef} runs as the default service account of ${
          production ? 'production namespace ' : ''
        }${unit.ns}; every pod in ${
          unit.ns
        } that sets the label and no service account gets the same Azure identity.${
          production ? guardrailConsequence(unit.cluster.guardrails?.mode) : ''
        }`,
        evidence: { expected: 'dedicated service account', actual: 'default' },
        fix: commandFix(
          `kubectl -n ${unit.ns} create serviceaccount ${name} && kubectl -n ${
            unit.ns
          } annotate sa ${name} azure.workload.identity/client-id=${
            unit.saClientId ?? '<client-id>'
          } && az identity federated-credential update --name ${fic} --identity-name ${identity} ${where} --issuer ${
            unit.C ?? '<issuer>'
          } --subject system:serviceaccount:${
            unit.ns
          }:${name} --audiences api://AzureADTokenExchange && kubectl -n ${
            unit.ns
          } set serviceaccount ${kind}/${name} ${name} && kubectl -n ${
            unit.ns
          } annotate sa default azure.workload.identity/client-id-`,
          'component',
          {
            note: [
              `The federated credential then trusts the new service account instead of default, so every other pod of ${unit.ns} that runs as default loses this identity.`,
              unit.request?.federatedCredential
                ? ''
                : `Replace <fic> with the name of the credential that trusts system:serviceaccount:${unit.ns}:default: az identity federated-credential list --identity-name ${identity} ${where} -o table lists them.`,
            ]
              .filter(Boolean)
              .join(' '),
          },
        ),
        ref: refs.workload(unit),
      }),
    ];
  },
};

function guardrailConsequence(mode: GuardrailMode | undefined): string {
  if (mode === 'deny') {
    return ' The guardrails refuse its new pods there: the next rollout or rescheduled pod fails.';
  }
  if (mode === 'audit') {
    return ' The guardrails let its new pods through with a warning and an audit record.';
  }
  return '';
}
