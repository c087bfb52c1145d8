import { valueOf } from '../../inspection/reads';
import { BindingRule, commandFix, findingOf } from '../../inspection/rule';
import { ficRef, identityName } from './ficMatch';
import { identityGroupArgs } from '../azArgs';

/** A FIC trusting an issuer that belongs to no configured cluster and is not allowed by config. */
export const ficUnknownIssuer: BindingRule = {
  id: 'fic-unknown-issuer',
  link: 'federation',
  scope: 'binding',
  reads: ['A3', 'A1'],
  masks: [],
  severity: 'warning',
  detects:
    "A federated credential trusts an issuer that belongs to no configured cluster (a deleted cluster, or one outside this portal) and is not listed in `healthRules.externalIssuers`. Judged only when every cluster's issuer is known.",
  fix: 'Deletes that credential; if the issuer is intended, its note says to list it in `healthRules.externalIssuers` instead.',
  evaluate({ unit }) {
    // As with sa-client-id-unknown's inventory: "belongs to no cluster" needs every cluster's issuer.
    const complete = unit.snapshot.clusters.every(
      c => valueOf(c.managedCluster)?.properties.oidcIssuerProfile?.issuerURL,
    );
    if (!complete) return [];
    return (valueOf(unit.binding.federatedCredentials) ?? [])
      .filter(fic => !unit.knownIssuers.includes(fic.properties.issuer))
      .map(fic =>
        findingOf(ficUnknownIssuer, {
          severity: 'warning',
          state: 'degraded',
          message: `${identityName(unit)} trusts tokens from ${
            fic.properties.issuer
          }, which belongs to no cluster Backstage knows (a deleted cluster, or one outside this portal).`,
          evidence: {
            expected:
              'issuer of a configured cluster or an allowed external issuer',
            actual: fic.properties.issuer,
          },
          fix: commandFix(
            `az identity federated-credential delete --name ${
              fic.name
            } --identity-name ${identityName(unit)} ${identityGroupArgs(
              unit,
            )} --yes`,
            'component',
            {
              note: `If the identity is meant to trust ${fic.properties.issuer} (a cluster outside this portal), keep the credential and list the issuer in healthRules.externalIssuers instead.`,
            },
          ),
          ref: ficRef(unit, fic),
        }),
      );
  },
};
