"""Find what each MigraLocal module contributes (pages, menu entries, demo data) by convention."""

from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig, apps
from django.http import HttpRequest
from django.utils.safestring import SafeString


def modules_providing(submodule: str) -> Iterator[tuple[AppConfig, str]]:
    """Each MigraLocal app that has `<app>.<submodule>`, with that module's dotted name."""
    for config in apps.get_app_configs():
        if not config.name.startswith("migralocal."):
            continue
        module_name = f"{config.name}.{submodule}"
        if find_spec(module_name) is not None:
            yield config, module_name


def home_panels(request: HttpRequest) -> list[SafeString]:
    """What each module puts at the top of the home page (`<app>.home.panel(request)`): the
    directory's need buttons, so that a migrant starts a search with the first tap."""
    return [import_module(name).panel(request) for _config, name in modules_providing("home")]
