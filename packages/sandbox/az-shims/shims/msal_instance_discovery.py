"""MSAL instance discovery against the sandbox instead of login.microsoftonline.com.

MSAL Python 1.21 (Debian's az 2.45) validates an authority that is not a Microsoft host by
asking https://login.microsoftonline.com/common/discovery/instance about it. That host cannot
know the sandbox and is not reachable offline, so `az login` fails before it sends the
credential. az 2.45 has no switch to turn the check off: `az config set
core.instance_discovery=false` came later (Azure/azure-cli#26433, added by
Azure/azure-cli#27494). The sandbox serves the same endpoint itself, so for the sandbox's
authority (SANDBOX_AZURE_AUTHORITY, set by az.env) MSAL asks the sandbox; every other
authority keeps MSAL's own behaviour. Real Azure needs none of this.

MSAL asks in two places: when it builds the authority (Authority.__init__, which takes the
endpoint as `instance_discovery`), and for the authority's aliases before a silent token
lookup (ClientApplication._get_instance_metadata, whose URL is fixed; azure-identity's
credentials go through it).
"""
import json
import os
from urllib.parse import urlparse

from sandbox_az_shims._hooks import when_imported


def _host_and_port(url):
    parsed = urlparse(url)
    return (parsed.hostname or "").lower(), parsed.port or 443


def _patch(authority_module):
    sandbox = os.environ.get("SANDBOX_AZURE_AUTHORITY", "").rstrip("/")
    if not sandbox:
        return
    original = authority_module.Authority.__init__
    sandbox_host = _host_and_port(sandbox)

    def __init__(self, authority_url, http_client, validate_authority=True,
                 instance_discovery=None, **kwargs):
        if instance_discovery in (None, True) and \
                _host_and_port(str(authority_url)) == sandbox_host:
            instance_discovery = sandbox + "/common/discovery/instance"
        original(self, authority_url, http_client,
                 validate_authority=validate_authority,
                 instance_discovery=instance_discovery, **kwargs)

    authority_module.Authority.__init__ = __init__


def _patch_application(application_module):
    sandbox = os.environ.get("SANDBOX_AZURE_AUTHORITY", "").rstrip("/")
    if not sandbox:
        return
    client_application = application_module.ClientApplication
    original = client_application._get_instance_metadata
    sandbox_host = _host_and_port(sandbox)

    def _get_instance_metadata(self):
        if _host_and_port(self.authority.token_endpoint) != sandbox_host:
            return original(self)
        resp = self.http_client.get(
            sandbox + "/common/discovery/instance",
            params={"api-version": "1.1",
                    "authorization_endpoint": self.authority.authorization_endpoint},
            headers={"Accept": "application/json"})
        resp.raise_for_status()
        return json.loads(resp.text)["metadata"]

    client_application._get_instance_metadata = _get_instance_metadata


when_imported("msal.authority", _patch)
when_imported("msal.application", _patch_application)
