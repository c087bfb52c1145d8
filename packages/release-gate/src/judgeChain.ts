import type {
  ChainView,
  Finding,
} from '@backstage-community/plugin-azure-workload-identity-common';

/** Which findings stop a release: errors only (the default), or warnings too. */
export type FailOn = 'error' | 'warning';

export interface GateVerdict {
  passed: boolean;
  /** Plain text for a pipeline log: the verdict, then each finding with its fix and its note. */
  report: string;
}

const STOPPING: Record<FailOn, ReadonlySet<Finding['severity']>> = {
  error: new Set(['error']),
  warning: new Set(['error', 'warning']),
};

/**
 * A finding concerns the cluster being deployed to when it names that cluster, or names none:
 * the identity, its federated credentials and role assignments live in Azure and serve every
 * cluster the component runs on.
 */
function concernsCluster(finding: Finding, cluster?: string): boolean {
  if (!cluster) return true;
  return !finding.ref?.cluster || finding.ref.cluster === cluster;
}

function describeFinding(finding: Finding): string {
  const lines = [
    `${finding.severity.toUpperCase()} ${finding.ruleId} (${finding.link}): ${
      finding.message
    }`,
    `  expected: ${finding.evidence.expected}`,
    `  found:    ${finding.evidence.actual}`,
  ];
  if (finding.fix.kind !== 'none' && finding.fix.text) {
    const who =
      finding.fix.owner === 'platform'
        ? 'the platform team'
        : 'the component team';
    lines.push(`  fix (${who}):`);
    lines.push(...finding.fix.text.split('\n').map(line => `    ${line}`));
    // After the command, on a line of its own, so copying the command never takes the words.
    if (finding.fix.note) lines.push(`  note: ${finding.fix.note}`);
  }
  return lines.join('\n');
}

/**
 * Decides whether a component's chain lets a release through. Masked findings are left out:
 * their root cause is reported and fixing it clears them.
 */
export function judgeChain(options: {
  chain: ChainView;
  cluster?: string;
  failOn: FailOn;
}): GateVerdict {
  const { chain, cluster, failOn } = options;
  const where = cluster ? ` on ${cluster}` : '';
  const bindings = chain.bindings.filter(
    b => !cluster || b.cluster === cluster,
  );
  if (cluster && bindings.length === 0) {
    return {
      passed: true,
      report: `${chain.entityRef} has no workload identity binding${where}: nothing to check (read ${chain.checkedAt}).`,
    };
  }
  const visible = chain.findings.filter(
    f => !f.maskedBy && concernsCluster(f, cluster),
  );
  const stopping = visible.filter(f => STOPPING[failOn].has(f.severity));
  const others = visible.filter(f => !STOPPING[failOn].has(f.severity));
  const lines: string[] = [];
  if (stopping.length === 0) {
    lines.push(
      `PASSED: the Azure Workload Identity chain of ${
        chain.entityRef
      }${where} has no ${
        failOn === 'error' ? 'errors' : 'errors or warnings'
      } (read ${chain.checkedAt}).`,
    );
  } else {
    lines.push(
      `FAILED: the Azure Workload Identity chain of ${
        chain.entityRef
      }${where} has ${stopping.length} finding${
        stopping.length === 1 ? '' : 's'
      } that stop${stopping.length === 1 ? 's' : ''} this release (read ${
        chain.checkedAt
      }):`,
    );
    lines.push('', ...stopping.map(describeFinding));
  }
  if (others.length > 0) {
    lines.push('', 'Also found (not stopping this release):');
    lines.push(...others.map(describeFinding));
  }
  return { passed: stopping.length === 0, report: lines.join('\n') };
}
