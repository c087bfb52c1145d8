import { collectParams, ParamError, unknownParamKindMessage } from './params';
import { FakeParamSource } from './__testUtils__/requests';
import type { KubeObject } from '../types';

const CONFIGMAP = { apiVersion: 'v1', kind: 'ConfigMap' };
const LIMITS = { apiVersion: 'example.com/v1', kind: 'Limits' };

const object = (
  kind: typeof CONFIGMAP,
  name: string,
  namespace?: string,
  labels = {},
): KubeObject => ({
  ...kind,
  metadata: { name, ...(namespace ? { namespace } : {}), labels },
});

const source = new FakeParamSource(
  [
    object(CONFIGMAP, 'grants', 'system', { team: 'a' }),
    object(CONFIGMAP, 'grants', 'orders', { team: 'a' }),
    object(CONFIGMAP, 'other', 'orders', { team: 'b' }),
    object(LIMITS, 'global'),
  ],
  { 'v1/ConfigMap': 'Namespaced', 'example.com/v1/Limits': 'Cluster' },
);

const names = (params: Array<KubeObject | null>) =>
  params.map(p =>
    p ? `${p.metadata.namespace ?? ''}/${p.metadata.name}` : null,
  );

describe('collectParams', () => {
  it('gives one null param when the policy or the binding uses none', () => {
    expect(
      collectParams({ source, scope: 'Cluster', paramRef: { name: 'x' } }),
    ).toEqual([null]);
    expect(
      collectParams({ source, scope: 'Namespaced', paramKind: CONFIGMAP }),
    ).toEqual([null]);
  });

  it('reads by name from the paramRef namespace, else the request namespace', () => {
    const base = { source, scope: 'Namespaced' as const, paramKind: CONFIGMAP };
    expect(
      names(
        collectParams({
          ...base,
          paramRef: { name: 'grants', namespace: 'system' },
          namespace: 'orders',
        }),
      ),
    ).toEqual(['system/grants']);
    expect(
      names(
        collectParams({
          ...base,
          paramRef: { name: 'grants' },
          namespace: 'orders',
        }),
      ),
    ).toEqual(['orders/grants']);
  });

  it('selects by labels', () => {
    expect(
      names(
        collectParams({
          source,
          scope: 'Namespaced',
          paramKind: CONFIGMAP,
          paramRef: { selector: { matchLabels: { team: 'a' } } },
          namespace: 'orders',
        }),
      ),
    ).toEqual(['orders/grants']);
    expect(
      collectParams({
        source,
        scope: 'Namespaced',
        paramKind: CONFIGMAP,
        paramRef: { selector: {} },
        namespace: 'orders',
      }),
    ).toHaveLength(2);
  });

  it('reads cluster-scoped kinds without a namespace', () => {
    expect(
      names(
        collectParams({
          source,
          scope: 'Cluster',
          paramKind: LIMITS,
          paramRef: { name: 'global' },
          namespace: 'orders',
        }),
      ),
    ).toEqual(['/global']);
  });

  it('returns nothing for a missing param under Allow, and fails under Deny', () => {
    const ref = { name: 'absent', namespace: 'system' };
    expect(
      collectParams({
        source,
        scope: 'Namespaced',
        paramKind: CONFIGMAP,
        paramRef: { ...ref, parameterNotFoundAction: 'Allow' },
      }),
    ).toEqual([]);
    expect(() =>
      collectParams({
        source,
        scope: 'Namespaced',
        paramKind: CONFIGMAP,
        paramRef: { ...ref, parameterNotFoundAction: 'Deny' },
      }),
    ).toThrow(
      new ParamError(
        'no params found for policy binding with `Deny` parameterNotFoundAction',
      ),
    );
  });

  it.each([
    [
      'a namespaced kind for a cluster-scoped request',
      'Namespaced',
      CONFIGMAP,
      { name: 'grants' },
      'cannot use namespaced paramRef in policy binding that matches cluster-scoped resources',
    ],
    [
      'a namespace for a cluster-scoped kind',
      'Cluster',
      LIMITS,
      { name: 'global', namespace: 'x' },
      'paramRef.namespace must not be provided for a cluster-scoped `paramKind`',
    ],
    [
      'both name and selector',
      'Cluster',
      LIMITS,
      { name: 'global', selector: {} },
      'paramRef.name and paramRef.selector are mutually exclusive',
    ],
    [
      'neither name nor selector',
      'Cluster',
      LIMITS,
      {},
      'one of name or selector must be provided',
    ],
  ] as const)('refuses %s', (_, scope, paramKind, paramRef, message) => {
    expect(() => collectParams({ source, scope, paramKind, paramRef })).toThrow(
      new ParamError(message),
    );
  });
});

describe('unknownParamKindMessage', () => {
  it("names the kind as Go's GroupVersionKind prints it", () => {
    expect(unknownParamKindMessage(LIMITS)).toBe(
      "failed to find resource referenced by paramKind: 'example.com/v1, Kind=Limits'",
    );
    expect(unknownParamKindMessage({ apiVersion: 'v1', kind: 'Widget' })).toBe(
      "failed to find resource referenced by paramKind: '/v1, Kind=Widget'",
    );
  });
});
