import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DemoCatalog,
  readDemoCatalog,
  RealismOptions,
  Sandbox,
  startSandbox,
} from 'sandbox';
import { readConfig } from '../../config/readConfig';
import {
  ComponentDirectory,
  ComponentFacts,
} from '../../ownership/ComponentDirectory';

/** Every twin delay off, as the sandbox's own suites run it: fast and deterministic. */
const FAST_REALISM: Partial<RealismOptions> = {
  latencyMs: 0,
  principalReplicationDelayMs: 0,
  ficPropagationDelayMs: 0,
  ficWriteDurationMs: 0,
  pageSize: 100,
  throttle: undefined,
};

const CATALOG = path.resolve(__dirname, '../../../../../demo/catalog.yaml');

export interface DemoSandbox {
  sandbox: Sandbox;
  /** The demo's catalog: its components, their owners, the clusters' environments. */
  catalog: DemoCatalog;
  /** The demo catalog's components as the trust model reads them from the catalog. */
  components: ComponentDirectory;
  /** The app config an adopter would write for this sandbox, as plain data. */
  appConfig(overrides?: { resourceManagerEndpoint?: string }): object;
  /** Trust the sandbox CA; no retries, so an unreachable endpoint fails fast. */
  clientOptions: {
    tlsOptions: { ca: string };
    retryOptions: { maxRetries: number };
  };
  stop(): Promise<void>;
}

/** Starts the sandbox with the demo world on ephemeral ports in a temporary directory. */
export async function startDemoSandbox(
  options: {
    realism?: Partial<RealismOptions>;
    /** Another world than demo/catalog.yaml, e.g. a generated fleet for a benchmark. */
    catalogPath?: string;
  } = {},
): Promise<DemoSandbox> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'awi-live-preflight-'));
  const sandbox = await startSandbox({
    dir,
    azure: {
      port: 0,
      persist: false,
      realism: { ...FAST_REALISM, ...options.realism },
    },
    demo: {
      catalogPath: options.catalogPath ?? CATALOG,
      kubernetesBasePort: 0,
    },
  });
  const { twin, url } = sandbox.azure;
  const clusters = sandbox.demo!.kubernetes.clusterInfo();
  const catalog = await readDemoCatalog(options.catalogPath ?? CATALOG);
  const environmentOf = (name: string) =>
    catalog.clusters.find(c => c.name === name)?.environment;

  return {
    sandbox,
    catalog,
    components: demoComponents(catalog),
    clientOptions: {
      tlsOptions: { ca: sandbox.tls.caCertPem },
      retryOptions: { maxRetries: 0 },
    },
    // Shaped like app-config.yaml plus the sandbox's app-config.kubernetes.yaml: the
    // Kubernetes API comes from the Kubernetes plugin's clusters, ARM coordinates from ours.
    appConfig: overrides => ({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: clusters.map(c => ({
              name: c.name,
              url: c.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: c.tokens.reader,
              caData: c.caData,
            })),
          },
        ],
      },
      azureWorkloadIdentity: {
        azure: {
          tenantId: twin.tenantId,
          resourceManagerEndpoint: overrides?.resourceManagerEndpoint ?? url,
          authorityHost: url,
          credential: {
            clientId: twin.portal.clientId,
            clientSecret: twin.portal.clientSecret,
          },
        },
        clusters: clusters.map(c => ({
          name: c.name,
          subscriptionId: c.subscriptionId,
          resourceGroup: c.resourceGroup,
          provisioner: { serviceAccountToken: c.tokens.provisioner },
          // As app-config.yaml says for the demo: from the catalog's cluster labels.
          ...(environmentOf(c.name)
            ? { environment: environmentOf(c.name) }
            : {}),
        })),
      },
    }),
    async stop() {
      await sandbox.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** The plugin's configuration for the sandbox, read the way the plugin reads it. */
export function demoPluginConfig(
  demo: DemoSandbox,
  overrides?: { resourceManagerEndpoint?: string },
) {
  return readConfig(new ConfigReader(demo.appConfig(overrides) as any));
}

/** The demo catalog's components as catalog entities, for a test backend's catalog. */
export function demoCatalogEntities(catalog: DemoCatalog): Entity[] {
  return catalog.components.map(c => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: c.name,
      namespace: 'default',
      description: c.description,
      annotations: c.annotations,
    },
    spec: { type: 'service', lifecycle: 'production', owner: c.owner },
    relations: [{ type: 'ownedBy', targetRef: c.owner }],
  }));
}

/** The demo catalog's components, as the catalog would answer for them. */
export function demoComponents(catalog: DemoCatalog): ComponentDirectory {
  const byRef = new Map<string, ComponentFacts>(
    catalog.components.map(c => [
      c.entityRef,
      {
        entityRef: c.entityRef,
        owners: [c.owner],
        kubernetesId: c.kubernetesId,
      },
    ]),
  );
  return {
    component: async entityRef => byRef.get(entityRef.toLowerCase()),
  };
}
