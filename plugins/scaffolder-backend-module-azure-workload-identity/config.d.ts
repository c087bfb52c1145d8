export interface Config {
  azureWorkloadIdentity?: {
    /** How the scaffolder actions of Azure Workload Identity behave. */
    scaffolder?: {
      /**
       * How long `azure:workload-identity:request` follows an approved request while it is
       * provisioned before it gives up waiting (the request carries on in the background).
       * Defaults to 600 seconds.
       */
      waitTimeoutSeconds?: number;
    };
  };
}
