import {
  SelfCheckItem,
  SelfCheckReport,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { ClusterConfig } from '../config/readClusterConfig';
import { GuardrailMode } from '../config/readGuardrailConfig';
import { permits } from './azureActionMatch';
import {
  KubernetesRole,
  PermissionReader,
  ResourceGroupMissingError,
} from './PermissionReader';
import {
  AzureNeed,
  CLUSTER_GROUP_NEEDS,
  IDENTITY_GROUP_NEEDS,
  KUBERNETES_GUARDRAIL_NEEDS,
  KUBERNETES_PROVISIONER_NEEDS,
  KUBERNETES_READER_NEEDS,
  KubernetesNeed,
  kubernetesNeedName,
  Purpose,
} from './requiredPermissions';

const AZURE_AS = "the portal's Azure identity";

/** The ClusterRoles the deployment guide's manifest creates, by credential. */
const CLUSTER_ROLES: Record<KubernetesRole, string> = {
  reader: 'backstage-workload-identity-reader',
  provisioner: 'backstage-workload-identity-provisioner',
};

/**
 * Applies only the provisioner's ClusterRole of the deployment guide's manifest, which holds
 * the guardrails' rights: `--selector` filters the objects read from the file
 * (https://kubernetes.io/docs/reference/kubectl/generated/kubectl_apply/), and the role
 * carries no placeholder to fill in. The binding is the provisioner check's own fix.
 */
const guardrailFix = (cluster: string) =>
  `kubectl --context ${cluster} apply -f docs/deployment/kubernetes-rbac.yaml --selector azure-workload-identity.backstage.io/rbac=provisioner`;

/**
 * Reads what the portal's own identity may do where the configuration says it works, and
 * names what is missing with the command that grants it. Every place is checked apart, so
 * one unreachable cluster leaves the others' answers intact.
 */
export class SelfChecker {
  constructor(
    private readonly options: {
      reader: PermissionReader;
      identities?: {
        subscriptionId: string;
        resourceGroup: string;
        location?: string;
      };
      clusters: ClusterConfig[];
      /**
       * Each cluster's guardrail mode: where it is audit or deny and the portal provisions,
       * the provisioner's credential must also keep the guardrails. Absent, none is asked.
       */
      guardrailModeOf?: (cluster: string) => GuardrailMode;
      now?: () => Date;
    },
  ) {}

  async check(): Promise<SelfCheckReport> {
    const { reader, identities, clusters } = this.options;
    let principal: SelfCheckReport['principal'];
    let signInError: string | undefined;
    try {
      principal = await reader.azurePrincipal();
    } catch (error) {
      signInError = `the portal could not sign in to Azure: ${messageOf(
        error,
      )}`;
    }

    // Without `azure.identities`, each identity is created in its cluster's resource group.
    const clusterGroupNeeds = identities
      ? CLUSTER_GROUP_NEEDS
      : unionOf(CLUSTER_GROUP_NEEDS, IDENTITY_GROUP_NEEDS);
    const azurePlaces = [
      ...(identities ? [{ ...identities, needs: IDENTITY_GROUP_NEEDS }] : []),
      ...uniqueGroups(clusters).map(group => ({
        ...group,
        needs: clusterGroupNeeds,
      })),
    ];
    const azureChecks = azurePlaces.map(place =>
      this.azurePlace(place, principal?.objectId, signInError),
    );
    const kubernetesChecks = clusters.flatMap(cluster => {
      const mode = this.options.guardrailModeOf?.(cluster.name) ?? 'off';
      return [
        this.kubernetesPlace({
          cluster,
          role: 'reader',
          // Where the probe is off, the portal is not meant to create tokens.
          needs:
            cluster.probeEnabled === false
              ? KUBERNETES_READER_NEEDS.filter(n => n.subresource !== 'token')
              : KUBERNETES_READER_NEEDS,
        }),
        ...(cluster.provisioner
          ? [
              this.kubernetesPlace({
                cluster,
                role: 'provisioner',
                needs: KUBERNETES_PROVISIONER_NEEDS,
              }),
            ]
          : []),
        // Off clusters are not asked: the scheduled sync's removal there is best effort.
        ...(cluster.provisioner && mode !== 'off'
          ? [
              this.kubernetesPlace({
                cluster,
                role: 'provisioner',
                needs: KUBERNETES_GUARDRAIL_NEEDS,
                scope: `cluster ${cluster.name} (guardrails in ${mode} mode)`,
                fix: guardrailFix(cluster.name),
              }),
            ]
          : []),
      ];
    });
    const checks = (
      await Promise.all([...azureChecks, ...kubernetesChecks])
    ).flat();
    const readyFor = (purpose: Purpose) =>
      checks
        .filter(c => purpose === 'provisioning' || c.purpose === 'inspection')
        .every(c => c.status === 'granted');
    return {
      checkedAt: (this.options.now?.() ?? new Date()).toISOString(),
      principal,
      ready: {
        inspection: readyFor('inspection'),
        provisioning: readyFor('provisioning'),
      },
      checks,
    };
  }

  private async azurePlace(
    place: {
      subscriptionId: string;
      resourceGroup: string;
      location?: string;
      needs: AzureNeed[];
    },
    objectId: string | undefined,
    signInError: string | undefined,
  ): Promise<SelfCheckItem[]> {
    const scopeId = `/subscriptions/${place.subscriptionId}/resourceGroups/${place.resourceGroup}`;
    const scope = `resource group ${place.resourceGroup} (subscription ${place.subscriptionId})`;
    const byPurpose = groupByPurpose(place.needs);
    let reason = signInError;
    let permissions: Awaited<ReturnType<PermissionReader['azurePermissions']>> =
      [];
    if (!reason) {
      try {
        permissions = await this.options.reader.azurePermissions(place);
      } catch (error) {
        // Nothing can be created in a group that is not there: that is the one thing missing.
        if (error instanceof ResourceGroupMissingError) {
          return [
            {
              area: 'azure',
              purpose: 'provisioning',
              scope,
              as: AZURE_AS,
              status: 'missing',
              missing: [`resource group ${place.resourceGroup}`],
              granted: [],
              fix: `az group create --name ${place.resourceGroup} --location ${
                place.location ?? '<region>'
              } --subscription ${place.subscriptionId}`,
            },
          ];
        }
        reason = `its permissions on ${scope} could not be read: ${messageOf(
          error,
        )}`;
      }
    }
    return [...byPurpose].map(([purpose, needs]) => {
      if (reason) {
        return unknownItem('azure', purpose, scope, AZURE_AS, reason);
      }
      const missing = needs.filter(n => !permits(permissions, n.action));
      const roles = [...new Set(missing.map(n => n.role))];
      return {
        area: 'azure',
        purpose,
        scope,
        as: AZURE_AS,
        status: missing.length ? 'missing' : 'granted',
        missing: missing.map(n => n.action),
        granted: needs.filter(n => !missing.includes(n)).map(n => n.action),
        fix: missing.length
          ? roles
              .map(
                role =>
                  `az role assignment create --assignee-object-id ${
                    objectId ?? '<portal principal object id>'
                  } --assignee-principal-type ServicePrincipal --role "${role}" --scope ${scopeId}`,
              )
              .join('\n')
          : undefined,
      };
    });
  }

  private async kubernetesPlace(options: {
    cluster: ClusterConfig;
    role: KubernetesRole;
    needs: KubernetesNeed[];
    /** Default `cluster <name>`. */
    scope?: string;
    /** Default: bind the role's ClusterRole to the credential's user. */
    fix?: string;
  }): Promise<SelfCheckItem[]> {
    const { reader } = this.options;
    const { cluster, role, needs } = options;
    const scope = options.scope ?? `cluster ${cluster.name}`;
    const purpose = needs[0].purpose;
    let user: string;
    let allowed: boolean[];
    try {
      user = await reader.kubernetesUser({ cluster: cluster.name, role });
      allowed = await Promise.all(
        needs.map(need =>
          reader.kubernetesAllows({ cluster: cluster.name, role, need }),
        ),
      );
    } catch (error) {
      return [
        unknownItem(
          'kubernetes',
          purpose,
          scope,
          `the ${role}'s credential`,
          `the Kubernetes API of ${
            cluster.name
          } did not answer for the ${role}'s credential: ${messageOf(error)}`,
        ),
      ];
    }
    const names = needs.map(kubernetesNeedName);
    const missing = names.filter((_, i) => !allowed[i]);
    return [
      {
        area: 'kubernetes',
        purpose,
        scope,
        as: user,
        status: missing.length ? 'missing' : 'granted',
        missing,
        granted: names.filter((_, i) => allowed[i]),
        fix: missing.length
          ? options.fix ??
            `kubectl --context ${cluster.name} create clusterrolebinding ${
              CLUSTER_ROLES[role]
            }-${bindingSuffix(user)} --clusterrole=${
              CLUSTER_ROLES[role]
            } ${subjectFlag(user)}`
          : undefined,
      },
    ];
  }
}

function unionOf(...lists: AzureNeed[][]): AzureNeed[] {
  const byAction = new Map<string, AzureNeed>();
  for (const need of lists.flat()) {
    if (!byAction.has(need.action)) byAction.set(need.action, need);
  }
  return [...byAction.values()];
}

function groupByPurpose(needs: AzureNeed[]): Map<Purpose, AzureNeed[]> {
  const byPurpose = new Map<Purpose, AzureNeed[]>();
  for (const need of needs) {
    byPurpose.set(need.purpose, [...(byPurpose.get(need.purpose) ?? []), need]);
  }
  return byPurpose;
}

function uniqueGroups(
  clusters: ClusterConfig[],
): Array<{ subscriptionId: string; resourceGroup: string }> {
  const seen = new Map<
    string,
    { subscriptionId: string; resourceGroup: string }
  >();
  for (const c of clusters) {
    const key = `${c.subscriptionId}/${c.resourceGroup}`.toLowerCase();
    if (!seen.has(key)) {
      seen.set(key, {
        subscriptionId: c.subscriptionId,
        resourceGroup: c.resourceGroup,
      });
    }
  }
  return [...seen.values()];
}

function unknownItem(
  area: SelfCheckItem['area'],
  purpose: Purpose,
  scope: string,
  as: string,
  reason: string,
): SelfCheckItem {
  return {
    area,
    purpose,
    scope,
    as,
    status: 'unknown',
    missing: [],
    granted: [],
    reason,
  };
}

// A service account binds with --serviceaccount=ns:name; an Entra ID principal (object id)
// or any other user with --user.
function subjectFlag(user: string): string {
  const sa = /^system:serviceaccount:([^:]+):(.+)$/.exec(user);
  return sa ? `--serviceaccount=${sa[1]}:${sa[2]}` : `--user=${user}`;
}

function bindingSuffix(user: string): string {
  const sa = /^system:serviceaccount:[^:]+:(.+)$/.exec(user);
  return (sa ? sa[1] : user).toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
