import {
  Finding,
  FindingFix,
  FindingRef,
  FindingSeverity,
  FindingState,
  Link,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { HealthRulesConfig } from './config';
import { BindingView } from './derive';
import { ReadId } from './reads';
import { InspectionSnapshot } from './snapshot';

/**
 * A rule this rule suppresses: in the same binding, or (`sameObject`) only when both findings
 * are about the same object (`ref.id`), e.g. `ra-missing` for the vault a `kv-*` rule reports.
 */
export type MaskSpec = string | { ruleId: string; sameObject: true };

export interface ComponentContext {
  snapshot: InspectionSnapshot;
  config: HealthRulesConfig;
  now: Date;
}

export interface RuleContext extends ComponentContext {
  unit: BindingView;
}

interface RuleBase {
  /** = file name, = the id in health-rules.md. */
  id: string;
  link: Link;
  /** §1.4; the engine skips the rule where one of them is forbidden or unreachable. */
  reads: ReadId[];
  masks: MaskSpec[];
}

/** Health-rules §3. Pure: no I/O, no clock but `ctx.now`; must not throw. */
export interface BindingRule extends RuleBase {
  scope: 'binding';
  /** Skipped when the workload has no live pods (scaled to zero, idle CronJob). */
  livePod?: boolean;
  evaluate(ctx: RuleContext): Finding[];
}

export interface ComponentRule extends RuleBase {
  scope: 'component';
  evaluate(ctx: ComponentContext): Finding[];
}

export type HealthRule = BindingRule | ComponentRule;

export interface FindingBody {
  severity: FindingSeverity;
  state: FindingState;
  message: string;
  evidence: { expected: string; actual: string };
  fix: FindingFix;
  ref?: FindingRef;
  occurrenceCount?: number;
  link?: Link;
}

/** A finding of `rule`, so rule id and link cannot drift from the rule that made it. */
export function findingOf(
  rule: Pick<RuleBase, 'id' | 'link'>,
  body: FindingBody,
): Finding {
  const { link, ...rest } = body;
  return { ruleId: rule.id, link: link ?? rule.link, ...rest };
}

export function commandFix(
  text: string,
  owner: FindingFix['owner'] = 'component',
): FindingFix {
  return { kind: 'command', text, owner };
}

/** Refs of the objects rules talk about most. */
export const refs = {
  workload: (u: BindingView): FindingRef => ({
    cluster: u.cluster.name,
    namespace: u.ns,
    kind: u.workload?.kind ?? 'Deployment',
    name: u.workload?.metadata.name ?? u.sa,
    apiGroup: 'apps',
  }),
  serviceAccount: (u: BindingView): FindingRef => ({
    cluster: u.cluster.name,
    namespace: u.ns,
    kind: 'ServiceAccount',
    name: u.sa,
  }),
  cluster: (u: BindingView): FindingRef => ({
    cluster: u.cluster.name,
    kind: 'ManagedCluster',
    name: u.cluster.name,
    id: u.managedCluster?.id,
  }),
  azure: (id: string, kind: string): FindingRef => ({
    kind,
    name: id.split('/').pop() ?? id,
    id: id.toLowerCase(),
  }),
};
