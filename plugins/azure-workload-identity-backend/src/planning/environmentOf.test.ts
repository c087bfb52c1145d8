import { environmentOf } from './environmentOf';

describe('environmentOf', () => {
  const cluster = {
    environment: 'production' as const,
    namespaceEnvironments: [
      { namespace: 'preview-*', environment: 'development' as const },
      { namespace: 'qa', environment: 'staging' as const },
    ],
  };

  it('takes the first matching namespace entry, else the cluster', () => {
    expect(environmentOf(cluster, 'preview-42')).toBe('development');
    expect(environmentOf(cluster, 'qa')).toBe('staging');
    expect(environmentOf(cluster, 'qa-2')).toBe('production');
    expect(environmentOf(cluster, 'orders')).toBe('production');
  });

  it('is unknown when the configuration does not say', () => {
    expect(environmentOf({}, 'orders')).toBeUndefined();
  });
});
