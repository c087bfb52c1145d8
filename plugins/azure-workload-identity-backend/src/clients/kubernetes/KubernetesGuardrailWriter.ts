import {
  AdmissionregistrationV1Api,
  CoreV1Api,
  KubernetesObject,
  V1ConfigMap,
  V1ValidatingAdmissionPolicy,
  V1ValidatingAdmissionPolicyBinding,
} from '@kubernetes/client-node';
import {
  ListedAdmissionObject,
  refKey,
  removalPlan,
} from '../../guardrails/guardrailRemoval';
import {
  GuardrailListError,
  GuardrailObjectRef,
  GuardrailReader,
  GuardrailRemoval,
  GuardrailWriter,
  InstalledGuardrailObject,
  StoredGrants,
} from '../../guardrails/GuardrailWriter';
import {
  GRANTS_CONFIGMAP,
  GUARDRAIL_NAMESPACE,
  GUARDRAIL_VERSION_ANNOTATION,
  MANAGED_BY,
  MANAGED_BY_LABEL,
} from '../../guardrails/guardrailNames';
import { GuardrailObject } from '../../guardrails/kubernetesObjects';
import { isNotFound, statusOf, upstreamError } from '../upstreamError';

const CONFLICT_RETRIES = 3;

type AdmissionObject =
  | V1ValidatingAdmissionPolicy
  | V1ValidatingAdmissionPolicyBinding;

/** Reads and writes of one kind of cluster-scoped admission object. */
interface AdmissionKind {
  read(name: string): Promise<AdmissionObject>;
  create(body: AdmissionObject): Promise<unknown>;
  replace(name: string, body: AdmissionObject): Promise<unknown>;
  list(labelSelector?: string): Promise<AdmissionObject[]>;
  delete(name: string, uid?: string): Promise<unknown>;
}

const MANAGED = `${MANAGED_BY_LABEL}=${MANAGED_BY}`;

/**
 * Deletes only the object that was listed: a uid precondition makes the API server refuse
 * (409) to delete one that someone replaced in between.
 * https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/delete-options/
 */
const onlyThis = (uid?: string) =>
  uid ? { preconditions: { uid } } : undefined;

/**
 * The guardrails of one cluster on @kubernetes/client-node, with the provisioner's own
 * credential. Writes are compare-then-write: a policy whose version annotation already matches
 * is left alone, so a sync that changes nothing writes nothing. The grants ConfigMap is
 * written with the resourceVersion it was read at, so two replicas syncing at once cannot
 * silently undo each other (the API server answers 409 to the later one).
 */
