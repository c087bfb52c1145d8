export interface Config {
  /** Azure Workload Identity for Backstage. */
  azureWorkloadIdentity?: {
    /** Where the identities are created and how the portal signs in to Azure. */
    azure?: {
      /**
       * The Entra ID tenant that trusts the clusters' OIDC issuers. Required once anything is
       * provisioned or inspected.
       */
      tenantId?: string;
      /**
       * Azure Resource Manager endpoint. Defaults to https://management.azure.com; the embedded
       * sandbox sets its own local HTTPS endpoint.
       */
      resourceManagerEndpoint?: string;
      /** Entra ID authority host. Defaults to https://login.microsoftonline.com. */
      authorityHost?: string;
      /** Subscription and resource group that hold the user-assigned managed identities. */
      identities?: {
        subscriptionId: string;
        resourceGroup: string;
        /** Azure region of new identities, e.g. eastus. */
        location: string;
      };
      /**
       * A client secret credential for the portal's own principal. Leave it out in production
       * to use DefaultAzureCredential (the portal pod's own workload identity).
       */
      credential?: {
        clientId: string;
        /** @visibility secret */
        clientSecret: string;
      };
      /**
       * Subscriptions reached with another tenant or principal than the default (e.g. one
       * service principal per landing zone). Subscriptions not listed use the default.
       */
      subscriptions?: Array<{
        subscriptionId: string;
        /** The subscription's Entra ID tenant, when it is not `azure.tenantId`. */
        tenantId?: string;
        /** A client secret credential for this subscription only. */
        credential?: {
          clientId: string;
          /** @visibility secret */
          clientSecret: string;
        };
      }>;
    };
    /**
     * The AKS clusters the portal plans for. Live pre-flight (reading the cluster, namespace,
     * target resources and existing identity before a plan is proposed) runs once `azure.tenantId`
     * and at least one cluster are set; without them plans are refused with 503.
     *
     * Only the ARM coordinates are configured here. The Kubernetes API URL, credential and CA
     * are taken from the Kubernetes plugin's `kubernetes.clusterLocatorMethods` entry (type
     * `config`) with the same `name`, unless the cluster gives its own `kubernetes` block. Of
     * that plugin's auth providers, `serviceAccount` uses its token; `azure` and `aks` use the
     * portal's own Entra ID identity (a token for the AKS AAD server application), because
     * the fleet scan and the provisioner run without a signed-in user.
     *
     * Role assignments are looked up in the clusters' subscriptions and in
     * `azure.identities.subscriptionId`.
     */
    clusters?: Array<{
      /** As the Kubernetes plugin and the catalog name it, e.g. aks-prod. */
      name: string;
      /** Subscription GUID of the managed cluster. */
      subscriptionId: string;
      /** Resource group of the managed cluster (not its MC_ node resource group). */
      resourceGroup: string;
      /**
       * The environment the cluster serves. The approval policy reads it (production always
       * needs approval); requesters cannot state another. Left out, every request for the
       * cluster needs approval, as its environment is unknown.
       */
      environment?: 'production' | 'staging' | 'development';
      /**
       * Namespaces that serve another environment than the cluster's, e.g. `preview-*` on a
       * production cluster. The first entry that matches wins.
       */
      namespaceEnvironments?: Array<{
        /** A namespace name, or a prefix ending in `*`. */
        namespace: string;
        environment: 'production' | 'staging' | 'development';
      }>;
      /**
       * The cluster's API for reading namespaces, when the Kubernetes plugin's config does
       * not have it (or should not be reused). The token needs `get` on namespaces.
       */
      kubernetes?: {
        /** https URL of the API server. */
        url: string;
        /**
         * `serviceAccount` (default), `azure` (the portal's own Entra ID identity), or the name
         * of a cluster credential provider a backend module adds.
         */
        authProvider?: string;
        /**
         * Needed with authProvider serviceAccount.
         * @visibility secret
         */
        serviceAccountToken?: string;
        /** Base64-encoded PEM of the API server's CA. */
        caData?: string;
        /** Path to a PEM file of the API server's CA. */
        caFile?: string;
        /** Do not verify the API server's certificate. Never in production. */
        skipTLSVerify?: boolean;
      };
      /**
       * Lets the provisioner create and annotate service accounts on this cluster, with the
       * URL and CA of the cluster's API above. Leave it out for clusters managed through
       * GitOps: the request then hands back the ServiceAccount manifest to commit.
       */
      provisioner?: {
        /**
         * `serviceAccount` (default): write with `serviceAccountToken`. `azure`: write as the
         * portal's own Entra ID identity, which Kubernetes RBAC must allow to. Or the name of
         * a cluster credential provider a backend module adds.
         */
        authProvider?: string;
        /**
         * Token of a service account allowed to get, create and update service accounts.
         * @visibility secret
         */
        serviceAccountToken?: string;
      };
      /** The token-exchange probe of inspection on this cluster's workloads. */
      probe?: {
        /**
         * Default true. Off where the portal may not create service account tokens: the
         * identity card then says the token link was not tested, and why.
         */
        enabled?: boolean;
      };
      /** This cluster's guardrails, when they differ from `azureWorkloadIdentity.guardrails`. */
      guardrails?: {
        mode?: 'off' | 'audit' | 'deny';
        requireProvisionedServiceAccounts?: boolean;
      };
    }>;
    /**
     * Admission guardrails the portal keeps in each cluster from what it granted: a service
     * account may name only a client id granted to its namespace, and production pods using
     * workload identity do not run as `default`.
     */
    guardrails?: {
      /**
       * off (default): nothing is written into the clusters; audit: violations pass with a
       * warning and an audit record, to find attachments made around the portal first; deny:
       * violations are refused.
       */
      mode?: 'off' | 'audit' | 'deny';
      /** Also refuse labelled pods whose service account the portal did not provision. Default false. */
      requireProvisionedServiceAccounts?: boolean;
    };
    /** The identity card's live inspection of each component's chain. */
    inspection?: {
      /** How long a component's chain is served from the cache; default 900 (longer than a scan interval). */
      cacheTtlSeconds?: number;
      /** How often one replica reads every component's chain anew; default 10. */
      scanIntervalMinutes?: number;
      /**
       * A fleet scan reuses a token-exchange probe outcome younger than this, so scans do not
       * exchange a token for every identity every interval; a viewer's refresh probes anew.
       * Default 30.
       */
      scanProbeIntervalMinutes?: number;
      /** A `?refresh=true` within this long of the last read is served from the cache; default 10. */
      refreshThrottleSeconds?: number;
      /** Settings of the health rules; each defaults to the catalogue's value. */
      healthRules?: {
        /** More components than this on one identity is `identity-shared-blast-radius`; default 1. */
        maxComponentsPerIdentity?: number;
        /** Federated credentials on one identity from which `fic-count-near-limit` warns (of 20); default 16. */
        ficNearLimit?: number;
        /** How long a new federated credential may not be honoured yet; default 5. */
        ficPropagationMinutes?: number;
        /** How long a new role assignment may not be honoured yet; default 10. */
        rbacPropagationMinutes?: number;
        /** Days before a request's end date that `request-expiring` starts; default 7. */
        requestExpiryWarnDays?: number;
        /** Container names taken for sidecars (which should not get the identity). */
        sidecarPatterns?: string[];
        /** Issuers outside the configured clusters that credentials may trust, e.g. https://token.actions.githubusercontent.com. */
        externalIssuers?: string[];
        /**
         * Look for credential Secrets left behind after a move to workload identity. Needs
         * `list secrets` in the components' namespaces; only key names are kept. Default false.
         */
        inspectSecrets?: boolean;
        /** Report a client id found in no configured subscription as info, not error (identities kept elsewhere); default false. */
        allowUnknownClientIds?: boolean;
        /** Object id of the portal's own principal, named in the fixes for missing read permissions. */
        backstagePrincipalId?: string;
      };
      /**
       * Issuers the clusters had before (a rebuilt cluster gets a new one), so a federated
       * credential still trusting an old issuer is named stale rather than unknown.
       */
      issuerHistory?: Array<{
        cluster: string;
        issuer: string;
        firstSeen?: string;
        lastSeen?: string;
      }>;
    };
    /** Who approves requests. */
    approvals?: {
      /** The group whose members may approve, as an entity ref. Defaults to group:default/platform-team. */
      approverGroup?: string;
      /**
       * What happens to a request that touches what another team or component owns. `refuse`
       * (the default) answers with the owner's name and plans nothing; `approval` sends the
       * request to the approver group with that reason. Another team's Azure resources always
       * need approval, and an identity made outside the portal always needs approval.
       */
      otherOwners?: {
        /** A namespace whose owner annotation names another team. */
        namespace?: 'refuse' | 'approval';
        /** An identity whose provenance says it belongs to another component. */
        identity?: 'refuse' | 'approval';
      };
    };
  };
}
