import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';

const where = `--resource-group rg-apps --subscription ${W.sub}`;
const list = `az identity federated-credential list --identity-name wi-orders ${where} -o table`;
const pick =
  "The first command lists the identity's federated credentials: replace <fic> with the name of the one meant for system:serviceaccount:orders:orders-api.";

describe('token-issuer-rejected', () => {
  it('fics-hidden-issuer-no-slash: visible inspect-read-forbidden, token-issuer-rejected, nothing masked', () => {
    const outcome = runScenario('fics-hidden-issuer-no-slash');
    expect(outcome.visible).toEqual([
      'inspect-read-forbidden',
      'token-issuer-rejected',
    ]);
    expect(outcome.masked).toEqual([]);
  });

  it('fics-hidden-issuer-no-slash: the token link is broken while federation is unknown', () => {
    const finding = findingOfRule(
      runScenario('fics-hidden-issuer-no-slash'),
      'token-issuer-rejected',
    );
    expect(finding.state).toBe('broken');
    const outcome = runScenario('fics-hidden-issuer-no-slash');
    expect(outcome.links.federation).toBe('unknown');
    expect(outcome.links.token).toBe('broken');
  });

  it('fics-hidden-issuer-no-slash: lists the credentials, then updates one to the issuer of the token', () => {
    const finding = findingOfRule(
      runScenario('fics-hidden-issuer-no-slash'),
      'token-issuer-rejected',
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
