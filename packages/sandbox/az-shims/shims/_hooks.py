"""Runs a patch right after a module is imported, so a shim costs nothing to programs that
never import what it fixes (every Python program of a shell that sourced az.env loads the
shims)."""
import importlib.abc
import sys

_pending = {}


def when_imported(module_name, patch):
    """Calls `patch(module)` once `module_name` is imported (now, if it already is)."""
    module = sys.modules.get(module_name)
    if module is not None:
        patch(module)
        return
    _pending.setdefault(module_name, []).append(patch)
    if not any(isinstance(f, _PatchingFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _PatchingFinder())


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, loader, name):
        self._loader = loader
        self._name = name

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        for patch in _pending.pop(self._name, []):
            patch(module)

    def __getattr__(self, attribute):
        # get_data, get_resource_reader, is_package…: whatever the real loader offers.
        return getattr(self._loader, attribute)


class _PatchingFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if fullname not in _pending:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _PatchingLoader(spec.loader, fullname)
                return spec
        return None
