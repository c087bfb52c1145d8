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
    };
    /** Who approves requests. */
    approvals?: {
      /** The group whose members may approve, as an entity ref. Defaults to group:default/platform-team. */
      approverGroup?: string;
    };
  };
}
