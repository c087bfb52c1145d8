import { defaultMatchResources } from './admissionPolicyFields';
import { KubeObject } from './types';

/** Apiserver defaulting for a container, so stored objects look like a real cluster's. */
function defaultContainer(c: any): any {
  const image: string = c.image ?? '';
  const tag = image.includes('@')
    ? 'digest'
    : image.split('/').pop()?.split(':')[1];
  return {
    ...c,
    imagePullPolicy:
      c.imagePullPolicy ??
      (tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent'),
    resources: c.resources ?? {},
    terminationMessagePath: c.terminationMessagePath ?? '/dev/termination-log',
    terminationMessagePolicy: c.terminationMessagePolicy ?? 'File',
  };
}

export function defaultPodSpec(spec: any): any {
  const out = { ...spec };
  out.containers = (spec.containers ?? []).map(defaultContainer);
  if (spec.initContainers)
    out.initContainers = spec.initContainers.map(defaultContainer);
  out.restartPolicy ??= 'Always';
  out.terminationGracePeriodSeconds ??= 30;
  out.dnsPolicy ??= 'ClusterFirst';
  out.securityContext ??= {};
  out.schedulerName ??= 'default-scheduler';
  return out;
}

export function defaultObject(object: KubeObject): KubeObject {
  const o = structuredClone(object);
  switch (o.kind) {
    case 'Pod':
      o.spec = defaultPodSpec(o.spec ?? {});
      o.spec.serviceAccountName =
        o.spec.serviceAccountName || o.spec.serviceAccount || 'default';
      o.spec.serviceAccount = o.spec.serviceAccountName;
      o.spec.enableServiceLinks ??= true;
      o.spec.priority ??= 0;
      o.spec.preemptionPolicy ??= 'PreemptLowerPriority';
      o.spec.tolerations ??= [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ];
      break;
    case 'Deployment':
      o.spec.replicas ??= 1;
      o.spec.strategy ??= {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
      };
      o.spec.revisionHistoryLimit ??= 10;
      o.spec.progressDeadlineSeconds ??= 600;
      o.spec.template = {
        ...o.spec.template,
        metadata: { creationTimestamp: null, ...o.spec.template?.metadata },
      };
      o.spec.template.spec = defaultPodSpec(o.spec.template.spec ?? {});
      break;
    case 'ReplicaSet':
      o.spec.replicas ??= 1;
      break;
    case 'Namespace':
      o.spec ??= { finalizers: ['kubernetes'] };
      o.status ??= { phase: 'Active' };
      o.metadata.labels = {
        ...o.metadata.labels,
        'kubernetes.io/metadata.name': o.metadata.name,
      };
      break;
    case 'Secret':
      o.type ??= 'Opaque';
      if (o.stringData) {
        o.data = { ...o.data };
        for (const [k, v] of Object.entries(o.stringData))
          o.data[k] = Buffer.from(String(v)).toString('base64');
        delete o.stringData;
      }
      break;
    case 'Service':
      o.spec ??= {};
      o.spec.type ??= 'ClusterIP';
      o.spec.sessionAffinity ??= 'None';
      o.spec.ports = (o.spec.ports ?? []).map((p: any) => ({
        protocol: 'TCP',
        targetPort: p.port,
        ...p,
      }));
      break;
    case 'MutatingWebhookConfiguration':
      o.webhooks = (o.webhooks ?? []).map((w: any) => ({
        failurePolicy: 'Fail',
        matchPolicy: 'Equivalent',
        namespaceSelector: {},
        objectSelector: {},
        reinvocationPolicy: 'Never',
        sideEffects: 'None',
        timeoutSeconds: 10,
        ...w,
      }));
      break;
    case 'ValidatingAdmissionPolicy':
      o.spec ??= {};
      o.spec.failurePolicy ??= 'Fail';
      if (o.spec.matchConstraints)
        o.spec.matchConstraints = defaultMatchResources(
          o.spec.matchConstraints,
        );
      break;
    case 'ValidatingAdmissionPolicyBinding':
      o.spec ??= {};
      if (o.spec.matchResources)
        o.spec.matchResources = defaultMatchResources(o.spec.matchResources);
      break;
    default:
      break;
  }
  return o;
}
