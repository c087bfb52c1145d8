import {
  ComponentDirectory,
  ComponentFacts,
} from '../ownership/ComponentDirectory';
import { IdentityUses } from '../ownership/readOwnershipFacts';

export const TEAM_ORDERS = 'group:default/team-orders';
export const TEAM_PAYMENTS = 'group:default/team-payments';

/** A plain fake of the catalog's components: two teams, as in the demo. */
export class FakeComponentDirectory implements ComponentDirectory {
  readonly components = new Map<string, ComponentFacts>();

  constructor() {
    this.add('component:default/orders-api', TEAM_ORDERS)
      .add('component:default/search-indexer', TEAM_ORDERS)
      .add('component:default/payments-worker', TEAM_PAYMENTS)
      .add('component:default/billing-worker', 'group:default/team-billing');
  }

  add(entityRef: string, owner: string, kubernetesId?: string): this {
    this.components.set(entityRef.toLowerCase(), {
      entityRef,
      owners: [owner],
      kubernetesId: kubernetesId ?? entityRef.split('/').pop()!,
    });
    return this;
  }

  async component(entityRef: string) {
    return this.components.get(entityRef.toLowerCase());
  }
}

/** No request records use any identity. */
export const noIdentityUses: IdentityUses = async () => [];
