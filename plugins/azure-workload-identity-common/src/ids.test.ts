import { serviceAccountSubject } from './ids';

describe('serviceAccountSubject', () => {
  it('builds the exact subject a cluster puts in the token sub claim', () => {
    expect(
      serviceAccountSubject({
        namespace: 'orders',
        serviceAccountName: 'orders-api',
      }),
    ).toBe('system:serviceaccount:orders:orders-api');
  });

  it('keeps case, because Entra ID matches the subject case-sensitively', () => {
    expect(
      serviceAccountSubject({ namespace: 'Orders', serviceAccountName: 'API' }),
    ).toBe('system:serviceaccount:Orders:API');
  });
});
