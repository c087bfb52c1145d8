import {
  Finding,
  FindingFix,
  FindingRef,
  FindingSeverity,
  FindingState,
  Link,
  ResourceTypeSpec,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { HealthRulesConfig } from '../inspection/config';
import { ReadId } from '../inspection/reads';
import { InspectionSnapshot } from '../inspection/snapshot';
import { BindingView } from './BindingView';

/**
 * A rule this rule suppresses: in the same binding, or (`sameObject`) only when both findings
 * are about the same object (`ref.id`), e.g. `ra-missing` for the vault a `kv-*` rule reports.
 *
 * @public
 */
export type MaskSpec = string | { ruleId: string; sameObject: true };

/**
 * What every rule is given: the component's snapshot, the rules' settings, the time, and the
 * resource types the plugin knows (its own and those modules added).
 *
 * @public
 */
export interface ComponentContext {
  snapshot: InspectionSnapshot;
  config: HealthRulesConfig;
  now: Date;
  resourceTypes: readonly ResourceTypeSpec[];
}

/**
 * What a binding rule is given: the component's context and one binding, its values derived.
 *
 * @public
 */
export interface RuleContext extends ComponentContext {
  unit: BindingView;
}

/**
 * What every rule declares about itself.
 *
 * @public
 */
export interface HealthRuleBase {
  /** Kebab-case and stable: findings, masks and the rule reference cite it. */
  id: string;
  /**
   * The rule's name in words, which the card shows instead of the id. The built-in rules' names
   * are known to the card; a module's rule gives its own.
   */
  title?: string;
  /** The link of the chain its findings are about. */
  link: Link;
  /** The engine skips the rule where one of these reads is forbidden or unreachable. */
  reads: ReadId[];
  /** Rules whose findings this rule's findings explain, so those are hidden behind it. */
  masks: MaskSpec[];
  /**
   * The severity its findings carry, for the rule reference; several when it depends on the
   * case, the usual one first. The built-in rules declare it, and their tests fail on a
   * finding of another severity.
   */
  severity?: FindingSeverity | FindingSeverity[];
  /** What it finds and why that matters, in one or two plain sentences, for the rule reference. */
  detects?: string;
  /**
   * What its fix does, in words, for the rule reference. Each finding carries the exact command
   * for its own objects.
   */
  fix?: string;
}

/**
 * A rule run once per binding (a workload with its service account, identity and targets).
 * Pure: no I/O, no clock but `ctx.now`; it must not throw.
 *
 * @public
 */
export interface BindingRule extends HealthRuleBase {
  scope: 'binding';
  /** Skipped when the workload has no live pods (scaled to zero, idle CronJob). */
  livePod?: boolean;
  evaluate(ctx: RuleContext): Finding[];
}

/**
 * A rule run once per component, across its bindings.
 *
 * @public
 */
export interface ComponentRule extends HealthRuleBase {
  scope: 'component';
  evaluate(ctx: ComponentContext): Finding[];
}

/** @public */
export type HealthRule = BindingRule | ComponentRule;

/**
 * A finding without the rule's id: `findingOf` adds it.
 *
 * @public
 */
export interface FindingBody {
  severity: FindingSeverity;
  state: FindingState;
  message: string;
  evidence: { expected: string; actual: string };
  fix: FindingFix;
  ref?: FindingRef;
  occurrenceCount?: number;
  /** Another link than the rule's own, for a finding about a neighbouring object. */
  link?: Link;
  /** A title for this finding alone; default the rule's. */
  title?: string;
}

/**
 * A finding of `rule`, so rule id and link cannot drift from the rule that made it.
 *
 * @public
 */
export function findingOf(
  rule: Pick<HealthRuleBase, 'id' | 'link' | 'title'>,
  body: FindingBody,
): Finding {
  const { link, title, ...rest } = body;
  const named = title ?? rule.title;
  return {
    ruleId: rule.id,
    ...(named ? { title: named } : {}),
    link: link ?? rule.link,
    ...rest,
  };
}

/**
 * A fix that is a command to run, by the component's team unless `owner` says the platform.
 * `text` holds only the commands; `options.note` the words around them (why, when, what it
 * changes, what to do after or instead), which are never copied with the command.
 *
 * @public
 */
export function commandFix(
  text: string,
  owner: FindingFix['owner'] = 'component',
  options?: { note?: string },
): FindingFix {
  return {
    kind: 'command',
    text,
    owner,
    ...(options?.note ? { note: options.note } : {}),
  };
}

/**
 * Refs of the objects rules talk about most.
 *
 * @public
 */
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
