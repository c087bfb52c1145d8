"""Drives the sandbox's managed clusters with Debian's azure-mgmt-containerservice (2022-11-01).

Run with /usr/bin/python3. Reads TWIN_URL, TENANT_ID, CLIENT_ID, CLIENT_SECRET and
SUBSCRIPTION_ID from the environment (REQUESTS_CA_BUNDLE trusts the sandbox CA), and
KUBECONFIG_DIR, where it writes the kubeconfigs it gets. Prints what it saw as JSON.
"""

import json
import os

from azure.core.exceptions import HttpResponseError
from azure.identity import ClientSecretCredential
from azure.mgmt.containerservice import ContainerServiceClient

TWIN_URL = os.environ["TWIN_URL"]


def client():
    credential = ClientSecretCredential(
        os.environ["TENANT_ID"],
        os.environ["CLIENT_ID"],
        os.environ["CLIENT_SECRET"],
        authority=TWIN_URL,
        instance_discovery=False,
    )
    return ContainerServiceClient(
        credential,
        os.environ["SUBSCRIPTION_ID"],
        base_url=TWIN_URL,
        credential_scopes=[TWIN_URL + "/.default"],
    )


def save(name, result):
    credential = result.kubeconfigs[0]
    path = os.path.join(os.environ["KUBECONFIG_DIR"], name)
    with open(path, "wb") as f:
        f.write(credential.value)
    return {"name": credential.name, "path": path}


def main():
    aks = client()
    cluster = aks.managed_clusters.get("rg-aks", "aks-prod")
    try:
        aks.managed_clusters.list_cluster_user_credentials("rg-aks", "aks-none")
        missing = None
    except HttpResponseError as e:
        missing = {"status": e.status_code, "code": e.error.code if e.error else None}
    print(json.dumps({
        "issuerUrl": cluster.oidc_issuer_profile.issuer_url,
        "servicePrincipalClientId": cluster.service_principal_profile.client_id,
        "subnets": [p.vnet_subnet_id for p in cluster.agent_pool_profiles],
        "aadManaged": cluster.aad_profile.managed,
        "nodeResourceGroup": cluster.node_resource_group,
        "user": save("user", aks.managed_clusters.list_cluster_user_credentials("rg-aks", "aks-prod")),
        "admin": save("admin", aks.managed_clusters.list_cluster_admin_credentials("rg-aks", "aks-prod")),
        "missing": missing,
    }))


main()
