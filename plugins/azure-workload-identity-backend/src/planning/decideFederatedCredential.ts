import { TOKEN_EXCHANGE_AUDIENCE } from '@backstage-community/plugin-azure-workload-identity-common';
import { FederatedCredentialFacts } from '../clients/PreflightReader';
import { PlanRefusal, StepAction } from './Plan';

/** Azure's documented limit of federated identity credentials per managed identity. */
export const MAX_FEDERATED_CREDENTIALS = 20;

export type FederatedCredentialDecision =
  | { ok: true; action: StepAction; name: string; why: string }
  | { ok: false; refusal: PlanRefusal };

/**
 * Decides between reusing, correcting and creating the federated credential. Azure allows one
 * credential per issuer and subject on an identity, so a credential that already trusts this
 * service account is reused under whatever name it has, instead of failing at apply time.
 */
export function decideFederatedCredential(options: {
  identityName: string;
  existing: FederatedCredentialFacts[];
  name: string;
  issuer: string;
  subject: string;
}): FederatedCredentialDecision {
  const { existing, issuer, subject, name, identityName } = options;
  // Matching at token time is exact and case-sensitive, trailing slash included.
  const trusting = existing.find(
    fic => fic.issuer === issuer && fic.subject === subject,
  );
  if (trusting) {
    return trusting.audiences.includes(TOKEN_EXCHANGE_AUDIENCE)
      ? {
          ok: true,
          action: 'adopt',
          name: trusting.name,
          why: `Identity '${identityName}' already trusts this service account through credential '${trusting.name}'; it is reused as it is.`,
        }
      : {
          ok: true,
          action: 'update',
          name: trusting.name,
          why: `Credential '${trusting.name}' trusts this service account but not for audience ${TOKEN_EXCHANGE_AUDIENCE}, so the token exchange would fail; its audience is corrected.`,
        };
  }

  const sameName = existing.find(fic => fic.name === name);
  if (sameName) {
    return {
      ok: true,
      action: 'update',
      name,
      why: `Credential '${name}' exists but trusts issuer ${sameName.issuer} and subject ${sameName.subject}, not this cluster's current issuer and service account (was the cluster recreated?); it is pointed at them.`,
    };
  }

  if (existing.length >= MAX_FEDERATED_CREDENTIALS) {
    return {
      ok: false,
      refusal: {
        field: 'identity',
        message: `identity '${identityName}' already has ${
          existing.length
        } federated credentials, the most Azure allows (${MAX_FEDERATED_CREDENTIALS}): ${existing
          .map(fic => `${fic.name} (${fic.subject})`)
          .join(
            ', ',
          )}. Remove one that is no longer used, or name another identity (identity.name).`,
      },
    };
  }

  return {
    ok: true,
    action: 'create',
    name,
    why: `Lets pods using service account ${subject} on this cluster exchange their Kubernetes token for an Azure token as identity '${identityName}'; without it Entra ID answers AADSTS70021.`,
  };
}
