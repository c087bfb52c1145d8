"""Names under `localhost` resolve to the loopback address, as RFC 6761 asks.

RFC 6761, section 6.3, reserves `localhost` and every name under it for the loopback address: "Name
resolution APIs and libraries SHOULD recognize localhost names as special and SHOULD always
return the IP loopback address". glibc answers only for the names /etc/hosts lists unless
nss-myhostname is configured, which Debian's default /etc/nsswitch.conf does not do, so
`kv-orders.vault.localhost` fails with "Name or service not known". The sandbox serves each Key
Vault at such a name, `https://<vault>.vault.localhost:8443`, because Key Vault's clients
expect a host per vault (see packages/sandbox/src/azure/dataplane/vaultHosts.ts). This shim
resolves names under `localhost` as `localhost` itself, in the Python programs of a shell that
sourced az.env (az and the Python SDKs). Every other name resolves as before. Real Azure needs
none of this.
"""
import os
import socket

_original = socket.getaddrinfo


def _is_under_localhost(host):
    if isinstance(host, bytes):
        host = host.decode("ascii", "ignore")
    return isinstance(host, str) and host.lower().rstrip(".").endswith(".localhost")


def getaddrinfo(host, *args, **kwargs):
    if _is_under_localhost(host):
        host = "localhost"
    return _original(host, *args, **kwargs)


if os.environ.get("SANDBOX_AZURE_AUTHORITY"):
    socket.getaddrinfo = getaddrinfo
