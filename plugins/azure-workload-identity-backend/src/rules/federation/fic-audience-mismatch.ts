import { TOKEN_EXCHANGE_AUDIENCE } from '@backstage-community/plugin-azure-workload-identity-common';
import { commandFix } from '../../inspection/rule';
import { ficMatchRule, identityName, identityGroupArgs } from './ficMatch';

/** Step 2: issuer and subject right, audiences not exactly `[A]`. */
export const ficAudienceMismatch = ficMatchRule({
  id: 'fic-audience-mismatch',
  reads: ['A1', 'A3', 'K1'],
  masks: ['request-drift', 'token-audience-rejected'],
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
