import {
  envValue,
  joinPath,
  mutatedContainers,
  tokenMounts,
} from '../../inspection/podShape';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';

/** AZURE_FEDERATED_TOKEN_FILE points elsewhere than the mounted token (v1.5 path on v1.6). */
export const podTokenPathMismatch: BindingRule = {
  id: 'pod-token-path-mismatch',
  link: 'pod',
  scope: 'binding',
  reads: ['K1', 'K2'],
  masks: [],
  livePod: true,
  severity: 'error',
  detects:
    '`AZURE_FEDERATED_TOKEN_FILE` points elsewhere than where the token is mounted (for example the path of webhook v1.5 on v1.6), so the SDK finds no file.',
  fix: "Removes the container's own `AZURE_FEDERATED_TOKEN_FILE`, so the webhook's value applies.",
  evaluate({ unit }) {
    for (const pod of unit.pods) {
      for (const container of mutatedContainers(pod.spec, unit.skip)) {
        const file = envValue(container, 'AZURE_FEDERATED_TOKEN_FILE');
        const mounts = tokenMounts(pod.spec, container);
        if (!file || mounts.length === 0) continue;
        if (mounts.some(m => m.filePath === joinPath(file, ''))) continue;
        if (mounts.some(m => m.filePath === file)) continue;
        const [kind, name] = unit.workloadRef.split('/');
        return [
          findingOf(podTokenPathMismatch, {
            severity: 'error',
            state: 'broken',
            message: `AZURE_FEDERATED_TOKEN_FILE in ${container.name} points to ${file}, but the token is mounted at ${mounts[0].filePath}; the SDK finds no file.`,
            evidence: {
              expected: `AZURE_FEDERATED_TOKEN_FILE=${mounts[0].filePath}`,
              actual: file,
            },
            fix: commandFix(
              `kubectl -n ${unit.ns} set env ${kind}/${name} -c ${container.name} AZURE_FEDERATED_TOKEN_FILE-`,
            ),
            ref: refs.workload(unit),
          }),
        ];
      }
    }
    return [];
  },
};
