import { demoIssuerHistory } from 'sandbox';
import { HEALTH_RULES } from '../../rules';
import {
  DemoSandbox,
  demoPluginConfig,
  startDemoSandbox,
} from '../../clients/__testUtils__/startDemoSandbox';
import { inspect } from '../engine';
import { createLiveInspector } from './createLiveInspector';

jest.setTimeout(120_000);

const ids = (findings: { ruleId: string }[]) =>
  [...new Set(findings.map(f => f.ruleId))].sort();

describe('the live inspector on the demo world, through the SDKs against the sandbox', () => {
  let demo: DemoSandbox;

  beforeAll(async () => {
    demo = await startDemoSandbox();
  });
  afterAll(() => demo?.stop());

  it('finds in each demo component what the sandbox README says it stages, read as one fleet scan', async () => {
    const world = demo.sandbox.demo!.world;
    const inspector = createLiveInspector({
      config: demoPluginConfig(demo),
      clientOptions: demo.clientOptions,
      requestsOf: async () => [],
      issuerHistory: async () =>
        demoIssuerHistory(world, demo.sandbox.demo!.kubernetes),
    });
    // As a fleet scan reads them: the reads components share are made once.
    const scan = inspector.forScan();
    const outcomes = await Promise.all(
      world.components.map(async d => {
        const snapshot = await scan.inspect({
          entityRef: `component:default/${d.component.name}`,
          annotations: d.component.annotations,
        });
        const result = inspect({
          snapshot,
          rules: HEALTH_RULES,
          now: new Date(),
        });
        return {
          component: d.component.name,
          visible: ids(result.findings.filter(f => !f.maskedBy)),
          masked: ids(result.findings.filter(f => f.maskedBy)),
        };
      }),
    );
    const expected = world.components.map(d => ({
      component: d.component.name,
      visible: [...d.scenario.visible].sort(),
      masked: [...d.scenario.masked].sort(),
    }));
    // Healthy, broken and not-yet-requested components alike.
    expect(expected.filter(e => e.visible.length > 0).length).toBeGreaterThan(
      5,
    );
    expect(outcomes).toEqual(expected);
  });

  it("reads the workloads of the namespaces the identity's credentials trust", async () => {
    const world = demo.sandbox.demo!.world;
    const inspector = createLiveInspector({
      config: demoPluginConfig(demo),
      clientOptions: demo.clientOptions,
      requestsOf: async () => [],
      issuerHistory: async () => [],
    });
    const orders = world.components.find(
      d => d.component.name === 'orders-api',
    )!;
    const snapshot = await inspector.inspect({
      entityRef: 'component:default/orders-api',
      annotations: orders.component.annotations,
    });
    const subjects = snapshot.bindings[0].subjectWorkloads ?? {};
    expect(Object.keys(subjects)).toEqual(['aks-prod/orders']);
    const read = subjects['aks-prod/orders'];
    const names =
      read.status === 'ok' ? read.value.map(w => w.metadata.name) : [];
    expect([read.status, names.includes('orders-api')]).toEqual(['ok', true]);
  });
});
