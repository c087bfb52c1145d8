export { requestFormFields } from './requestFormFields';
export { PlanView } from './PlanView';
