import { createRouter, json, readJson } from '../http';
import type { KubernetesTwin } from '../kubernetes';
import { podsOf, runWorkload } from './runWorkload';

interface WorkloadQuery {
  cluster?: string;
  namespace?: string;
  deployment?: string;
}

/**
 * `POST /admin/demo/workload {cluster, namespace, deployment}`: acts as the newest pod of a
 * deployment, as the workload runner does in-process, for callers in another process (the
 * browser tests). Answers the pod's workload identity environment and the options
 * `WorkloadIdentityCredential` takes; the token file it names is written on this machine and
 * refreshed on every call.
 */
export function createWorkloadRoute(getTwin: () => KubernetesTwin | undefined) {
  return createRouter().post('/admin/demo/workload', async req => {
    const twin = getTwin();
    if (!twin) {
      return json(404, {
        error: { code: 'NoDemo', message: 'This sandbox runs no clusters.' },
      });
    }
    const { cluster, namespace, deployment } = readJson<WorkloadQuery>(req);
    if (!cluster || !namespace || !deployment) {
      return json(400, {
        error: {
          code: 'InvalidRequest',
          message: 'send {cluster, namespace, deployment}',
        },
      });
    }
    let pods;
    try {
      pods = podsOf(twin, { cluster, namespace, deployment });
    } catch (e) {
      return json(404, {
        error: { code: 'NotFound', message: (e as Error).message },
      });
    }
    const newest = pods[pods.length - 1];
    if (!newest) {
      return json(404, {
        error: {
          code: 'NotFound',
          message: `deployment ${namespace}/${deployment} on ${cluster} has no pod`,
        },
      });
    }
    const workload = await runWorkload({
      twin,
      cluster,
      namespace,
      pod: newest.metadata.name,
    });
    return json(200, {
      pod: newest.metadata.name,
      labels: newest.metadata.labels ?? {},
      env: Object.fromEntries(
        Object.entries(workload.env).filter(([name]) =>
          name.startsWith('AZURE_'),
        ),
      ),
      credentialOptions: workload.credentialOptions(),
    });
  });
}
