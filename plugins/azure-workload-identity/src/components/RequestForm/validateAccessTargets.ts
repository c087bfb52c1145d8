import {
  accessTargetSchema,
  fieldLabel,
  formatPath,
  parseResourceId,
  ResourceTypeChoice,
} from '@backstage-community/plugin-azure-workload-identity-common';

/**
 * One row of the resource picker: a resource and what the workload does with it.
 *
 * @public
 */
export interface AccessTargetRow {
  resourceId?: string;
  intent?: string;
}

/**
 * What is wrong with the picked resources, row by row, in the words the backend would use and
 * named by the labels the picker shows ("Resource 1"); empty when the rows can be planned.
 * Judged against the resource types the backend offers, so types that backend modules add
 * are accepted too.
 */
export function problemsWithTargets(
  rows: AccessTargetRow[] | undefined,
  types: readonly ResourceTypeChoice[],
): string[] {
  if (!rows?.length) return ['add at least one Azure resource'];
  return rows.flatMap((row, index) => {
    const which = (...path: (string | number)[]) =>
      fieldLabel(formatPath(['resources', index, ...path]));
    const parsed = accessTargetSchema.safeParse(row);
    if (!parsed.success) {
      return parsed.error.issues.map(
        issue => `${which(...issue.path)}: ${issue.message}`,
      );
    }
    const type = parseResourceId(parsed.data.resourceId)?.resourceType ?? '';
    // A sub-resource (a container) parses to its account's type.
    const spec = types.find(t => t.type.toLowerCase() === type.toLowerCase());
    if (!spec) {
      return [
        `${which(
          'resourceId',
        )}: resources of type ${type} are not in the role catalogue; ask the platform team to add the type`,
      ];
    }
    if (row.intent && !spec.intents.includes(row.intent)) {
      return [
        `${which('intent')}: ${
          spec.displayName
        } takes the intents ${spec.intents.join(', ')}`,
      ];
    }
    return [];
  });
}
