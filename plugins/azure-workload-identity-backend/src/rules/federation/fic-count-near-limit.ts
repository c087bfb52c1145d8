import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { identityName } from './ficMatch';
import { identityGroupArgs } from '../azArgs';

/** Entra ID's maximum number of federated credentials per identity. */
export const FIC_LIMIT = 20;

/** The identity's FIC list is close to (info) or at (warning) Entra's limit of 20. */
export const ficCountNearLimit: BindingRule = {
  id: 'fic-count-near-limit',
  link: 'federation',
  scope: 'binding',
  reads: ['A3'],
  masks: [],
  severity: ['info', 'warning'],
  detects:
    'The identity holds `healthRules.ficNearLimit` (default 16) or more of the 20 federated credentials Entra ID allows: info while some are left, a warning at 20, when no cluster or namespace can be added.',
  fix: 'Lists the credentials, so the unused ones can be deleted (or the identity split per cluster).',
  evaluate({ unit, config }) {
    const identity = unit.identity;
    const n = (valueOf(unit.binding.federatedCredentials) ?? []).length;
    if (!identity || n < config.ficNearLimit) return [];
    const full = n >= FIC_LIMIT;
    const name = identityName(unit);
    const where = identityGroupArgs(unit);
    // Which FIC is unused is not known here, so the fix starts with the lookup.
    const list = `az identity federated-credential list --identity-name ${name} ${where} -o table`;
    const remove = `az identity federated-credential delete --name <fic> --identity-name ${name} ${where} --yes`;
    return [
      findingOf(ficCountNearLimit, {
        severity: full ? 'warning' : 'info',
        state: 'degraded',
        message: `${name} has ${n} of at most ${FIC_LIMIT} federated credentials; ${
          full
            ? 'no new cluster or namespace can be added'
            : `${FIC_LIMIT - n} left`
        }.`,
        evidence: {
          expected: `< ${config.ficNearLimit} FICs`,
          actual: `${n}/${FIC_LIMIT}`,
        },
        fix: commandFix(`${list}\n${remove}`, 'component', {
          note: 'The first command lists the credentials. Replace <fic> with the name of one that no cluster or namespace uses any more, and run the second command for each of them. Or split the identity, one per cluster, so each stays under the limit.',
        }),
        ref: refs.azure(identity.id, 'UserAssignedIdentity'),
      }),
    ];
  },
};
