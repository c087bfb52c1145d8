import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import {
  accessRequestSpecOf,
  fieldLabel,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { templateInputOf } from './templateInputOf';
import { requestFormClientOf } from './useRequestFormClient';
import { AccessTargetRow, problemsWithTargets } from './validateAccessTargets';

/** The cluster must be one the portal is configured for. */
export const validateCluster: CustomFieldValidator<string> = async (
  cluster,
  validation,
  { apiHolder },
) => {
  if (!cluster) return;
  const clusters = await requestFormClientOf(apiHolder).listClusters();
  if (!clusters.some(c => c.name === cluster)) {
    validation.addError(
      `'${cluster}' is not a configured cluster; pick one of ${clusters
        .map(c => c.name)
        .join(', ')}`,
    );
  }
};

/** The namespace must exist on the cluster picked in the form. */
export const validateNamespace: CustomFieldValidator<
  string,
  { clusterField?: string }
> = async (namespace, validation, { apiHolder, formData, uiSchema }) => {
  const clusterField = uiSchema?.['ui:options']?.clusterField ?? 'cluster';
  const cluster = formData?.[clusterField];
  if (!namespace || typeof cluster !== 'string' || !cluster) return;
  const namespaces = await requestFormClientOf(apiHolder).listNamespaces(
    cluster,
  );
  if (!namespaces.includes(namespace)) {
    validation.addError(
      `namespace '${namespace}' does not exist on ${cluster}; create it first or pick one that exists`,
    );
  }
};

/** Every row names a full resource id and an intent its type takes, of a type the backend offers. */
export const validateAccessTargets: CustomFieldValidator<
  AccessTargetRow[]
> = async (rows, validation, { apiHolder }) => {
  const types = rows?.length
    ? await requestFormClientOf(apiHolder).listResourceTypes()
    : [];
  problemsWithTargets(rows, types).forEach(problem =>
    validation.addError(problem),
  );
};

/** The backend must be able to plan what the form holds. */
export const validatePlan: CustomFieldValidator<string> = async (
  _planHash,
  validation,
  { apiHolder, formData },
) => {
  const answer = await requestFormClientOf(apiHolder).planRequest(
    accessRequestSpecOf(templateInputOf(formData)),
  );
  if (!answer.ok) {
    validation.addError(
      `no plan can be made; go back and change ${answer.problems
        .map(p => `${fieldLabel(p.field)} (${p.message})`)
        .join(', ')}`,
    );
  }
};
