import {
  AccessRequestSpec,
  CompiledAssignment,
  compileTarget,
  ResourceTypeSpec,
  RoleCompilationError,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { PlanNote, PlanRefusal } from './Plan';

export interface CompiledAssignments {
  /** Deduplicated and sorted by scope then role, whatever order the request listed them in. */
  assignments: CompiledAssignment[];
  notes: PlanNote[];
  problems: PlanRefusal[];
}

/**
 * Compiles every requested resource into role assignments. Problems are collected rather than
 * thrown on the first, so the requester sees every field to fix in one answer.
 */
export function compileAssignments(
  spec: AccessRequestSpec,
  /** The types the plugin knows; default the built-in ones. */
  resourceTypes?: readonly ResourceTypeSpec[],
): CompiledAssignments {
  const byKey = new Map<string, CompiledAssignment>();
  const notes: PlanNote[] = [];
  const problems: PlanRefusal[] = [];

  spec.resources.forEach((target, index) => {
    const field = `resources[${index}]`;
    try {
      const compiled = compileTarget(target, { field, resourceTypes });
      for (const assignment of compiled.assignments) {
        byKey.set(assignmentKey(assignment), assignment);
      }
      for (const note of compiled.notes) {
        notes.push({ field, ...note });
      }
    } catch (error) {
      if (!(error instanceof RoleCompilationError)) throw error;
      problems.push({
        field: error.field,
        message: messageOf(error),
      });
    }
  });

  const assignments = [...byKey.values()].sort((a, b) =>
    assignmentKey(a).localeCompare(assignmentKey(b)),
  );
  return { assignments, notes, problems };
}

// ARM compares scopes case-insensitively, so two spellings of one scope are one assignment.
function assignmentKey(assignment: CompiledAssignment): string {
  return `${assignment.scope.toLowerCase()}|${assignment.roleId}`;
}

// The error's message repeats its field as a prefix; the refusal carries the field already.
function messageOf(error: RoleCompilationError): string {
  const prefix = `${error.field}: `;
  return error.message.startsWith(prefix)
    ? error.message.slice(prefix.length)
    : error.message;
}
