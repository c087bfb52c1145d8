"""Creates an identity and assigns it a role at once, with Debian's azure-mgmt-msi 6.1.0
(default api-version 2018-11-30) and azure-mgmt-authorization 3.0.0 (default 2022-04-01).

Run with /usr/bin/python3. Reads TWIN_URL, TENANT_ID, CLIENT_ID, CLIENT_SECRET,
SUBSCRIPTION_ID, SCOPE (where to assign) and IDENTITY (the name of the identity to create,
in rg-apps) from the environment. Prints what it saw as JSON.
"""

import json
import os
import uuid
from urllib.parse import parse_qs, urlparse

from azure.core.exceptions import HttpResponseError
from azure.identity import ClientSecretCredential
from azure.mgmt.authorization import AuthorizationManagementClient
from azure.mgmt.authorization.models import RoleAssignmentCreateParameters
from azure.mgmt.msi import ManagedServiceIdentityClient

TWIN_URL = os.environ["TWIN_URL"]
SUBSCRIPTION_ID = os.environ["SUBSCRIPTION_ID"]
SCOPE = os.environ["SCOPE"]
STORAGE_BLOB_DATA_READER = (
    "/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/"
    "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1" % SUBSCRIPTION_ID
)


def client(cls):
    credential = ClientSecretCredential(
        os.environ["TENANT_ID"],
        os.environ["CLIENT_ID"],
        os.environ["CLIENT_SECRET"],
        authority=TWIN_URL,
        instance_discovery=False,
    )
    return cls(
        credential,
        SUBSCRIPTION_ID,
        base_url=TWIN_URL,
        credential_scopes=[TWIN_URL + "/.default"],
    )


API_VERSIONS = {}


def recorder(operation):
    """A raw_request_hook that notes which api-version the SDK sent for `operation`."""
    def hook(request):
        query = parse_qs(urlparse(request.http_request.url).query)
        API_VERSIONS[operation] = query.get("api-version", [None])[0]
    return hook


def assign(authz, principal_id, principal_type):
    parameters = RoleAssignmentCreateParameters(
        role_definition_id=STORAGE_BLOB_DATA_READER,
        principal_id=principal_id,
        principal_type=principal_type,
    )
    try:
        created = authz.role_assignments.create(
            SCOPE, str(uuid.uuid4()), parameters, raw_request_hook=recorder("roleAssignment")
        )
        return {"principalType": created.principal_type, "scope": created.scope}
    except HttpResponseError as e:
        return {"status": e.status_code, "code": e.error.code if e.error else None}


def main():
    msi = client(ManagedServiceIdentityClient)
    authz = client(AuthorizationManagementClient)
    identity = msi.user_assigned_identities.create_or_update(
        "rg-apps",
        os.environ["IDENTITY"],
        {"location": "eastus"},
        raw_request_hook=recorder("identity"),
    )
    seen = {
        "principalId": identity.principal_id,
        "withoutType": assign(authz, identity.principal_id, None),
        "withType": assign(authz, identity.principal_id, "ServicePrincipal"),
    }
    print(json.dumps(dict(seen, apiVersions=API_VERSIONS)))


main()
