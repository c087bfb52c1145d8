import { Progress } from '@backstage/core-components';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  accessRequestSpecOf,
  fieldLabel,
} from '@backstage-community/plugin-azure-workload-identity-common';
import Alert from '@material-ui/lab/Alert';
import { useEffect } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { PlanView } from './PlanView';
import { templateInputOf } from './templateInputOf';
import { useRequestFormClient } from './useRequestFormClient';

/**
 * `AzureAccessPlanReview`: asks the backend for the plan of what the form holds so far (a dry
 * run: nothing is stored) and shows it before the run. Its value is the plan's hash, so the
 * form cannot go on without a plan.
 */
export function PlanReviewField(props: FieldExtensionComponentProps<string>) {
  const { onChange } = props;
  const client = useRequestFormClient();
  const input = JSON.stringify(templateInputOf(props.formContext?.formData));
  const answer = useAsync(
    () => client.planRequest(accessRequestSpecOf(JSON.parse(input))),
    [client, input],
  );
  const planHash = answer.value?.ok ? answer.value.plan.planHash : undefined;
  useEffect(() => {
    onChange(planHash);
    // onChange changes identity on every render of the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [planHash]);

  if (answer.loading) return <Progress />;
  if (answer.error) {
    return (
      <Alert severity="error" data-testid="awi-plan-error">
        No plan could be made: {answer.error.message}
      </Alert>
    );
  }
  const value = answer.value!;
  return (
    <>
      {value.ok ? (
        <PlanView plan={value.plan} />
      ) : (
        <Alert severity="error" data-testid="awi-plan-error">
          The request cannot be planned; go back and change:
          <ul>
            {value.problems.map(p => (
              <li key={`${p.field}: ${p.message}`}>
                {fieldLabel(p.field)}: {p.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </>
  );
}
