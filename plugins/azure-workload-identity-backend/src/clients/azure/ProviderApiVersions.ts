import { upstreamError } from '../upstreamError';
import {
  knownApiVersion,
  newestStable,
  providerNamespace,
} from './apiVersions';
import { ArmClientsFor } from './createArmClients';

/**
 * The api-version to read a resource with by id: a known one, else the provider's newest
 * stable one, asked once per provider. ARM rejects a version the provider does not know.
 */
export class ProviderApiVersions {
  private readonly asked = new Map<string, Promise<string>>();

  constructor(private readonly clients: ArmClientsFor) {}

  /** Rejects with an error that says which provider could not be read, and why. */
  of(resourceId: string, subscriptionId: string): Promise<string> {
    const known = knownApiVersion(resourceId);
    if (known) return Promise.resolve(known);
    const namespace = providerNamespace(resourceId)!;
    const key = namespace.toLowerCase();
    let version = this.asked.get(key);
    if (!version) {
      version = this.ask(namespace, resourceId, subscriptionId);
      // A failed lookup is not remembered: the next read asks again.
      version.catch(() => this.asked.delete(key));
      this.asked.set(key, version);
    }
    return version;
  }

  private async ask(
    namespace: string,
    resourceId: string,
    subscriptionId: string,
  ): Promise<string> {
    let versions: string[];
    try {
      const provider = await this.clients(
        subscriptionId,
      ).resources.providers.get(namespace);
      versions = (provider.resourceTypes ?? []).flatMap(
        t => t.apiVersions ?? [],
      );
    } catch (error) {
      throw upstreamError({
        upstream: 'Azure Resource Manager',
        reading: `resource provider ${namespace}`,
        error,
      });
    }
    const newest = newestStable(versions);
    if (!newest) {
      throw upstreamError({
        upstream: 'Azure Resource Manager',
        reading: `resource '${resourceId}'`,
        error: new Error(`provider ${namespace} lists no stable api-version`),
      });
    }
    return newest;
  }
}
