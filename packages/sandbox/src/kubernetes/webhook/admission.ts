import { admissionForbidden, internalError, StatusError } from '../api/status';
import { matchesSelector } from '../api/selectors';
import { MutatingAdmissionPlugin } from '../admission/types';
import { FaultRules } from '../faults';
import { ObjectReader } from '../objectAccess';
import { KubeObject } from '../types';
import { mutatePod, WebhookDenial, WebhookSettings, WI } from './mutation';

export interface WebhookAdmissionOptions {
  objects: ObjectReader;
  /** Staged webhook faults (`deny`, `skip`, `strip-token-volume`). */
  faults: FaultRules;
  /** The cluster's tenant and authority host, for a webhook ConfigMap that lacks them. */
  defaults(): { tenantId: string; authorityHost: string };
}

/**
 * The MutatingAdmissionWebhook step for pods, for the one webhook the twin
 * knows how to run: azure-workload-identity. Which pods it sees, and what
 * happens when it is unreachable, follow the cluster's own objects:
 * - the MutatingWebhookConfiguration (objectSelector, namespaceSelector,
 *   failurePolicy), absent = no mutation;
 * - the webhook Service and its ready pods (scale the Deployment to 0 and
 *   pods with the label are refused under `failurePolicy: Fail`);
 * - the ConfigMap `azure-wi-webhook-config` (tenant, authority host) and the
 *   webhook image tag (token paths of v1.5 vs v1.6).
 * Pods in kube-system are never sent, as the AKS admissions enforcer does.
 */
export function workloadIdentityWebhookAdmission(
  options: WebhookAdmissionOptions,
): MutatingAdmissionPlugin {
  return {
    name: 'MutatingAdmissionWebhook',
    admit({ operation, resource, object }) {
      if (operation !== 'CREATE' || resource.kind !== 'Pod') return object;
      const sa = options.objects.find(
        'v1',
        'ServiceAccount',
        object.metadata.namespace,
        object.spec.serviceAccountName,
      );
      // The ServiceAccount plugin ran first and refused a pod without one.
      return sa ? runPodWebhooks(options, object, sa) : object;
    },
  };
}

function runPodWebhooks(
  options: WebhookAdmissionOptions,
  pod: KubeObject,
  sa: KubeObject,
): KubeObject {
  const { objects, faults } = options;
  const mwcType = objects.type(
    'admissionregistration.k8s.io/v1',
    'MutatingWebhookConfiguration',
  );
  const ns = pod.metadata.namespace!;
  let out = pod;
  for (const config of objects.list(mwcType)) {
    for (const webhook of config.webhooks ?? []) {
      if (webhook.name !== WI.webhookName) continue;
      if (!intercepts(objects, webhook, config, out, ns)) continue;
      const serviceRef = webhook.clientConfig?.service;
      const failure = serviceRef
        ? unreachable(objects, serviceRef)
        : 'no clientConfig.service';
      if (failure) {
        if (webhook.failurePolicy === 'Ignore') continue;
        const url = `https://${serviceRef?.name}.${
          serviceRef?.namespace
        }.svc:443${serviceRef?.path ?? '/mutate-v1-pod'}?timeout=${
          webhook.timeoutSeconds ?? 10
        }s`;
        throw internalError(
          `failed calling webhook "${WI.webhookName}": failed to call webhook: Post "${url}": ${failure}`,
        );
      }
      const fault = faults.webhookFault(ns);
      if (fault?.mode === 'skip') continue;
      if (fault?.mode === 'deny')
        throw denied(out, fault.message ?? 'internal error');
      const settings = webhookSettings(options, serviceRef.namespace);
      if (settings.version.major < 1 && !usesWorkloadIdentityPre10(out, sa))
        continue;
      try {
        out = mutatePod(out, sa, settings);
      } catch (e) {
        if (e instanceof WebhookDenial) throw denied(out, e.message);
        throw e;
      }
      if (fault?.mode === 'strip-token-volume') out = stripTokenVolume(out);
    }
  }
  return out;
}

