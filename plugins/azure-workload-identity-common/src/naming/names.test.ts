import {
  defaultIdentityName,
  DNS_SUBDOMAIN,
  federatedCredentialName,
  FIC_NAME,
  IDENTITY_NAME,
} from './names';

describe('defaultIdentityName', () => {
  it('names the component and cluster', () => {
    expect(
      defaultIdentityName({
        entityRef: 'component:default/orders-api',
        cluster: 'aks-prod',
      }),
    ).toBe('id-orders-api-aks-prod');
  });

  it('stays valid and distinct when names are long', () => {
    const long = 'x'.repeat(140);
    const a = defaultIdentityName({
      entityRef: `component:default/${long}a`,
      cluster: 'aks',
    });
    const b = defaultIdentityName({
      entityRef: `component:default/${long}b`,
      cluster: 'aks',
    });
    expect(a).toMatch(IDENTITY_NAME);
    expect(a.length).toBeLessThanOrEqual(128);
    expect(a).not.toBe(b);
  });

  describe('outside the default catalog namespace', () => {
    const name = (entityRef: string, cluster = 'aks-prod') =>
      defaultIdentityName({ entityRef, cluster });

    it("names the namespace too, and never plans the default namespace's identity", () => {
      const other = name('component:other-ns/orders-api');
      expect(other).toMatch(/^id-other-ns-orders-api-aks-prod-[0-9a-z]{7}$/);
      expect(other).toMatch(IDENTITY_NAME);
      expect(other).not.toBe(name('component:default/orders-api'));
    });

    it('differs from a default-namespace component named like namespace and name together', () => {
      expect(name('component:other-ns/orders-api')).not.toBe(
        name('component:default/other-ns-orders-api'),
      );
    });

    it('differs however the hyphens split namespace and name', () => {
      expect(name('component:team-a/api')).not.toBe(
        name('component:team/a-api'),
      );
    });

    it('is the same for every spelling of one ref, and per cluster', () => {
      expect(name('Component:other-ns/orders-api')).toBe(
        name('component:other-ns/orders-api'),
      );
      expect(name('component:other-ns/orders-api', 'aks-dev')).not.toBe(
        name('component:other-ns/orders-api'),
      );
    });

    it('stays within 128 characters and distinct when names are long', () => {
      const long = 'x'.repeat(140);
      const a = name(`component:other-ns/${long}a`);
      const b = name(`component:other-ns/${long}b`);
      expect(a).toMatch(IDENTITY_NAME);
      expect(a.length).toBeLessThanOrEqual(128);
      expect(a).not.toBe(b);
    });
  });

  it('refuses something that is not an entity ref', () => {
    expect(() =>
      defaultIdentityName({ entityRef: 'orders-api', cluster: 'aks' }),
    ).toThrow(/not a full entity ref/);
  });
});

describe('federatedCredentialName', () => {
  it('reads as cluster, namespace and service account', () => {
    expect(
      federatedCredentialName({
        cluster: 'aks-prod',
        namespace: 'orders',
        serviceAccountName: 'orders-api',
      }),
    ).toBe('aks-prod-orders-orders-api');
  });

  it('replaces the dots a service account may have, which ARM refuses in FIC names', () => {
    const name = federatedCredentialName({
      cluster: 'aks',
      namespace: 'ns',
      serviceAccountName: 'app.v2',
    });
    expect(name).toBe('aks-ns-app-v2');
    expect(name).toMatch(FIC_NAME);
  });

  it('fits 120 characters', () => {
    const name = federatedCredentialName({
      cluster: 'aks',
      namespace: 'n'.repeat(63),
      serviceAccountName: 's'.repeat(200),
    });
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name).toMatch(FIC_NAME);
  });
});

describe('DNS_SUBDOMAIN', () => {
  it('accepts dotted names and refuses upper case and underscores', () => {
    expect(DNS_SUBDOMAIN.test('orders-api.v2')).toBe(true);
    expect(DNS_SUBDOMAIN.test('Orders')).toBe(false);
    expect(DNS_SUBDOMAIN.test('orders_api')).toBe(false);
  });
});
