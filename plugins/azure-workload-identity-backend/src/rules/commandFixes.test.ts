import { FindingFix } from '@backstage-community/plugin-azure-workload-identity-common';
import { SCENARIOS } from '../inspection/__testUtils__/scenarios';
import { runScenario } from '../inspection/__testUtils__/runScenario';
import { notCommandsOnly } from './__testUtils__/commandsOnly';

const command = (text: string, note?: string): FindingFix => ({
  kind: 'command',
  text,
  owner: 'component',
  ...(note ? { note } : {}),
});

describe('the commands-only check', () => {
  it('accepts commands joined by && or on their own lines, JSON patches and queries included', () => {
    for (const text of [
      `kubectl -n orders patch deployment orders-api --type merge -p '{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":"true"}}}}}' && kubectl -n orders rollout restart deployment/orders-api`,
      `kubectl -n orders patch deployment orders-api --type json -p '[{"op":"remove","path":"/spec/template/metadata/labels/aadpodidbinding"}]'`,
      `az identity list --query "[?clientId=='4024ab25'].{name:name, tenant:tenantId}" -o table\nkubectl -n orders annotate sa orders-api azure.workload.identity/tenant-id=$(az account show --query tenantId -o tsv) --overwrite`,
      `curl -fsS -H "Authorization: Bearer $BACKSTAGE_TOKEN" https://backstage/api/x | kubectl --context aks-prod apply -f -`,
    ]) {
      expect([text, notCommandsOnly(command(text))]).toEqual([text, []]);
    }
  });

  it('finds the prose the fixes used to carry', () => {
    for (const text of [
      'curl -s https://issuer/.well-known/openid-configuration and curl -s https://issuer/openid/v1/jwks to verify; reconcile with az aks update -g rg -n aks',
      'az aks update -g rg -n aks --enable-oidc-issuer, then az aks show -g rg -n aks',
      "Request a dedicated identity from the component's card, or by hand: az identity create -n id",
      'az aks update -g rg -n aks (reconcile; open an Azure support request if it persists)',
      'add-on: az aks update -g rg -n aks --enable-workload-identity',
      'az identity federated-credential delete --name x --yes (or list https://issuer in healthRules.externalIssuers if intended)',
    ]) {
      expect([text, notCommandsOnly(command(text)).length > 0]).toEqual([
        text,
        true,
      ]);
    }
  });

  it('lets a placeholder stand only with a note that says how to find its value', () => {
    const text = 'az identity federated-credential delete --name <fic> --yes';
    expect(notCommandsOnly(command(text))).toEqual([
      'placeholder <fic> without a note saying how to find it',
    ]);
    expect(notCommandsOnly(command(text, 'Replace <fic> …'))).toEqual([]);
  });

  it('leaves words alone where the fix is an action, not a command', () => {
    expect(
      notCommandsOnly({
        kind: 'action',
        text: 'Choose the role with the platform team, then assign it.',
        owner: 'component',
      }),
    ).toEqual([]);
  });
});

describe('every command fix of every scenario', () => {
  const fixes = Object.keys(SCENARIOS).flatMap(scenario =>
    runScenario(scenario)
      .findings.filter(f => f.fix.kind === 'command')
      .map(f => ({ scenario, ruleId: f.ruleId, fix: f.fix })),
  );

  it('covers the command fixes of many rules', () => {
    expect(new Set(fixes.map(f => f.ruleId)).size).toBeGreaterThan(40);
  });

  it('is only commands a POSIX shell runs as given; the words are in the note', () => {
    const problems = fixes.flatMap(({ scenario, ruleId, fix }) =>
      notCommandsOnly(fix).map(
        problem => `${ruleId} (${scenario}): ${problem}`,
      ),
    );
    expect([...new Set(problems)]).toEqual([]);
  });
});
