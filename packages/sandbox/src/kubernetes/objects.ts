import { apiVersionOf, ResourceType } from './api/resources';
import { KubeObject, OwnerReference } from './types';

const HASH_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * Bytes in the alphabet Kubernetes uses for generated name suffixes and pod-template
 * hashes (no vowels, so no words appear by accident).
 */
export function safeEncode(bytes: Buffer, length: number): string {
  return [...bytes.subarray(0, length)]
    .map(b => HASH_ALPHABET[b % HASH_ALPHABET.length])
    .join('');
}

/** The store keeps objects without their type; every answer carries it again. */
export function withKind(rt: ResourceType, object: KubeObject): KubeObject {
  return { ...object, apiVersion: apiVersionOf(rt), kind: rt.kind };
}

/** The controller reference a controller puts on what it creates. */
export function ownerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function isOwnedBy(object: KubeObject, owner: KubeObject): boolean {
  return (object.metadata.ownerReferences ?? []).some(
    r => r.uid === owner.metadata.uid,
  );
}
