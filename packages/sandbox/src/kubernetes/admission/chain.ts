import { StatusError } from '../api/status';
import { AuditLog } from '../auditLog';
import { isoSeconds } from '../store';
import { KubeObject } from '../types';
import {
  AdmissionContext,
  AdmissionRequest,
  MutatingAdmissionPlugin,
  ValidatingAdmissionPlugin,
} from './types';

export interface AdmissionPlugins {
  /** Run in order, each on the previous one's output. */
  mutating: MutatingAdmissionPlugin[];
  /** Run in order on the final object; the first refusal wins. */
  validating: ValidatingAdmissionPlugin[];
}

export interface AdmissionChainOptions {
  /** Where requests with audit annotations are recorded. */
  audit?: AuditLog;
  now?: () => number;
}

/** Per write: where the plugins' warnings go (the HTTP layer's `Warning` headers). */
export interface AdmissionReport {
  warn?: (text: string) => void;
}

/**
 * The admission phase of every write, from kubectl or from seeding code: mutating
 * plugins first, then validating ones, as kube-apiserver orders them
 * (https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/).
 */
export class AdmissionChain {
  constructor(
    private readonly plugins: AdmissionPlugins,
    private readonly options: AdmissionChainOptions = {},
  ) {}

  /** The object to store after mutation, once every validating plugin accepted it. */
  admit(
    request: AdmissionRequest & { object: KubeObject },
    report: AdmissionReport = {},
  ): KubeObject {
    return this.run(request, report, context => {
      let object = request.object;
      for (const plugin of this.plugins.mutating)
        object = plugin.admit({ ...request, object }, context);
      for (const plugin of this.plugins.validating)
        plugin.validate({ ...request, object }, context);
      return object;
    });
  }

  /** Validation alone: deletes, which have no object to mutate. */
  validate(request: AdmissionRequest, report: AdmissionReport = {}): void {
    this.run(request, report, context => {
      for (const plugin of this.plugins.validating)
        plugin.validate(request, context);
    });
  }

  private run<T>(
    request: AdmissionRequest,
    report: AdmissionReport,
    phase: (context: AdmissionContext) => T,
  ): T {
    const annotations: Record<string, string> = {};
    const context: AdmissionContext = {
      warn: text => report.warn?.(text),
      // kube-apiserver keeps the first value of a key and refuses to override it.
      annotate: (key, value) => {
        annotations[key] ??= value;
      },
    };
    let refusal: StatusError | undefined;
    try {
      return phase(context);
    } catch (e) {
      if (e instanceof StatusError) refusal = e;
      throw e;
    } finally {
      if (Object.keys(annotations).length > 0)
        this.record(request, annotations, refusal);
    }
  }

  private record(
    request: AdmissionRequest,
    annotations: Record<string, string>,
    refusal: StatusError | undefined,
  ) {
    const { resource } = request;
    this.options.audit?.record({
      stageTimestamp: isoSeconds((this.options.now ?? Date.now)()),
      operation: request.operation,
      user: request.userInfo,
      objectRef: {
        apiGroup: resource.group,
        apiVersion: resource.version,
        resource: resource.resource,
        ...(request.namespace ? { namespace: request.namespace } : {}),
        name: request.name,
      },
      dryRun: request.dryRun,
      ...(refusal
        ? {
            responseStatus: { code: refusal.code, reason: refusal.reason },
          }
        : {}),
      annotations,
    });
  }
}
