import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

const where = `--resource-group rg-apps --subscription ${W.sub}`;
const list = `az identity federated-credential list --identity-name wi-orders ${where} -o table`;
const pick =
  "The first command lists the identity's federated credentials: replace <fic> with the name of the one meant for system:serviceaccount:orders:orders-api.";

describe('token-audience-rejected', () => {
  it('fics-hidden-audience-wrong: visible inspect-read-forbidden, token-audience-rejected, nothing masked', () => {
    const outcome = runScenario('fics-hidden-audience-wrong');
    expect(outcome.visible).toEqual([
      'inspect-read-forbidden',
      'token-audience-rejected',
    ]);
    expect(outcome.masked).toEqual([]);
  });

  it('fics-hidden-audience-wrong: gives the update with the audience', () => {
    const finding = findingOfRule(
      runScenario('fics-hidden-audience-wrong'),
      'token-audience-rejected',
    );
    // Entra ID does not say which credential it compared: the list first, on its own line.
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: [
        list,
        `az identity federated-credential update --name <fic> --identity-name wi-orders ${where} --issuer ${W.issuer} --subject system:serviceaccount:orders:orders-api --audiences api://AzureADTokenExchange`,
      ].join('\n'),
      note: pick,
    });
  });
});
