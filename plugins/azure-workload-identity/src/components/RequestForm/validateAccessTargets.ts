import {
  accessTargetSchema,
  findResourceType,
  formatPath,
  parseResourceId,
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
 * What is wrong with the picked resources, row by row, in the words the backend would use;
 * empty when the rows can be planned. Local, so the form stops bad input before any call.
 */
export function problemsWithTargets(
  rows: AccessTargetRow[] | undefined,
): string[] {
  if (!rows?.length) return ['add at least one Azure resource'];
  return rows.flatMap((row, index) => {
    // Named as the backend and the scaffolder action name them, so one message reads the same
    // wherever the request is checked.
    const which = (...path: (string | number)[]) =>
      formatPath(['resources', index, ...path]);
    const parsed = accessTargetSchema.safeParse(row);
    if (!parsed.success) {
      return parsed.error.issues.map(
        issue => `${which(...issue.path)}: ${issue.message}`,
      );
    }
    const type = parseResourceId(parsed.data.resourceId)?.resourceType ?? '';
    // A sub-resource (a container) parses to its account's type.
    const spec = findResourceType(type);
    if (!spec) {
      return [
        `${which(
          'resourceId',
        )}: resources of type ${type} are not in the role catalogue; ask the platform team to add the type`,
      ];
    }
    if (row.intent && !Object.keys(spec.intents).includes(row.intent)) {
      return [
        `${which('intent')}: ${
          spec.displayName
        } takes the intents ${Object.keys(spec.intents).join(', ')}`,
      ];
    }
    return [];
  });
}
