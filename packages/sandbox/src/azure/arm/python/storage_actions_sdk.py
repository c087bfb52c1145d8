"""Checks storage account names and lists an account's keys with Debian's azure-mgmt-storage.

Run with /usr/bin/python3. Reads TWIN_URL, TENANT_ID, CLIENT_ID, CLIENT_SECRET and
SUBSCRIPTION_ID from the environment (REQUESTS_CA_BUNDLE trusts the sandbox CA) and prints
what the SDK returned as JSON. Key values are summarised (length, distinct), never printed.
"""

import json
import os

from azure.identity import ClientSecretCredential
from azure.mgmt.storage import StorageManagementClient
from azure.mgmt.storage.models import StorageAccountCheckNameAvailabilityParameters

TWIN_URL = os.environ["TWIN_URL"]


def client():
    # The twin is its own authority: no instance discovery at login.microsoftonline.com.
    credential = ClientSecretCredential(
        os.environ["TENANT_ID"],
        os.environ["CLIENT_ID"],
        os.environ["CLIENT_SECRET"],
        authority=TWIN_URL,
        instance_discovery=False,
    )
    return StorageManagementClient(
        credential,
        os.environ["SUBSCRIPTION_ID"],
        base_url=TWIN_URL,
        credential_scopes=[TWIN_URL + "/.default"],
    )


def check(sm, name):
    result = sm.storage_accounts.check_name_availability(
        StorageAccountCheckNameAvailabilityParameters(name=name)
    )
    return {
        "nameAvailable": result.name_available,
        "reason": result.reason,
        "message": result.message,
    }


def main():
    sm = client()
    account = sm.storage_accounts.get_properties("rg-apps", "ordersdata")
    keys = sm.storage_accounts.list_keys("rg-apps", "ordersdata").keys
    print(
        json.dumps(
            {
                "apiVersion": sm._config.api_version,
                "checks": {
                    name: check(sm, name)
                    for name in ["ordersdata", "pysdkfreename", "Orders_Data"]
                },
                "allowSharedKeyAccess": account.allow_shared_key_access,
                "keys": [
                    {
                        "keyName": k.key_name,
                        "permissions": k.permissions,
                        "valueLength": len(k.value),
                    }
                    for k in keys
                ],
                "distinctValues": len({k.value for k in keys}),
            }
        )
    )


main()
