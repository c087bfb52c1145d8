"""What the identity card's Azure fixes do, through Debian's Azure SDKs for Python: a Key Vault
access policy added the way `az keyvault set-policy` adds it (read the vault, send it back
with the policy), and a private DNS zone linked to a virtual network.

Usage: card_fixes_sdk.py <check>; prints one JSON object. Reads AZURE_TENANT_ID,
AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_SUBSCRIPTION_ID and SANDBOX_URL, and per check:
vault-policy: VAULT_RESOURCE_GROUP, VAULT_NAME, OBJECT_ID; dns-link: ZONE_RESOURCE_GROUP,
ZONE_NAME, LINK_NAME, VNET_ID.
"""
import json
import os
import sys

from azure.identity import ClientSecretCredential
from azure.mgmt.keyvault import KeyVaultManagementClient
from azure.mgmt.keyvault.models import (
    AccessPolicyEntry,
    Permissions,
    VaultCreateOrUpdateParameters,
)
from azure.mgmt.privatedns import PrivateDnsManagementClient
from azure.mgmt.privatedns.models import SubResource, VirtualNetworkLink

URL = os.environ["SANDBOX_URL"]
SUBSCRIPTION = os.environ["AZURE_SUBSCRIPTION_ID"]


def credential():
    return ClientSecretCredential(
        os.environ["AZURE_TENANT_ID"],
        os.environ["AZURE_CLIENT_ID"],
        os.environ["AZURE_CLIENT_SECRET"],
        authority=URL,
    )


def vault_policy():
    client = KeyVaultManagementClient(credential(), SUBSCRIPTION, base_url=URL)
    group, name = os.environ["VAULT_RESOURCE_GROUP"], os.environ["VAULT_NAME"]
    vault = client.vaults.get(group, name)
    vault.properties.access_policies.append(
        AccessPolicyEntry(
            tenant_id=vault.properties.tenant_id,
            object_id=os.environ["OBJECT_ID"],
            permissions=Permissions(secrets=["get", "list"]),
        )
    )
    # What azure-cli's set_policy sends: the vault as read, with one more policy.
    written = client.vaults.begin_create_or_update(
        group,
        name,
        VaultCreateOrUpdateParameters(
            location=vault.location, tags=vault.tags, properties=vault.properties
        ),
    ).result()
    again = client.vaults.get(group, name)
    return {
        "sku": vault.properties.sku.as_dict(),
        "written": [p.as_dict() for p in written.properties.access_policies],
        "read": [p.as_dict() for p in again.properties.access_policies],
        "rbac": again.properties.enable_rbac_authorization,
    }


def dns_link():
    client = PrivateDnsManagementClient(credential(), SUBSCRIPTION, base_url=URL)
    group, zone = os.environ["ZONE_RESOURCE_GROUP"], os.environ["ZONE_NAME"]
    link = client.virtual_network_links.begin_create_or_update(
        group,
        zone,
        os.environ["LINK_NAME"],
        VirtualNetworkLink(
            location="global",
            virtual_network=SubResource(id=os.environ["VNET_ID"]),
            registration_enabled=False,
        ),
        if_none_match="*",
    ).result()
    listed = client.virtual_network_links.list(group, zone)
    return {
        "created": {
            "name": link.name,
            "vnet": link.virtual_network.id,
            "registrationEnabled": link.registration_enabled,
            "provisioningState": link.provisioning_state,
        },
        "listed": sorted(
            [item.name, item.virtual_network.id] for item in listed
        ),
    }


CHECKS = {"vault-policy": vault_policy, "dns-link": dns_link}

if __name__ == "__main__":
    print(json.dumps(CHECKS[sys.argv[1]]()))
