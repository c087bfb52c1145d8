// The rule interface lives in the -node package, where adopters' modules find it.
export type {
  MaskSpec,
  ComponentContext,
  RuleContext,
  HealthRuleBase,
  BindingRule,
  ComponentRule,
  HealthRule,
  FindingBody,
} from '@backstage-community/plugin-azure-workload-identity-node';
export {
  findingOf,
  commandFix,
  refs,
} from '@backstage-community/plugin-azure-workload-identity-node';
