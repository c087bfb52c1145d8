import { CacheService } from '@backstage/backend-plugin-api';
import {
  CHAIN_LINKS,
  ChainView,
  Finding,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { demoIssuerHistory } from 'sandbox';
import {
  DemoSandbox,
  demoPluginConfig,
  startDemoSandbox,
} from '../../clients/__testUtils__/startDemoSandbox';
import { HEALTH_RULES } from '../../rules';
import { FixShell, startFixShell } from './__testUtils__/cardFixShell';
import { ChainService } from './ChainService';
import { createLiveInspector } from './createLiveInspector';

jest.setTimeout(180_000);

/**
 * The broken demo components whose card offers commands, what the card shows before the fix
 * (root causes: findings not masked), and what it shows after the fix ran: `[]` is healthy,
 * otherwise the next root cause of the chain. Every root cause here is one of a different rule.
 */
const CASES: { component: string; before: string[]; after: string[] }[] = [
  // az identity federated-credential update: the subject's namespace.
  {
    component: 'invoice-renderer',
    before: ['fic-subject-namespace-mismatch'],
    after: [],
  },
  // The same command with the cluster's new issuer; the identity is in the second
  // subscription, not the shell's default one.
  { component: 'reporting-job', before: ['fic-issuer-stale'], after: [] },
  // az keyvault set-policy on a vault in access-policy mode.
  {
    component: 'secrets-rotator',
    before: ['kv-access-policy-mode-no-policy'],
    after: [],
  },
  // az network private-dns link vnet create (the platform team's fix).
  {
    component: 'ledger-service',
    before: ['resource-private-endpoint-unusable'],
    after: [],
  },
  // kubectl annotate sa … && kubectl rollout restart.
  {
    component: 'notification-service',
    before: ['sa-client-id-is-principal-id'],
    after: [],
  },
  // kubectl patch of the pod template's label; the new pods are mutated.
  { component: 'media-processor', before: ['pod-label-missing'], after: [] },
  // kubectl delete azureidentitybinding && kubectl patch --type json.
  {
    component: 'legacy-billing',
    before: ['pod-aad-pod-identity-leftover'],
    after: [],
  },
];

/** A plain in-memory CacheService, as the chain service's own tests use. */
function memoryCache(): CacheService {
  const values = new Map<string, unknown>();
  const cache: CacheService = {
    get: async key => values.get(key) as any,
    set: async (key, value) => {
      values.set(key, JSON.parse(JSON.stringify(value)));
    },
    delete: async key => {
      values.delete(key);
    },
    withOptions: () => cache,
  };
  return cache;
}

const rootCauses = (view: ChainView): Finding[] =>
  view.findings.filter(f => !f.maskedBy);
const ruleIds = (findings: Finding[]) =>
  [...new Set(findings.map(f => f.ruleId))].sort();

describe("the identity card's fixes, run as shown against the sandbox", () => {
  let demo: DemoSandbox;
  let shell: FixShell;
  let chains: ChainService;

  beforeAll(async () => {
    demo = await startDemoSandbox();
    shell = await startFixShell(demo);
    const world = demo.sandbox.demo!.world;
    // The card's chain service on the live inspector; the demo seeds no active requests.
    chains = new ChainService({
      inspector: createLiveInspector({
        config: demoPluginConfig(demo),
        clientOptions: demo.clientOptions,
        requestsOf: async () => [],
        issuerHistory: async () =>
          demoIssuerHistory(world, demo.sandbox.demo!.kubernetes),
        // The token probe runs again on the refresh right after a fix.
        probeMinIntervalMs: 0,
      }),
      cache: memoryCache(),
      rules: HEALTH_RULES,
      ttlMs: 60_000,
      refreshThrottleMs: 0,
    });
  });
  afterAll(() => demo?.stop());

  function component(name: string) {
    const found = demo.sandbox.demo!.world.components.find(
      d => d.component.name === name,
    );
    if (!found) throw new Error(`no demo component ${name}`);
    return found.component;
  }

  /** What the card shows after its refresh button. */
  function refresh(name: string): Promise<ChainView> {
    const { annotations } = component(name);
    return chains.chainOf(
      { entityRef: `component:default/${name}`, annotations },
      { refresh: true },
    );
  }

  it('covers five or more differently broken components', () => {
    const rules = CASES.flatMap(c => c.before);
    expect(new Set(rules).size).toBe(rules.length);
    expect(CASES.length).toBeGreaterThanOrEqual(5);
  });

  it.each(CASES.map(c => [c.component, c] as const))(
    '%s: the fixes the card shows run as shown, and the chain moves on',
    async (name, { before, after }) => {
      const shown = rootCauses(await refresh(name));
      expect(ruleIds(shown)).toEqual(before);

      for (const finding of shown) {
        expect(finding.fix.kind).toBe('command');
        const ran = await shell.run(finding.fix.text, {
          cluster: component(name).cluster,
        });
        // The command with its output, so a failure says which one and why.
        expect({ command: finding.fix.text, ...ran }).toMatchObject({
          code: 0,
        });
      }

      // Healthy: no finding at all, masked ones included, and every link of the card ok, or
      // none where the component names nothing on it (these name no target resources).
      const read = await refresh(name);
      const healthy = after.length === 0;
      expect({
        rootCauses: ruleIds(rootCauses(read)),
        anyFinding: read.findings.length > 0,
        everyLinkOk: CHAIN_LINKS.every(link =>
          ['ok', 'none'].includes(read.links[link]),
        ),
      }).toEqual({
        rootCauses: after,
        anyFinding: !healthy,
        everyLinkOk: healthy,
      });
    },
  );

  it('says plainly what to decide where the fix is a choice: audit-exporter, no role and no known target', async () => {
    const [finding, ...more] = rootCauses(await refresh('audit-exporter'));
    expect(more).toEqual([]);
    expect(finding.ruleId).toBe('ra-missing');
    expect(finding.fix.kind).toBe('action');
    expect(finding.fix.text).toMatch(
      /^Decide which Azure resources wi-audit must reach/,
    );
    expect(finding.fix.text).not.toMatch(/<[^>]+>/);
  });

  it("every other demo component's card shows no command to run", async () => {
    const tried = new Set([...CASES.map(c => c.component), 'audit-exporter']);
    const others = demo.sandbox.demo!.world.components.filter(
      d => !tried.has(d.component.name),
    );
    const commands = await Promise.all(
      others.map(async d =>
        rootCauses(await refresh(d.component.name))
          .filter(f => f.fix.kind === 'command')
          .map(f => `${d.component.name}: ${f.ruleId}`),
      ),
    );
    expect(commands.flat()).toEqual([]);
  });
});
