import {
  CHAIN_LINKS,
  Finding,
  Link,
  LinkState,
  ResourceTypeSpec,
  resourceTypes as builtinResourceTypes,
  ruleTitle,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { DEFAULT_HEALTH_RULES_CONFIG, HealthRulesConfig } from './config';
import { BindingView, deriveBinding } from './derive';
import { deriveLinkStates } from './deriveLinks';
import { readFailureFinding } from './inspectFindings';
import { applyMasking } from './masking';
import { readOutcomes } from './readOutcomes';
import { isReadFailure, Read, READS, ReadId } from './reads';
import { revokedAccessFinding } from './revokedAccess';
import {
  BindingRule,
  ComponentContext,
  ComponentRule,
  HealthRule,
  MaskSpec,
} from './rule';
import { InspectionSnapshot } from './snapshot';

export interface InspectOptions {
  snapshot: InspectionSnapshot;
  rules: readonly HealthRule[];
  config?: Partial<HealthRulesConfig>;
  now: Date;
  /** The resource types the plugin knows, for rules that judge roles; default the built-in ones. */
  resourceTypes?: readonly ResourceTypeSpec[];
}

export interface InspectionResult {
  /** Visible findings first (worst state first, then card order), masked ones after. */
  findings: Finding[];
  /** Card state per link (see `deriveLinkStates`): never ok with nothing on it. */
  links: Record<Link, LinkState>;
}

interface FailedRead {
  readId: ReadId;
  scope: string;
}

// A rule that throws must not take the card down, nor be mistaken for "no problem".
function safeEvaluate(rule: HealthRule, run: () => Finding[]): Finding[] {
  try {
    return run();
  } catch (error) {
    return [
      {
        ruleId: rule.id,
        link: rule.link,
        severity: 'info',
        state: 'unknown',
        message: `The ${rule.id} check failed to evaluate, so the ${rule.link} link is unknown.`,
        evidence: {
          expected: 'rule evaluated',
          actual: String(error).slice(0, 200),
        },
        fix: {
          kind: 'none',
          text: 'Report this to the platform team.',
          owner: 'platform',
        },
      },
    ];
  }
}

function evaluateBinding(
  unit: BindingView,
  rules: readonly BindingRule[],
  context: ComponentContext,
  skippedLinks: Set<Link>,
): Finding[] {
  const failures = new Map<Read<unknown>, FailedRead>();
  const findings: Finding[] = [];
  for (const rule of rules) {
    let blocked = false;
    for (const readId of rule.reads) {
      for (const { read, scope } of readOutcomes(unit, readId)) {
        if (!isReadFailure(read)) continue;
        blocked = true;
        if (!failures.has(read)) failures.set(read, { readId, scope });
      }
    }
    if (blocked) {
      skippedLinks.add(rule.link);
      continue;
    }
    if (rule.livePod && unit.pods.length === 0) continue;
    findings.push(
      ...safeEvaluate(rule, () => rule.evaluate({ ...context, unit })),
    );
  }
  for (const [read, { readId, scope }] of failures) {
    if (!isReadFailure(read)) continue;
    findings.push(
      readFailureFinding({
        readId,
        scope,
        failure: read,
        config: context.config,
      }),
    );
    skippedLinks.add(READS[readId].link);
  }
  return findings;
}

const STATE_RANK = ['broken', 'unknown', 'degraded', 'pending'];

function order(a: Finding, b: Finding): number {
  return (
    Number(Boolean(a.maskedBy)) - Number(Boolean(b.maskedBy)) ||
    STATE_RANK.indexOf(a.state) - STATE_RANK.indexOf(b.state) ||
    CHAIN_LINKS.indexOf(a.link) - CHAIN_LINKS.indexOf(b.link) ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

// Cluster-wide findings repeat in every binding of the cluster; the card shows them once.
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter(f => {
    const key = JSON.stringify([
      f.ruleId,
      f.link,
      f.ref,
      f.message,
      f.maskedBy,
    ]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Runs the rule list over a snapshot: the engine's one entry point. */
export function inspect(options: InspectOptions): InspectionResult {
  const config = { ...DEFAULT_HEALTH_RULES_CONFIG, ...options.config };
  const context = {
    snapshot: options.snapshot,
    config,
    now: options.now,
    resourceTypes: options.resourceTypes ?? builtinResourceTypes,
  };
  const masks = new Map<string, readonly MaskSpec[]>(
    options.rules.map(r => [r.id, r.masks]),
  );
  const masksOf = (ruleId: string) => masks.get(ruleId) ?? [];
  const bindingRules = options.rules.filter(
    (r): r is BindingRule => r.scope === 'binding',
  );
  const componentRules = options.rules.filter(
    (r): r is ComponentRule => r.scope === 'component',
  );
  const skippedLinks = new Set<Link>();

  const all: Finding[] = [];
  const units: BindingView[] = [];
  for (const binding of options.snapshot.bindings) {
    const unit = deriveBinding(options.snapshot, binding, config);
    // Access that ended on purpose is not a broken chain; only what still asks for it is
    // worth saying.
    const revoked = revokedAccessFinding(unit);
    if (revoked) all.push(revoked);
    // A workload that does not use workload identity gets no findings at all.
    if (!unit.usesWorkloadIdentity) continue;
    units.push(unit);
    all.push(
      ...applyMasking(
        evaluateBinding(unit, bindingRules, context, skippedLinks),
        masksOf,
      ),
    );
  }
  const component = componentRules.flatMap(rule =>
    safeEvaluate(rule, () => rule.evaluate(context)),
  );
  all.push(...applyMasking(component, masksOf));

  const findings = dedupe(all)
    .sort(order)
    .map(f => ({ ...f, title: ruleTitle(f.ruleId, f.title) }));
  return {
    findings,
    links: deriveLinkStates({ findings, skippedLinks, units }),
  };
}
