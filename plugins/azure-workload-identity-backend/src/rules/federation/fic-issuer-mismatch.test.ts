import { fics } from '../../inspection/__testUtils__/access';
import { baselineSnapshot } from '../../inspection/__testUtils__/baselineWorld';
import {
  findingOfRule,
  runScenario,
} from '../../inspection/__testUtils__/runScenario';
import { W } from '../../inspection/__testUtils__/world';
import { notCommandsOnly } from '../__testUtils__/commandsOnly';

const where = `--resource-group rg-apps --subscription ${W.sub}`;
const subjectAndAudience =
  '--subject system:serviceaccount:orders:orders-api --audiences api://AzureADTokenExchange';

describe('fic-issuer-mismatch', () => {
  it('fic-issuer-other-cluster: masks AADSTS700211', () => {
    const outcome = runScenario('fic-issuer-other-cluster');
    expect(outcome.visible).toEqual(['fic-issuer-mismatch']);
    expect(outcome.masked).toEqual(['request-drift', 'token-issuer-rejected']);
  });

  it('fic-issuer-other-cluster: adds a second FIC so both clusters keep working', () => {
    const finding = findingOfRule(
      runScenario('fic-issuer-other-cluster'),
      'fic-issuer-mismatch',
    );
    expect(finding.evidence.actual).toBe(
      'issuer=https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/dddddddd-0000-0000-0000-00000000dddd/ (the issuer of cluster aks-dr)',
    );
    expect(finding.fix).toEqual({
      kind: 'command',
      owner: 'component',
      text: `az identity federated-credential create --name orders-orders-api-aks-prod --identity-name wi-orders ${where} --issuer ${W.issuer} ${subjectAndAudience}`,
      note: 'A second credential, so that orders-api keeps serving cluster aks-dr.',
    });
  });

  it('offers updating the credential instead, in the note, where no cluster has its issuer', () => {
    const snapshot = baselineSnapshot();
    fics(snapshot)[0].properties.issuer = 'https://issuer.example.com/gone/';
    const { fix } = findingOfRule(runScenario(snapshot), 'fic-issuer-mismatch');
    expect(fix.text).toBe(
      `az identity federated-credential create --name orders-orders-api-aks-prod --identity-name wi-orders ${where} --issuer ${W.issuer} ${subjectAndAudience}`,
    );
    expect(fix.note).toBe(
      `No configured cluster has the issuer orders-api trusts. If nothing uses that issuer any more, update orders-api instead of adding a credential: az identity federated-credential update --name orders-api --identity-name wi-orders ${where} --issuer ${W.issuer} ${subjectAndAudience}`,
    );
  });

  it("says where to read the cluster's issuer while it has none", () => {
    const { fix } = findingOfRule(
      runScenario('oidc-issuer-off'),
      'fic-issuer-mismatch',
    );
    expect(fix.text).toContain('--issuer <issuer> ');
    expect(fix.note).toMatch(
      new RegExp(
        `^Replace <issuer> with the cluster's issuer once it has one: az aks show -g rg-aks -n aks-prod --subscription ${W.sub} --query oidcIssuerProfile\\.issuerUrl -o tsv prints it\\. No configured cluster`,
      ),
    );
    expect(notCommandsOnly(fix)).toEqual([]);
  });
});
