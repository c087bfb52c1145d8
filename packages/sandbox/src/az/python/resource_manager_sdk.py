"""Calls the sandbox through Debian's Azure SDKs for Python, as a user's script would after
`source .sandbox/az.env`: only the authority and the ARM endpoint differ from real Azure.

Usage: resource_manager_sdk.py <check>; prints one JSON object. Reads AZURE_TENANT_ID,
AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_SUBSCRIPTION_ID, SANDBOX_URL and
FOREIGN_SUBSCRIPTION_ID (one where the caller holds no role).
"""
import json
import os
import sys

from azure.core.exceptions import HttpResponseError, ResourceNotFoundError
from azure.identity import ClientSecretCredential
from azure.mgmt.resource import ResourceManagementClient, SubscriptionClient

URL = os.environ["SANDBOX_URL"]
SUBSCRIPTION = os.environ["AZURE_SUBSCRIPTION_ID"]


def credential():
    return ClientSecretCredential(
        os.environ["AZURE_TENANT_ID"],
        os.environ["AZURE_CLIENT_ID"],
        os.environ["AZURE_CLIENT_SECRET"],
        authority=URL,
    )


def subscriptions():
    client = SubscriptionClient(credential(), base_url=URL)
    listed = [s.as_dict() for s in client.subscriptions.list()]
    one = client.subscriptions.get(SUBSCRIPTION).as_dict()
    tenants = [t.as_dict() for t in client.tenants.list()]
    try:
        client.subscriptions.get(os.environ["FOREIGN_SUBSCRIPTION_ID"])
        foreign = None
    except HttpResponseError as error:
        foreign = {"status": error.status_code, "code": error.error.code}
    return {"list": listed, "get": one, "tenants": tenants, "foreign": foreign}


def providers():
    client = ResourceManagementClient(credential(), SUBSCRIPTION, base_url=URL)
    provider = client.providers.get("Microsoft.ContainerService").as_dict()
    namespaces = [p.namespace for p in client.providers.list()]
    at_tenant = client.providers.get_at_tenant_scope("Microsoft.Storage").as_dict()
    registered = client.providers.register("Microsoft.Storage").as_dict()
    try:
        client.providers.get("Microsoft.Nope")
        unknown = None
    except ResourceNotFoundError as error:
        unknown = {"status": error.status_code, "code": error.error.code}
    return {"get": provider, "namespaces": namespaces, "atTenant": at_tenant,
            "registered": registered, "unknown": unknown}


def delete_missing_group():
    client = ResourceManagementClient(credential(), SUBSCRIPTION, base_url=URL)
    try:
        client.resource_groups.begin_delete("nope").result()
    except ResourceNotFoundError as error:
        return {"error": type(error).__name__, "status": error.status_code,
                "code": error.error.code if error.error else None}
    except HttpResponseError as error:
        return {"error": type(error).__name__, "status": error.status_code}
    return {"error": None}


CHECKS = {
    "subscriptions": subscriptions,
    "providers": providers,
    "delete-missing-group": delete_missing_group,
}

if __name__ == "__main__":
    print(json.dumps(CHECKS[sys.argv[1]](), default=str))
