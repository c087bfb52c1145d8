import { Config } from '@backstage/config';
import { readConfig } from './readConfig';

/**
 * The group whose members may approve requests for Azure access, as configured (and checked)
 * for the plugin: what an app's permission policy needs to decide who approves.
 *
 * @public
 */
export function readApproverGroup(rootConfig: Config): string {
  return readConfig(rootConfig).approvals.approverGroup;
}
