"""Turns workload identity off and on again on the sandbox's aks-prod with Debian's
azure-mgmt-containerservice, the GET-then-PUT `az aks update --enable-workload-identity` does
from az 2.47 on (Azure/azure-cli#25966).

az 2.45's api-version, 2022-11-01, has no `securityProfile.workloadIdentity` in its models, so
this uses 2022-11-02-preview, the version that has it in Debian's SDK. Run with
/usr/bin/python3; reads TWIN_URL, TENANT_ID, CLIENT_ID, CLIENT_SECRET and SUBSCRIPTION_ID from
the environment (REQUESTS_CA_BUNDLE trusts the sandbox CA). Prints what it saw as JSON.
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
        api_version="2022-11-02-preview",
    )


def set_workload_identity(aks, enabled):
    cluster = aks.managed_clusters.get("rg-aks", "aks-prod")
    cluster.security_profile.workload_identity.enabled = enabled
    done = aks.managed_clusters.begin_create_or_update("rg-aks", "aks-prod", cluster).result()
    shown = aks.managed_clusters.get("rg-aks", "aks-prod")
    return {
        "answered": done.security_profile.workload_identity.enabled,
        "shown": shown.security_profile.workload_identity.enabled,
        "state": shown.provisioning_state,
    }


def refused(call):
    try:
        call()
    except HttpResponseError as e:
        return {"status": e.status_code, "code": e.error.code, "message": e.error.message}
    return None


def main():
    aks = client()
    off = set_workload_identity(aks, False)
    on = set_workload_identity(aks, True)

    def disable_oidc():
        cluster = aks.managed_clusters.get("rg-aks", "aks-prod")
        cluster.oidc_issuer_profile.enabled = False
        aks.managed_clusters.begin_create_or_update("rg-aks", "aks-prod", cluster).result()

    def create_new():
        cluster = aks.managed_clusters.get("rg-aks", "aks-prod")
        aks.managed_clusters.begin_create_or_update("rg-aks", "aks-new", cluster).result()

    print(json.dumps({
        "off": off,
        "on": on,
        "disableOidc": refused(disable_oidc),
        "create": refused(create_new),
        "issuerUrl": aks.managed_clusters.get("rg-aks", "aks-prod").oidc_issuer_profile.issuer_url,
    }))


if __name__ == "__main__":
    main()
