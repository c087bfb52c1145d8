import { InputError } from '@backstage/errors';
import {
  formatPath,
  InputProblem,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { z, ZodIssue } from 'zod';

/**
 * Parses input with a schema, or throws a 400 InputError whose message names every field and
 * what to change, and whose `problems` list the same for forms to place next to their fields.
 */
export function parseInput<T extends z.ZodTypeAny>(options: {
  schema: T;
  input: unknown;
  what: string;
}): z.infer<T> {
  const result = options.schema.safeParse(options.input);
  if (result.success) return result.data;
  throw inputError(
    `invalid ${options.what}`,
    result.error.issues.flatMap(problemsOf),
  );
}

export function inputError(
  summary: string,
  problems: InputProblem[],
): InputError {
  const error = new InputError(
    `${summary}: ${problems.map(p => `${p.field}: ${p.message}`).join('; ')}`,
  );
  // Own enumerable properties travel in the serialized error body.
  return Object.assign(error, { problems });
}

function problemsOf(issue: ZodIssue): InputProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map(key => ({
      field: formatPath([...issue.path, key]),
      message: 'is not a field here; remove it or check its spelling',
    }));
  }
  const field = formatPath(issue.path) || '(body)';
  if (issue.code === 'invalid_type' && issue.received === 'undefined') {
    return [{ field, message: `is required (${issue.expected})` }];
  }
  return [{ field, message: issue.message }];
}
