import { DemoSandbox } from '../../../clients/__testUtils__/startDemoSandbox';
import { AzureWorkloadIdentityConfig } from '../../../config/readConfig';
import { HealthRulesConfig } from '../../config';
import { IdentityRequest } from '../../snapshot';
import { baselineRequest } from '../baselineBinding';

export const DAY = 86_400_000;

/** What the portal's configuration says besides the twin, when a scenario needs it. */
export type Extra = {
  /** The request record as the portal's database would hold it, changed. */
  request?: (request: ReturnType<typeof baselineRequest>) => void;
  /** No request record at all: the chain was built by hand. */
  noRequests?: boolean;
  /** Other components' requests whose plan uses the identity. */
  identityRequests?: IdentityRequest[];
  /** The component's catalog annotations, changed. */
  annotations?: Record<string, string>;
  /** Other requests of the component, e.g. an earlier one since revoked. */
  moreRequests?: Array<ReturnType<typeof baselineRequest>>;
  /** `healthRules` settings of the portal, e.g. the opt-in secret reads. */
  healthRules?: Partial<HealthRulesConfig>;
  /** The plugin's configuration, changed (e.g. the probe off for a cluster). */
  config?: (config: AzureWorkloadIdentityConfig) => AzureWorkloadIdentityConfig;
  issuerHistory?: Array<{
    cluster: string;
    issuer: string;
    firstSeen: string;
    lastSeen: string;
  }>;
};
export type Staging = (demo: DemoSandbox) => void | Extra;
