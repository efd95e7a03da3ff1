"""Following by e-mail: what may be followed, declared by each module.

A module that has things worth following says so in `<app>/follow_targets.py`:

    TARGETS: dict[str, FollowTarget]   # by kind, such as "commitment" or "event_series"

Each target turns what a visitor's form sent into the key it is kept under (`normalise`: a
primary key, or a filtered list's query string in one canonical order), names what a key stands
for (`describe`), and, when the module announces news (`follow_services.followers_announce`),
says which keys the news concerns (`affected_keys`) and what to tell their followers (`news`),
in the active language. Core imports no module: the targets are found by convention, as pages
and personal-data hooks are (`core/modules.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Protocol

from migralocal.core.modules import modules_providing


@dataclass(frozen=True)
class Described:
    """What a follow stands for, in the active language: a title and the page's path."""

    title: str
    path: str


@dataclass(frozen=True)
class News:
    """What followers are told, in the active language."""

    subject: str
    text: str
    path: str


class FollowTarget(Protocol):
    def normalise(self, raw_key: str) -> str | None: ...

    def describe(self, key: str) -> Described | None: ...

    def affected_keys(self, news: str, object_id: int, keys: set[str]) -> set[str]: ...

    def news(self, news: str, object_id: int) -> News | None: ...


@cache
def targets() -> dict[str, FollowTarget]:
    found: dict[str, FollowTarget] = {}
    for _config, module_name in modules_providing("follow_targets"):
        found.update(import_module(module_name).TARGETS)
    return found


def target(kind: str) -> FollowTarget | None:
    return targets().get(kind)
