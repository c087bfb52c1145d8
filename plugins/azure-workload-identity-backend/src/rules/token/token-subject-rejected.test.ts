import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

const where = `--resource-group rg-apps --subscription ${W.sub}`;
const list = `az identity federated-credential list --identity-name wi-orders ${where} -o table`;
const pick =
  "The first command lists the identity's federated credentials: replace <fic> with the name of the one meant for system:serviceaccount:orders:orders-api.";

describe('token-subject-rejected', () => {
  it('fics-hidden-subject-typo: visible inspect-read-forbidden, token-subject-rejected, nothing masked', () => {
    const outcome = runScenario('fics-hidden-subject-typo');
    expect(outcome.visible).toEqual([
      'inspect-read-forbidden',
      'token-subject-rejected',
    ]);
    expect(outcome.masked).toEqual([]);
  });

  it('fics-hidden-subject-typo: gives the update with the pods subject', () => {
    const finding = findingOfRule(
      runScenario('fics-hidden-subject-typo'),
      'token-subject-rejected',
    );
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
