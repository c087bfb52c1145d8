/* eslint-disable no-console */
// Prints the condition for the portal's "Role Based Access Control Administrator" assignment
// (docs/deployment-guide.md), from the role catalogue this version of the plugin assigns from.
import { delegationCondition } from '../src/selfCheck/delegationCondition';

console.log(delegationCondition());
