import { LoggerService } from '@backstage/backend-plugin-api';
import { GuardrailMode } from '../config/readGuardrailConfig';
import { MANAGED_BY, MANAGED_BY_LABEL } from './guardrailNames';
import { refKey } from './guardrailRemoval';
import {
  GuardrailListError,
  GuardrailObjectRef,
  GuardrailRemoval,
  GuardrailWriter,
} from './GuardrailWriter';

/**
 * How often a sync looks for leftovers: `always` is the scheduled sync, every run; `once` is
 * a request's sync, which looks only the first time in this process for the set it expects.
 */
export type LookForLeftovers = 'always' | 'once';

const RBAC_FILE = 'docs/deployment/kubernetes-rbac.yaml';

/**
 * Removes the portal's policies and bindings that a cluster should no longer hold: all of
 * them once guardrails are off, an optional one once it is turned off.
 *
 * Requests look once per process and expected set, not on every request: the first request
 * after a restart with new settings must not be refused by a policy left from before (under
 * off, the grants are no longer written, so a leftover deny policy would refuse the portal's
 * own annotation), but later requests need not pay the listing again. The scheduled sync
 * looks every run, which catches what another replica on older settings put back. A cluster
 * where guardrails were never on costs one list call per kind; a listing that fails there
 * (typically 403: the provisioner was never granted the rights) is logged once and never
 * fails a request.
 */
export class GuardrailPruner {
  /** Per cluster, the expected set this process last looked for leftovers against. */
  private readonly lookedFor = new Map<string, string>();
  private readonly toldUnlisted = new Set<string>();

  constructor(private readonly logger?: LoggerService) {}

  /** Whether a sync would look, so a request's sync of an off cluster can skip its turn. */
  willLook(options: {
    cluster: string;
    keep: readonly GuardrailObjectRef[];
    look: LookForLeftovers;
  }): boolean {
    return (
      options.look === 'always' ||
      this.lookedFor.get(options.cluster) !== keyOf(options.keep)
    );
  }

  /**
   * Undefined when it did not look, or could not list. A delete that fails fails the
   * scheduled sync (the portal's own policy is known to be there and still acting); in a
   * request's sync it is logged and the request goes on.
   */
  async prune(options: {
    cluster: string;
    writer: GuardrailWriter;
    keep: readonly GuardrailObjectRef[];
    look: LookForLeftovers;
    mode: GuardrailMode;
  }): Promise<GuardrailRemoval | undefined> {
    const { cluster, keep, look } = options;
    if (!this.willLook(options)) return undefined;
    // Set before looking: a request does not ask again after a failure; the scheduled sync does.
    this.lookedFor.set(cluster, keyOf(keep));
    try {
      const removal = await options.writer.removePolicies({ keep });
      this.toldUnlisted.delete(cluster);
      this.report(cluster, removal);
      return removal;
    } catch (error) {
      if (error instanceof GuardrailListError) {
        this.unlisted(options, error);
        return undefined;
      }
      if (look === 'always') throw error;
      this.logger?.warn(
        `Could not remove the guardrails cluster ${cluster} should no longer hold: ${messageOf(
          error,
        )}; the scheduled guardrail sync tries again`,
      );
      return undefined;
    }
  }

  private report(cluster: string, removal: GuardrailRemoval) {
    if (removal.removed.length > 0) {
      this.logger?.info(
        `Removed the guardrails cluster ${cluster} should no longer hold: ${removal.removed.join(
          ', ',
        )}`,
      );
    }
    if (removal.foreign.length > 0) {
      this.logger?.info(
        `Left ${removal.foreign.join(
          ', ',
        )} on cluster ${cluster}: it has the name of one of the portal's guardrails but not its label (${MANAGED_BY_LABEL}=${MANAGED_BY}), so someone else wrote it`,
      );
    }
  }

  private unlisted(
    options: { cluster: string; mode: GuardrailMode },
    error: GuardrailListError,
  ) {
    const { cluster, mode } = options;
    const message =
      mode === 'off'
        ? `Guardrails are off for cluster ${cluster}, and whether the portal left policies there could not be told: ${error.message}. Nothing to do if they were never on; otherwise grant the provisioner the guardrail rights of ${RBAC_FILE} so they are removed`
        : `Could not list the guardrails of cluster ${cluster} to remove the ones it should no longer hold: ${error.message}. Grant the provisioner the guardrail rights of ${RBAC_FILE}`;
    if (this.toldUnlisted.has(cluster)) {
      this.logger?.debug(message);
      return;
    }
    this.toldUnlisted.add(cluster);
    if (mode === 'off') this.logger?.info(message);
    else this.logger?.warn(message);
  }
}

function keyOf(keep: readonly GuardrailObjectRef[]): string {
  return keep.map(refKey).sort().join(',');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
