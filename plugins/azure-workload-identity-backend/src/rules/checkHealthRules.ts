import { CHAIN_LINKS } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  HealthRule,
  READ_IDS,
} from '@backstage-community/plugin-azure-workload-identity-node';
import { CATALOGUE_RULE_IDS } from './catalogue';

const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const maskIds = (rule: HealthRule) =>
  rule.masks.map(m => (typeof m === 'string' ? m : m.ruleId));

/**
 * Checks the rules the plugin is to run, built-in and added, before it runs any: a rule that is
 * malformed, repeats an id, or masks a rule nobody knows (a typo would silently mask nothing)
 * fails the start, naming the rule.
 */
export function checkHealthRules(rules: readonly HealthRule[]): void {
  const ids = new Set<string>();
  for (const rule of rules) {
    const problem = shapeProblem(rule);
    if (problem) throw new Error(`health rule ${rule.id}: ${problem}`);
    if (ids.has(rule.id)) {
      throw new Error(
        `health rule ${rule.id} is added twice; rule ids are unique`,
      );
    }
    ids.add(rule.id);
  }
  const known = new Set<string>([...CATALOGUE_RULE_IDS, ...ids]);
  for (const rule of rules) {
    for (const masked of maskIds(rule)) {
      if (masked === rule.id) {
        throw new Error(`health rule ${rule.id} masks itself`);
      }
      if (!known.has(masked)) {
        throw new Error(
          `health rule ${rule.id} masks ${masked}, which is neither a built-in rule nor an added one`,
        );
      }
    }
  }
  checkNoMaskCycle(rules);
}

function shapeProblem(rule: HealthRule): string | undefined {
  if (typeof rule.id !== 'string' || !RULE_ID.test(rule.id)) {
    return 'the id must be kebab-case, e.g. appconfig-local-auth-enabled';
  }
  if (!(CHAIN_LINKS as readonly string[]).includes(rule.link)) {
    return `link must be one of ${CHAIN_LINKS.join(', ')}`;
  }
  if (rule.scope !== 'binding' && rule.scope !== 'component') {
    return 'scope must be binding or component';
  }
  const unknownRead = rule.reads.find(
    r => !(READ_IDS as readonly string[]).includes(r),
  );
  if (unknownRead) {
    return `reads names ${unknownRead}, which is not one of ${READ_IDS.join(
      ', ',
    )}`;
  }
  if (typeof rule.evaluate !== 'function') return 'evaluate must be a function';
  return undefined;
}

function checkNoMaskCycle(rules: readonly HealthRule[]): void {
  const byId = new Map(rules.map(r => [r.id, r]));
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (id: string, trail: string[]) => {
    if (done.has(id)) return;
    if (visiting.has(id)) {
      throw new Error(
        `health rules mask in a circle: ${[...trail, id].join(' → ')}`,
      );
    }
    visiting.add(id);
    const rule = byId.get(id);
    for (const next of rule ? maskIds(rule) : []) visit(next, [...trail, id]);
    visiting.delete(id);
    done.add(id);
  };
  rules.forEach(r => visit(r.id, []));
}
