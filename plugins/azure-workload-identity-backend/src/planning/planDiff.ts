import { PlanStep } from './Plan';
import { canonicalJson } from './planHash';

/** One difference between the plan a person read and the plan live state now gives. */
export interface PlanStepChange {
  stepId: string;
  change: 'added' | 'removed' | 'changed';
  /** The fields whose values differ, for `changed`. */
  fields?: string[];
  summary: string;
}

/**
 * What changed between two plans, step by step, ignoring the `why` prose (as the plan hash
 * does). Shown to the approver when a plan drifted after they read it.
 */
export function planDiff(
  before: PlanStep[],
  after: PlanStep[],
): PlanStepChange[] {
  const beforeById = new Map(before.map(step => [step.id, step]));
  const afterById = new Map(after.map(step => [step.id, step]));
  const changes: PlanStepChange[] = [];

  for (const step of before) {
    if (!afterById.has(step.id)) {
      changes.push({
        stepId: step.id,
        change: 'removed',
        summary: `${describe(step)} is no longer needed`,
      });
    }
  }
  for (const step of after) {
    const previous = beforeById.get(step.id);
    if (!previous) {
      changes.push({
        stepId: step.id,
        change: 'added',
        summary: `${describe(step)} is now needed`,
      });
      continue;
    }
    const fields = differingFields(previous, step);
    if (fields.length > 0) {
      changes.push({
        stepId: step.id,
        change: 'changed',
        fields,
        summary: `${describe(step)}: ${fields
          .map(
            f =>
              `${f} was ${show(
                (previous as unknown as Record<string, unknown>)[f],
              )}, now ${show((step as unknown as Record<string, unknown>)[f])}`,
          )
          .join('; ')}`,
      });
    }
  }
  return changes;
}

function differingFields(a: PlanStep, b: PlanStep): string[] {
  const left = a as unknown as Record<string, unknown>;
  const right = b as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  keys.delete('why');
  return [...keys]
    .filter(key => canonicalJson(left[key]) !== canonicalJson(right[key]))
    .sort();
}

function describe(step: PlanStep): string {
  switch (step.kind) {
    case 'ensure-identity':
      return `managed identity '${step.name}'`;
    case 'ensure-federated-credential':
      return `federated credential '${step.name}'`;
    case 'ensure-role-assignment':
      return `role ${step.roleName} on ${step.scope}`;
    case 'ensure-service-account':
      return `service account ${step.namespace}/${step.name}`;
    default:
      return `verification of ${step.namespace}/${step.serviceAccountName}`;
  }
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : canonicalJson(value);
  return text === undefined ? '(none)' : `'${text}'`;
}
