import {
  TokenExchangeInput,
  TokenExchangeOutcome,
  TokenExchangeProbe,
} from '../../clients/ProvisioningClients';

/**
 * The token probe at most once per identity and service account per interval: inspections of
 * the same chain within it share the last outcome (never a token: outcomes carry none), and
 * callers arriving together share one exchange. Entra ID and the cluster's TokenRequest see a
 * steady trickle however many people open the card.
 */
export class RateLimitedProbe implements TokenExchangeProbe {
  private readonly last = new Map<
    string,
    { at: number; outcome: Promise<TokenExchangeOutcome> }
  >();

  constructor(
    private readonly options: {
      probe: TokenExchangeProbe;
      minIntervalMs: number;
      now?: () => number;
    },
  ) {}

  exchange(input: TokenExchangeInput): Promise<TokenExchangeOutcome> {
    return this.exchangeWithin(input, this.options.minIntervalMs);
  }

  /**
   * The same probe, exchanging anew every time and sharing what it learns: for a chain read
   * right after a request changed it, when an outcome from before the change (a credential
   * that was still propagating) would say something no longer true.
   */
  anew(): TokenExchangeProbe {
    return { exchange: input => this.exchangeWithin(input, 0) };
  }

  private exchangeWithin(
    input: TokenExchangeInput,
    minIntervalMs: number,
  ): Promise<TokenExchangeOutcome> {
    const key = [
      input.cluster,
      input.namespace,
      input.serviceAccountName,
      input.clientId.toLowerCase(),
      input.tenantId,
      input.audience,
    ].join('|');
    const now = this.options.now?.() ?? Date.now();
    const previous = this.last.get(key);
    if (previous && now - previous.at < minIntervalMs) {
      return previous.outcome;
    }
    // Stamped with when it was made, so an outcome shared later says how old it is.
    const outcome = this.options.probe
      .exchange(input)
      .then(o => ({ exchangedAt: new Date(now).toISOString(), ...o }));
    this.last.set(key, { at: now, outcome });
    // A failed call (the cluster unreachable) is not remembered: the next inspection retries.
    outcome.catch(() => this.last.delete(key));
    return outcome;
  }
}
