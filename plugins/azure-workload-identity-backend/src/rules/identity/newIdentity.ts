import { BindingView } from '../../inspection/derive';

/**
 * The commands that give a workload a new identity by hand: the identity, its federated
 * credential for the workload's subject, and the service account pointed at its client id,
 * which is read back from Azure so nothing is left to fill in. Each needs the one before.
 */
export function newIdentityCommand(
  unit: BindingView,
  identity: { name: string; where: string; federatedCredential: string },
): string {
  const { name, where, federatedCredential } = identity;
  return [
    `az identity create ${where} -n ${name}`,
    `az identity federated-credential create --name ${federatedCredential} --identity-name ${name} ${where} --issuer ${
      unit.C ?? '<issuer>'
    } --subject ${unit.S} --audiences ${unit.A}`,
    `kubectl -n ${unit.ns} annotate sa ${unit.sa} azure.workload.identity/client-id=$(az identity show -n ${name} ${where} --query clientId -o tsv) --overwrite`,
    `kubectl -n ${unit.ns} rollout restart ${unit.workloadRef}`,
  ].join(' && ');
}

/** What the by-hand commands leave to the card: the roles, which it then lists one by one. */
export const ROLES_AFTERWARDS =
  'Done by hand, the card then shows the role assignments the new identity still lacks, each with its command.';
