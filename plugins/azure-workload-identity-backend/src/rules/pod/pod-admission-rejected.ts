import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';

const ABOUT_IDENTITY =
  /mutation\.azure-workload-identity\.io|error looking up service account/;

/** Kubernetes refuses to create the workload's pods, for a reason tied to workload identity. */
export const podAdmissionRejected: BindingRule = {
  id: 'pod-admission-rejected',
  link: 'pod',
  scope: 'binding',
  reads: ['K2', 'K7'],
  masks: [],
  severity: 'error',
  detects:
    "Kubernetes refuses to create the workload's pods for a reason tied to workload identity: a FailedCreate event or a ReplicaFailure condition that names the webhook or a service account lookup.",
  fix: "Lists the namespace's FailedCreate events, which name the cause to remove.",
  evaluate({ unit }) {
    const name = unit.workload?.metadata.name;
    const event = (valueOf(unit.binding.events) ?? []).find(
      e =>
        e.reason === 'FailedCreate' &&
        ABOUT_IDENTITY.test(e.message) &&
        (!name || e.involvedObject.name.startsWith(name)),
    );
    const condition = unit.workload?.conditions?.find(
      c =>
        c.type === 'ReplicaFailure' &&
        c.status === 'True' &&
        ABOUT_IDENTITY.test(c.message ?? ''),
    );
    const message = event?.message ?? condition?.message;
    if (!message) return [];
    const short = message.length > 300 ? `${message.slice(0, 299)}…` : message;
    return [
      findingOf(podAdmissionRejected, {
        severity: 'error',
        state: 'broken',
        message: `Kubernetes refuses to create pods for ${unit.workloadRef}: ${short}`,
        evidence: { expected: 'pods created', actual: short },
        fix: commandFix(
          `kubectl -n ${unit.ns} get events --field-selector reason=FailedCreate --sort-by=.lastTimestamp`,
        ),
        ref: refs.workload(unit),
      }),
    ];
  },
};