export class KubernetesGuardrailWriter
  implements GuardrailWriter, GuardrailReader
{
  private readonly kinds: Record<string, AdmissionKind>;

  constructor(
    private readonly options: {
      cluster: string;
      core: CoreV1Api;
      admission: AdmissionregistrationV1Api;
    },
  ) {
    const { admission } = options;
    this.kinds = {
      ValidatingAdmissionPolicy: {
        read: name => admission.readValidatingAdmissionPolicy({ name }),
        create: body =>
          admission.createValidatingAdmissionPolicy({
            body: body as V1ValidatingAdmissionPolicy,
          }),
        replace: (name, body) =>
          admission.replaceValidatingAdmissionPolicy({
            name,
            body: body as V1ValidatingAdmissionPolicy,
          }),
        list: async labelSelector =>
          (await admission.listValidatingAdmissionPolicy({ labelSelector }))
            .items,
        delete: (name, uid) =>
          admission.deleteValidatingAdmissionPolicy({
            name,
            body: onlyThis(uid),
          }),
      },
      ValidatingAdmissionPolicyBinding: {
        read: name => admission.readValidatingAdmissionPolicyBinding({ name }),
        create: body =>
          admission.createValidatingAdmissionPolicyBinding({
            body: body as V1ValidatingAdmissionPolicyBinding,
          }),
        replace: (name, body) =>
          admission.replaceValidatingAdmissionPolicyBinding({
            name,
            body: body as V1ValidatingAdmissionPolicyBinding,
          }),
        list: async labelSelector =>
          (
            await admission.listValidatingAdmissionPolicyBinding({
              labelSelector,
            })
          ).items,
        delete: (name, uid) =>
          admission.deleteValidatingAdmissionPolicyBinding({
            name,
            body: onlyThis(uid),
          }),
      },
    };
  }

  async ensureNamespace(namespace: GuardrailObject): Promise<void> {
    const name = namespace.metadata.name;
    await this.upstream(`namespace ${name}`, 'create', async () => {
      if (await absentOnRead(() => this.options.core.readNamespace({ name }))) {
        try {
          await this.options.core.createNamespace({ body: namespace });
        } catch (error) {
          // Created by another replica in between: what we wanted.
          if (statusOf(error) !== 409) throw error;
        }
      }
    });
  }

  async putPolicies(objects: readonly GuardrailObject[]): Promise<void> {
    for (const object of objects) {
      const kind = this.kinds[object.kind];
      if (!kind) {
        throw new Error(
          `the guardrails have no writer for kind ${object.kind}`,
        );
      }
      await this.upstream(
        `${object.kind} ${object.metadata.name}`,
        'write',
        () => this.put(kind, object),
      );
    }
  }

  async readGrants(): Promise<StoredGrants | undefined> {
    return this.upstream(
      `ConfigMap ${GUARDRAIL_NAMESPACE}/${GRANTS_CONFIGMAP}`,
      'read',
      async () => {
        const configMap = await readOrUndefined(() =>
          this.options.core.readNamespacedConfigMap({
            namespace: GUARDRAIL_NAMESPACE,
            name: GRANTS_CONFIGMAP,
          }),
        );
        return configMap && storedGrants(configMap);
      },
    );
  }

  async writeGrants(options: {
    configMap: GuardrailObject;
    resourceVersion?: string;
  }): Promise<'written' | 'conflict'> {
    const { configMap, resourceVersion } = options;
    const { name, namespace } = configMap.metadata;
    return this.upstream(
      `ConfigMap ${namespace}/${name}`,
      'write',
      async () => {
        try {
          if (resourceVersion === undefined) {
            await this.options.core.createNamespacedConfigMap({
              namespace: namespace!,
              body: configMap,
            });
          } else {
            await this.options.core.replaceNamespacedConfigMap({
              namespace: namespace!,
              name,
              body: {
                ...configMap,
                metadata: { ...configMap.metadata, resourceVersion },
              },
            });
          }
          return 'written';
        } catch (error) {
          if (statusOf(error) === 409) return 'conflict';
          throw error;
        }
      },
    );
  }

  async readInstalled() {
    return this.upstream('the guardrails', 'read', async () => {
      const lists = await Promise.all(
        Object.entries(this.kinds).map(async ([kind, access]) =>
          (
            await access.list(MANAGED)
          ).map(
            (object): InstalledGuardrailObject => ({
              kind,
              name: object.metadata?.name ?? '',
              version:
                object.metadata?.annotations?.[GUARDRAIL_VERSION_ANNOTATION],
            }),
          ),
        ),
      );
      const configMap = await readOrUndefined(() =>
        this.options.core.readNamespacedConfigMap({
          namespace: GUARDRAIL_NAMESPACE,
          name: GRANTS_CONFIGMAP,
        }),
      );
      return {
        objects: lists.flat(),
        grants: configMap && storedGrants(configMap),
      };
    });
  }

  async removePolicies(options: {
    keep: readonly GuardrailObjectRef[];
  }): Promise<GuardrailRemoval> {
    // Everything of both kinds, not only the labelled: an unlabelled object of one of the
    // portal's names is reported as someone else's. One list call per kind.
    let listed: Array<ListedAdmissionObject & { uid?: string }>;
    try {
      const lists = await Promise.all(
        Object.entries(this.kinds).map(async ([kind, access]) =>
          (
            await access.list()
          ).map(object => ({
            kind,
            name: object.metadata?.name ?? '',
            uid: object.metadata?.uid,
            managed: object.metadata?.labels?.[MANAGED_BY_LABEL] === MANAGED_BY,
          })),
        ),
      );
      listed = lists.flat();
    } catch (error) {
      const reason = upstreamError({
        upstream: `the Kubernetes API of cluster '${this.options.cluster}'`,
        reading: 'the ValidatingAdmissionPolicies and their bindings',
        action: 'list',
        error,
      });
      throw new GuardrailListError(reason.message, { cause: error });
    }
    const plan = removalPlan({ listed, keep: options.keep });
    const uids = new Map(listed.map(o => [refKey(o), o.uid]));
    for (const ref of plan.remove) {
      await this.upstream(`${ref.kind} ${ref.name}`, 'delete', async () => {
        try {
          await this.kinds[ref.kind].delete(ref.name, uids.get(refKey(ref)));
        } catch (error) {
          // Deleted by another replica in between: what we wanted.
          if (!isNotFound(error)) throw error;
        }
      });
    }
    return {
      removed: plan.remove.map(refKey),
      foreign: plan.foreign.map(refKey),
    };
  }

  /** Creates the object, or replaces it at the version read when its digest differs. */
  private async put(kind: AdmissionKind, object: GuardrailObject) {
    const name = object.metadata.name;
    const wanted = object.metadata.annotations?.[GUARDRAIL_VERSION_ANNOTATION];
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = await readOrUndefined(() => kind.read(name));
        if (!existing) {
          await kind.create(object as AdmissionObject);
          return;
        }
        const metadata = existing.metadata ?? {};
        if (
          wanted !== undefined &&
          metadata.annotations?.[GUARDRAIL_VERSION_ANNOTATION] === wanted
        ) {
          return;
        }
        await kind.replace(name, {
          ...(object as AdmissionObject),
          metadata: {
            ...object.metadata,
            resourceVersion: metadata.resourceVersion,
          },
        });
        return;
      } catch (error) {
        // Created or changed by someone else since the read: read again and decide anew.
        if (statusOf(error) === 409 && attempt < CONFLICT_RETRIES) continue;
        throw error;
      }
    }
  }

  private async upstream<T>(
    what: string,
    action: string,
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw upstreamError({
        upstream: `the Kubernetes API of cluster '${this.options.cluster}'`,
        reading: what,
        action,
        error,
      });
    }
  }
}

function storedGrants(configMap: V1ConfigMap): StoredGrants {
  return {
    data: { ...configMap.data },
    resourceVersion: configMap.metadata?.resourceVersion ?? '',
  };
}

async function readOrUndefined<T extends KubernetesObject>(
  read: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function absentOnRead(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return false;
  } catch (error) {
    if (isNotFound(error)) return true;
    throw error;
  }
}
