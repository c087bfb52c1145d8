import { KubeObject } from '../types';
import {
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

/**
 * The admission phase of every write, from kubectl or from seeding code: mutating
 * plugins first, then validating ones, as kube-apiserver orders them
 * (https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/).
 */
export class AdmissionChain {
  constructor(private readonly plugins: AdmissionPlugins) {}

  /** The object to store after mutation, once every validating plugin accepted it. */
  admit(request: AdmissionRequest & { object: KubeObject }): KubeObject {
    let object = request.object;
    for (const plugin of this.plugins.mutating)
      object = plugin.admit({ ...request, object });
    this.validate({ ...request, object });
    return object;
  }

  /** Validation alone: deletes, which have no object to mutate. */
  validate(request: AdmissionRequest): void {
    for (const plugin of this.plugins.validating) plugin.validate(request);
  }
}
