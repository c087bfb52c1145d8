import { parseArgs, UsageError } from './parseArgs';

const env = {
  BACKSTAGE_URL: 'https://backstage.example.com/',
  BACKSTAGE_TOKEN: 'pipeline-token',
};

describe('parseArgs', () => {
  it('reads the component, cluster and threshold, the URL and token from the environment', () => {
    expect(
      parseArgs(
        [
          '--component',
          'orders-api',
          '--cluster=aks-prod',
          '--fail-on',
          'warning',
        ],
        env,
      ),
    ).toEqual({
      backendUrl: 'https://backstage.example.com',
      token: 'pipeline-token',
      component: {
        kind: 'component',
        namespace: 'default',
        name: 'orders-api',
      },
      cluster: 'aks-prod',
      failOn: 'warning',
      refresh: true,
    });
  });

  it('accepts a full entity ref in any case of kind and namespace', () => {
    expect(
      parseArgs(
        ['--component', 'Component:Payments/Ledger-API', '--cached'],
        env,
      ),
    ).toMatchObject({
      component: {
        kind: 'component',
        namespace: 'payments',
        name: 'Ledger-API',
      },
      refresh: false,
    });
  });

  it.each([
    [[], {}, '--component is required'],
    [
      ['--component', 'a'],
      { BACKSTAGE_TOKEN: 't' },
      'the backend URL is missing',
    ],
    [
      ['--component', 'a'],
      { BACKSTAGE_URL: 'https://b' },
      'BACKSTAGE_TOKEN is not set',
    ],
    [
      ['--component', 'a', '--fail-on', 'info'],
      env,
      "--fail-on 'info': use error or warning",
    ],
    [['--component', 'a b/c'], env, 'is not an entity ref'],
    [
      ['--component', 'a', '--backend-url', 'backstage'],
      env,
      'is not an http(s) URL',
    ],
    [['--component'], env, '--component needs a value'],
    [['--components', 'a'], env, "unknown argument '--components'"],
  ])(
    'refuses %j with a message saying what to change',
    (argv, environment, message) => {
      expect(() => parseArgs(argv, environment)).toThrow(UsageError);
      expect(() => parseArgs(argv, environment)).toThrow(message);
    },
  );
});
