import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

const where = `--resource-group rg-apps --subscription ${W.sub}`;
const list = `az identity federated-credential list --identity-name wi-orders ${where} -o table`;
const pick =
  "The first command lists the identity's federated credentials: replace <fic> with the name of the one meant for system:serviceaccount:orders:orders-api.";

describe('token-subject-case-rejected', () => {
  it('fics-hidden-subject-case: visible inspect-read-forbidden, token-subject-case-rejected, nothing masked', () => {
    const outcome = runScenario('fics-hidden-subject-case');
    expect(outcome.visible).toEqual([
      'inspect-read-forbidden',
      'token-subject-case-rejected',
    ]);
    expect(outcome.masked).toEqual([]);
  });

  it('fics-hidden-subject-case: says the comparison is case-sensitive', () => {
    const finding = findingOfRule(
      runScenario('fics-hidden-subject-case'),
      'token-subject-case-rejected',
    );
    expect(finding.message).toContain('case-sensitively');
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: [
        list,
        `az identity federated-credential update --name <fic> --identity-name wi-orders ${where} --issuer ${W.issuer} --subject system:serviceaccount:orders:orders-api --audiences api://AzureADTokenExchange`,
      ].join('\n'),
      note: `${pick} Entra ID compares subjects case-sensitively: keep the subject exactly as written here.`,
    });
  });
});
