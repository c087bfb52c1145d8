import type { ClusterInfo } from '../../kubernetes';
import type { SandboxPrincipals } from '../../twinOptions';
import { PORTAL_AZURE_PRINCIPAL } from './azure';
import { PORTAL_KUBERNETES_PRINCIPALS } from './kubernetes';

export { PORTAL_AZURE_PRINCIPAL } from './azure';
export {
  PORTAL_KUBERNETES_PRINCIPALS,
  PORTAL_KUBERNETES_USERS,
  RBAC_NAMES,
} from './kubernetes';

/**
 * The provisioner's token of each cluster, for app-config.yaml to pick up as
 * KUBERNETES_PROVISIONER_TOKEN_<CLUSTER> (e.g. _AKS_PROD): the portal's write access to
 * service accounts, kept apart from the reader's token the Kubernetes plugin uses.
 */
function provisionerTokenEnv(clusters: ClusterInfo[]): Record<string, string> {
  return Object.fromEntries(
    clusters.map(c => [
      `KUBERNETES_PROVISIONER_TOKEN_${c.name
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '_')}`,
      c.tokens.provisioner,
    ]),
  );
}

/** The portal's own principals: its Azure application and its two Kubernetes service accounts. */
export const PORTAL_PRINCIPALS: SandboxPrincipals = {
  azure: PORTAL_AZURE_PRINCIPAL,
  kubernetes: PORTAL_KUBERNETES_PRINCIPALS,
  env: provisionerTokenEnv,
};
