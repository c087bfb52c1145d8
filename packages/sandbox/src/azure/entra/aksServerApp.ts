/**
 * The AKS AAD server application: the audience of Entra ID tokens for AKS clusters with
 * Entra ID integration, the same id in every tenant
 * (https://learn.microsoft.com/azure/aks/kubelogin-authentication).
 */
export const AKS_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';
