import { WORKLOAD_IDENTITY_ANNOTATIONS } from '@backstage-community/plugin-azure-workload-identity-common';
import { FakeServiceAccountWriter } from '../provisioning/__testUtils__/FakeServiceAccountWriter';
import { removeServiceAccount } from './removeServiceAccount';
import { ServiceAccountRemoval } from './serviceAccountRemoval';

const CLIENT_ID = WORKLOAD_IDENTITY_ANNOTATIONS.clientId;
const TENANT_ID = WORKLOAD_IDENTITY_ANNOTATIONS.tenantId;
const KEY = 'aks-prod/orders/orders-api';
const LABELS = {
  'app.kubernetes.io/managed-by': 'backstage-azure-workload-identity',
};

const created: ServiceAccountRemoval = {
  kind: 'service-account',
  cluster: 'aks-prod',
  namespace: 'orders',
  name: 'orders-api',
  annotations: { [CLIENT_ID]: 'cid', [TENANT_ID]: 'tid' },
  found: [],
  labels: LABELS,
  created: true,
  clientId: 'cid',
};

function accountsWith(
  account: {
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  } = {},
) {
  const accounts = new FakeServiceAccountWriter();
  accounts.accounts.set(KEY, {
    annotations: {
      [CLIENT_ID]: 'cid',
      [TENANT_ID]: 'tid',
      ...account.annotations,
    },
    labels: { ...LABELS, ...account.labels },
  });
  return accounts;
}

describe('removeServiceAccount', () => {
  it('deletes an account the request created and nobody touched since', async () => {
    const accounts = accountsWith();
    expect(await removeServiceAccount(accounts, created)).toEqual({
      applied: {
        serviceAccount: 'removed',
        removedAnnotations: [CLIENT_ID, TENANT_ID],
        deleted: true,
      },
    });
    expect(accounts.accounts.has(KEY)).toBe(false);
  });

  it('keeps it when someone labelled it since', async () => {
    const accounts = accountsWith({ labels: { team: 'orders' } });
    const outcome = await removeServiceAccount(accounts, created);
    expect(outcome.kept?.reason).toBe(
      'This request created the service account, but it now carries label team, which this request did not set.',
    );
    expect(accounts.accounts.get(KEY)).toEqual({
      annotations: {},
      labels: { ...LABELS, team: 'orders' },
      version: 2,
    });
  });

  it('keeps it when it changed between the read and the delete', async () => {
    const racing = accountsWith();
    const read = racing.readServiceAccount.bind(racing);
    let reads = 0;
    // Someone writes to the account right after the revoke's last read.
    racing.readServiceAccount = async ref => {
      const state = await read(ref);
      if (++reads === 2) racing.accounts.get(KEY)!.version = 99;
      return state;
    };
    const kept = await removeServiceAccount(racing, created);
    expect(kept.kept?.reason).toContain('someone changed it');
    expect(racing.accounts.has(KEY)).toBe(true);
  });

  it('leaves an account re-pointed at another identity whole', async () => {
    const accounts = accountsWith({ annotations: { [CLIENT_ID]: 'other' } });
    const outcome = await removeServiceAccount(accounts, created);
    expect(outcome.applied).toBeUndefined();
    expect(outcome.kept?.reason).toContain('client id other');
    expect(accounts.accounts.get(KEY)!.annotations).toEqual({
      [CLIENT_ID]: 'other',
      [TENANT_ID]: 'tid',
    });
  });

  it('finds nothing to do for an account already gone', async () => {
    expect(
      await removeServiceAccount(new FakeServiceAccountWriter(), created),
    ).toEqual({ applied: { serviceAccount: 'absent' } });
  });

  it('says what to do by hand when the cluster can no longer be written', async () => {
    const outcome = await removeServiceAccount(undefined, created);
    expect(outcome.kept?.reason).toBe(
      'The portal can no longer write to cluster aks-prod: remove the workload identity annotations of service account orders/orders-api by hand.',
    );
  });
});