/** What a volume-restricting policy does to the mutated pod: the Entra token volume is gone. */
function stripTokenVolume(pod: KubeObject): KubeObject {
  const stripped = structuredClone(pod);
  const names = new Set(
    (stripped.spec.volumes ?? [])
      .filter((v: any) =>
        (v.projected?.sources ?? []).some(
          (source: any) => source.serviceAccountToken?.audience === WI.audience,
        ),
      )
      .map((v: any) => v.name),
  );
  stripped.spec.volumes = (stripped.spec.volumes ?? []).filter(
    (v: any) => !names.has(v.name),
  );
  for (const c of [
    ...(stripped.spec.initContainers ?? []),
    ...stripped.spec.containers,
  ])
    c.volumeMounts = (c.volumeMounts ?? []).filter(
      (m: any) => !names.has(m.name),
    );
  return stripped;
}

function denied(pod: KubeObject, message: string): StatusError {
  const error = admissionForbidden('pods', pod.metadata.name, '');
  return new StatusError(
    400,
    'BadRequest',
    `admission webhook "${WI.webhookName}" denied the request: ${message}`,
    error.details,
  );
}

function intercepts(
  objects: ObjectReader,
  webhook: any,
  config: KubeObject,
  pod: KubeObject,
  ns: string,
): boolean {
  const rules: any[] = webhook.rules ?? [];
  const podCreate = rules.some(
    r =>
      (r.operations ?? []).some(
        (op: string) => op === 'CREATE' || op === '*',
      ) &&
      (r.resources ?? []).some(
        (res: string) => res === 'pods' || res === '*',
      ) &&
      (r.apiGroups ?? []).some((g: string) => g === '' || g === '*'),
  );
  if (!podCreate) return false;
  const enforcerOff =
    config.metadata.labels?.['admissions.enforcer/disabled'] === 'true' ||
    config.metadata.annotations?.['admissions.enforcer/disabled'] === 'true';
  if (ns === 'kube-system' && !enforcerOff) return false;
  const namespace = objects.find('v1', 'Namespace', undefined, ns);
  if (!matchesSelector(namespace?.metadata.labels, webhook.namespaceSelector))
    return false;
  return matchesSelector(pod.metadata.labels, webhook.objectSelector);
}

/** Why the webhook cannot be called, or undefined when a ready endpoint exists. */
function unreachable(
  objects: ObjectReader,
  ref: { namespace: string; name: string },
): string | undefined {
  const service = objects.find('v1', 'Service', ref.namespace, ref.name);
  if (!service) return `service "${ref.name}" not found`;
  const selector = service.spec?.selector;
  const ready = objects
    .list(objects.type('v1', 'Pod'), { namespace: ref.namespace })
    .some(
      p =>
        selector &&
        matchesSelector(p.metadata.labels, { matchLabels: selector }) &&
        (p.status?.conditions ?? []).some(
          (c: any) => c.type === 'Ready' && c.status === 'True',
        ),
    );
  return ready ? undefined : `no endpoints available for service "${ref.name}"`;
}

function webhookSettings(
  options: WebhookAdmissionOptions,
  namespace: string,
): WebhookSettings {
  const { objects } = options;
  const config = objects.find('v1', 'ConfigMap', namespace, WI.configMapName);
  const deployment = objects.find(
    'apps/v1',
    'Deployment',
    namespace,
    WI.deploymentName,
  );
  const image: string =
    deployment?.spec?.template?.spec?.containers?.[0]?.image ?? '';
  const tag = /:v?(\d+)\.(\d+)/.exec(image);
  const defaults = options.defaults();
  return {
    version: tag
      ? { major: Number(tag[1]), minor: Number(tag[2]) }
      : { major: 1, minor: 6 },
    tenantId: config?.data?.AZURE_TENANT_ID ?? defaults.tenantId,
    authorityHost: config?.data?.AZURE_AUTHORITY_HOST ?? defaults.authorityHost,
  };
}

/** Before v1.0 the webhook also honoured the label on the ServiceAccount. */
function usesWorkloadIdentityPre10(pod: KubeObject, sa: KubeObject): boolean {
  return (
    pod.metadata.labels?.[WI.useLabel] === 'true' ||
    sa.metadata.labels?.[WI.useLabel] === 'true'
  );
}
