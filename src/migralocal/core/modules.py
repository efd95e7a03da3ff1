"""Find what each MigraLocal module contributes (pages, menu entries, demo data) by convention."""

from collections.abc import Iterator
from importlib.util import find_spec

from django.apps import AppConfig, apps


def modules_providing(submodule: str) -> Iterator[tuple[AppConfig, str]]:
    """Each MigraLocal app that has `<app>.<submodule>`, with that module's dotted name."""
    for config in apps.get_app_configs():
        if not config.name.startswith("migralocal."):
            continue
        module_name = f"{config.name}.{submodule}"
        if find_spec(module_name) is not None:
            yield config, module_name
