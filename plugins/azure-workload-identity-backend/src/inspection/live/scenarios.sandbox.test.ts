import {
  DemoSandbox,
  demoPluginConfig,
  startDemoSandbox,
} from '../../clients/__testUtils__/startDemoSandbox';
import { HEALTH_RULES } from '../../rules';
import { runScenario } from '../__testUtils__/runScenario';
import {
  armDenies,
  customRoleOnStorage,
  Extra,
  Staging,
  stageVaultBehindEndpoint,
} from '../__testUtils__/twinStaging';
import { TWIN_SCENARIOS } from '../__testUtils__/scenarios';
import {
  baselineRequestOnTwin,
  readOrdersApiOnTwin,
} from '../__testUtils__/twinInspection';
import { inspect } from '../engine';

jest.setTimeout(120_000);

/** The staging, with ARM refusing the portal role definition reads. */
function demoWithRoleReadsDenied(staging: Staging): Staging {
  return demo => {
    armDenies(
      demo,
      'roleDefinitions',
      'Microsoft.Authorization/roleDefinitions/read',
    );
    return staging(demo);
  };
}

const ids = (findings: { ruleId: string }[]) =>
  [...new Set(findings.map(f => f.ruleId))].sort();

/**
 * The twin side of every scenario of the one table, staged in the twin itself,
 * on the demo's baseline component. Read live through the SDKs, each yields the rule ids its
 * snapshot side yields, which the rules' own tests hold to the catalogue.
 */
describe('catalogue scenarios staged in the twin', () => {
  let demo: DemoSandbox;
  // One configuration for every test: the portal signs in once, so a fault of Entra ID's
  // token endpoint staged by a scenario meets the workload's exchange, not the portal.
  let config: ReturnType<typeof demoPluginConfig>;

  beforeAll(async () => {
    demo = await startDemoSandbox();
    config = demoPluginConfig(demo);
  });
  afterAll(() => demo?.stop());

  const demoRequest = () => baselineRequestOnTwin(demo);

  async function inspectOrdersApi(
    request: ReturnType<typeof demoRequest>,
    extra: Extra = {},
  ) {
    const snapshot = await readOrdersApiOnTwin(demo, config, request, extra);
    const result = inspect({
      snapshot,
      rules: HEALTH_RULES,
      config: extra.healthRules,
      now: new Date(),
    });
    return {
      visible: ids(result.findings.filter(f => !f.maskedBy)),
      masked: ids(result.findings.filter(f => f.maskedBy)),
    };
  }

  it('reads the baseline component as healthy', async () => {
    await demo.sandbox.demo!.reset();
    expect(await inspectOrdersApi(demoRequest())).toEqual({
      visible: [],
      masked: [],
    });
  });

  it.each(Object.keys(TWIN_SCENARIOS))('%s', async name => {
    await demo.sandbox.demo!.reset();
    const { context } = demo.sandbox.azure.twin;
    context.faults.clear();
    const realism = { ...context.realism };
    const request = demoRequest();
    const extra = TWIN_SCENARIOS[name](demo) ?? {};
    extra.request?.(request);
    const fixture = runScenario(name, extra.healthRules);
    expect(fixture.visible.length).toBeGreaterThan(0);
    try {
      expect(await inspectOrdersApi(request, extra)).toEqual({
        visible: fixture.visible,
        masked: fixture.masked,
      });
    } finally {
      Object.assign(context.realism, realism);
      context.faults.clear();
    }
  });

  describe('custom roles', () => {
    afterEach(() => demo.sandbox.azure.twin.context.faults.clear());

    async function inspectStaged(
      staging: ReturnType<typeof customRoleOnStorage>,
    ) {
      await demo.sandbox.demo!.reset();
      demo.sandbox.azure.twin.context.faults.clear();
      const request = demoRequest();
      const extra = staging(demo) ?? {};
      extra.request?.(request);
      return inspectOrdersApi(request, extra);
    }

    it('reads a custom role that grants the blob reads: nothing to report', async () => {
      expect(
        await inspectStaged(
          customRoleOnStorage({
            dataActions: [
              'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
            ],
          }),
        ),
      ).toEqual({ visible: [], masked: [] });
    });

    it('reads a custom role that grants only control-plane reads', async () => {
      const { visible } = await inspectStaged(
        customRoleOnStorage({
          actions: ['Microsoft.Storage/storageAccounts/read'],
        }),
      );
      // It holds a role there, one that reaches no data.
      expect(visible).toEqual(['ra-control-plane-only']);
    });

    it('says unknown, not missing, when the custom role cannot be read', async () => {
      const staged = customRoleOnStorage({
        dataActions: [
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
        ],
      });
      const { visible } = await inspectStaged(demoWithRoleReadsDenied(staged));
      expect(visible).toEqual(['inspect-read-forbidden']);
    });
  });

  it("counts another component's request for the same identity", async () => {
    await demo.sandbox.demo!.reset();
    const outcome = await inspectOrdersApi(demoRequest(), {
      identityRequests: [
        {
          requestId: 'req-billing',
          entityRef: 'component:default/billing-worker',
          status: 'active',
        },
      ],
    });
    expect(outcome).toEqual({
      visible: ['identity-shared-blast-radius'],
      masked: [],
    });
  });

  it("reads a vault behind a private endpoint in the nodes' network, its zone linked, as healthy", async () => {
    await demo.sandbox.demo!.reset();
    stageVaultBehindEndpoint({ zoneLinked: true })(demo);
    expect(await inspectOrdersApi(demoRequest())).toEqual({
      visible: [],
      masked: [],
    });
  });

  it('finds the zone in a hub subscription configured under azure.subscriptions', async () => {
    const hub =
      '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-hub-dns';
    const onlyProd = (
      c: Parameters<NonNullable<Extra['config']>>[0],
      subscriptions: { subscriptionId: string }[],
    ) => ({
      ...c,
      clusters: c.clusters.filter(cluster => cluster.name === 'aks-prod'),
      azure: { ...c.azure, subscriptions },
    });
    await demo.sandbox.demo!.reset();
    stageVaultBehindEndpoint({ zoneLinked: true, zoneGroup: hub })(demo);
    expect(
      await inspectOrdersApi(demoRequest(), {
        config: c => onlyProd(c, []),
      }),
    ).toEqual({ visible: ['resource-private-endpoint-unusable'], masked: [] });
    expect(
      await inspectOrdersApi(demoRequest(), {
        config: c =>
          onlyProd(c, [
            { subscriptionId: '00000000-0000-0000-0000-000000000002' },
          ]),
      }),
    ).toEqual({ visible: [], masked: [] });
  });
});
