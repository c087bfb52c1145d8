import { TOKEN_EXCHANGE_AUDIENCE } from '@backstage-community/plugin-azure-workload-identity-common';
import { commandFix } from '../../inspection/rule';
import { ficMatchRule, identityName } from './ficMatch';
import { identityGroupArgs } from '../azArgs';

/** Step 2 of `matchFic`: issuer and subject right, audiences not exactly `[A]`. */
export const ficAudienceMismatch = ficMatchRule({
  id: 'fic-audience-mismatch',
  reads: ['A1', 'A3', 'K1'],
  masks: ['request-drift', 'token-audience-rejected'],
  severity: 'error',
  detects:
    "Issuer and subject match, but the federated credential's audiences are not exactly the audience of the pod's token; also when the pod projects a token for another audience than `api://AzureADTokenExchange`.",
  fix: 'Updates the credential to the one audience `api://AzureADTokenExchange`.',
  body: (unit, fic) => {
    const actual = JSON.stringify(fic.properties.audiences);
    // A pod that projects its own audience is the thing to fix, not the FIC.
    const podAudience = unit.A !== TOKEN_EXCHANGE_AUDIENCE;
    return {
      severity: 'error',
      state: 'broken',
      message: `Federated credential ${
        fic.name
      } accepts audience ${actual}, but the pod's token is issued for ${
        unit.A
      }.${
        podAudience
          ? ` The pod projects the non-standard audience ${unit.A}; Entra ID expects ${TOKEN_EXCHANGE_AUDIENCE}.`
          : ''
      }`,
      evidence: {
        expected: `audiences=["${unit.A}"]`,
        actual: `audiences=${actual}`,
      },
      fix: commandFix(
        `az identity federated-credential update --name ${
          fic.name
        } --identity-name ${identityName(unit)} ${identityGroupArgs(
          unit,
        )} --issuer ${unit.C} --subject ${
          unit.S
        } --audiences ${TOKEN_EXCHANGE_AUDIENCE}`,
      ),
    };
  },
});
