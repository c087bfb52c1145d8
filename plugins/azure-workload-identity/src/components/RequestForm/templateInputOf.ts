import { RequestAccessTemplateInput } from '@backstage-community/plugin-azure-workload-identity-common';

const FIELDS: (keyof RequestAccessTemplateInput)[] = [
  'entityRef',
  'cluster',
  'namespace',
  'serviceAccountName',
  'resources',
  'environment',
  'justification',
  'identityName',
  'expiresAt',
];

/**
 * The request fields of the whole form's data, by the names the template and the scaffolder
 * action share; anything else the form holds (the plan hash itself) is left out.
 */
export function templateInputOf(
  formData: Record<string, unknown> | undefined,
): RequestAccessTemplateInput {
  const input: Record<string, unknown> = { resources: [] };
  for (const field of FIELDS) {
    if (formData?.[field] !== undefined) input[field] = formData[field];
  }
  return input as unknown as RequestAccessTemplateInput;
}
