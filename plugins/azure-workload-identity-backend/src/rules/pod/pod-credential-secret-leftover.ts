import { allContainers } from '../../inspection/podShape';
import { valueOf } from '../../inspection/reads';
import { BindingRule, commandFix, findingOf } from '../../inspection/rule';

const KEY =
  /(CONNECTION_?STRING|ACCOUNT_?KEY|SAS_?TOKEN|CLIENT_?SECRET)$|^(client-secret|clientSecret|connectionString)$/i;

/**
 * An unreferenced Secret that looks like an old Azure credential, once workload identity works.
 * Runs only with `healthRules.inspectSecrets`; only key names were ever read.
 */
export const podCredentialSecretLeftover: BindingRule = {
  id: 'pod-credential-secret-leftover',
  link: 'pod',
  scope: 'binding',
  reads: ['K11', 'K1', 'K2'],
  masks: [],
  severity: 'warning',
  detects:
    'With `healthRules.inspectSecrets` on: a Secret of the namespace that nothing mounts or references still holds keys named like an Azure credential (connection string, account key, SAS token, client secret), although the workload now signs in with workload identity. Only key names are read.',
  fix: 'Deletes the Secret, once the credential is revoked where it was issued.',
  evaluate({ unit, config }) {
    if (!config.inspectSecrets || !unit.binding.secrets) return [];
    if (!unit.identity || !unit.saClientId) return [];
    const referenced = new Set<string>();
    for (const spec of [unit.tpl?.spec, ...unit.pods.map(p => p.spec)]) {
      if (!spec) continue;
      for (const c of allContainers(spec)) {
        for (const e of c.env ?? [])
          if (e.valueFrom?.secretKeyRef)
            referenced.add(e.valueFrom.secretKeyRef.name);
        for (const f of c.envFrom ?? [])
          if (f.secretRef) referenced.add(f.secretRef.name);
      }
      for (const v of spec.volumes ?? [])
        if (v.secret) referenced.add(v.secret.secretName);
    }
    const leftover = (valueOf(unit.binding.secrets) ?? []).find(
      s => !referenced.has(s.name) && s.keys.some(k => KEY.test(k)),
    );
    if (!leftover) return [];
    const keys = leftover.keys.filter(k => KEY.test(k)).join(',');
    return [
      findingOf(podCredentialSecretLeftover, {
        severity: 'warning',
        state: 'degraded',
        message: `Secret ${leftover.name} in ${unit.ns} still holds what looks like an Azure credential (${keys}), although ${unit.snapshot.entityRef} now uses workload identity and nothing mounts it.`,
        evidence: {
          expected: 'no unreferenced credential secrets',
          actual: `secret/${leftover.name} keys ${keys}, not referenced`,
        },
        fix: commandFix(
          `kubectl -n ${unit.ns} delete secret ${leftover.name}`,
          'component',
          {
            note: 'First revoke the credential where it was issued (the client secret in Entra ID, the account key or SAS token on the resource): deleting the Secret does not stop a copy of it from working.',
          },
        ),
        ref: {
          cluster: unit.cluster.name,
          namespace: unit.ns,
          kind: 'Secret',
          name: leftover.name,
        },
      }),
    ];
  },
};
