import {
  AccessRequestSpec,
  ChainView,
} from '@backstage-community/plugin-azure-workload-identity-common';
import {
  AccessRequestView,
  AzureWorkloadIdentityApi,
  PlanView,
} from '../client/AzureWorkloadIdentityApi';

export interface FakeApiCall {
  method: keyof AzureWorkloadIdentityApi;
  token: string;
  spec?: AccessRequestSpec;
  requestId?: string;
  entityRef?: string;
}

/**
 * A stand-in for the backend: answers each method from a script and records every call.
 * Reads of a request walk through `reads` one per call and then keep answering the last.
 * A script entry that is an Error is thrown instead of answered.
 */
export function fakeApi(script: {
  plan?: PlanView | Error;
  create?: AccessRequestView | Error;
  reads?: (AccessRequestView | Error)[];
  revoke?: AccessRequestView | Error;
  /** Left out, reading the chain fails as a backend without live inspection answers. */
  chain?: ChainView | Error;
}): AzureWorkloadIdentityApi & { calls: FakeApiCall[] } {
  const calls: FakeApiCall[] = [];
  let read = 0;
  const answer = <T>(value: T | Error | undefined, method: string): T => {
    if (value === undefined) throw new Error(`the script has no ${method}`);
    if (value instanceof Error) throw value;
    return value;
  };
  return {
    calls,
    async plan({ spec, token }) {
      calls.push({ method: 'plan', token, spec });
      return answer(script.plan, 'plan');
    },
    async createRequest({ spec, token }) {
      calls.push({ method: 'createRequest', token, spec });
      return answer(script.create, 'create');
    },
    async getRequest({ requestId, token }) {
      calls.push({ method: 'getRequest', token, requestId });
      const reads = script.reads ?? [];
      const value = reads[Math.min(read++, reads.length - 1)];
      return answer(value, 'reads');
    },
    async getChain({ entityRef, token }) {
      calls.push({ method: 'getChain', token, entityRef });
      return answer(
        script.chain ?? new Error('live inspection is not configured'),
        'chain',
      );
    },
    async revokeRequest({ requestId, token }) {
      calls.push({ method: 'revokeRequest', token, requestId });
      return answer(script.revoke, 'revoke');
    },
  };
}
