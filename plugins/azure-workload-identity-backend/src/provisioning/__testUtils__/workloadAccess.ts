import { WorkloadIdentityCredential } from '@azure/identity';
import https from 'node:https';
import { podsOf, runWorkload } from 'sandbox';
import { DemoSandbox } from '../../clients/__testUtils__/startDemoSandbox';

/**
 * Deploys a workload that uses the service account with the workload identity label, and
 * returns a function that gets its Azure tokens the way the application would: through
 * WorkloadIdentityCredential reading what the webhook injected into the pod.
 */
export async function deployWorkload(
  demo: DemoSandbox,
  options: { cluster: string; namespace: string; serviceAccountName: string },
) {
  const { cluster, namespace, serviceAccountName: name } = options;
  const twin = demo.sandbox.demo!.kubernetes;
  twin.cluster(cluster).apply({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: {
          labels: { app: name, 'azure.workload.identity/use': 'true' },
        },
        spec: {
          serviceAccountName: name,
          containers: [{ name: 'app', image: `example/${name}:1.0.0` }],
        },
      },
    },
  });
  const [pod] = podsOf(twin, { cluster, namespace, deployment: name });
  const workload = await runWorkload({
    twin,
    cluster,
    namespace,
    pod: pod.metadata.name,
  });
  const credential = new WorkloadIdentityCredential(
    workload.credentialOptions(),
  );
  return {
    workload,
    async token(scope: string): Promise<string> {
      return (await credential.getToken(scope)).token;
    },
  };
}

/** One call to the sandbox's data plane with a bearer token. */
export function callDataPlane(
  demo: DemoSandbox,
  options: {
    method: string;
    path: string;
    token: string;
    body?: string;
    headers?: Record<string, string>;
  },
): Promise<{ status: number; body: string }> {
  const url = new URL(options.path, demo.sandbox.azure.url);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: options.method,
        ca: demo.sandbox.tls.caCertPem,
        headers: {
          authorization: `Bearer ${options.token}`,
          'x-ms-version': '2023-11-03',
          ...options.headers,
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
