"""The menu and the landing page's task list, gathered from every module.

Each MigraLocal app may have a `navigation` module with an `ENTRIES` list; an entry is shown to
whoever holds its permission, so the menu follows the same rules as the pages it points to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from importlib import import_module

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from migralocal.core.models import Actor
from migralocal.core.modules import modules_providing


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    permission: str | None = None
    description: str | Promise = ""
    in_menu: bool = True
    order: int = 100
    # Something waiting for the user there, counted cheaply (one query) and shown beside the label.
    counter: Callable[[Actor], int] | None = None
    count: int = 0

    def url(self) -> str:
        return reverse(self.url_name)

    def allows(self, user: Actor) -> bool:
        return self.permission is None or user.has_perm(self.permission)


ENTRIES = [
    NavEntry(_("Home"), "core:home", order=0),
    NavEntry(
        _("Organisations"),
        "core:organisation_list",
        description=_("Browse the organisations and municipalities taking part."),
        order=90,
    ),
    NavEntry(
        _("My page"),
        "core:landing",
        "core.view_landing",
        order=1,
    ),
    NavEntry(
        _("My organisations"),
        "core:my_organisations",
        "core.keep_own_organisation",
        _("Keep your organisation's public profile current, in both languages."),
        order=10,
    ),
    NavEntry(
        _("Programme countries"),
        "core:programme_organisations",
        "core.browse_programme_countries",
        _("See every organisation in the countries you cover, public or not."),
        order=20,
    ),
    NavEntry(
        _("Content translations"),
        "core:translation_coverage",
        "core.view_translation_coverage",
        _(
            "See how much content is translated into each language and send what is missing "
            "to translators."
        ),
        order=190,
    ),
    NavEntry(
        _("Administration"),
        "admin:index",
        "core.access_admin",
        _("Manage countries, organisations, users, roles, taxonomies and translations."),
        order=200,
    ),
    NavEntry(
        _("API access"),
        "core:api_token",
        "core.view_landing",
        _("Create a personal token to read the platform's data from your own tools."),
        in_menu=False,
        order=310,
    ),
    NavEntry(
        _("Account security"),
        "mfa_index",
        "core.view_landing",
        _("Turn on two-factor authentication and keep recovery codes."),
        in_menu=False,
        order=300,
    ),
]


@cache
def all_entries() -> tuple[NavEntry, ...]:
    entries: list[NavEntry] = []
    for _config, module_name in modules_providing("navigation"):
        entries.extend(import_module(module_name).ENTRIES)
    return tuple(sorted(entries, key=lambda entry: entry.order))


def entries_for(user: Actor) -> list[NavEntry]:
    return [entry for entry in all_entries() if entry.allows(user)]


def menu_for(user: Actor) -> list[NavEntry]:
    return [
        replace(entry, count=entry.counter(user)) if entry.counter else entry
        for entry in entries_for(user)
        if entry.in_menu
    ]


def tasks_for(user: Actor) -> list[NavEntry]:
    """What the landing page offers: every permitted entry that says what it is for."""
    return [entry for entry in entries_for(user) if entry.description]


@dataclass(frozen=True)
class StepDetail:
    """One line under a next step (a section still incomplete, a referral due), perhaps with a
    link of its own."""

    text: str
    url: str = ""


@dataclass(frozen=True)
class NextStep:
    """Something a person should do next, shown first on their page: what it is, what is
    missing, and a link that takes them there."""

    title: str
    url: str
    link_label: str
    details: tuple[StepDetail, ...] = ()
    order: int = 100


def next_steps_for(user: Actor) -> list[NextStep]:
    """Each module's `next_steps.next_steps(user)`, gathered: a module says what its own roles
    should do next, so core knows no module's rules."""
    steps: list[NextStep] = []
    for _config, module_name in modules_providing("next_steps"):
        steps.extend(import_module(module_name).next_steps(user))
    return sorted(steps, key=lambda step: step.order)
