import { RequestStatus } from '@backstage-community/plugin-azure-workload-identity-common';
import { useEffect } from 'react';

// Statuses in which the provisioner or the revoker is still at work: the page follows them
// so the timeline grows as the steps land, without a reload.
const WORKING: RequestStatus[] = ['approved', 'applying', 'revoking'];

export function isWorking(status: RequestStatus | undefined): boolean {
  return status !== undefined && WORKING.includes(status);
}

export function usePollWhileWorking(
  status: RequestStatus | undefined,
  reload: () => void,
  everyMs = 2000,
) {
  useEffect(() => {
    if (!isWorking(status)) return undefined;
    const timer = setInterval(reload, everyMs);
    return () => clearInterval(timer);
  }, [status, reload, everyMs]);
}
