import { HttpResponse, json, readJson } from '../../http';
import { armResponseId, idKey } from '../ids';
import { identityId } from '../state/AzureState';
import {
  FederatedCredentialRecord,
  ManagedIdentityRecord,
} from '../state/types';
import { armError, badRequest, resourceNotFound } from './armErrors';
import { ArmRequest } from './armRequest';
import { requireIdentity, UAMI_TYPE } from './identities';
import { page } from './paging';
import { methodNotAllowed } from './resourceGroups';

const FIC_TYPE = `${UAMI_TYPE}/federatedIdentityCredentials`;
/** The name rule arm-msi validates client-side; enforced here for raw HTTP and CLI callers. */
const FIC_NAME = /^[a-zA-Z0-9]{1}[a-zA-Z0-9-_]{2,119}$/;
export const MAX_FICS_PER_IDENTITY = 20;

function render(identity: ManagedIdentityRecord, f: FederatedCredentialRecord) {
  return {
    id: armResponseId(
      identity.subscriptionId,
      identity.resourceGroup,
      `${UAMI_TYPE}/${identity.name}/federatedIdentityCredentials/${f.name}`,
    ),
    name: f.name,
    type: FIC_TYPE,
    properties: {
      issuer: f.issuer,
      subject: f.subject,
      audiences: f.audiences,
    },
  };
}

export function ficList(
  arm: ArmRequest,
  sub: string,
  rg: string,
  identityName: string,
): HttpResponse {
  arm.authorize(
    `${FIC_TYPE}/read`,
    `${identityId({
      subscriptionId: sub,
      resourceGroup: rg,
      name: identityName,
    })}/federatedIdentityCredentials`,
  );
  const identity = requireIdentity(arm, sub, rg, identityName);
  const items = arm.ctx.state.listFederatedCredentials(identity);
  return json(
    200,
    page(arm, items, f => render(identity, f)),
  );
}

export async function ficItem(
  arm: ArmRequest,
  sub: string,
  rg: string,
  identityName: string,
  name: string,
): Promise<HttpResponse> {
  const scope = `${identityId({
    subscriptionId: sub,
    resourceGroup: rg,
    name: identityName,
  })}/federatedIdentityCredentials/${name}`;
  const { state } = arm.ctx;
  switch (arm.http.method) {
    case 'GET': {
      arm.authorize(`${FIC_TYPE}/read`, scope);
      const identity = requireIdentity(arm, sub, rg, identityName);
      const fic = state.getFederatedCredential(identity, name);
      if (!fic) resourceNotFound(`${FIC_TYPE}/${identityName}/${name}`, rg);
      return json(200, render(identity, fic));
    }
    case 'PUT': {
      arm.authorize(`${FIC_TYPE}/write`, scope);
      const identity = requireIdentity(arm, sub, rg, identityName);
      if (!FIC_NAME.test(name)) {
        badRequest(
          `The federated identity credential name '${name}' is invalid. It must be 3 to 120 characters, start with a letter or number, and contain only letters, numbers, '-' and '_'.`,
          'InvalidResourceName',
        );
      }
      const props = validateBody(arm);
      return writeGated(arm, identity, () => {
        const existing = state.getFederatedCredential(identity, name);
        const all = state.listFederatedCredentials(identity);
        if (!existing && all.length >= MAX_FICS_PER_IDENTITY) {
          badRequest(
            `SANDBOX CHOICE (real code unverified): a user-assigned managed identity can have at most ${MAX_FICS_PER_IDENTITY} federated identity credentials.`,
          );
        }
        if (
          all.some(
            f =>
              f.name.toLowerCase() !== name.toLowerCase() &&
              f.issuer === props.issuer &&
              f.subject === props.subject,
          )
        ) {
          badRequest(
            'Issuer and subject combination already exists for this Managed Identity.',
          );
        }
        const record = state.putFederatedCredential(identity, {
          name,
          ...props,
        });
        return json(existing ? 200 : 201, render(identity, record));
      });
    }
    case 'DELETE': {
      arm.authorize(`${FIC_TYPE}/delete`, scope);
      const identity = requireIdentity(arm, sub, rg, identityName);
      return writeGated(arm, identity, () => ({
        status: state.deleteFederatedCredential(identity, name) ? 200 : 204,
      }));
    }
    default:
      return methodNotAllowed(arm);
  }
}

function validateBody(
  arm: ArmRequest,
): Pick<FederatedCredentialRecord, 'issuer' | 'subject' | 'audiences'> {
  const body = readJson<{
    properties?: { issuer?: unknown; subject?: unknown; audiences?: unknown };
  }>(arm.http);
  const p = body.properties ?? {};
  if (typeof p.issuer !== 'string' || !p.issuer)
    badRequest("The 'properties.issuer' field is required.");
  if (typeof p.subject !== 'string' || !p.subject)
    badRequest("The 'properties.subject' field is required.");
  if (
    !Array.isArray(p.audiences) ||
    p.audiences.length === 0 ||
    !p.audiences.every(a => typeof a === 'string' && a)
  ) {
    badRequest(
      "The 'properties.audiences' field is required and must hold at least one audience.",
    );
  }
  if (!/^https:\/\/[^\s]+$/i.test(p.issuer))
    badRequest(`The issuer '${p.issuer}' is invalid. It must be an https URL.`);
  return {
    issuer: p.issuer,
    subject: p.subject,
    audiences: p.audiences as string[],
  };
}

async function writeGated(
  arm: ArmRequest,
  identity: ManagedIdentityRecord,
  write: () => HttpResponse,
): Promise<HttpResponse> {
  const result = await arm.ctx.ficWriteGate.tryWrite(
    idKey(identityId(identity)),
    arm.ctx.realism.ficWriteDurationMs,
    write,
  );
  if (!result.ok) {
    armError(
      409,
      'ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity',
      `Too many Federated Identity Credentials are written concurrently for the managed identity '${idKey(
        armResponseId(
          identity.subscriptionId,
          identity.resourceGroup,
          `${UAMI_TYPE}/${identity.name}`,
        ),
      )}'. Concurrent Federated Identity Credentials writes under the same managed identity are not supported.`,
    );
  }
  return result.value;
}
