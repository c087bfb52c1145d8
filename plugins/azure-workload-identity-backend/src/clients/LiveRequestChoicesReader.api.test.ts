import { createLiveRequestChoicesReader } from './createLivePreflightReader';
import {
  DemoSandbox,
  demoPluginConfig,
  startDemoSandbox,
} from './__testUtils__/startDemoSandbox';

jest.setTimeout(60_000);

describe('the request form choices, read through the SDKs from the sandbox', () => {
  let demo: DemoSandbox;

  beforeAll(async () => {
    demo = await startDemoSandbox();
  });
  afterAll(() => demo?.stop());

  const reader = () =>
    createLiveRequestChoicesReader({
      config: demoPluginConfig(demo),
      clientOptions: demo.clientOptions,
    });

  it("lists a cluster's namespaces through its Kubernetes API", async () => {
    const namespaces = await reader().listNamespaces({ cluster: 'aks-prod' });
    expect(namespaces).toEqual(expect.arrayContaining(['orders', 'default']));
    expect(namespaces).toEqual([...namespaces!].sort());
    expect(await reader().listNamespaces({ cluster: 'aks-test' })).toBe(
      undefined,
    );
  });

  it('lists every demo target resource of a catalogued type, and no identity', async () => {
    const resources = await reader().listResources();
    const targets = demo.sandbox.demo!.world.components.flatMap(c =>
      c.targets.map(t => t.id.toLowerCase()),
    );
    const listed = resources.map(r => r.id.toLowerCase());
    // Targets that are sub-resources (a container) are reached through their account.
    const topLevel = targets.filter(id => id.split('/').length === 9);
    expect(topLevel.length).toBeGreaterThan(0);
    expect(listed).toEqual(expect.arrayContaining(topLevel));
    expect(resources.some(r => /userAssignedIdentities/i.test(r.type))).toBe(
      false,
    );
    const first = resources[0];
    expect(first.id).toContain(`/resourceGroups/${first.resourceGroup}/`);
    expect(first.id).toContain(`/subscriptions/${first.subscriptionId}/`);
  });
});
