export { kubectlFor, startTestKubernetes, rawRequest } from './kubectl';
export type { Kubectl, KubectlResult, TestKubernetes } from './kubectl';
