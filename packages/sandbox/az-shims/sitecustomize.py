"""Sandbox-only client-side fixes for Debian's az 2.45 and Python SDKs.

Python imports this module at start because `source .sandbox/az.env` puts this folder on
PYTHONPATH. It loads every module of shims/ in name order (a name starting with `_` is a
helper, not a fix), then the sitecustomize this one shadows (Debian's), so nothing else
changes. Each shim says what it works around and why; against real Azure none is needed,
and a shell without az.env never loads them.
"""
import importlib
import importlib.machinery
import importlib.util
import os
import sys
import types

_HERE = os.path.dirname(os.path.abspath(__file__))
_PACKAGE = "sandbox_az_shims"


def _load_shims():
    folder = os.path.join(_HERE, "shims")
    package = types.ModuleType(_PACKAGE)
    package.__path__ = [folder]
    sys.modules[_PACKAGE] = package
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".py") or name.startswith("_"):
            continue
        try:
            importlib.import_module("%s.%s" % (_PACKAGE, name[:-3]))
        except Exception as error:  # a broken shim must not break every Python program
            sys.stderr.write("sandbox az shim %s not loaded: %s\n" % (name, error))


def _chain_shadowed_sitecustomize():
    others = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", others)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception:
        pass


_load_shims()
_chain_shadowed_sitecustomize()
