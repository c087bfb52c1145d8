import { InputError } from '@backstage/errors';
import {
  AccessRequestSpec,
  accessRequestSpecOf,
  fieldLabel,
  RequestAccessTemplateInput,
  validateAccessRequest,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { forPeople } from './stepErrors';

/**
 * The request body for the action's input, checked by the same rules as the form and the
 * backend; bad input fails the step naming each field and what to change, before any call.
 */
export function validSpecOf(input: {
  [K in keyof RequestAccessTemplateInput]: unknown;
}): AccessRequestSpec {
  const body = accessRequestSpecOf(input as RequestAccessTemplateInput);
  const result = validateAccessRequest(body);
  if (result.ok) return result.spec;
  throw forPeople(
    new InputError(
      `The request is not valid: ${result.problems
        .map(p => `${fieldLabel(p.field)}: ${p.message}`)
        .join('; ')}`,
    ),
  );
}
