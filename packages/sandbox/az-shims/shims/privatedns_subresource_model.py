"""The `SubResource` model `az network private-dns link vnet create/update` builds
`--virtual-network` with, when Debian's network SDK lacks the api-version az asks for.

az 2.45's private-dns module looks the model up in azure-mgmt-network at the network profile's
api-version, 2022-01-01. Debian ships azure-mgmt-network 23.0.0b1, which has no v2022_01_01
folder, so the lookup answers None and the command fails with "'NoneType' object is not
callable" before it sends a request (the module Azure/azure-cli#26830 reports missing from
Debian's az; the profile's api-version is in azure/cli/core/profiles/_shared.py). The
private DNS SDK az sends the link with has a `SubResource` of its own, the very type its
`VirtualNetworkLink.virtual_network` serialises, so this shim hands the validator that one
when the network SDK has none. It only runs when the private-dns validators are imported.
Real Azure needs the same fix with this az and SDK pair; the sandbox only brings it along so
the identity card's private DNS fix runs for its users.
"""
from sandbox_az_shims._hooks import when_imported


class _WithPrivateDnsModels:
    """The command, except that a model the network SDK cannot give comes from private DNS's."""

    def __init__(self, cmd):
        self._cmd = cmd

    def get_models(self, *names, **kwargs):
        found = self._cmd.get_models(*names, **kwargs)
        if names == ("SubResource",) and found is None:
            from azure.mgmt.privatedns.models import SubResource

            return SubResource
        return found

    def __getattr__(self, attribute):
        return getattr(self._cmd, attribute)


def _patch(module):
    original = module.get_vnet_validator

    def get_vnet_validator(cmd, namespace):
        return original(_WithPrivateDnsModels(cmd), namespace)

    module.get_vnet_validator = get_vnet_validator


when_imported("azure.cli.command_modules.privatedns._validators", _patch)
