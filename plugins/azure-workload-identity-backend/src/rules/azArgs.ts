import { parseResourceId } from '@backstage-community/plugin-azure-workload-identity-common';
import { BindingView } from '../inspection/derive';

// The arguments that tell az where a thing lives. The subscription is always named: az
// otherwise looks in the shell's default subscription, and the cluster, the identity and the
// resource may each live in another one, so a copied fix would act on the wrong thing or fail
// with "not found" (https://learn.microsoft.com/cli/azure/manage-azure-subscriptions-azure-cli).

/** `-g <group> -n <cluster> --subscription <id>`, as `az aks …` takes an AKS cluster. */
export function clusterArgs(cluster: {
  name: string;
  resourceGroup: string;
  subscriptionId: string;
}): string {
  return `-g ${cluster.resourceGroup} -n ${cluster.name} --subscription ${cluster.subscriptionId}`;
}

/** Where the binding's identity lives, as `az identity …` takes it. */
export function identityGroupArgs(unit: BindingView): string {
  const subscription = parseResourceId(
    unit.identity?.id ?? unit.request?.identity.resourceId ?? '',
  )?.subscriptionId;
  return `--resource-group ${unit.identityResourceGroup ?? '<identity-rg>'}${
    subscription ? ` --subscription ${subscription}` : ''
  }`;
}

/**
 * For the note of a fix whose command names the cluster's issuer: where the cluster has none
 * yet, the command says `<issuer>`, and this says where to read it once there is one.
 */
export function issuerPlaceholderNote(unit: BindingView): string {
  return unit.C
    ? ''
    : `Replace <issuer> with the cluster's issuer once it has one: az aks show ${clusterArgs(
        unit.cluster,
      )} --query oidcIssuerProfile.issuerUrl -o tsv prints it.`;
}

/** `--resource-group <group> --subscription <id>` of an ARM resource id. */
export function resourceGroupArgs(resourceId: string): string {
  const parsed = parseResourceId(resourceId);
  if (!parsed)
    return '--resource-group <resource-group> --subscription <subscription>';
  return `--resource-group ${parsed.resourceGroup} --subscription ${parsed.subscriptionId}`;
}
