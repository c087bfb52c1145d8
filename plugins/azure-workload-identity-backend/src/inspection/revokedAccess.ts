import {
  Finding,
  WORKLOAD_IDENTITY_ANNOTATIONS,
  WORKLOAD_IDENTITY_USE_LABEL,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { AzureAsk, BindingView } from './derive';
import { refs } from './rule';

/** Emitted by the engine, like the read findings: it decides which bindings rules inspect. */
export const ACCESS_REVOKED_STILL_USED = 'access-revoked-still-used';

/**
 * A workload whose access was revoked (or expired) on purpose is not a broken chain: the
 * rules would ask to recreate what the revoke removed. Only what still asks for Azure there
 * is worth a warning, with the commands that remove it.
 */
export function revokedAccessFinding(unit: BindingView): Finding | undefined {
  const ended = unit.accessEnded;
  if (!ended || unit.stillAsksForAzure.length === 0) return undefined;
  const how = ended.status === 'expired' ? 'expired' : 'was revoked';
  const asks = unit.stillAsksForAzure.map(ask => words(ask, unit));
  return {
    ruleId: ACCESS_REVOKED_STILL_USED,
    link: 'pod',
    severity: 'warning',
    state: 'degraded',
    message: `Azure access for ${unit.workloadRef} ${how} (request ${
      ended.id
    }), but it still asks for it through ${asks.join(
      ' and ',
    )}. Its Azure calls fail: remove what is left, or request Azure access again.`,
    evidence: {
      expected: 'nothing that asks for workload identity',
      actual: asks.join('; '),
    },
    fix: {
      kind: 'command',
      text: unit.stillAsksForAzure.map(ask => removal(ask, unit)).join('\n'),
      owner: 'component',
    },
    ref: refs.workload(unit),
  };
}

function words(ask: AzureAsk, unit: BindingView): string {
  switch (ask) {
    case 'label':
      return `the pod label ${WORKLOAD_IDENTITY_USE_LABEL}`;
    case 'env':
      return `AZURE_CLIENT_ID in container ${unit.main?.name}'s environment`;
    case 'annotation':
    default:
      return `the client id annotation on service account ${unit.ns}/${unit.sa}`;
  }
}

function removal(ask: AzureAsk, unit: BindingView): string {
  const [kind, name] = unit.workloadRef.split('/');
  switch (ask) {
    case 'label': {
      // A merge patch removes a key set to null (RFC 7386).
      const template = `{"metadata":{"labels":{"${WORKLOAD_IDENTITY_USE_LABEL}":null}}}`;
      const patch =
        kind === 'cronjob'
          ? `{"spec":{"jobTemplate":{"spec":{"template":${template}}}}}`
          : `{"spec":{"template":${template}}}`;
      return `kubectl -n ${unit.ns} patch ${kind} ${name} --type merge -p '${patch}'`;
    }
    case 'env':
      return `kubectl -n ${unit.ns} set env ${kind}/${name} -c ${unit.main?.name} AZURE_CLIENT_ID-`;
    case 'annotation':
    default:
      return `kubectl -n ${unit.ns} annotate serviceaccount ${unit.sa} ${WORKLOAD_IDENTITY_ANNOTATIONS.clientId}-`;
  }
}
