import { resourceTypes } from '@backstage-community/plugin-azure-workload-identity-common';
import { inspect } from '../../inspection/engine';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { scenarioSnapshot } from '../../inspection/__testUtils__/scenarios';
import { NOW, W } from '../../inspection/__testUtils__/world';
import { HEALTH_RULES } from '../index';

/** Key Vault as a module might describe it: reading secrets needs a data action no built-in role grants. */
const withUnmatchedVaultRead = resourceTypes.map(t =>
  t.type === 'Microsoft.KeyVault/vaults'
    ? {
        ...t,
        permissions: {
          ...t.permissions,
          'secrets.read': {
            ...t.permissions['secrets.read'],
            operations: [
              {
                dataAction: 'Contoso.Frobnicator/widgets/frobnicate/action',
              },
            ],
          },
        },
      }
    : t,
);

describe('ra-control-plane-only', () => {
  it('reader-on-keyvault: Reader cannot read secrets', () => {
    const outcome = runScenario('reader-on-keyvault');
    expect(outcome.visible).toEqual(['ra-control-plane-only']);
    expect(outcome.masked).toEqual(['request-drift']);
    const finding = findingOfRule(outcome, 'ra-control-plane-only');
    expect(finding.message).toBe(
      `Reader on ${W.vaultId} grants management (control-plane) access only; reading secrets needs a data role such as Key Vault Secrets User.`,
    );
    expect(finding.evidence.actual).toBe(
      `roles on ${W.vaultId}: Reader, data actions: none`,
    );
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: `az role assignment create --assignee-object-id ${W.principalId} --assignee-principal-type ServicePrincipal --role "Key Vault Secrets User" --scope ${W.vaultId}`,
      note: 'Then remove Reader if nothing else needs it: a management role on the resource is not needed to use its data.',
    });
  });

  it('says the data role is to be chosen where no single built-in role fits', () => {
    const { findings } = inspect({
      snapshot: scenarioSnapshot('reader-on-keyvault'),
      rules: HEALTH_RULES,
      now: NOW,
      resourceTypes: withUnmatchedVaultRead,
    });
    const finding = findings.find(f => f.ruleId === 'ra-control-plane-only');
    expect(finding?.fix).toEqual({
      kind: 'action',
      owner: 'component',
      text: `No single built-in role grants exactly the data access asked for on ${W.vaultId}: choose the data role with the platform team, then assign it to principal ${W.principalId} at that scope. Then remove Reader if nothing else needs it.`,
    });
  });
});
