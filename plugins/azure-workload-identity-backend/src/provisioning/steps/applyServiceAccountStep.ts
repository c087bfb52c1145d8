import { GuardrailSyncOutcome } from '../../guardrails/ClusterGuardrails';
import { EnsureServiceAccountStep, StepOutputRef } from '../../planning/Plan';
import { JsonObject } from '../../requests/types';
import { serviceAccountManifest } from './serviceAccountManifest';
import { identityOutputs, StepContext, StepFailedError } from './StepContext';

/**
 * Points the service account at the identity: creates it or merges the annotations and labels
 * into the existing one. On a cluster in manifest mode it hands back the manifest instead, and
 * the cluster's updated guardrail manifests with it. Outputs: `outcome` (`created`, `updated`,
 * `unchanged`); per annotation, the value written and whether it was `added`, `replaced` or
 * found `unchanged`; per label, the value and whether it was `added`, found `unchanged` or
 * `kept` at another value; `guardrails` when the cluster's guardrails were brought up to date.
 */
export async function applyServiceAccountStep(
  step: EnsureServiceAccountStep,
  context: StepContext,
): Promise<JsonObject> {
  const annotations = resolveAnnotations(step, context);
  // Before the annotation is written: under `deny` the cluster admits the portal's own write
  // only once the grant is there. Inside the step, so a sync that fails fails the step, and
  // running the step again syncs again.
  const guardrails = await context.ports.guardrails?.syncCluster(step.cluster);
  const writer = context.ports.serviceAccountWriterFor(step.cluster);
  if (!writer) {
    return {
      mode: 'manifest',
      manifest: serviceAccountManifest({
        namespace: step.namespace,
        name: step.name,
        annotations,
        labels: step.labels,
      }),
      ...(guardrails?.kind === 'manifests'
        ? { guardrailManifests: guardrails.yaml }
        : {}),
    };
  }
  const written = await writer.ensureServiceAccount({
    cluster: step.cluster,
    namespace: step.namespace,
    name: step.name,
    annotations,
    labels: step.labels,
  });
  // Revoking reads this to remove only what this request set. A run resumed after a crash
  // between the write and this record finds its own writes and records them as found: the
  // revoke then leaves them, which can leave clutter but never cuts someone else's binding.
  const recorded: JsonObject = {};
  for (const [key, value] of Object.entries(annotations)) {
    recorded[key] = { value, outcome: written.annotations[key] ?? 'unchanged' };
  }
  const recordedLabels: JsonObject = {};
  for (const [key, value] of Object.entries(step.labels)) {
    recordedLabels[key] = {
      value,
      outcome: written.labels?.[key] ?? 'unchanged',
    };
  }
  return {
    mode: 'applied',
    outcome: written.outcome,
    annotations: recorded,
    labels: recordedLabels,
    ...guardrailRecord(guardrails),
  };
}

function guardrailRecord(
  outcome: GuardrailSyncOutcome | undefined,
): JsonObject {
  return outcome?.kind === 'written'
    ? { guardrails: { mode: outcome.mode, grants: outcome.grants } }
    : {};
}

function resolveAnnotations(
  step: EnsureServiceAccountStep,
  context: StepContext,
): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [key, value] of Object.entries(step.annotations)) {
    resolved[key] =
      typeof value === 'string' ? value : resolveOutput(value, context);
  }
  return resolved;
}

function resolveOutput(ref: StepOutputRef, context: StepContext): string {
  const identity = identityOutputs(context);
  if (ref.output === 'tenantId') {
    const tenantId = identity.tenantId ?? context.ports.tenantId;
    if (!tenantId) {
      throw new StepFailedError(
        'the tenant of the identity is unknown: set azureWorkloadIdentity.azure.tenantId',
      );
    }
    return tenantId;
  }
  return identity[ref.output];
}
