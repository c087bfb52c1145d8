import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';

const ANNOTATION = 'azure.workload.identity/inject-proxy-sidecar';
const UPGRADE_FIRST =
  "First upgrade the application's Azure Identity library to a version with workload identity (for @azure/identity, 3.2.0 or later): without the proxy, an older library gets no token.";

/** The IMDS migration proxy: a temporary step, refused outright with hostNetwork. */
export const podProxySidecarInUse: BindingRule = {
  id: 'pod-proxy-sidecar-in-use',
  link: 'pod',
  scope: 'binding',
  reads: ['K1', 'K2'],
  masks: ['pod-admission-rejected'],
  severity: ['warning', 'error'],
  detects:
    'Pods run the IMDS migration proxy sidecar, which Microsoft documents as a temporary step not supported in production: the application still asks IMDS for tokens. An error with `hostNetwork`, where the webhook refuses the pods.',
  fix: 'Removes the proxy annotation from the pod template (or, for a proxy container written by hand, says to take it out of the manifest), once the Azure Identity library is upgraded to a version with workload identity.',
  evaluate({ unit }) {
    const annotations = {
      ...unit.tpl?.metadata.annotations,
      ...unit.pods[0]?.metadata.annotations,
    };
    const spec = unit.pods[0]?.spec ?? unit.tpl?.spec;
    // The webhook checks only that the key exists: "false" injects too.
    const annotated = ANNOTATION in annotations;
    const container = spec?.containers.find(
      c =>
        c.name === 'azwi-proxy' ||
        (c.image ?? '').includes('/workload-identity/proxy:'),
    );
    if (!annotated && !container) return [];
    const hostNetwork = spec?.hostNetwork === true;
    const [kind, name] = unit.workloadRef.split('/');
    return [
      findingOf(podProxySidecarInUse, {
        severity: hostNetwork ? 'error' : 'warning',
        state: hostNetwork ? 'broken' : 'degraded',
        message: `Pods run the IMDS migration proxy, which Microsoft documents as a temporary step not supported for production; the application still asks IMDS for tokens.${
          hostNetwork ? ' With hostNetwork the webhook refuses these pods.' : ''
        }`,
        evidence: {
          expected: 'no migration proxy',
          actual: `${
            annotated
              ? `annotation inject-proxy-sidecar="${annotations[ANNOTATION]}"`
              : `container ${container!.name}`
          }${hostNetwork ? ' + hostNetwork=true' : ''}`,
        },
        fix: annotated
          ? commandFix(
              `kubectl -n ${unit.ns} patch ${kind} ${name} --type json -p '[{"op":"remove","path":"/spec/template/metadata/annotations/azure.workload.identity~1inject-proxy-sidecar"}]'`,
              'component',
              { note: UPGRADE_FIRST },
            )
          : // A proxy container written into the manifest by hand has no annotation to remove.
            {
              kind: 'action',
              owner: 'component',
              text: `Remove container ${container!.name} from the manifest of ${
                unit.workloadRef
              } and deploy it.`,
              note: UPGRADE_FIRST,
            },
        ref: refs.workload(unit),
      }),
    ];
  },
};
