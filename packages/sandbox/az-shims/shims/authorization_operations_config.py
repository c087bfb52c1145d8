"""`config` on azure-mgmt-authorization's operation groups, as az 2.45's role module reads it.

Debian's az 2.45 role commands (`az role assignment create/list/delete`, `az role definition
list`) read `client.config.subscription_id` from the operation groups of
azure-mgmt-authorization, as its 0.61 release had them. Debian ships azure-mgmt-authorization
3.0.0, whose operation groups keep the configuration as `_config`, so every one of these
commands fails with "AttributeError: 'RoleDefinitionsOperations' object has no attribute
'config'" before it sends a request (Azure/azure-cli#24959; az 2.46 reads `_config` itself).
This shim gives each operation group a read-only `config` that returns its `_config`. It only
runs when an authorization operations module is imported. Real Azure needs the same fix with
this az and SDK pair; the sandbox only brings it along so its users are not stopped by it.
"""
import os
import sys

from sandbox_az_shims._hooks import when_imported

_PACKAGE = "azure.mgmt.authorization"


def _add_config(module):
    for value in list(vars(module).values()):
        if (
            isinstance(value, type)
            and value.__name__.endswith("Operations")
            and not hasattr(value, "config")
        ):
            value.config = property(lambda self: self._config)


def _api_versions():
    """The `vXXXX_XX_XX…` folders of the installed SDK, found without importing it."""
    found = set()
    for entry in sys.path:
        folder = os.path.join(entry or os.curdir, *_PACKAGE.split("."))
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        found.update(n for n in names if n.startswith("v20"))
    return sorted(found)


for _version in _api_versions():
    when_imported("%s.%s.operations" % (_PACKAGE, _version), _add_config)
