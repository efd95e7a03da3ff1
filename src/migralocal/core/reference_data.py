"""The reference data MigraLocal ships (taxonomies, questionnaires), loaded again from its files.

The data migrations load it once, from the YAML files of each app's `data/` folder
(docs/data-files.md). After such a file changes — a new language, a corrected label, a new term —
the same loaders bring the change into an existing database: they add and update, never delete.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations.special import RunPython

Loader = Callable[[Any, Any], None]


def reference_data_loaders() -> list[Loader]:
    """The loaders of MigraLocal's data migrations, in migration order."""
    graph = MigrationLoader(connection, ignore_no_migrations=True).graph
    loaders: list[Loader] = []
    for leaf in graph.leaf_nodes():
        for key in graph.forwards_plan(leaf):
            for operation in graph.nodes[key].operations:
                if isinstance(operation, RunPython) and _is_reference_loader(operation.code):
                    loaders.append(operation.code)
    return list(dict.fromkeys(loaders))


def _is_reference_loader(code: Loader) -> bool:
    # Loaders of reference data live in the apps' code, where this command can run them again;
    # a one-off data migration (hashing tokens, encrypting secrets) is written in its migration.
    module = code.__module__
    return module.startswith("migralocal.") and ".migrations." not in module


@transaction.atomic
def reference_data_reload() -> list[Loader]:
    """Run every loader again with the current models; returns the loaders run."""
    loaders = reference_data_loaders()
    for load in loaders:
        load(apps, None)
    return loaders
