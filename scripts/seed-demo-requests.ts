/* eslint-disable no-console */
// Files the demo world's pending request for Azure access (checkout-web's, which the catalog
// says waits for approval) through the portal's own API, as its requester would: signed in as
// the component's owner, with the same body the request template sends. `npm start` runs this
// once the portal is up, and only against the embedded sandbox. Requests are records of the
// portal, not state of Azure or the clusters, so the sandbox cannot seed them itself.
//
// Running it again changes nothing: while an identical request is open the API answers that
// request instead of storing a second one (README, `POST /requests`).
import path from 'node:path';
import {
  DemoPendingRequest,
  demoPendingRequests,
  loadDemoWorld,
} from '../packages/sandbox/src/demo';

const root = path.resolve(__dirname, '..');
// app-config.yaml's backend.baseUrl, which `npm start` serves.
const backend = 'http://localhost:7007';
const api = `${backend}/api/azure-workload-identity`;
// The backend compiles before it answers; on a busy machine that takes minutes.
const DEADLINE_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Calls `attempt` until it returns a value or the deadline passes; the last failure is the
 * error then. The portal answers in stages: health, then sign-in once the catalog has read
 * the demo's people, then requests once it has read their components.
 */
async function untilDeadline<T>(
  deadline: number,
  attempt: () => Promise<T>,
): Promise<T> {
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(2_000);
    }
  }
}

/** A Backstage token of a demo person, as the app's sign-in page gets one. */
async function tokenOf(userName: string): Promise<string> {
  const answer = await fetch(`${backend}/api/auth/demoPersona/refresh`, {
    headers: {
      'X-Requested-With': 'XMLHttpRequest',
      'x-demo-persona': userName,
    },
  });
  if (!answer.ok) {
    throw new Error(
      `signing in as ${userName} answered HTTP ${
        answer.status
      }: ${await answer.text()}`,
    );
  }
  return (await answer.json()).backstageIdentity.token;
}

async function file(
  pending: DemoPendingRequest,
  deadline: number,
): Promise<{ id: string; status: string }> {
  const userName = pending.requestedBy.split('/').pop()!;
  const token = await untilDeadline(deadline, () => tokenOf(userName));
  return untilDeadline(deadline, async () => {
    const answer = await fetch(`${api}/requests`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        entityRef: pending.entityRef,
        cluster: pending.cluster,
        namespace: pending.namespace,
        serviceAccountName: pending.serviceAccount,
        justification: pending.justification,
        // What the template sends: the intent, from which the portal compiles the least role.
        // An intent the API does not name (the demo's send or receive) goes as its role.
        resources: pending.targets.map(t =>
          ['read', 'write', 'manage'].includes(t.intent)
            ? { resourceId: t.resourceId, intent: t.intent }
            : { resourceId: t.resourceId, role: t.role },
        ),
      }),
    });
    const body = await answer.json().catch(() => ({}));
    // 201 when stored; 200 when the identical open request was already there (a re-run).
    if (answer.status !== 201 && answer.status !== 200) {
      throw new Error(
        `the portal answered HTTP ${answer.status}: ${
          body?.error?.message ?? JSON.stringify(body)
        }`,
      );
    }
    return body.request;
  });
}

async function main() {
  const deadline = Date.now() + DEADLINE_MS;
  await untilDeadline(deadline, async () => {
    const health = await fetch(`${api}/health`);
    if (!health.ok) throw new Error(`health answered HTTP ${health.status}`);
  });
  const world = await loadDemoWorld(path.join(root, 'demo', 'catalog.yaml'));
  let failed = 0;
  for (const pending of demoPendingRequests(world)) {
    const who = pending.requestedBy;
    try {
      const request = await file(pending, deadline);
      console.log(
        `Demo: ${pending.entityRef}'s request for Azure access by ${who} is ${request.status} (request ${request.id}).`,
      );
      if (request.status !== 'pending-approval') {
        console.warn(
          `Demo: expected it to wait for approval; the approvals page will not show it.`,
        );
      }
    } catch (error) {
      failed++;
      console.error(
        `Demo: could not file ${
          pending.entityRef
        }'s pending request as ${who}: ${
          (error as Error).message
        }. The portal runs without it.`,
      );
    }
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch(error => {
  console.error(
    `Demo: could not file the demo's pending requests: ${
      (error as Error).message
    }. The portal runs without them.`,
  );
  process.exitCode = 1;
});
