import { useApi } from '@backstage/core-plugin-api';
import { useCallback, useEffect, useState } from 'react';
import { azureWorkloadIdentityApiRef, ChainAnswer } from '../../api';

export type EntityChainState =
  | { loading: true; chain?: ChainAnswer }
  | { loading: false; chain: ChainAnswer }
  | { loading: false; error: string; chain?: ChainAnswer };

/** The component's live chain, and a refresh that reads it anew (as far as the throttle allows). */
export function useEntityChain(entityRef: string): {
  state: EntityChainState;
  refresh: () => void;
} {
  const api = useApi(azureWorkloadIdentityApiRef);
  const [state, setState] = useState<EntityChainState>({ loading: true });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setState(previous => ({ loading: true, chain: previous.chain }));
    api
      .getChain({ entityRef, refresh: generation > 0 })
      .then(chain => {
        if (!cancelled) setState({ loading: false, chain });
      })
      .catch(error => {
        if (!cancelled) {
          setState(previous => ({
            loading: false,
            error: (error as Error).message,
            chain: previous.chain,
          }));
        }
      });
    return () => {
      cancelled = true;
    };
  }, [api, entityRef, generation]);

  const refresh = useCallback(() => setGeneration(g => g + 1), []);
  return { state, refresh };
}
