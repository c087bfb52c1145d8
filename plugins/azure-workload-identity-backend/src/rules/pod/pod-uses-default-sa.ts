import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { labelMissing } from './podLabel';

/** A labelled workload runs as its namespace's default service account. */
export const podUsesDefaultSa: BindingRule = {
  id: 'pod-uses-default-sa',
  link: 'pod',
  scope: 'binding',
  reads: ['K1', 'K2'],
  masks: [],
  severity: 'warning',
  detects:
    "A labelled workload runs as its namespace's default service account, so every pod of the namespace that sets the label and no service account gets the same Azure identity.",
  fix: 'Creates a service account for the workload, moves the client id and the federated credential to it, points the workload at it and removes the client id from the default one.',
  evaluate({ unit }) {
    if (unit.sa !== 'default' || labelMissing(unit)) return [];
    const [kind, name] = unit.workloadRef.split('/');
    const fic = unit.request?.federatedCredential?.name ?? '<fic>';
    const identity = unit.identity?.name ?? '<identity>';
    const group = unit.identityResourceGroup ?? '<identity-rg>';
    return [
      findingOf(podUsesDefaultSa, {
        severity: 'warning',
        state: 'degraded',
        message: `${unit.workloadRef} runs as the default service account of ${unit.ns}; every pod in ${unit.ns} that sets the label and no service account gets the same Azure identity.`,
        evidence: { expected: 'dedicated service account', actual: 'default' },
        fix: commandFix(
          `kubectl -n ${unit.ns} create serviceaccount ${name} && kubectl -n ${
            unit.ns
          } annotate sa ${name} azure.workload.identity/client-id=${
            unit.saClientId ?? '<client-id>'
          } && az identity federated-credential update --name ${fic} --identity-name ${identity} --resource-group ${group} --issuer ${
            unit.C ?? '<issuer>'
          } --subject system:serviceaccount:${
            unit.ns
          }:${name} --audiences api://AzureADTokenExchange && kubectl -n ${
            unit.ns
          } set serviceaccount ${kind}/${name} ${name} && kubectl -n ${
            unit.ns
          } annotate sa default azure.workload.identity/client-id-`,
        ),
        ref: refs.workload(unit),
      }),
    ];
  },
};
