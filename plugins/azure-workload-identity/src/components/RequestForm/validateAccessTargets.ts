import {
  accessTargetSchema,
  findResourceType,
  formatPath,
  parseResourceId,
} from '@internal/plugin-azure-workload-identity-common';

/** One row of the resource picker: a resource and what the workload does with it. */
export interface AccessTargetRow {
  resourceId?: string;
  intent?: string;
}

/**
 * What is wrong with the picked resources, row by row, in the words the backend would use;
 * empty when the rows can be planned. Local, so the form stops bad input before any call.
 */
export function problemsWithTargets(
  rows: AccessTargetRow[] | undefined,
): string[] {
  if (!rows?.length) return ['add at least one Azure resource'];
  return rows.flatMap((row, index) => {
    const which = `resource ${index + 1}`;
    const parsed = accessTargetSchema.safeParse(row);
    if (!parsed.success) {
      return parsed.error.issues.map(issue => {
        const field = formatPath(issue.path);
        return `${which}${field ? ` (${field})` : ''}: ${issue.message}`;
      });
    }
    const type = parseResourceId(parsed.data.resourceId)?.resourceType ?? '';
    // A sub-resource (a container) parses to its account's type.
    const spec = findResourceType(type);
    if (!spec) {
      return [
        `${which}: resources of type ${type} are not in the role catalogue; ask the platform team to add the type`,
      ];
    }
    if (row.intent && !Object.keys(spec.intents).includes(row.intent)) {
      return [
        `${which}: ${spec.displayName} takes the intents ${Object.keys(
          spec.intents,
        ).join(', ')}`,
      ];
    }
    return [];
  });
}
