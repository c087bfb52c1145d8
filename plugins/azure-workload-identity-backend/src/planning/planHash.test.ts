import { canonicalJson, computePlanHash } from './planHash';
import { VerifyStep } from './Plan';

const verify: VerifyStep = {
  id: 'verify',
  kind: 'verify',
  cluster: 'aks-prod',
  namespace: 'orders',
  serviceAccountName: 'orders-api',
  issuer: 'https://issuer/',
  audience: 'api://AzureADTokenExchange',
  why: 'proves the chain',
};

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and drops undefined', () => {
    expect(
      canonicalJson({ b: 1, a: { d: [2, 1], c: undefined, b: null } }),
    ).toBe('{"a":{"b":null,"d":[2,1]},"b":1}');
  });
});

describe('computePlanHash', () => {
  it('ignores property order and the why prose, but not what a step does', () => {
    const reordered = Object.fromEntries(
      Object.entries(verify).reverse(),
    ) as unknown as VerifyStep;
    const hash = computePlanHash([verify]);
    expect(computePlanHash([reordered])).toBe(hash);
    expect(computePlanHash([{ ...verify, why: 'reworded' }])).toBe(hash);
    expect(computePlanHash([{ ...verify, issuer: 'https://issuer' }])).not.toBe(
      hash,
    );
  });
});
