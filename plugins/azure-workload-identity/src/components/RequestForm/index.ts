export { requestFormFields } from './requestFormFields';
