import {
  KUBERNETES_ANNOTATIONS,
  WORKLOAD_IDENTITY_ANNOTATIONS,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { valueOf } from '../../inspection/reads';
import { BindingRule, findingOf, refs } from '../../inspection/rule';
import { identityAssignments, roleName } from '../roleassignment/assignments';

const HOLDING = ['approved', 'applying', 'active'];

/** The name of an entity ref (`component:default/billing-worker` → `billing-worker`). */
const nameOf = (entityRef: string) => entityRef.split('/').pop() ?? entityRef;

/**
 * More components than allowed use or are trusted by one identity: counted from other
 * components' requests for it, the workloads of the namespace whose service account names its
 * client id, and the workloads its credentials trust. A component is
 * counted by its name, which the demo and most catalogs also use as its kubernetes-id.
 */
export const identitySharedBlastRadius: BindingRule = {
  id: 'identity-shared-blast-radius',
  link: 'identity',
  scope: 'binding',
  reads: ['A3', 'K2', 'K3', 'O3'],
  masks: [],
  severity: 'warning',
  detects:
    "More components than `healthRules.maxComponentsPerIdentity` (default 1) use or are trusted by the identity, counted from other components' requests, workloads whose service account names its client id, and workloads its credentials trust. A compromise of any of them exposes every role it holds.",
  fix: 'Says to give each other component an identity of its own, from a request on its card, and then delete its federated credential on this one.',
  evaluate({ unit, config }) {
    const identity = unit.identity;
    if (!identity) return [];
    const ownId =
      valueOf(unit.snapshot.entity)?.annotations[KUBERNETES_ANNOTATIONS.id] ??
      unit.workload?.metadata.name;
    const components = new Set<string>(ownId ? [ownId] : []);
    const ownName = nameOf(unit.snapshot.entityRef);
    // Other components' requests that hold the identity, or are about to (approved, applying).
    for (const request of valueOf(unit.binding.identityRequests) ?? []) {
      if (!HOLDING.includes(request.status)) continue;
      const name = nameOf(request.entityRef);
      if (name !== ownName && name !== ownId) components.add(name);
    }
    // Workloads of the namespace whose own service account names the identity's client id.
    const clientId = identity.properties.clientId.toLowerCase();
    const accounts = valueOf(unit.cluster.serviceAccounts[unit.ns]) ?? [];
    for (const w of valueOf(unit.binding.namespaceWorkloads) ?? []) {
      const account = accounts.find(
        a =>
          a.metadata.name === (w.template.spec.serviceAccountName || 'default'),
      );
      const named = account?.metadata.annotations?.[
        WORKLOAD_IDENTITY_ANNOTATIONS.clientId
      ]
        ?.trim()
        .toLowerCase();
      const component = w.metadata.labels?.[KUBERNETES_ANNOTATIONS.id];
      if (named === clientId && component) components.add(component);
    }
    for (const fic of valueOf(unit.binding.federatedCredentials) ?? []) {
      const subject = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(
        fic.properties.subject,
      );
      if (!subject) continue;
      const [, ns, sa] = subject;
      for (const [where, read] of Object.entries(
        unit.binding.subjectWorkloads ?? {},
      )) {
        if (!where.endsWith(`/${ns}`)) continue;
        for (const w of valueOf(read) ?? []) {
          if ((w.template.spec.serviceAccountName || 'default') !== sa)
            continue;
          // Subjects that resolve to no component are not counted.
          const component = w.metadata.labels?.[KUBERNETES_ANNOTATIONS.id];
          if (component) components.add(component);
        }
      }
    }
    if (components.size <= config.maxComponentsPerIdentity) return [];
    const list = [...components];
    const roles = identityAssignments(unit)
      .map(a => roleName(unit, a))
      .filter((r, i, all) => all.indexOf(r) === i)
      .join(', ');
    return [
      findingOf(identitySharedBlastRadius, {
        severity: 'warning',
        state: 'degraded',
        message: `${identity.name} is shared by ${
          list.length
        } components (${list.join(
          ', ',
        )}). A compromise of any of them exposes all of its roles (${
          roles || 'none'
        }).`,
        evidence: {
          expected: `≤ ${config.maxComponentsPerIdentity} component`,
          actual: `${list.length}: ${list.join(', ')}`,
        },
        // Each other component must first get an identity of its own, which is a request on its
        // card: no command can do that for it, so the fix says what to do.
        fix: {
          kind: 'action',
          owner: 'component',
          text: `Give each other component (${list
            .filter(c => c !== ownId)
            .join(
              ', ',
            )}) an identity of its own: request Azure access from its card, switch its service account's annotation to the new client id, then delete its federated credential on ${
            identity.name
          }.`,
        },
        ref: refs.azure(identity.id, 'UserAssignedIdentity'),
      }),
    ];
  },
};
