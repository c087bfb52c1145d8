"""Drives the sandbox's ARM twin with Debian's azure-mgmt-resource and azure-mgmt-storage.

Run with /usr/bin/python3. Reads TWIN_URL, TENANT_ID, CLIENT_ID, CLIENT_SECRET and
SUBSCRIPTION_ID from the environment (REQUESTS_CA_BUNDLE trusts the sandbox CA), runs
one scenario named on the command line and prints what it saw as JSON for the test
to check.
"""

import json
import os
import sys

from azure.core.exceptions import HttpResponseError
from azure.identity import ClientSecretCredential
from azure.mgmt.resource import ResourceManagementClient
from azure.mgmt.storage import StorageManagementClient
from azure.mgmt.storage.models import BlobContainer, Sku, StorageAccountCreateParameters

TWIN_URL = os.environ["TWIN_URL"]
SUBSCRIPTION_ID = os.environ["SUBSCRIPTION_ID"]


def credential():
    # The twin is its own authority: no instance discovery at login.microsoftonline.com.
    return ClientSecretCredential(
        os.environ["TENANT_ID"],
        os.environ["CLIENT_ID"],
        os.environ["CLIENT_SECRET"],
        authority=TWIN_URL,
        instance_discovery=False,
    )


def client(cls):
    return cls(
        credential(),
        SUBSCRIPTION_ID,
        base_url=TWIN_URL,
        credential_scopes=[TWIN_URL + "/.default"],
    )


def names(items):
    return sorted(item.name for item in items)


def resources():
    rm = client(ResourceManagementClient)
    listed = list(rm.resources.list_by_resource_group("rg-apps"))
    failure = None
    try:
        list(rm.resources.list(filter="resourceGroup eq 'rg-apps' or name eq 'x'"))
    except HttpResponseError as e:
        failure = {"status": e.status_code, "code": e.error.code if e.error else None}
    return {
        "byResourceGroup": names(listed),
        "propertiesInList": [r.name for r in listed if r.properties is not None],
        "filteredByGroup": names(rm.resources.list(filter="resourceGroup eq 'RG-APPS'")),
        "filteredByType": names(
            rm.resources.list(
                filter="resourceType eq 'microsoft.managedidentity/userassignedidentities'"
            )
        ),
        "filteredByBoth": names(
            rm.resources.list(
                filter="resourceGroup eq 'rg-aks' and "
                "resourceType eq 'Microsoft.ContainerService/managedClusters'"
            )
        ),
        "expanded": [
            {"name": r.name, "provisioningState": r.provisioning_state}
            for r in rm.resources.list(
                filter="name eq 'wi-orders'", expand="createdTime,provisioningState"
            )
        ],
        "invalidFilter": failure,
    }


def storage():
    sm = client(StorageManagementClient)
    created = sm.storage_accounts.begin_create(
        "rg-apps",
        "pysdkdata",
        StorageAccountCreateParameters(
            sku=Sku(name="Standard_LRS"), kind="StorageV2", location="westeurope"
        ),
    ).result()
    container = sm.blob_containers.create(
        "rg-apps", "pysdkdata", "data", BlobContainer()
    )
    service = sm.blob_services.get_service_properties("rg-apps", "pysdkdata")
    shown = sm.storage_accounts.get_properties("rg-apps", "pysdkdata")
    return {
        "created": {
            "name": created.name,
            "provisioningState": created.provisioning_state,
            "blob": created.primary_endpoints.blob,
        },
        "shownEndpoints": shown.primary_endpoints.as_dict(),
        "listed": names(sm.storage_accounts.list()),
        "listedInGroup": names(sm.storage_accounts.list_by_resource_group("rg-apps")),
        "container": {"id": container.id, "name": container.name},
        "containers": names(sm.blob_containers.list("rg-apps", "pysdkdata")),
        "blobService": {"id": service.id, "name": service.name},
    }


if __name__ == "__main__":
    scenario = {"resources": resources, "storage": storage}[sys.argv[1]]
    print(json.dumps(scenario()))
