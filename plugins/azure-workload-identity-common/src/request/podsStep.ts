import { ChainView } from '../chain';
import { WORKLOAD_IDENTITY_USE_LABEL } from '../ids';
import { labelCommand } from './labelCommand';
import { AccessRequestRecord } from './requestRecord';

/**
 * What the pods of a request's workload still need, as far as the component's live chain
 * tells. `ready`: they run as the request's service account and carry the label. `to-do`: the
 * chain names the workload and `command` fixes it. `no-workload`: the chain was read and names
 * no workload where the request points. `not-read`: there is no chain to go by. The last two
 * say what the pod template needs and never give a command, as any workload name would be a
 * guess.
 *
 * @public
 */
export type PodsStep =
  | { state: 'ready'; text: string }
  | { state: 'to-do'; text: string; command: string }
  | { state: 'no-workload' | 'not-read'; text: string };

const LABEL = `${WORKLOAD_IDENTITY_USE_LABEL}: "true"`;

/**
 * The pods step of an active request, from the component's live chain (`GET /chain`) when it
 * was read: the workload running in the request's namespace on its cluster, named as the chain
 * names it (`kind/name`), whatever its kind or name. The request page, the scaffolder action
 * and the backend say the same words through it.
 *
 * @public
 */
export function podsStepOf(options: {
  request: Pick<
    AccessRequestRecord,
    'cluster' | 'namespace' | 'serviceAccountName'
  >;
  /** The component's chain; left out when it has not been or could not be read. */
  chain?: ChainView;
}): PodsStep {
  const { chain } = options;
  const { namespace, serviceAccountName: sa, cluster } = options.request;
  if (!chain) {
    return {
      state: 'not-read',
      text: `The pods that use this access must carry the label ${LABEL} and run as service account ${namespace}/${sa}: their workload's pod template needs that label and serviceAccountName: ${sa}.`,
    };
  }
  const here = chain.bindings.filter(
    b => b.cluster === cluster && b.namespace === namespace && b.workload,
  );
  const own = here.find(b => b.serviceAccount === sa);
  const command = (workload: string) =>
    labelCommand({ namespace, workload, serviceAccountName: sa });

  if (own?.workload) {
    if (!labelMissing(chain, { cluster, namespace, workload: own.workload })) {
      return {
        state: 'ready',
        text: `Pods of ${own.workload} run as service account ${namespace}/${sa} and carry the label ${LABEL}.`,
      };
    }
    return {
      state: 'to-do',
      text: `Pods of ${own.workload} run as service account ${namespace}/${sa} but do not carry the label ${LABEL} yet, so they get no Azure token. This command adds it and restarts them:`,
      command: command(own.workload),
    };
  }
  const other = here[0];
  if (other?.workload) {
    return {
      state: 'to-do',
      text: `Pods of ${other.workload} run as service account ${namespace}/${
        other.serviceAccount
      }, not ${namespace}/${sa}${
        labelMissing(chain, { cluster, namespace, workload: other.workload })
          ? `, and do not carry the label ${LABEL}`
          : ''
      }. This command sets both and restarts them:`,
      command: command(other.workload),
    };
  }
  // What the chain shows, not that nothing runs: a cluster it could not read shows nothing too.
  return {
    state: 'no-workload',
    text: `The component's live chain shows no workload in ${namespace} on ${cluster} yet. Its pod template must carry the label ${LABEL} and set serviceAccountName: ${sa}.`,
  };
}

// The card's own rule decides whether pods carry the label; its finding names the workload.
function labelMissing(
  chain: ChainView,
  where: { cluster: string; namespace: string; workload: string },
): boolean {
  const [kind, name] = where.workload.split('/');
  return chain.findings.some(
    f =>
      f.ruleId === 'pod-label-missing' &&
      f.ref?.name === name &&
      f.ref.kind.toLowerCase() === kind &&
      (f.ref?.namespace ?? where.namespace) === where.namespace &&
      (f.ref?.cluster ?? where.cluster) === where.cluster,
  );
}
