import { demoIssuerHistory } from 'sandbox';
import {
  DemoSandbox,
  demoPluginConfig,
} from '../../clients/__testUtils__/startDemoSandbox';
import { createLiveInspector } from '../live/createLiveInspector';
import { InspectionSnapshot } from '../snapshot';
import { baselineRequest } from './baselineBinding';
import { Extra, wiOrders } from './twinStaging';

/**
 * The request orders-api's chain was built from: the fixture's baseline request, with the
 * credential as the twin holds it (same name and issuer GUID; the issuer's origin is the
 * twin's). Read before a scenario is staged.
 */
export function baselineRequestOnTwin(demo: DemoSandbox) {
  const { state } = demo.sandbox.azure.twin;
  const [fic] = state.listFederatedCredentials(wiOrders(demo));
  const request = baselineRequest();
  request.federatedCredential = {
    ...request.federatedCredential!,
    name: fic.name,
    issuer: fic.issuer,
  };
  return request;
}

/** What the live inspector reads for the demo's orders-api, through the SDKs, as the portal would. */
export async function readOrdersApiOnTwin(
  demo: DemoSandbox,
  config: ReturnType<typeof demoPluginConfig>,
  request: ReturnType<typeof baselineRequest>,
  extra: Extra = {},
): Promise<InspectionSnapshot> {
  const world = demo.sandbox.demo!.world;
  const inspector = createLiveInspector({
    config: extra.config?.(config) ?? config,
    clientOptions: demo.clientOptions,
    requestsOf: async () =>
      extra.noRequests ? [] : [request, ...(extra.moreRequests ?? [])],
    requestsOfIdentity: async () => extra.identityRequests ?? [],
    issuerHistory: async () =>
      extra.issuerHistory ??
      demoIssuerHistory(world, demo.sandbox.demo!.kubernetes),
    probeMinIntervalMs: 0,
    inspectSecrets: extra.healthRules?.inspectSecrets,
  });
  const orders = world.components.find(d => d.component.name === 'orders-api')!;
  return inspector.inspect({
    entityRef: 'component:default/orders-api',
    annotations: { ...orders.component.annotations, ...extra.annotations },
  });
}
